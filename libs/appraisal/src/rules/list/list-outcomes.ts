// Which list rule a matched entry belongs to, and what a confirmed or pending hit means for it.
import type { Evidence } from '../../model/assessment';
import { COUNTERPARTY_LEVELS, SEVERITIES, stepOn, type CounterpartyLevel, type Effect, type Severity } from '../../model/levels';
import type { MitigationId } from '../../model/mitigations';
import { TOPIC, type ReferenceCandidate } from '../../model/reference';
import type { ScreenedSubject, ScreeningHit } from '../../screening/screening-result';

export type DirectListRule = 'RS-L-001' | 'RS-L-002' | 'RS-L-003' | 'RS-L-004' | 'RS-L-005' | 'RS-L-008';

export interface ListOutcome {
  readonly severity: Severity;
  readonly effect: Effect;
  readonly counterparty?: CounterpartyLevel;
  readonly mitigations: readonly MitigationId[];
}

export const SANCTIONS_BASIS = 'Applicable sanctions regime (asset freeze; no funds or economic resources may be made available)';
export const DENIED_PARTY_BASIS = 'Export-control denial or debarment order (transaction prohibited by law)';

export function isDefenceLinked(candidate: ReferenceCandidate): boolean {
  return (
    candidate.rating !== undefined ||
    candidate.topics.includes(TOPIC.defenceAcademic) ||
    candidate.topics.includes(TOPIC.defenceCompany)
  );
}

export function isDeniedParty(candidate: ReferenceCandidate): boolean {
  return candidate.topics.includes(TOPIC.exportDenied) || candidate.topics.includes(TOPIC.debarment);
}

/** The direct list rules a candidate falls under (RS-L-006 topic mapping included). */
export function listRulesFor(candidate: ReferenceCandidate, subject: ScreenedSubject): DirectListRule[] {
  const topics = candidate.topics;
  const rules = new Set<DirectListRule>();
  switch (candidate.listKind) {
    case 'sanctions':
      rules.add(topics.includes(TOPIC.sanctionLinked) && !topics.includes(TOPIC.sanction) ? 'RS-L-008' : 'RS-L-001');
      break;
    case 'export_control':
      rules.add('RS-L-002');
      break;
    case 'research_security':
      rules.add(isDefenceLinked(candidate) ? 'RS-L-004' : 'RS-L-003');
      break;
    case 'watchlist':
      rules.add(topics.includes(TOPIC.debarment) && !isDefenceLinked(candidate) ? 'RS-L-005' : 'RS-L-004');
      break;
  }
  if (topics.includes(TOPIC.sanction) && candidate.listKind !== 'sanctions') rules.add('RS-L-001');
  if (topics.includes(TOPIC.debarment) && candidate.listKind !== 'export_control') rules.add('RS-L-005');
  const result = [...rules].sort();
  // Persons meet legal lists only (RULES §4.0).
  return subject.kind === 'person' ? result.filter((r) => r === 'RS-L-001' || r === 'RS-L-002') : result;
}

export function confirmedOutcome(rule: DirectListRule, candidate: ReferenceCandidate): ListOutcome {
  switch (rule) {
    case 'RS-L-001':
      return { severity: 'S4', effect: 'ineligible', counterparty: 'C4', mitigations: [] };
    case 'RS-L-002':
      return isDeniedParty(candidate)
        ? { severity: 'S4', effect: 'ineligible', counterparty: 'C4', mitigations: ['MIT-07'] }
        : { severity: 'S3', effect: 'escalate', counterparty: 'C3', mitigations: ['MIT-07'] };
    case 'RS-L-003':
      return { severity: 'S3', effect: 'escalate', counterparty: 'C3', mitigations: ['MIT-06', 'MIT-08'] };
    case 'RS-L-004':
      if (candidate.rating === 'medium') return { severity: 'S2', effect: 'review', counterparty: 'C2', mitigations: ['MIT-05'] };
      if (candidate.rating === 'low') return { severity: 'S1', effect: 'none', counterparty: 'C1', mitigations: [] };
      return { severity: 'S3', effect: 'mitigate', counterparty: 'C3', mitigations: ['MIT-05', 'MIT-10', 'MIT-12'] };
    case 'RS-L-005':
      return { severity: 'S2', effect: 'review', counterparty: 'C2', mitigations: ['MIT-10'] };
    case 'RS-L-008':
      return lowered(confirmedOutcome('RS-L-001', candidate));
  }
}

export function pendingOutcome(rule: DirectListRule): ListOutcome {
  // A candidate is not a match: it asks for adjudication and never sets C (RULES §8.3).
  return { severity: rule === 'RS-L-005' || rule === 'RS-L-008' ? 'S1' : 'S2', effect: 'review', mitigations: [] };
}

/** One severity and one counterparty level lower; an inherited ineligibility becomes an escalation. */
export function lowered(outcome: ListOutcome): ListOutcome {
  const effect: Effect = outcome.effect === 'ineligible' ? 'escalate' : outcome.effect;
  return {
    severity: stepOn(SEVERITIES, outcome.severity, -1, 'S0', 'S4'),
    effect,
    ...(outcome.counterparty !== undefined
      ? { counterparty: stepOn(COUNTERPARTY_LEVELS, outcome.counterparty, -1, 'C0', 'C4') }
      : {}),
    mitigations: outcome.mitigations,
  };
}

export function describeSubject(subject: ScreenedSubject): string {
  switch (subject.role) {
    case 'partner':
      return `Partner "${subject.name}"`;
    case 'owner':
      return `"${subject.name}", an owner or controller of ${subject.ownership?.partnerPointer ?? 'a partner'}`;
    case 'funder':
      return `Funder "${subject.name}"`;
    case 'affiliation':
      return `"${subject.name}", an organisation a named person is affiliated with`;
    case 'support_sponsor':
      return `"${subject.name}", a sponsor of a named person's other support`;
    case 'talent_sponsor':
      return `"${subject.name}", the sponsor of a talent programme a named person takes part in`;
    case 'person':
      // The person's name stays out of the explanation text; the pointer identifies them.
      return `The named person at ${subject.pointer}`;
  }
}

export function hitEvidence(hit: ScreeningHit): Evidence {
  const c = hit.candidate;
  return {
    listId: c.listId,
    listVersion: c.listVersion,
    listKind: c.listKind,
    entryId: c.entryId,
    matchedName: c.matchedName,
    score: c.score,
    features: { ...c.features },
    topics: [...c.topics],
    status: hit.status,
    ...(hit.confirmedBy !== undefined ? { confirmedBy: hit.confirmedBy } : {}),
    ...(c.rating !== undefined ? { rating: c.rating } : {}),
    ...(c.lastChange !== undefined ? { entryLastChange: c.lastChange } : {}),
  };
}

export function statusPhrase(hit: ScreeningHit): string {
  if (hit.status === 'confirmed') {
    return hit.confirmedBy === 'strong_identifier' ? 'is confirmed by an exact identifier match to' : 'is a confirmed match to';
  }
  if (hit.status === 'reopened') return 'was cleared before, but the list entry has changed; it is again a candidate for';
  return `is a candidate match (score ${hit.candidate.score}) to`;
}
