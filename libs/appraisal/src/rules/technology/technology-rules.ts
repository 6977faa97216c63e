// T rules: research sensitivity R (RULES §4.1). Each sets a floor; R is the highest floor.
import type { CaseSnapshot } from '../../model/case-snapshot';
import { RESEARCH_LEVELS, rankOf } from '../../model/levels';
import type { RuleDefinition, RuleHit } from '../../model/rule';
import {
  EU_TOP_FOUR,
  isTechnologyTag,
  NO_TECHNOLOGY_AREA,
  WEAPONS_AREAS,
  type TechnologyTag,
} from '../../model/technology-taxonomy';

const EXPORT_CONTROL_BASIS = 'Regulation (EU) 2021/821 (dual-use items) and national control lists';

/** Basic research whose results will be published openly (the decontrol of RS-T-005). */
export function isOpenBasicResearch(snapshot: CaseSnapshot): boolean {
  return snapshot.researchStage === 'fundamental' && (snapshot.publicationIntent ?? 'open') === 'open';
}

export function listedAreas(snapshot: CaseSnapshot): TechnologyTag[] {
  return (snapshot.technologyAreas ?? []).filter(isTechnologyTag);
}

export function isExportControlRelevant(snapshot: CaseSnapshot): boolean {
  const ec = snapshot.exportControl;
  return ec !== undefined && (ec.relevant || ec.classifications.length > 0);
}

const MILITARY_END_USE = /\b(military|weapons?|munitions?|surveillance|targeting)\b/i;

export const T001_TAGGING: RuleDefinition = {
  id: 'RS-T-001',
  version: 1,
  title: 'Technology tagging against the unified taxonomy',
  pack: 'ALL',
  phase: 'research',
  dimension: 'knowledge_transfer',
  confidence: 'V',
  evaluate({ snapshot }) {
    const tags = snapshot.technologyAreas ?? [];
    const listed = listedAreas(snapshot);
    const unknown = tags.filter((t) => t !== NO_TECHNOLOGY_AREA && !isTechnologyTag(t));
    const hits: RuleHit[] = [];
    if (tags.length === 0 || unknown.length > 0) {
      hits.push({
        subject: '/technologyAreas',
        severity: 'S0',
        effect: 'review',
        evidence: { technologyAreas: [...tags], unrecognised: unknown },
        explanation:
          tags.length === 0
            ? 'No technology area is selected. The applicant must choose areas from the taxonomy or state "none" explicitly.'
            : `Unrecognised technology areas (${unknown.join(', ')}). Map them to the taxonomy or state "none".`,
        mitigations: [],
      });
    }
    if (listed.length > 0) {
      const openBasic = isOpenBasicResearch(snapshot);
      hits.push({
        subject: '/technologyAreas',
        severity: 'S0',
        effect: 'none',
        evidence: { listedAreas: listed, researchStage: snapshot.researchStage ?? null, publicationIntent: snapshot.publicationIntent ?? null },
        explanation: openBasic
          ? `Listed technology areas (${listed.join(', ')}) in basic research published openly: research sensitivity R1.`
          : `Listed technology areas (${listed.join(', ')}) with an applied aim or without open publication: research sensitivity R2.`,
        mitigations: [],
        research: openBasic ? 'R1' : 'R2',
      });
    }
    return hits;
  },
};

export const T002_EU_TOP_FOUR: RuleDefinition = {
  id: 'RS-T-002',
  version: 1,
  title: 'EU top-4 critical technology',
  pack: 'ALL',
  phase: 'research',
  dimension: 'knowledge_transfer',
  confidence: 'V',
  evaluate({ snapshot }) {
    const top = listedAreas(snapshot).filter((t) => EU_TOP_FOUR.includes(t));
    if (top.length === 0) return [];
    return [
      {
        subject: '/technologyAreas',
        severity: 'S1',
        effect: 'none',
        evidence: { euTopFour: top },
        explanation: `The research is in an EU highest-risk critical technology area (${top.join(', ')}): research sensitivity at least R2.`,
        mitigations: [],
        research: 'R2',
      },
    ];
  },
};

