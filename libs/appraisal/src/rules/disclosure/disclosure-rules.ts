// D rules: disclosure integrity. They set the integrity modifier I (RULES §4.3) and never read
// anything about a person other than role and what the person disclosed.
import type { TalentFeatureKey } from '../../model/case-snapshot';
import type { RuleDefinition, RuleHit } from '../../model/rule';
import { continuedAfter, dayNumber, isOngoing } from '../calendar';
import { personItems, type DisclosedItem } from '../subjects';

const KIND_LABEL: Readonly<Record<DisclosedItem['kind'], string>> = {
  affiliation: 'appointment or position',
  support: 'other support',
  talent_programme: 'talent-programme participation',
};

export const D001_APPOINTMENTS: RuleDefinition = {
  id: 'RS-D-001',
  version: 1,
  title: 'All current appointments and positions are disclosed',
  pack: 'ALL',
  phase: 'integrity',
  dimension: 'integrity',
  confidence: 'V',
  evaluate({ snapshot }) {
    const hits: RuleHit[] = [];
    (snapshot.personnel ?? []).forEach((person, p) => {
      const disclosure = person.disclosure;
      const affiliations = disclosure?.affiliations ?? [];
      if (disclosure !== undefined && affiliations.length > 0) return;
      hits.push({
        subject: `/personnel/${p}`,
        severity: 'S1',
        effect: 'review',
        evidence: {
          personRef: person.ref,
          role: person.role,
          missing: disclosure === undefined ? 'disclosure' : 'affiliations',
          otherDisclosedItems: (disclosure?.supportSources?.length ?? 0) + (disclosure?.talentProgrammes?.length ?? 0),
        },
        explanation:
          disclosure === undefined
            ? `Person ${person.ref} (${person.role}) has not filed a disclosure. Ask for all current appointments and positions, domestic and foreign, paid or unpaid, including adjunct, visiting and honorary ones.`
            : `Person ${person.ref} (${person.role}) lists no appointments or positions at all. Ask them to list every current one, including the home institution, adjunct, visiting and honorary posts.`,
        mitigations: ['MIT-01'],
      });
    });
    return hits;
  },
};

export const D002_CERTIFICATIONS: RuleDefinition = {
  id: 'RS-D-002',
  version: 1,
  title: 'Required certifications are present and current',
  pack: 'ALL',
  phase: 'integrity',
  dimension: 'integrity',
  confidence: 'V',
  evaluate({ snapshot, policy }) {
    const hits: RuleHit[] = [];
    const attestations = snapshot.attestations ?? [];
    (snapshot.personnel ?? []).forEach((person, p) => {
      if (person.disclosure !== undefined && person.disclosure.certifiedAt === undefined) {
        hits.push({
          subject: `/personnel/${p}/disclosure`,
          severity: 'S2',
          effect: 'review',
          evidence: { personRef: person.ref, missing: 'certifiedAt' },
          explanation: `The disclosure of person ${person.ref} is not certified. It must be certified as accurate and complete before the case can be signed off.`,
          mitigations: ['MIT-01'],
        });
      }
    });
    for (const requirement of policy.requiredAttestations) {
      if (requirement.pack !== 'ALL' && !policy.packs.includes(requirement.pack)) continue;
      if (requirement.appliesWhen === 'aims_to_advance_stra' && snapshot.aimsToAdvanceSTRA !== true) continue;
      const matches = (signedBy?: string) =>
        attestations.some(
          (a) =>
            a.type === requirement.type &&
            (requirement.statementVersion === undefined || a.statementVersion === requirement.statementVersion) &&
            (signedBy === undefined || a.signedBy === signedBy),
        );
      const missing = requirement.perPerson
        ? (snapshot.personnel ?? []).map((person, p) => ({ person, p })).filter(({ person }) => !matches(person.ref))
        : matches()
          ? []
          : [undefined];
      for (const entry of missing) {
        hits.push({
          subject: entry === undefined ? '/attestations' : `/personnel/${entry.p}`,
          severity: 'S2',
          effect: 'review',
          evidence: {
            attestationType: requirement.type,
            statementVersion: requirement.statementVersion ?? null,
            pack: requirement.pack,
            ...(entry !== undefined ? { personRef: entry.person.ref } : {}),
          },
          explanation: `The "${requirement.type}" attestation${requirement.statementVersion !== undefined ? ` (statement version ${requirement.statementVersion})` : ''} is missing${entry !== undefined ? ` for person ${entry.person.ref}` : ''}. It is required before submission can be validated.`,
          mitigations: ['MIT-01'],
        });
      }
    }
    return hits;
  },
};

