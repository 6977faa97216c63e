// C rules: jurisdiction-pack and combination rules. The hard (S4, ineligible) rules live here and
// each records its legal or eligibility basis.
import type { RuleContext, RuleDefinition, RuleHit } from '../../model/rule';
import { TOPIC } from '../../model/reference';
import type { ScreeningHit } from '../../screening/screening-result';
import { dayNumber, isOngoing } from '../calendar';
import { presentFeatures } from '../disclosure/disclosure-rules';
import { listRulesFor, SANCTIONS_BASIS } from '../list/list-outcomes';
import { SENIOR_ROLES } from '../subjects';

function confirmedAt(context: RuleContext, pointer: string, predicate: (hit: ScreeningHit) => boolean): ScreeningHit | undefined {
  return context.screening.hits.find((h) => h.subject.pointer === pointer && h.status === 'confirmed' && predicate(h));
}

const isNamedResearchOrg = (h: ScreeningHit) =>
  h.candidate.listKind === 'research_security' && listRulesFor(h.candidate, h.subject).includes('RS-L-003');

export const C001_STRAC: RuleDefinition = {
  id: 'RS-C-001',
  version: 1,
  title: 'STRA research with a researcher affiliated with or funded by a named research organisation',
  pack: 'CA-STRAC',
  phase: 'pack',
  dimension: 'legal',
  confidence: 'V',
  basis: 'Policy on Sensitive Technology Research and Affiliations of Concern (STRAC), Government of Canada',
  evaluate(context) {
    const { snapshot } = context;
    if (snapshot.aimsToAdvanceSTRA !== true) return [];
    const hits: RuleHit[] = [];
    (snapshot.personnel ?? []).forEach((person, p) => {
      const d = person.disclosure;
      const links: { pointer: string; kind: string }[] = [];
      (d?.affiliations ?? []).forEach((a, i) => {
        // Ended before the application, with evidence, is the STRAC exception.
        const ended = a.endedEvidenceRef !== undefined && !isOngoing(a.to, snapshot.asOf) ;
        if (!ended) links.push({ pointer: `/personnel/${p}/disclosure/affiliations/${i}/organisation`, kind: 'affiliation' });
      });
      (d?.supportSources ?? []).forEach((s, i) => {
        if (s.status !== 'pending') links.push({ pointer: `/personnel/${p}/disclosure/supportSources/${i}/sponsor`, kind: 'funding or in-kind support' });
      });
      (d?.talentProgrammes ?? []).forEach((t, i) => {
        if (t.status === 'active') links.push({ pointer: `/personnel/${p}/disclosure/talentProgrammes/${i}/sponsor`, kind: 'talent-programme support' });
      });
      for (const link of links) {
        const match = confirmedAt(context, link.pointer, isNamedResearchOrg);
        if (match === undefined) continue;
        hits.push({
          subject: link.pointer,
          severity: 'S4',
          effect: 'ineligible',
          evidence: { personRef: person.ref, link: link.kind, listId: match.candidate.listId, listVersion: match.candidate.listVersion, entryId: match.candidate.entryId, matchedName: match.candidate.matchedName },
          explanation: `The research aims to advance a sensitive technology research area and person ${person.ref} has current ${link.kind} from "${match.candidate.matchedName}", a named research organisation. Under STRAC the application cannot be funded unless the link ended before application, with evidence.`,
          mitigations: ['MIT-02'],
        });
      }
    });
    return hits;
  },
};

export const C003_MFTRP_PARTY: RuleDefinition = {
  id: 'RS-C-003',
  version: 1,
  title: 'Senior/key person currently party to a malign foreign talent recruitment programme',
  pack: 'US-FEDERAL',
  phase: 'pack',
  dimension: 'legal',
  confidence: 'V',
  basis: 'CHIPS and Science Act, 42 U.S.C. §19232 and §19237(4); NSF PAPPG',
  evaluate({ snapshot, policy }) {
    const concern = policy.foreignCountriesOfConcern.countries.map((c) => c.toUpperCase());
    const hits: RuleHit[] = [];
    (snapshot.personnel ?? []).forEach((person, p) => {
      if (!SENIOR_ROLES.includes(person.role)) return;
      (person.disclosure?.talentProgrammes ?? []).forEach((t, i) => {
        const features = presentFeatures(t.features);
        const sponsorCountry = t.sponsor?.country?.toUpperCase();
        // (A) contract features AND (B) sponsor test: both are needed, never the country alone.
        if (t.status !== 'active' || features.length === 0 || sponsorCountry === undefined || !concern.includes(sponsorCountry)) return;
        hits.push({
          subject: `/personnel/${p}/disclosure/talentProgrammes/${i}`,
          severity: 'S4',
          effect: 'ineligible',
          evidence: { personRef: person.ref, role: person.role, programmeName: t.programmeName, features, sponsorCountry, legalBasis: policy.foreignCountriesOfConcern.legalBasis },
          explanation: `Person ${person.ref} (${person.role}) is currently a party to "${t.programmeName}", which has the statutory contract features (${features.join(', ')}) and a sponsor under the pack's sponsor test. A senior or key person in a malign foreign talent recruitment programme is not eligible for the role.`,
          mitigations: ['MIT-02', 'MIT-09'],
        });
      });
    });
    return hits;
  },
};

