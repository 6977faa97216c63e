// RS-F-007: outcome-disparity monitoring. A periodic report of how often cases are routed to
// escalation or refused, by a grouping the caller chooses (partner-organisation region,
// discipline, applicant institution — never a person's origin), with an alert where a group
// stands out. Pure: the caller brings the records, the engine only counts.

export interface OutcomeRecord {
  /** The group the case belongs to, e.g. a partner region `EU`, a discipline `photonics`. */
  readonly group: string;
  readonly route: 'auto_clear' | 'review' | 'escalate' | 'not_eligible';
  /** Final outcome once decided; adverse outcomes are `not_eligible` and `declined`. */
  readonly outcome?: 'proceed' | 'proceed_with_mitigation' | 'not_eligible' | 'declined';
}

export interface DisparityOptions {
  /** A group is compared only from this many cases on (small groups are noise). */
  readonly minCases: number;
  /** Alert when a group's rate reaches this multiple of the rate of all other cases. */
  readonly ratio: number;
}

export const DEFAULT_DISPARITY_OPTIONS: DisparityOptions = { minCases: 20, ratio: 1.5 };

export interface GroupRates {
  readonly group: string;
  readonly cases: number;
  readonly escalationRate: number;
  readonly adverseRate: number;
}

export interface DisparityAlert {
  readonly rule: 'RS-F-007';
  readonly group: string;
  readonly metric: 'escalationRate' | 'adverseRate';
  readonly rate: number;
  /** The same rate over all cases outside the group. */
  readonly othersRate: number;
  readonly explanation: string;
}

export interface DisparityReport {
  readonly cases: number;
  readonly groups: readonly GroupRates[];
  readonly alerts: readonly DisparityAlert[];
}

const escalated = (record: OutcomeRecord): boolean => record.route === 'escalate' || record.route === 'not_eligible';
const adverse = (record: OutcomeRecord): boolean => record.outcome === 'not_eligible' || record.outcome === 'declined';

function rate(records: readonly OutcomeRecord[], test: (record: OutcomeRecord) => boolean): number {
  return records.length === 0 ? 0 : records.filter(test).length / records.length;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

export function outcomeDisparity(records: readonly OutcomeRecord[], options: DisparityOptions = DEFAULT_DISPARITY_OPTIONS): DisparityReport {
  const byGroup = new Map<string, OutcomeRecord[]>();
  for (const record of records) {
    const members = byGroup.get(record.group) ?? [];
    members.push(record);
    byGroup.set(record.group, members);
  }
  const groups = [...byGroup.keys()].sort();
  const alerts: DisparityAlert[] = [];
  const rates: GroupRates[] = groups.map((group) => {
    const members = byGroup.get(group) ?? [];
    const others = records.filter((record) => record.group !== group);
    const result: GroupRates = {
      group,
      cases: members.length,
      escalationRate: round(rate(members, escalated)),
      adverseRate: round(rate(members, adverse)),
    };
    if (members.length >= options.minCases && others.length >= options.minCases) {
      for (const [metric, test] of [
        ['escalationRate', escalated],
        ['adverseRate', adverse],
      ] as const) {
        const own = rate(members, test);
        const rest = rate(others, test);
        if (own > 0 && own >= rest * options.ratio) {
          alerts.push({
            rule: 'RS-F-007',
            group,
            metric,
            rate: round(own),
            othersRate: round(rest),
            explanation:
              `Cases in group "${group}" have a ${metric === 'adverseRate' ? 'refusal' : 'escalation'} rate of ${round(own * 100)} % ` +
              `against ${round(rest * 100)} % for all other cases. Review whether rules or their application treat this group unfairly.`,
          });
        }
      }
    }
    return result;
  });
  return { cases: records.length, groups: rates, alerts };
}