export const T003_AIMS_TO_ADVANCE_STRA: RuleDefinition = {
  id: 'RS-T-003',
  version: 1,
  title: 'Declared to aim to advance a sensitive technology research area',
  pack: 'CA-STRAC',
  phase: 'research',
  dimension: 'knowledge_transfer',
  confidence: 'V',
  evaluate({ snapshot }) {
    if (snapshot.aimsToAdvanceSTRA !== true) return [];
    return [
      {
        subject: '/aimsToAdvanceSTRA',
        severity: 'S1',
        effect: 'none',
        evidence: { aimsToAdvanceSTRA: true },
        explanation:
          'The research aims to advance a sensitive technology research area: every named researcher must attest to having no affiliation with a named research organisation (RS-C-001).',
        mitigations: [],
        research: 'R2',
      },
    ];
  },
};

export const T004_EXPORT_CONTROL: RuleDefinition = {
  id: 'RS-T-004',
  version: 1,
  title: 'Export-control relevance beyond the basic-research decontrol',
  pack: 'ALL',
  phase: 'research',
  dimension: 'knowledge_transfer',
  confidence: 'V',
  basis: EXPORT_CONTROL_BASIS,
  evaluate({ snapshot }) {
    if (!isExportControlRelevant(snapshot) || isOpenBasicResearch(snapshot)) return [];
    return [
      {
        subject: '/exportControl',
        severity: 'S3',
        effect: 'escalate',
        evidence: {
          classifications: [...(snapshot.exportControl?.classifications ?? [])],
          researchStage: snapshot.researchStage ?? null,
          publicationIntent: snapshot.publicationIntent ?? null,
        },
        explanation:
          'The work plausibly involves export-controlled technology and is not basic research published openly. The export-control officer must determine whether a licence is needed before technology is shared.',
        mitigations: ['MIT-07', 'MIT-15'],
        research: 'R3',
      },
    ];
  },
};

export const T005_BASIC_RESEARCH_DECONTROL: RuleDefinition = {
  id: 'RS-T-005',
  version: 1,
  title: 'Basic-research decontrol applies',
  pack: 'ALL',
  phase: 'research',
  dimension: 'knowledge_transfer',
  confidence: 'V',
  evaluate({ snapshot }) {
    if (!isExportControlRelevant(snapshot) || !isOpenBasicResearch(snapshot)) return [];
    return [
      {
        subject: '/exportControl',
        severity: 'S0',
        effect: 'none',
        evidence: { classifications: [...(snapshot.exportControl?.classifications ?? [])], researchStage: 'fundamental', publicationIntent: 'open' },
        explanation:
          'Export-control relevance is declared, but the work is basic research to be published openly, so the basic-research decontrol applies. This lowers export-control relevance only; the other research-security checks still apply.',
        mitigations: [],
        research: 'R1',
      },
    ];
  },
};

export const T006_SENSITIVE_DATA: RuleDefinition = {
  id: 'RS-T-006',
  version: 1,
  title: 'Sensitive or aggregate data',
  pack: 'ALL',
  phase: 'research',
  dimension: 'knowledge_transfer',
  confidence: 'V',
  evaluate({ snapshot }) {
    const kinds: string[] = [];
    if (snapshot.sensitiveData?.personal === true || snapshot.dataSensitivity?.personalData === true) kinds.push('personal');
    if (snapshot.dataSensitivity?.geneticOrMedical === true) kinds.push('genetic_or_medical');
    if (snapshot.dataSensitivity?.population === true) kinds.push('population');
    if (snapshot.dataSensitivity?.aggregateSensitive === true) kinds.push('aggregate_sensitive');
    kinds.push(...(snapshot.sensitiveData?.other ?? []));
    if (kinds.length === 0) return [];
    return [
      {
        subject: '/sensitiveData',
        severity: 'S2',
        effect: 'mitigate',
        evidence: { dataKinds: kinds },
        explanation: `The work uses sensitive data (${kinds.join(', ')}): research sensitivity at least R2. Agree data-management and access controls, including a review of any cross-border transfer.`,
        mitigations: ['MIT-06'],
        research: 'R2',
      },
    ];
  },
};