export const C004_MFTRP_CERTIFICATION: RuleDefinition = {
  id: 'RS-C-004',
  version: 1,
  title: 'MFTRP certification at submission and annually',
  pack: 'US-FEDERAL',
  phase: 'pack',
  dimension: 'legal',
  confidence: 'V',
  basis: 'CHIPS and Science Act §10632 certification requirement; NSF PAPPG',
  evaluate({ snapshot, thresholds }) {
    const asOf = dayNumber(snapshot.asOf);
    const hits: RuleHit[] = [];
    (snapshot.personnel ?? []).forEach((person, p) => {
      if (!SENIOR_ROLES.includes(person.role)) return;
      const signed = (snapshot.attestations ?? [])
        .filter((a) => a.type === 'mftrp_not_party' && a.signedBy === person.ref)
        .map((a) => dayNumber(a.signedAt))
        .filter((d): d is number => d !== undefined);
      const latest = signed.length > 0 ? Math.max(...signed) : undefined;
      const expired = latest !== undefined && asOf !== undefined && asOf - latest > thresholds.certificationValidityDays;
      if (latest !== undefined && !expired) return;
      hits.push({
        subject: `/personnel/${p}`,
        severity: 'S2',
        effect: 'review',
        evidence: { personRef: person.ref, role: person.role, attestation: 'mftrp_not_party', expired, validityDays: thresholds.certificationValidityDays },
        explanation: expired
          ? `The certification of person ${person.ref} that they are not party to a malign foreign talent recruitment programme is older than ${thresholds.certificationValidityDays} days; it must be renewed.`
          : `Person ${person.ref} (${person.role}) has not certified that they are not party to a malign foreign talent recruitment programme. It is required before submission.`,
        mitigations: ['MIT-01'],
      });
    });
    return hits;
  },
};

const isAcademic1286 = (h: ScreeningHit) => h.candidate.topics.includes(TOPIC.defenceAcademic);

export const C005_DOD_1286: RuleDefinition = {
  id: 'RS-C-005',
  version: 1,
  title: 'Fundamental research collaboration with a §1286-listed academic institution',
  pack: 'US-DOD',
  phase: 'pack',
  dimension: 'legal',
  confidence: 'V',
  basis: 'NDAA FY2025 §238 (DoD fundamental research with institutions on the §1286 list)',
  evaluate(context) {
    const { snapshot } = context;
    if (snapshot.researchStage !== 'fundamental') return [];
    const targets: { pointer: string; what: string }[] = [
      ...(snapshot.partners ?? []).map((_, i) => ({ pointer: `/partners/${i}`, what: 'a partner' })),
      ...(snapshot.personnel ?? []).flatMap((person, p) =>
        (person.disclosure?.affiliations ?? []).flatMap((a, i) =>
          isOngoing(a.to, snapshot.asOf) && (a.type === 'employment' || a.type === 'appointment')
            ? [{ pointer: `/personnel/${p}/disclosure/affiliations/${i}/organisation`, what: `the employer of person ${person.ref}` }]
            : [],
        ),
      ),
    ];
    const hits: RuleHit[] = [];
    for (const target of targets) {
      const match = confirmedAt(context, target.pointer, isAcademic1286);
      if (match === undefined) continue;
      hits.push({
        subject: target.pointer,
        severity: 'S4',
        effect: 'ineligible',
        evidence: { listId: match.candidate.listId, listVersion: match.candidate.listVersion, entryId: match.candidate.entryId, matchedName: match.candidate.matchedName },
        explanation: `"${match.candidate.matchedName}", ${target.what}, is an academic institution on the §1286 list. DoD-funded fundamental research may not collaborate with it or its employees.`,
        mitigations: ['MIT-12'],
      });
    }
    return hits;
  },
};

export const C007_CONFIRMED_SANCTIONS: RuleDefinition = {
  id: 'RS-C-007',
  version: 1,
  title: 'Confirmed sanctions designation of a counterparty or named person',
  pack: 'ALL',
  phase: 'pack',
  dimension: 'legal',
  confidence: 'V',
  basis: SANCTIONS_BASIS,
  evaluate(context) {
    return context.screening.hits
      .filter((h) => h.status === 'confirmed' && h.subject.role !== 'owner' && listRulesFor(h.candidate, h.subject).includes('RS-L-001'))
      .map((h): RuleHit => ({
        subject: h.subject.pointer,
        severity: 'S4',
        effect: 'ineligible',
        evidence: { listId: h.candidate.listId, listVersion: h.candidate.listVersion, entryId: h.candidate.entryId, matchedName: h.candidate.matchedName, confirmedBy: h.confirmedBy ?? 'adjudication' },
        explanation: `A confirmed sanctions designation ("${h.candidate.matchedName}", list ${h.candidate.listId}) makes the case ineligible: no funds or economic resources may be made available. Legal / sanctions compliance must confirm and advise.`,
        counterparty: 'C4',
        mitigations: [],
      }));
  },
};

export const PACK_RULES: readonly RuleDefinition[] = [
  C001_STRAC,
  C003_MFTRP_PARTY,
  C004_MFTRP_CERTIFICATION,
  C005_DOD_1286,
  C007_CONFIRMED_SANCTIONS,
];
