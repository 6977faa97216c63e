// L rules: list-based screening. The screening (candidates, adjudications, thresholds) is computed
// once per appraisal; each rule here reads the hits it is responsible for.
import type { RuleContext, RuleDefinition, RuleHit } from '../../model/rule';
import { TOPIC } from '../../model/reference';
import type { ScreeningHit } from '../../screening/screening-result';
import {
  confirmedOutcome,
  DENIED_PARTY_BASIS,
  describeSubject,
  hitEvidence,
  isDeniedParty,
  listRulesFor,
  lowered,
  pendingOutcome,
  SANCTIONS_BASIS,
  statusPhrase,
  type DirectListRule,
  type ListOutcome,
} from './list-outcomes';

const ACTIVE = new Set(['confirmed', 'pending', 'reopened']);

/** Hits that count as a (candidate) match for the list rules: weak-alias-only goes to RS-L-009. */
function matchedHits(context: RuleContext): ScreeningHit[] {
  return context.screening.hits.filter(
    (h) => ACTIVE.has(h.status) && !(h.weakAliasOnly && h.status !== 'confirmed'),
  );
}

function outcomeHit(hit: ScreeningHit, outcome: ListOutcome, explanation: string, extra: Record<string, string> = {}): RuleHit {
  return {
    subject: hit.subject.pointer,
    severity: outcome.severity,
    effect: outcome.effect,
    evidence: { ...hitEvidence(hit), ...extra },
    explanation,
    mitigations: outcome.mitigations,
    ...(outcome.counterparty !== undefined ? { counterparty: outcome.counterparty } : {}),
  };
}

interface DirectRuleText {
  readonly confirmed: (hit: ScreeningHit) => string;
  readonly pending: string;
}

function directListRule(
  id: Exclude<DirectListRule, 'RS-L-008'>,
  title: string,
  dimension: RuleDefinition['dimension'],
  text: DirectRuleText,
  basis?: string,
): RuleDefinition {
  return {
    id,
    version: 1,
    title,
    pack: 'ALL',
    phase: 'counterparty',
    dimension,
    confidence: 'V',
    ...(basis !== undefined ? { basis } : {}),
    evaluate(context) {
      return matchedHits(context)
        .filter((h) => h.subject.role !== 'owner' && listRulesFor(h.candidate, h.subject).includes(id))
        .map((h) => {
          const confirmed = h.status === 'confirmed';
          const lead = `${describeSubject(h.subject)} ${statusPhrase(h)} "${h.candidate.matchedName}" on list ${h.candidate.listId} (version ${h.candidate.listVersion}).`;
          return outcomeHit(
            h,
            confirmed ? confirmedOutcome(id, h.candidate) : pendingOutcome(id),
            `${lead} ${confirmed ? text.confirmed(h) : text.pending}`,
          );
        });
    },
  };
}

const ADJUDICATE = 'Adjudicate the candidate: confirm it or record it as a false positive with a reason.';

export const L001_SANCTIONS = directListRule(
  'RS-L-001',
  'Sanctions screening of counterparties and named persons',
  'legal',
  {
    confirmed: () =>
      'A confirmed sanctions designation: the case cannot proceed and goes to legal / sanctions compliance.',
    pending: `${ADJUDICATE} Sanctions candidates are reviewed before anything else.`,
  },
  SANCTIONS_BASIS,
);

export const L002_EXPORT_CONTROL_PARTIES = directListRule(
  'RS-L-002',
  'Export-control restricted parties',
  'legal',
  {
    confirmed: (h) =>
      isDeniedParty(h.candidate)
        ? 'The party is denied or debarred: the law forbids the transaction. Refer to the export-control officer and legal.'
        : 'A restricted party: the export-control officer must determine whether a licence is required before any transfer.',
    pending: `${ADJUDICATE} The export-control officer adjudicates restricted-party candidates.`,
  },
  DENIED_PARTY_BASIS,
);

export const L003_RESEARCH_SECURITY_LIST = directListRule(
  'RS-L-003',
  'Research-security eligibility lists (e.g. named research organisations)',
  'knowledge_transfer',
  {
    confirmed: () =>
      'The organisation is on a research-security list: treat it as a high-risk counterparty, agree access controls and contractual safeguards, and check pack eligibility rules.',
    pending: ADJUDICATE,
  },
);

export const L004_DEFENCE_LINKED = directListRule(
  'RS-L-004',
  'Defence-linked institution lists and advisory ratings',
  'knowledge_transfer',
  {
    confirmed: (h) =>
      h.candidate.rating !== undefined
        ? `The organisation carries an advisory rating of "${h.candidate.rating}" for defence links; size the safeguards to that rating.`
        : 'The organisation is listed as defence-linked: a mitigation plan (results-sharing reports, enhanced monitoring) is required.',
    pending: ADJUDICATE,
  },
);

