import type { RegisterEntry } from '../../application/queries/list-register.query';

/** RFC 4180 line break. */
const CRLF = '\r\n';
/** Cells a spreadsheet would read as a formula (or that hide one behind a tab or line break). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell: a value that starts like a formula is prefixed with a single quote (OWASP CSV
 * injection), then the cell is quoted per RFC 4180 when it holds a comma, quote or line break.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: (string | number | boolean | null | undefined)[]): string {
  return cells.map(csvCell).join(',') + CRLF;
}

export const REGISTER_CSV_COLUMNS = [
  'case_id',
  'external_ref',
  'call_id',
  'kind',
  'state',
  'level',
  'route',
  'research',
  'escalations',
  'overdue_escalations',
  'decision_outcome',
  'decision_status',
  'decision_approvers',
  'created_at',
  'updated_at',
] as const;

export function registerCsvHeader(): string {
  return csvLine([...REGISTER_CSV_COLUMNS]);
}

/** One register entry as one CSV record; lists inside a cell are joined with `; `. */
export function registerCsvRow(entry: RegisterEntry): string {
  return csvLine([
    entry.caseId,
    entry.externalRef,
    entry.callId,
    entry.kind,
    entry.state,
    entry.level,
    entry.route,
    entry.research,
    entry.escalations.map((escalation) => `${escalation.target} ${escalation.status} due ${escalation.dueAt}${escalation.overdue ? ' overdue' : ''}`).join('; '),
    entry.escalations.filter((escalation) => escalation.overdue).length,
    entry.decision?.outcome,
    entry.decision?.status,
    entry.decision?.approvers.join('; '),
    entry.createdAt,
    entry.updatedAt,
  ]);
}
