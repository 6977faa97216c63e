// E rules: ethics and fundamental rights.
import type { RuleDefinition, RuleHit } from '../../model/rule';

export const E001_MISUSE: RuleDefinition = {
  id: 'RS-E-001',
  version: 1,
  title: 'Potential misuse for surveillance, repression or human-rights abuse',
  pack: 'ALL',
  phase: 'ethics',
  dimension: 'ethics',
  confidence: 'V',
  evaluate({ snapshot, fired }) {
    const fromT009 = fired.has('RS-T-009');
    const flagged = snapshot.reviewerJudgement?.misusePotential === true;
    if (!fromT009 && !flagged) return [];
    return [
      {
        subject: flagged ? '/reviewerJudgement' : '',
        severity: 'S3',
        effect: 'escalate',
        evidence: { triggeredBy: fromT009 ? 'RS-T-009' : 'reviewer', reviewerFlag: flagged },
        explanation:
          'The results, data or technology could be misused for surveillance, repression or human-rights abuse. Ask the ethics committee for an opinion.',
        mitigations: ['MIT-14'],
      },
    ];
  },
};

export const E002_DISCRIMINATORY_CONDITIONS: RuleDefinition = {
  id: 'RS-E-002',
  version: 1,
  title: 'Discriminatory participation conditions in a partner programme',
  pack: 'ALL',
  phase: 'ethics',
  dimension: 'ethics',
  confidence: 'V',
  evaluate({ snapshot }) {
    return (snapshot.partners ?? []).flatMap((partner, i): RuleHit[] =>
      partner.agreement?.terms?.discriminatoryParticipation === true
        ? [
            {
              subject: `/partners/${i}`,
              severity: 'S3',
              effect: 'mitigate',
              evidence: { partner: partner.name, term: 'discriminatoryParticipation' },
              explanation: `The programme of "${partner.name}" excludes participants on grounds such as gender, ethnicity, religion or nationality without a legitimate reason. Remove the condition or decline.`,
              mitigations: ['MIT-08'],
            },
          ]
        : [],
    );
  },
};

export const E003_RESEARCH_OF_CONCERN: RuleDefinition = {
  id: 'RS-E-003',
  version: 1,
  title: 'Security-relevant research of concern',
  pack: 'ALL',
  phase: 'ethics',
  dimension: 'ethics',
  confidence: 'V',
  evaluate({ snapshot }) {
    if (snapshot.reviewerJudgement?.researchOfConcern !== true) return [];
    return [
      {
        subject: '/reviewerJudgement',
        severity: 'S3',
        effect: 'escalate',
        evidence: { researchOfConcern: true },
        explanation:
          'A reviewer classified the work as security-relevant research of concern (directly misusable to cause significant harm). Refer it to the ethics committee for security-relevant research.',
        mitigations: ['MIT-14'],
      },
    ];
  },
};

export const E004_RESEARCHER_SAFETY: RuleDefinition = {
  id: 'RS-E-004',
  version: 1,
  title: 'Safety of researchers and students',
  pack: 'ALL',
  phase: 'ethics',
  dimension: 'ethics',
  confidence: 'V',
  evaluate({ snapshot }) {
    const safety = snapshot.safety;
    const pressure = safety?.pressureOnResearchers;
    const fieldwork = safety?.riskyFieldwork;
    if (pressure !== 'yes' && pressure !== 'unsure' && fieldwork !== 'yes' && fieldwork !== 'unsure') return [];
    const severe = pressure === 'yes';
    const firm = severe || fieldwork === 'yes';
    return [
      {
        subject: '/safety',
        severity: severe ? 'S3' : 'S2',
        effect: firm ? 'mitigate' : 'review',
        evidence: { pressureOnResearchers: pressure ?? null, riskyFieldwork: fieldwork ?? null },
        explanation: severe
          ? 'Researchers or their families report threats or pressure. Put a safety plan in place and refer them to support.'
          : 'The work may put researchers or students at risk (fieldwork in risky settings or possible pressure). Agree a safety plan.',
        mitigations: ['MIT-03', 'MIT-13'],
      },
    ];
  },
};

export const E005_PERSONAL_DATA_TRANSFER: RuleDefinition = {
  id: 'RS-E-005',
  version: 1,
  title: 'Personal-data transfer to another jurisdiction or partner',
  pack: 'ALL',
  phase: 'ethics',
  dimension: 'ethics',
  // The transfer-mechanism basis (GDPR Art. 44/46) is an [M] item: never S4.
  confidence: 'M',
  evaluate({ snapshot, policy }) {
    const personal =
      snapshot.sensitiveData?.personal === true ||
      snapshot.dataSensitivity?.personalData === true ||
      snapshot.dataSensitivity?.geneticOrMedical === true;
    if (!personal) return [];
    const home = snapshot.homeCountry ?? policy.homeCountry;
    return (snapshot.partners ?? []).flatMap((partner, i): RuleHit[] => {
      if (!(partner.accessTo ?? []).includes('data')) return [];
      const crossBorder = home !== undefined && partner.country !== undefined && partner.country.toUpperCase() !== home.toUpperCase();
      if (home !== undefined && !crossBorder) return [];
      return [
        {
          subject: `/partners/${i}`,
          severity: 'S2',
          effect: 'review',
          evidence: { partner: partner.name, crossBorder, partnerCountry: partner.country ?? null, homeCountry: home ?? null },
          explanation: crossBorder
            ? `Personal data will be accessible to "${partner.name}" in another jurisdiction. A data-protection review of the transfer mechanism is needed.`
            : `Personal data will be accessible to partner "${partner.name}". A data-protection review of the transfer is needed.`,
          mitigations: ['MIT-06'],
          ...(crossBorder ? { countryContext: true } : {}),
        },
      ];
    });
  },
};

export const ETHICS_RULES: readonly RuleDefinition[] = [
  E001_MISUSE,
  E002_DISCRIMINATORY_CONDITIONS,
  E003_RESEARCH_OF_CONCERN,
  E004_RESEARCHER_SAFETY,
  E005_PERSONAL_DATA_TRANSFER,
];