export const T007_CRITICAL_INFRASTRUCTURE: RuleDefinition = {
  id: 'RS-T-007',
  version: 1,
  title: 'Critical infrastructure sector or critical minerals',
  pack: 'ALL',
  phase: 'research',
  dimension: 'knowledge_transfer',
  confidence: 'V',
  evaluate({ snapshot }) {
    const sector = (snapshot.criticalInfrastructureSector ?? '').trim();
    const minerals = snapshot.criticalMinerals ?? [];
    if (sector === '' && minerals.length === 0) return [];
    return [
      {
        subject: sector !== '' ? '/criticalInfrastructureSector' : '/criticalMinerals',
        severity: 'S1',
        effect: 'none',
        evidence: { criticalInfrastructureSector: sector === '' ? null : sector, criticalMinerals: [...minerals] },
        explanation: 'The work involves a critical infrastructure sector or critical minerals: research sensitivity at least R2.',
        mitigations: [],
        research: 'R2',
      },
    ];
  },
};

export const T008_REVIEWER_JUDGEMENT: RuleDefinition = {
  id: 'RS-T-008',
  version: 1,
  title: 'Reviewer judgement on foreseeable national-security application',
  pack: 'ALL',
  phase: 'research_review',
  dimension: 'knowledge_transfer',
  confidence: 'V',
  evaluate({ snapshot, research }) {
    if (rankOf(RESEARCH_LEVELS, research) < rankOf(RESEARCH_LEVELS, 'R2')) return [];
    if ((snapshot.reviewerJudgement?.foreseeableSecurityApplication ?? '').trim() !== '') return [];
    return [
      {
        subject: '/reviewerJudgement',
        severity: 'S1',
        effect: 'review',
        evidence: { research },
        explanation: `Research sensitivity is ${research}: a reviewer must record a judgement on foreseeable national-security applications before sign-off.`,
        mitigations: [],
      },
    ];
  },
};

export const T009_MILITARY_APPLICATION: RuleDefinition = {
  id: 'RS-T-009',
  version: 1,
  title: 'Military, weapons or surveillance application potential',
  pack: 'ALL',
  phase: 'research',
  dimension: 'knowledge_transfer',
  confidence: 'V',
  evaluate({ snapshot }) {
    const weapons = listedAreas(snapshot).filter((t) => WEAPONS_AREAS.includes(t));
    const flagged = snapshot.reviewerJudgement?.militaryOrSurveillancePotential === true;
    const endUse = MILITARY_END_USE.exec(snapshot.endUse ?? '');
    if (weapons.length === 0 && !flagged && endUse === null) return [];
    return [
      {
        subject: weapons.length > 0 ? '/technologyAreas' : flagged ? '/reviewerJudgement' : '/endUse',
        severity: 'S3',
        effect: 'review',
        evidence: { weaponsAreas: weapons, reviewerFlag: flagged, endUseTerm: endUse?.[0]?.toLowerCase() ?? null },
        explanation:
          'The work has a foreseeable military, weapons or surveillance application: research sensitivity R3. Review the end use and the ethics of possible misuse.',
        mitigations: ['MIT-06', 'MIT-14'],
        research: 'R3',
      },
    ];
  },
};

export const TECHNOLOGY_RULES: readonly RuleDefinition[] = [
  T001_TAGGING,
  T002_EU_TOP_FOUR,
  T003_AIMS_TO_ADVANCE_STRA,
  T004_EXPORT_CONTROL,
  T005_BASIC_RESEARCH_DECONTROL,
  T006_SENSITIVE_DATA,
  T007_CRITICAL_INFRASTRUCTURE,
  T008_REVIEWER_JUDGEMENT,
  T009_MILITARY_APPLICATION,
];