const SUPPORT_FIELDS = ['sponsor', 'start', 'end', 'personMonthsPerYear', 'objectives', 'overlapStatement'] as const;

export const D003_OTHER_SUPPORT: RuleDefinition = {
  id: 'RS-D-003',
  version: 1,
  title: 'Current and pending (other) support is complete',
  pack: 'ALL',
  phase: 'integrity',
  dimension: 'integrity',
  confidence: 'V',
  evaluate({ snapshot, thresholds }) {
    const hits: RuleHit[] = [];
    for (const { person, items } of personItems(snapshot)) {
      for (const entry of items) {
        if (entry.kind !== 'support') continue;
        const source = entry.item;
        const missing: string[] = SUPPORT_FIELDS.filter((field) => source[field] === undefined || source[field] === '');
        if (source.amount === undefined && source.inKind === undefined) missing.push('amount');
        const inKind = source.inKind;
        if (inKind !== undefined) {
          if (inKind.estimatedValue === undefined) missing.push('inKind.estimatedValue');
          else if (inKind.estimatedValue >= thresholds.inKindValue) {
            if (!inKind.description) missing.push('inKind.description');
            if (!inKind.timeCommitment) missing.push('inKind.timeCommitment');
          }
        }
        if (missing.length === 0) continue;
        hits.push({
          subject: entry.pointer,
          severity: 'S1',
          effect: 'review',
          evidence: { personRef: person.ref, missingFields: missing, inKindThreshold: thresholds.inKindValue },
          explanation: `An other-support entry of person ${person.ref} is incomplete (missing: ${missing.join(', ')}). Ask for the sponsor, amount, period, person-months, objectives and overlap statement; in-kind support of ${thresholds.inKindValue} or more must be itemised.`,
          mitigations: ['MIT-01'],
        });
      }
    }
    return hits;
  },
};

export const D004_CAPACITY: RuleDefinition = {
  id: 'RS-D-004',
  version: 1,
  title: 'Capacity: total commitments within 12 person-months a year',
  pack: 'ALL',
  phase: 'integrity',
  dimension: 'integrity',
  confidence: 'V',
  evaluate({ snapshot, thresholds }) {
    const hits: RuleHit[] = [];
    for (const { person, pointer, items } of personItems(snapshot)) {
      let total = 0;
      for (const entry of items) {
        if (entry.kind === 'support' && entry.item.status !== 'pending') total += entry.item.personMonthsPerYear ?? 0;
        if (entry.kind === 'affiliation' && isOngoing(entry.to, snapshot.asOf)) total += entry.item.effortPersonMonthsPerYear ?? 0;
      }
      if (total <= thresholds.maxPersonMonthsPerYear) continue;
      hits.push({
        subject: pointer,
        severity: 'S2',
        effect: 'review',
        evidence: { personRef: person.ref, personMonthsPerYear: total, limit: thresholds.maxPersonMonthsPerYear },
        explanation: `Person ${person.ref} has ${total} person-months a year of current commitments, more than ${thresholds.maxPersonMonthsPerYear}. Ask how the work on this case fits.`,
        mitigations: ['MIT-01'],
      });
    }
    return hits;
  },
};

const NO_OVERLAP = /^\s*(none|no|no overlap|n\/?a|not applicable|nil)\.?\s*$/i;