export const L005_DEBARMENT = directListRule(
  'RS-L-005',
  'Debarment, exclusion and integrity lists',
  'legal',
  {
    confirmed: () => 'The organisation is debarred or excluded: review whether the engagement is permissible and monitor it.',
    pending: ADJUDICATE,
  },
);

const TOPIC_SIGNALS: ReadonlyMap<string, string> = new Map([
  [TOPIC.mil, 'RS-P-002'],
  [TOPIC.govSecurity, 'RS-P-002'],
  [TOPIC.govSoe, 'RS-P-003'],
  [TOPIC.regAction, 'RS-P-006'],
]);

export function signalRulesFor(topics: readonly string[]): string[] {
  const signals = new Set<string>();
  for (const topic of topics) {
    const mapped = TOPIC_SIGNALS.get(topic) ?? (topic.startsWith('crime') ? 'RS-P-006' : undefined);
    if (mapped !== undefined) signals.add(mapped);
  }
  return [...signals].sort();
}

export const L006_TOPIC_MAPPING: RuleDefinition = {
  id: 'RS-L-006',
  version: 1,
  title: 'Topic mapping of matched entities',
  pack: 'ALL',
  phase: 'counterparty',
  dimension: 'legal',
  confidence: 'V',
  evaluate(context) {
    const hits: RuleHit[] = [];
    for (const h of matchedHits(context)) {
      const signals = signalRulesFor(h.candidate.topics);
      const poi = h.candidate.topics.includes(TOPIC.poi);
      if (signals.length === 0 && !poi) continue;
      const parts: string[] = [];
      if (signals.length > 0) {
        parts.push(
          h.status === 'confirmed'
            ? `Its topics feed the partner checks ${signals.join(', ')}.`
            : `Its topics would feed ${signals.join(', ')} once the match is confirmed.`,
        );
      }
      if (poi) parts.push('The entry is a person or organisation of interest: review the context of the listing.');
      hits.push({
        subject: h.subject.pointer,
        severity: poi ? 'S1' : 'S0',
        effect: poi ? 'review' : 'none',
        evidence: { ...hitEvidence(h), signals },
        explanation: `${describeSubject(h.subject)} ${statusPhrase(h)} "${h.candidate.matchedName}" (topics: ${h.candidate.topics.join(', ')}). ${parts.join(' ')}`,
        mitigations: [],
      });
    }
    return hits;
  },
};

export const L007_REVIEW_BAND: RuleDefinition = {
  id: 'RS-L-007',
  version: 1,
  title: 'Match-threshold policy (review band)',
  pack: 'ALL',
  phase: 'counterparty',
  dimension: 'legal',
  confidence: 'V',
  evaluate(context) {
    return context.screening.hits
      .filter((h) => h.status === 'review_band' && !h.weakAliasOnly)
      .map((h) => ({
        subject: h.subject.pointer,
        severity: 'S1',
        effect: 'review',
        evidence: { ...hitEvidence(h), candidateThreshold: context.thresholds.matchCandidate, reviewBandLower: context.thresholds.reviewBandLower },
        explanation: `${describeSubject(h.subject)} resembles "${h.candidate.matchedName}" on list ${h.candidate.listId} with score ${h.candidate.score}, below the candidate threshold ${context.thresholds.matchCandidate} but within the review band used for sensitive research. Check whether it is the same organisation.`,
        mitigations: [],
      }));
  },
};

