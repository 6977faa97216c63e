// P rules: partner due diligence. Country-neutral: they read the questionnaire, the agreement and
// confirmed list signals (RS-L-006), never the partner's country.
import type { Answer, Partner } from '../../model/case-snapshot';
import type { CounterpartyLevel, Severity, Effect } from '../../model/levels';
import type { MitigationId } from '../../model/mitigations';
import type { RuleContext, RuleDefinition, RuleHit } from '../../model/rule';
import { signalRulesFor } from '../list/list-rules';

type PartnerCheck = (partner: Partner, pointer: string, context: RuleContext) => RuleHit[];

function partnerRule(
  id: string,
  title: string,
  dimension: RuleDefinition['dimension'],
  check: PartnerCheck,
): RuleDefinition {
  return {
    id,
    version: 1,
    title,
    pack: 'ALL',
    phase: 'counterparty',
    dimension,
    confidence: 'V',
    evaluate(context) {
      return (context.snapshot.partners ?? []).flatMap((partner, i) => check(partner, `/partners/${i}`, context));
    },
  };
}

/** Confirmed list entries on this partner whose topics signal `ruleId` (RS-L-006). */
function confirmedSignals(context: RuleContext, pointer: string, ruleId: string): { listId: string; entryId: string; topics: string[] }[] {
  return context.screening.hits
    .filter((h) => h.subject.pointer === pointer && h.status === 'confirmed' && signalRulesFor(h.candidate.topics).includes(ruleId))
    .map((h) => ({ listId: h.candidate.listId, entryId: h.candidate.entryId, topics: [...h.candidate.topics] }));
}

interface Graded {
  readonly severity: Severity;
  readonly effect: Effect;
  readonly counterparty?: CounterpartyLevel;
}

function hit(pointer: string, partner: Partner, graded: Graded, evidence: RuleHit['evidence'], explanation: string, mitigations: readonly MitigationId[]): RuleHit {
  return {
    subject: pointer,
    severity: graded.severity,
    effect: graded.effect,
    evidence: { partner: partner.name, ...evidence },
    explanation,
    mitigations,
    ...(graded.counterparty !== undefined ? { counterparty: graded.counterparty } : {}),
  };
}

export const P001_IDENTITY: RuleDefinition = partnerRule('RS-P-001', 'Partner identity verifiable', 'interference', (partner, pointer) => {
  const answer = partner.dueDiligence?.identityVerified;
  const ids = partner.identifiers;
  const hasIdentifier = ids !== undefined && [ids.ror, ids.lei, ids.registration].some((v) => (v ?? '').trim() !== '');
  if (answer === 'no' || answer === 'unsure') {
    return [
      hit(pointer, partner, { severity: 'S1', effect: 'review', counterparty: 'C1' }, { identityVerified: answer, hasIdentifier },
        `The identity of partner "${partner.name}" could not be verified (answer: ${answer}). Ask for its legal name, registration, address and web presence.`, ['MIT-08']),
    ];
  }
  if (answer === undefined && !hasIdentifier) {
    // Unverified, not suspicious: C1 keeps the fast lane open but records the gap.
    return [
      hit(pointer, partner, { severity: 'S1', effect: 'none', counterparty: 'C1' }, { identityVerified: null, hasIdentifier },
        `Partner "${partner.name}" has no ROR, LEI or registration number and its identity is not yet confirmed; add an identifier so it can be screened reliably.`, []),
    ];
  }
  return [];
});

export const P002_MILITARY: RuleDefinition = partnerRule('RS-P-002', 'Military, defence, security or intelligence affiliation', 'interference', (partner, pointer, context) => {
  const answer = partner.dueDiligence?.militaryOrSecurityAffiliation;
  const signals = confirmedSignals(context, pointer, 'RS-P-002');
  const byType = partner.type === 'military';
  if (answer === 'yes' || byType || signals.length > 0) {
    return [
      hit(pointer, partner, { severity: 'S3', effect: 'review', counterparty: 'C3' }, { answer: answer ?? null, partnerType: partner.type ?? null, listSignals: signals },
        `Partner "${partner.name}" has a military, defence, security, intelligence or policing mission, supervision or affiliation. Treat it as a high-risk counterparty: review what is shared and agree reporting on results sharing.`, ['MIT-05', 'MIT-12']),
    ];
  }
  if (answer === 'unsure') {
    return [
      hit(pointer, partner, { severity: 'S2', effect: 'review', counterparty: 'C2' }, { answer },
        `It is unclear whether partner "${partner.name}" has a military or security affiliation. Clarify it; national advice can help with uncertain state-actor links.`, ['MIT-05']),
    ];
  }
  return [];
});