export const D005_OVERLAP: RuleDefinition = {
  id: 'RS-D-005',
  version: 1,
  title: 'Scientific or budgetary overlap with other support',
  pack: 'ALL',
  phase: 'integrity',
  dimension: 'integrity',
  confidence: 'V',
  evaluate({ snapshot }) {
    const hits: RuleHit[] = [];
    for (const { person, items } of personItems(snapshot)) {
      for (const entry of items) {
        if (entry.kind !== 'support') continue;
        const statement = entry.item.overlapStatement;
        const confirmed = entry.item.overlapConfirmed === true;
        if (!confirmed && (statement === undefined || NO_OVERLAP.test(statement))) continue;
        hits.push({
          subject: entry.pointer,
          severity: 'S2',
          effect: confirmed ? 'mitigate' : 'review',
          evidence: { personRef: person.ref, overlapStatement: statement ?? null, overlapConfirmed: confirmed },
          explanation: confirmed
            ? `Other support of person ${person.ref} duplicates this case. Agree how budget and aims are separated before sign-off.`
            : `Person ${person.ref} states an overlap with other support ("${statement ?? ''}"). Review whether aims or budget duplicate this case.`,
          mitigations: ['MIT-01'],
        });
      }
    }
    return hits;
  },
};

export const D007_TIMING: RuleDefinition = {
  id: 'RS-D-007',
  version: 1,
  title: 'Timing: late or missing disclosure, engagement continued after the key date',
  pack: 'ALL',
  phase: 'integrity',
  dimension: 'integrity',
  confidence: 'V',
  evaluate({ snapshot, policy }) {
    const hits: RuleHit[] = [];
    const keyDate = policy.keyDates.engagementContinuedAfter;
    for (const { person, items } of personItems(snapshot)) {
      for (const entry of items) {
        const { foundUndisclosed, disclosedLate } = entry.item;
        if (foundUndisclosed !== true && disclosedLate !== true) continue;
        const afterKeyDate = keyDate !== undefined && continuedAfter(entry.to, keyDate);
        const severe = foundUndisclosed === true && afterKeyDate;
        hits.push({
          subject: entry.pointer,
          severity: severe ? 'S3' : 'S2',
          effect: 'review',
          evidence: {
            personRef: person.ref,
            item: entry.kind,
            foundUndisclosed: foundUndisclosed === true,
            disclosedLate: disclosedLate === true,
            keyDate: keyDate ?? null,
            continuedAfterKeyDate: afterKeyDate,
          },
          explanation:
            `A ${KIND_LABEL[entry.kind]} of person ${person.ref} was ${foundUndisclosed === true ? 'found undisclosed' : 'disclosed late or only after a query'}` +
            (severe ? ` and continued after the key date ${keyDate ?? ''}` : '') +
            '. Ask for a corrected disclosure and an explanation of the timing.',
          mitigations: ['MIT-01'],
          integrity: severe ? 'I+2' : 'I+1',
        });
      }
    }
    return hits;
  },
};

export const D008_CHANGE_OF_CIRCUMSTANCES: RuleDefinition = {
  id: 'RS-D-008',
  version: 1,
  title: 'Change of circumstances during an award reported in time',
  pack: 'ALL',
  phase: 'integrity',
  dimension: 'integrity',
  confidence: 'V',
  evaluate({ snapshot, thresholds }) {
    const award = snapshot.award;
    const start = dayNumber(award?.startDate);
    if (start === undefined) return [];
    const hits: RuleHit[] = [];
    for (const { person, items } of personItems(snapshot)) {
      for (const entry of items) {
        const began = dayNumber(entry.from);
        if (began === undefined || began < start) continue;
        const reported = dayNumber(entry.item.reportedAt ?? snapshot.asOf);
        if (reported === undefined) continue;
        const days = reported - began;
        if (days <= thresholds.changeOfCircumstancesDays) continue;
        hits.push({
          subject: entry.pointer,
          severity: 'S2',
          effect: 'review',
          evidence: {
            personRef: person.ref,
            item: entry.kind,
            began: entry.from ?? null,
            reportedAt: entry.item.reportedAt ?? null,
            daysToReport: days,
            limitDays: thresholds.changeOfCircumstancesDays,
          },
          explanation: `A new ${KIND_LABEL[entry.kind]} of person ${person.ref} began during the award and was ${entry.item.reportedAt !== undefined ? 'reported' : 'still not reported'} after ${days} days (limit ${thresholds.changeOfCircumstancesDays}). Request the update and re-screen.`,
          mitigations: ['MIT-01'],
        });
      }
    }
    return hits;
  },
};

