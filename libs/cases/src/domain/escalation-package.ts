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
  /** A list finding's evidence names the list entry: `matchedName`, `listId`, `listVersion`, `entryId`. */
  evidence?: Record<string, unknown>;
}

/**
 * What a national advisor receives (RS-F-008, RS-X-002): institution-level facts only —
 * organisations, technology areas, finding codes and their explanations, the question. No person
 * names, no disclosures, no personal data: findings about a listed person keep their code and
 * severity but not their explanation, and any listed name that still appears in a text is masked:
 * the names of the case's personnel (`[person]`), and of every reference-list entry a finding
 * matched (`[listed name]`), with the list's id (`[list]`), version and entry id.
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
export const LISTED_NAME = '[listed name]';
export const LIST = '[list]';
export const LIST_ENTRY = '[list entry]';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim().length > 0 ? value : undefined);

/**
 * Replacements for what the findings' list evidence names: the listed names (longest first, so a
 * name is masked before any shorter name inside it), the entry ids, and each list id with the
 * version that follows it (`eu-fsf (version 3)`, `eu-fsf version 3`) or alone.
 */
function listMasks(findings: readonly PackagedFindingSource[]): [RegExp, string][] {
  const names = new Set<string>();
  const entries = new Set<string>();
  const lists = new Set<string>();
  for (const finding of findings) {
    const evidence = finding.evidence ?? {};
    const name = text(evidence.matchedName);
    if (name && name.trim().length > 2) names.add(name);
    const entry = text(evidence.entryId);
    if (entry) entries.add(entry);
    const list = text(evidence.listId);
    if (list) lists.add(list);
  }
  const byLength = (a: string, b: string): number => b.length - a.length;
  // A list id is masked where it stands alone (not inside a longer word), with the version after it.
  const alone = (id: string): string => `(?<![A-Za-z0-9._-])${escapeRegExp(id)}(?![A-Za-z0-9_-])`;
  return [
    ...[...names].sort(byLength).map((name): [RegExp, string] => [new RegExp(escapeRegExp(name), 'gi'), LISTED_NAME]),
    ...[...entries].sort(byLength).map((entry): [RegExp, string] => [new RegExp(alone(entry), 'g'), LIST_ENTRY]),
    ...[...lists].sort(byLength).map((list): [RegExp, string] => [new RegExp(`${alone(list)}(?:\\s*\\(version\\s+\\d+\\)|\\s+version\\s+\\d+)?`, 'g'), LIST]),
  ];
}

function identifiersOf(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

export function escalationPackage(escalation: EscalationRecord, content: CaseContent, findings: readonly PackagedFindingSource[]): EscalationPackage {
  const names = (content.personnel ?? []).map((person) => person.name).filter((name) => name.trim().length > 2);
  // Case-insensitive: "ALICE SMITH" is the same person as "Alice Smith".
  const patterns = names.map((name) => new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'));
  const masks: [RegExp, string][] = [...listMasks(findings), ...patterns.map((pattern): [RegExp, string] => [pattern, '[person]'])];
  const mask = (value: string): string => masks.reduce((masked, [pattern, replacement]) => masked.replace(pattern, replacement), value);
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