export const P003_STATE_CONTROL: RuleDefinition = partnerRule('RS-P-003', 'State ownership, control or legal compellability', 'interference', (partner, pointer, context) => {
  const answer = partner.dueDiligence?.stateControlOrCompellability;
  const signals = confirmedSignals(context, pointer, 'RS-P-003');
  if (answer === 'yes' || signals.length > 0) {
    return [
      hit(pointer, partner, { severity: 'S2', effect: 'review', counterparty: 'C2' }, { answer: answer ?? null, listSignals: signals },
        `Partner "${partner.name}" is state-owned or state-controlled, or a state can compel access to its data. Review what data and results it will hold and agree reporting on sharing.`, ['MIT-05', 'MIT-06']),
    ];
  }
  if (answer === 'unsure') {
    return [
      hit(pointer, partner, { severity: 'S1', effect: 'review', counterparty: 'C1' }, { answer },
        `It is unclear whether a state controls or can compel partner "${partner.name}". Clarify ownership and control; national advice can help.`, []),
    ];
  }
  return [];
});

function undisclosed(answer: Answer | undefined): boolean {
  return answer === 'no';
}

export const P004_SOURCE_OF_FUNDS: RuleDefinition = partnerRule('RS-P-004', 'Source of funds or end user not disclosed', 'interference', (partner, pointer) => {
  const dd = partner.dueDiligence;
  const funds = dd?.sourceOfFundsDisclosed;
  const endUser = dd?.endUserDisclosed;
  if (undisclosed(funds) || undisclosed(endUser)) {
    return [
      hit(pointer, partner, { severity: 'S3', effect: 'review', counterparty: 'C3' }, { sourceOfFundsDisclosed: funds ?? null, endUserDisclosed: endUser ?? null },
        `Partner "${partner.name}" does not disclose ${undisclosed(funds) ? 'its source of funds' : 'the end user'}. Without it the counterparty is high risk; ask for a source-of-funds and end-user warranty.`, ['MIT-08']),
    ];
  }
  if (funds === 'unsure' || endUser === 'unsure') {
    return [
      hit(pointer, partner, { severity: 'S2', effect: 'review', counterparty: 'C2' }, { sourceOfFundsDisclosed: funds ?? null, endUserDisclosed: endUser ?? null },
        `It is unclear where the funds of partner "${partner.name}" come from or who the end user is. Ask for it in writing.`, ['MIT-08']),
    ];
  }
  return [];
});

const AGREEMENT_TERMS = {
  mirrorLab: 'a mirror or transfer laboratory',
  nonDisclosureOfParticipation: 'keeping participation secret',
  mandatoryRecruiting: 'mandatory recruiting',
  omitAcknowledgement: 'omitting acknowledgement',
  nonTerminable: 'no right to terminate',
  foreignStateIpCapture: 'IP passing to a state',
} as const;

export const P005_AGREEMENT_CONDITIONS: RuleDefinition = partnerRule('RS-P-005', 'Problematic agreement conditions', 'interference', (partner, pointer) => {
  const terms = partner.agreement?.terms;
  const present = (Object.keys(AGREEMENT_TERMS) as (keyof typeof AGREEMENT_TERMS)[]).filter((k) => terms?.[k] === true);
  if (present.length === 0) return [];
  return [
    hit(pointer, partner, { severity: 'S3', effect: 'mitigate' }, { terms: present },
      `The agreement with "${partner.name}" contains ${present.map((k) => AGREEMENT_TERMS[k]).join(', ')}. Renegotiate these terms or decline.`, ['MIT-08']),
  ];
});

export const P006_INTEGRITY_RECORD: RuleDefinition = partnerRule('RS-P-006', 'Integrity record of the partner', 'integrity', (partner, pointer, context) => {
  const answer = partner.dueDiligence?.integrityRecord;
  const signals = confirmedSignals(context, pointer, 'RS-P-006');
  if (answer !== 'yes' && answer !== 'unsure' && signals.length === 0) return [];
  const firm = answer === 'yes' || signals.length > 0;
  return [
    hit(pointer, partner, firm ? { severity: 'S2', effect: 'review', counterparty: 'C2' } : { severity: 'S1', effect: 'review' }, { answer: answer ?? null, listSignals: signals },
      `Partner "${partner.name}" ${firm ? 'has' : 'may have'} charges, convictions or regulator actions for fraud, bribery, espionage or corruption (in any country). Review the record and its relevance.`, ['MIT-10']),
  ];
});

