/** Hit statuses a person still has to decide on: a candidate, a review-band look-alike, or a cleared hit whose entry changed. */
const UNDECIDED_HIT_STATUSES: ReadonlySet<string> = new Set(['pending', 'review_band', 'reopened']);

/** A list hit of the latest assessment that waits for a person's adjudication (RS-L-007, RS-L-011). */
export interface PendingListHit {
  /** The finding id to adjudicate (`POST …/list-hits/{hitId}/adjudication`). */
  hitId: string;
  /** Every rule the same hit fired (a sanctions hit may also fire ownership or topic rules). */
  rules: string[];
  subject: string;
  listId: string;
  listVersion: number | null;
  entryId: string;
  matchedName: string | null;
  score: number | null;
  status: 'pending' | 'review_band' | 'reopened';
}

/** The part of a stored finding the task list reads. */
export interface FindingOfAssessment {
  id: string;
  rule: string;
  subject: string;
  evidence?: Record<string, unknown>;
}

/**
 * The list hits of an assessment that wait for a person: one per subject and list entry, however
 * many rules the hit fired. Confirmed and suppressed hits are decided already.
 */
export function listHitsToAdjudicate(findings: readonly FindingOfAssessment[]): PendingListHit[] {
  const byHit = new Map<string, PendingListHit>();
  for (const finding of findings) {
    const evidence = finding.evidence ?? {};
    const { listId, entryId, status } = evidence;
    if (typeof listId !== 'string' || typeof entryId !== 'string' || typeof status !== 'string' || !UNDECIDED_HIT_STATUSES.has(status)) continue;
    const key = JSON.stringify([finding.subject, listId, entryId]);
    const known = byHit.get(key);
    if (known) {
      if (!known.rules.includes(finding.rule)) known.rules.push(finding.rule);
      continue;
    }
    byHit.set(key, {
      hitId: finding.id,
      rules: [finding.rule],
      subject: finding.subject,
      listId,
      listVersion: typeof evidence.listVersion === 'number' ? evidence.listVersion : null,
      entryId,
      matchedName: typeof evidence.matchedName === 'string' ? evidence.matchedName : null,
      score: typeof evidence.score === 'number' ? evidence.score : null,
      status: status as PendingListHit['status'],
    });
  }
  return [...byHit.values()];
}
