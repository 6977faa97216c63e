import type { CaseContent } from './case-content';
import type { EscalationRecord } from './case-workflow';

/** A finding as the assessment stores it (the fields the package may use). */
export interface PackagedFindingSource {
  rule: string;
  severity: string;
  effect: string;
  dimension: string;
  subject: string;
  explanation: string;
}

/**
 * What a national advisor receives (RS-F-008, RS-X-002): institution-level facts only —
 * organisations, technology areas, finding codes and their explanations, the question. No person
 * names, no disclosures, no personal data: findings about a listed person keep their code and
 * severity but not their explanation, and any listed name that still appears in a text is masked.
 */
export interface EscalationPackage {
  escalationId: string;
  target: string;
  question: string;
  dueAt: string;
  status: string;
  kind: string;
  researchStage: string | null;
  technologyAreas: string[];
  exportControl: { relevant: boolean; classifications: string[] } | null;
  organisations: { role: 'partner' | 'funding_source'; name: string; country: string | null; type: string | null; identifiers: Record<string, string> }[];
  findings: { rule: string; severity: string; effect: string; dimension: string; explanation: string; about: 'organisation' | 'case' | 'person' }[];
  recommendedBy: string | null;
  ruleCodes: string[];
}

export const WITHHELD = '[withheld: personal data is not shared with advisors (RS-F-008)]';

function identifiersOf(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

export function escalationPackage(escalation: EscalationRecord, content: CaseContent, findings: readonly PackagedFindingSource[]): EscalationPackage {
  const names = (content.personnel ?? []).map((person) => person.name).filter((name) => name.trim().length > 2);
  // Case-insensitive: "ALICE SMITH" is the same person as "Alice Smith".
  const patterns = names.map((name) => new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'));
  const mask = (text: string): string => patterns.reduce((masked, pattern) => masked.replace(pattern, '[person]'), text);
  return {
    escalationId: escalation.id,
    target: escalation.target,
    question: mask(escalation.question),
    dueAt: escalation.dueAt,
    status: escalation.status,
    kind: content.kind,
    researchStage: content.researchStage ?? null,
    technologyAreas: [...(content.technologyAreas ?? [])],
    exportControl: content.exportControl ? { relevant: content.exportControl.relevant, classifications: [...(content.exportControl.classifications ?? [])] } : null,
    organisations: [
      ...(content.partners ?? []).map((partner) => ({
        role: 'partner' as const,
        name: partner.name,
        country: partner.country ?? null,
        type: partner.type,
        identifiers: identifiersOf(partner.identifiers),
      })),
      ...(content.fundingSources ?? []).map((source) => ({
        role: 'funding_source' as const,
        name: source.funder.name,
        country: source.funder.country ?? null,
        type: source.kind,
        identifiers: identifiersOf(source.funder.identifiers),
      })),
    ],
    findings: findings.map((finding) => {
      const about = finding.subject.startsWith('/personnel') || finding.subject.startsWith('/disclosures') ? 'person' : finding.subject.startsWith('/partners') || finding.subject.startsWith('/fundingSources') ? 'organisation' : 'case';
      return {
        rule: finding.rule,
        severity: finding.severity,
        effect: finding.effect,
        dimension: finding.dimension,
        explanation: about === 'person' ? WITHHELD : mask(finding.explanation),
        about,
      };
    }),
    recommendedBy: escalation.recommendedBy,
    ruleCodes: [...escalation.ruleCodes],
  };
}
