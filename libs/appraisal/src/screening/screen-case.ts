import type { CaseSnapshot, OrganisationRef } from '../model/case-snapshot';
import { RESEARCH_LEVELS, rankOf, type ResearchLevel } from '../model/levels';
import type { AppraisalPolicy, Thresholds } from '../model/policy';
import { LEGAL_LIST_KINDS, type ReferenceCandidate, type ReferenceIndex } from '../model/reference';
import type { HitStatus, ScreenedSubject, ScreeningHit, ScreeningResult } from './screening-result';

export interface ScreeningSettings {
  readonly matchThresholds: Thresholds;
  readonly ownershipThresholds: Thresholds;
  readonly research: ResearchLevel;
}

/** Every organisation and person the case names, with its JSON pointer. Persons: name only. */
export function subjectsOf(snapshot: CaseSnapshot, ownershipPercent: number): ScreenedSubject[] {
  const subjects: ScreenedSubject[] = [];
  const org = (pointer: string, role: ScreenedSubject['role'], ref: OrganisationRef): ScreenedSubject => ({
    pointer,
    kind: 'organisation',
    role,
    name: ref.name,
    ...(ref.country !== undefined ? { country: ref.country } : {}),
  });
  (snapshot.partners ?? []).forEach((partner, i) => {
    subjects.push(org(`/partners/${i}`, 'partner', partner));
    (partner.ownershipChain ?? []).forEach((owner, j) => {
      const control = owner.control === true;
      // Below the share threshold and without control, an owner is not looked through (RS-L-008).
      if (!control && (owner.percent ?? 0) < ownershipPercent) return;
      subjects.push({
        ...org(`/partners/${i}/ownershipChain/${j}`, 'owner', owner),
        ownership: { ...(owner.percent !== undefined ? { percent: owner.percent } : {}), control, partnerPointer: `/partners/${i}` },
      });
    });
  });
  (snapshot.fundingSources ?? []).forEach((source, i) => subjects.push(org(`/fundingSources/${i}/funder`, 'funder', source.funder)));
  (snapshot.personnel ?? []).forEach((person, p) => {
    const base = `/personnel/${p}`;
    subjects.push({ pointer: base, kind: 'person', role: 'person', name: person.name });
    const disclosure = person.disclosure;
    (disclosure?.affiliations ?? []).forEach((a, i) =>
      subjects.push(org(`${base}/disclosure/affiliations/${i}/organisation`, 'affiliation', a.organisation)),
    );
    (disclosure?.supportSources ?? []).forEach((s, i) => {
      if (s.sponsor) subjects.push(org(`${base}/disclosure/supportSources/${i}/sponsor`, 'support_sponsor', s.sponsor));
    });
    (disclosure?.talentProgrammes ?? []).forEach((t, i) => {
      if (t.sponsor) subjects.push(org(`${base}/disclosure/talentProgrammes/${i}/sponsor`, 'talent_sponsor', t.sponsor));
    });
  });
  return subjects;
}

function organisationAt(snapshot: CaseSnapshot, subject: ScreenedSubject): OrganisationRef | undefined {
  // Re-read aliases and identifiers from the snapshot rather than copying them into the subject.
  const parts = subject.pointer.split('/').slice(1);
  let node: unknown = snapshot;
  for (const part of parts) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node !== null && typeof node === 'object' ? (node as OrganisationRef) : undefined;
}

export function screenCase(
  snapshot: CaseSnapshot,
  policy: AppraisalPolicy,
  index: ReferenceIndex,
  settings: ScreeningSettings,
): ScreeningResult {
  const subjects = subjectsOf(snapshot, settings.ownershipThresholds.ownershipPercent);
  const hits: ScreeningHit[] = [];
  const bandApplies = rankOf(RESEARCH_LEVELS, settings.research) >= rankOf(RESEARCH_LEVELS, policy.reviewBandMinResearch);

  for (const subject of subjects) {
    const candidates =
      subject.kind === 'person'
        ? index.lookup({ name: subject.name, subjectKind: 'person' })
        : lookupOrganisation(snapshot, subject, index);
    for (const candidate of candidates) {
      // Defence in depth: persons only ever meet legal lists, whatever the index returns.
      if (subject.kind === 'person' && !LEGAL_LIST_KINDS.includes(candidate.listKind)) continue;
      const hit = classifyHit(snapshot, subject, candidate, settings.matchThresholds, bandApplies);
      if (hit !== undefined) hits.push(hit);
    }
  }
  return { subjects, hits };
}

function lookupOrganisation(snapshot: CaseSnapshot, subject: ScreenedSubject, index: ReferenceIndex): ReferenceCandidate[] {
  const ref = organisationAt(snapshot, subject);
  return index.lookup({
    name: subject.name,
    subjectKind: 'organisation',
    ...(ref?.aliases !== undefined ? { aliases: ref.aliases } : {}),
    ...(subject.country !== undefined ? { country: subject.country } : {}),
    ...(ref?.identifiers !== undefined ? { identifiers: ref.identifiers } : {}),
  });
}

function classifyHit(
  snapshot: CaseSnapshot,
  subject: ScreenedSubject,
  candidate: ReferenceCandidate,
  thresholds: Thresholds,
  bandApplies: boolean,
): ScreeningHit | undefined {
  const features = candidate.features;
  const identifier = features.identifier;
  const weakAliasOnly =
    features.weakAlias !== undefined && features.name === undefined && features.alias === undefined && identifier === undefined;
  const adjudication = (snapshot.adjudications ?? []).find(
    (a) => a.subject === subject.pointer && a.listId === candidate.listId && a.entryId === candidate.entryId,
  );

  let status: HitStatus | undefined;
  let confirmedBy: ScreeningHit['confirmedBy'];
  if (adjudication?.decision === 'confirmed') {
    status = 'confirmed';
    confirmedBy = 'adjudication';
  } else if (adjudication?.decision === 'false_positive') {
    const changed =
      adjudication.entryLastChange !== undefined &&
      candidate.lastChange !== undefined &&
      candidate.lastChange > adjudication.entryLastChange;
    status = changed ? 'reopened' : 'suppressed';
  } else if (
    LEGAL_LIST_KINDS.includes(candidate.listKind) &&
    (identifier === 'lei' || identifier === 'registration') &&
    candidate.score >= thresholds.matchCandidate
  ) {
    // An exact strong identifier on a legal list is the one automatic confirmation (RULES §8.3).
    status = 'confirmed';
    confirmedBy = 'strong_identifier';
  } else if (candidate.score >= thresholds.matchCandidate) {
    status = 'pending';
  } else if ((bandApplies || weakAliasOnly) && candidate.score >= thresholds.reviewBandLower) {
    // A weak alias alone is a look-alike below the candidate threshold: it goes to review
    // (RS-L-009) whatever the research level, never to a list finding.
    status = 'review_band';
  }
  if (status === undefined) return undefined;

  const prior = snapshot.priorScreening;
  const newSinceLastScreening =
    prior !== undefined &&
    (status === 'pending' || status === 'confirmed' || status === 'reopened') &&
    !prior.hits.some((h) => h.subject === subject.pointer && h.listId === candidate.listId && h.entryId === candidate.entryId);

  return { subject, candidate, status, ...(confirmedBy ? { confirmedBy } : {}), weakAliasOnly, newSinceLastScreening };
}