export const P007_ACCESS_BEYOND_SCOPE: RuleDefinition = partnerRule('RS-P-007', 'Access beyond scope', 'knowledge_transfer', (partner, pointer) => {
  const answer = partner.dueDiligence?.accessBeyondScope;
  const scope = partner.agreement?.accessScope;
  const beyond = scope === undefined ? [] : (partner.accessTo ?? []).filter((a) => !scope.includes(a));
  if (answer !== 'yes' && answer !== 'unsure' && beyond.length === 0) return [];
  return [
    hit(pointer, partner, { severity: 'S2', effect: 'mitigate' }, { answer: answer ?? null, accessBeyondScope: beyond },
      `Partner "${partner.name}" would get access beyond what the project needs${beyond.length > 0 ? ` (${beyond.join(', ')})` : ''}. Limit access to the project's scope with access controls.`, ['MIT-06']),
  ];
});

const RED_FLAGS = ['coldApproach', 'offerTooAttractive', 'unusualConfidentiality', 'unusualShipping'] as const;

export const P008_RED_FLAGS: RuleDefinition = partnerRule('RS-P-008', 'Red-flag approach patterns', 'interference', (partner, pointer) => {
  const dd = partner.dueDiligence;
  const flags = RED_FLAGS.filter((k) => dd?.[k] === 'yes' || dd?.[k] === 'unsure');
  if (flags.length === 0) return [];
  return [
    hit(pointer, partner, { severity: 'S2', effect: 'review' }, { flags: [...flags] },
      `The approach by "${partner.name}" shows red flags (${flags.join(', ')}). Review how the collaboration came about and what is really asked.`, ['MIT-03']),
  ];
});

export const P009_DEPENDENCY: RuleDefinition = partnerRule('RS-P-009', 'Financial or technological dependency', 'interference', (partner, pointer) => {
  const answer = partner.dueDiligence?.dependency;
  if (answer !== 'yes') return [];
  return [
    hit(pointer, partner, { severity: 'S2', effect: 'review' }, { answer },
      `The project would depend financially or technologically on "${partner.name}" without alternatives. Review how to keep an exit option.`, ['MIT-08']),
  ];
});

export const P010_ENFORCEABILITY: RuleDefinition = partnerRule('RS-P-010', 'Agreement enforceability', 'knowledge_transfer', (partner, pointer) => {
  const agreement = partner.agreement;
  if (agreement === undefined) return [];
  const gaps: string[] = [];
  if (agreement.status === 'none' || agreement.status === 'not_possible') gaps.push('no written agreement');
  if (agreement.legalEffect === false) gaps.push('no legal effect');
  if (agreement.ipTerms === 'unclear' || agreement.ipTerms === 'absent') gaps.push('unclear IP terms');
  if (agreement.exitClause === false) gaps.push('no exit clause');
  if (gaps.length === 0) return [];
  return [
    hit(pointer, partner, { severity: 'S2', effect: 'mitigate' }, { gaps },
      `The arrangement with "${partner.name}" is not enforceable as it stands (${gaps.join(', ')}). Put a written agreement in place with clear IP, reciprocity and an exit clause.`, ['MIT-08']),
  ];
});

export const P011_RESEARCH_FREEDOM: RuleDefinition = partnerRule('RS-P-011', 'Restrictions on research freedom', 'interference', (partner, pointer) => {
  const terms = partner.agreement?.terms;
  const veto = terms?.publicationVeto === true;
  const topics = terms?.topicRestrictions === true;
  if (!veto && !topics) return [];
  return [
    hit(pointer, partner, { severity: veto ? 'S3' : 'S2', effect: 'review' }, { publicationVeto: veto, topicRestrictions: topics },
      `The partner "${partner.name}" would restrict research freedom (${[veto ? 'a publication veto' : '', topics ? 'topic restrictions' : ''].filter(Boolean).join(' and ')}). Academic freedom needs review; renegotiate the terms.`, ['MIT-08']),
  ];
});

export const PARTNER_RULES: readonly RuleDefinition[] = [
  P001_IDENTITY,
  P002_MILITARY,
  P003_STATE_CONTROL,
  P004_SOURCE_OF_FUNDS,
  P005_AGREEMENT_CONDITIONS,
  P006_INTEGRITY_RECORD,
  P007_ACCESS_BEYOND_SCOPE,
  P008_RED_FLAGS,
  P009_DEPENDENCY,
  P010_ENFORCEABILITY,
  P011_RESEARCH_FREEDOM,
];