export const L008_OWNERSHIP: RuleDefinition = {
  id: 'RS-L-008',
  version: 1,
  title: 'Ownership and control look-through',
  pack: 'ALL',
  phase: 'counterparty',
  dimension: 'legal',
  confidence: 'V',
  // Control of a sanctioned owner (e.g. the 50 % rule) extends the designation to the partner.
  basis: SANCTIONS_BASIS,
  evaluate(context) {
    const hits: RuleHit[] = [];
    for (const h of matchedHits(context)) {
      const rules = listRulesFor(h.candidate, h.subject);
      const confirmed = h.status === 'confirmed';
      if (h.subject.role === 'owner') {
        const control = h.subject.ownership?.control === true;
        for (const inherited of rules.filter((r) => r !== 'RS-L-008')) {
          const base = confirmed ? confirmedOutcome(inherited, h.candidate) : pendingOutcome('RS-L-008');
          const outcome = confirmed && !control ? lowered(base) : base;
          hits.push(
            outcomeHit(
              h,
              outcome,
              `${describeSubject(h.subject)} ${statusPhrase(h)} "${h.candidate.matchedName}" on list ${h.candidate.listId}. ` +
                (confirmed
                  ? control
                    ? `Control is recorded, so the partner inherits the ${inherited} finding in full.`
                    : `The partner inherits the ${inherited} finding one level lower because control is not proven; establish who controls the partner.`
                  : ADJUDICATE),
              { inheritedRule: inherited, partner: h.subject.ownership?.partnerPointer ?? '' },
            ),
          );
        }
      } else if (rules.includes('RS-L-008')) {
        hits.push(
          outcomeHit(
            h,
            confirmed ? confirmedOutcome('RS-L-008', h.candidate) : pendingOutcome('RS-L-008'),
            `${describeSubject(h.subject)} ${statusPhrase(h)} "${h.candidate.matchedName}", listed as owned or controlled by a sanctioned party. ` +
              (confirmed ? 'Refer to legal to establish ownership and control.' : ADJUDICATE),
            { inheritedRule: 'RS-L-001' },
          ),
        );
      }
    }
    return hits;
  },
};

export const L009_WEAK_ALIAS: RuleDefinition = {
  id: 'RS-L-009',
  version: 1,
  title: 'Weak alias matches are never auto-confirmed',
  pack: 'ALL',
  phase: 'counterparty',
  dimension: 'legal',
  confidence: 'V',
  evaluate(context) {
    return context.screening.hits
      .filter((h) => h.weakAliasOnly && (h.status === 'pending' || h.status === 'reopened' || h.status === 'review_band'))
      .map((h) => ({
        subject: h.subject.pointer,
        severity: 'S1',
        effect: 'review',
        evidence: hitEvidence(h),
        explanation: `${describeSubject(h.subject)} matches only a short or acronym alias of "${h.candidate.matchedName}" on list ${h.candidate.listId}. Acronyms are weak evidence and often name a different organisation or a subsidiary: confirm identity before treating it as a hit.`,
        mitigations: [],
      }));
  },
};

export const L010_NEW_HIT: RuleDefinition = {
  id: 'RS-L-010',
  version: 1,
  title: 'Continuous re-screening: new hit since the last screening',
  pack: 'ALL',
  phase: 'counterparty',
  dimension: 'legal',
  confidence: 'V',
  evaluate(context) {
    return context.screening.hits
      .filter((h) => h.newSinceLastScreening)
      .map((h) => ({
        subject: h.subject.pointer,
        severity: 'S2',
        effect: 'review',
        evidence: hitEvidence(h),
        explanation: `${describeSubject(h.subject)} now matches "${h.candidate.matchedName}" on list ${h.candidate.listId} version ${h.candidate.listVersion}, which the previous screening did not find. Review the new hit.`,
        mitigations: [],
      }));
  },
};

export const L011_ADJUDICATION_MEMORY: RuleDefinition = {
  id: 'RS-L-011',
  version: 1,
  title: 'Adjudication memory',
  pack: 'ALL',
  phase: 'counterparty',
  dimension: 'legal',
  confidence: 'V',
  evaluate(context) {
    return context.screening.hits
      .filter((h) => h.status === 'suppressed' || h.status === 'reopened')
      .map((h) =>
        h.status === 'suppressed'
          ? {
              subject: h.subject.pointer,
              severity: 'S0',
              effect: 'none',
              evidence: hitEvidence(h),
              explanation: `${describeSubject(h.subject)} matched "${h.candidate.matchedName}" on list ${h.candidate.listId}, previously adjudicated as a false positive; it stays cleared while the list entry is unchanged.`,
              mitigations: [],
            }
          : {
              subject: h.subject.pointer,
              severity: 'S1',
              effect: 'review',
              evidence: hitEvidence(h),
              explanation: `${describeSubject(h.subject)} was cleared as a false positive for "${h.candidate.matchedName}" on list ${h.candidate.listId}, but the list entry changed since: adjudicate again.`,
              mitigations: [],
            },
      );
  },
};

export const LIST_RULES: readonly RuleDefinition[] = [
  L001_SANCTIONS,
  L002_EXPORT_CONTROL_PARTIES,
  L003_RESEARCH_SECURITY_LIST,
  L004_DEFENCE_LINKED,
  L005_DEBARMENT,
  L006_TOPIC_MAPPING,
  L007_REVIEW_BAND,
  L008_OWNERSHIP,
  L009_WEAK_ALIAS,
  L010_NEW_HIT,
  L011_ADJUDICATION_MEMORY,
];