export const D009_FOREIGN_COMPONENT: RuleDefinition = {
  id: 'RS-D-009',
  version: 1,
  title: 'Foreign component needs a justification',
  pack: 'ALL',
  phase: 'integrity',
  dimension: 'integrity',
  confidence: 'V',
  evaluate({ snapshot, policy }) {
    const home = snapshot.homeCountry ?? policy.homeCountry;
    if (home === undefined || (snapshot.foreignComponentJustification ?? '').trim() !== '') return [];
    const same = (country: string | undefined) => country === undefined || country.toUpperCase() === home.toUpperCase();
    const foreignPartners = (snapshot.partners ?? []).flatMap((partner, i) => (same(partner.country) ? [] : [`/partners/${i}`]));
    const foreignPlaces = (snapshot.placesOfPerformance ?? []).filter((c) => !same(c));
    if (foreignPartners.length === 0 && foreignPlaces.length === 0) return [];
    return [
      {
        subject: '',
        severity: 'S1',
        effect: 'review',
        evidence: { homeCountry: home, foreignPartners, foreignPlacesOfPerformance: [...foreignPlaces] },
        explanation:
          'Part of the work is performed abroad or with a partner organisation established abroad, and no justification is given. Ask why this component is needed there; this is a completeness check, not a risk signal about any country.',
        mitigations: ['MIT-01'],
        countryContext: true,
      },
    ];
  },
};

/** CHIPS 42 U.S.C. §19237(4)(A)(i)–(ix), in plain words. */
export const TALENT_FEATURES: Readonly<Record<TalentFeatureKey, string>> = {
  f1: 'unauthorised transfer of IP, materials, data or other non-public information',
  f2: 'recruiting trainees or researchers into the programme',
  f3: 'establishing a laboratory or company, or accepting a position, in breach of the home terms',
  f4: 'the contract cannot be terminated except in extraordinary circumstances',
  f5: 'time commitments that overlap or exceed those to the home organisation',
  f6: 'obliged to apply for funding from the sponsor government',
  f7: 'omitting acknowledgement of the home institution or funder',
  f8: 'not disclosing participation in the programme',
  f9: 'a conflict of interest or commitment with the home appointment',
};

export function presentFeatures(features: Partial<Record<TalentFeatureKey, boolean>> | undefined): TalentFeatureKey[] {
  return (Object.keys(TALENT_FEATURES) as TalentFeatureKey[]).filter((key) => features?.[key] === true);
}

export const D010_TALENT_PROGRAMME: RuleDefinition = {
  id: 'RS-D-010',
  version: 1,
  title: 'Talent programme with CHIPS contract features',
  pack: 'ALL',
  phase: 'integrity',
  dimension: 'interference',
  confidence: 'V',
  evaluate({ snapshot }) {
    const hits: RuleHit[] = [];
    for (const { person, items } of personItems(snapshot)) {
      for (const entry of items) {
        if (entry.kind !== 'talent_programme' || entry.item.status !== 'active') continue;
        const present = presentFeatures(entry.item.features);
        if (present.length === 0) continue;
        const undisclosed = entry.item.foundUndisclosed === true;
        hits.push({
          subject: entry.pointer,
          severity: 'S3',
          effect: 'mitigate',
          evidence: {
            personRef: person.ref,
            programmeName: entry.item.programmeName,
            features: present,
            status: entry.item.status,
            foundUndisclosed: undisclosed,
          },
          explanation: `Person ${person.ref} takes part in the programme "${entry.item.programmeName}", whose contract requires: ${present.map((f) => TALENT_FEATURES[f]).join('; ')}. Such an arrangement must typically be ended or restructured; agree a plan.`,
          mitigations: ['MIT-02', 'MIT-09'],
          // An undisclosed arrangement with an active feature is the I+2 case (RULES §4.3).
          ...(undisclosed ? { integrity: 'I+2' as const } : entry.item.disclosedLate === true ? { integrity: 'I+1' as const } : {}),
        });
      }
    }
    return hits;
  },
};

export const DISCLOSURE_RULES: readonly RuleDefinition[] = [
  D001_APPOINTMENTS,
  D002_CERTIFICATIONS,
  D003_OTHER_SUPPORT,
  D004_CAPACITY,
  D005_OVERLAP,
  D007_TIMING,
  D008_CHANGE_OF_CIRCUMSTANCES,
  D009_FOREIGN_COMPONENT,
  D010_TALENT_PROGRAMME,
];
