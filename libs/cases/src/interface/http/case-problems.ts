/** Problem codes of the case routes, by status, for `@ApiProblems`. */
export type CaseProblems = Readonly<Record<number, readonly string[]>>;

export const CASE_NOT_FOUND = 'CASE.NOT_FOUND: no such case in your tenant';

/** What any change to a case can be refused with, plus the route's own problems. */
export function caseChangeProblems(own: CaseProblems = {}): CaseProblems {
  const merged: Record<number, string[]> = { 404: [CASE_NOT_FOUND], 409: ['CASE.ILLEGAL_TRANSITION: the case is not in a state that allows this'] };
  for (const [status, codes] of Object.entries(own)) merged[Number(status)] = [...(merged[Number(status)] ?? []), ...codes];
  return merged;
}
