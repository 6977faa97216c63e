// Date arithmetic on the snapshot's own dates only: the engine never reads the clock (determinism).

/** Days since the epoch for `YYYY-MM` or `YYYY-MM-DD` (a month alone means its first day). */
export function dayNumber(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(value);
  if (match === null) return undefined;
  const [, year, month, day] = match;
  return Math.floor(Date.UTC(Number(year), Number(month) - 1, day === undefined ? 1 : Number(day)) / 86_400_000);
}

/** An engagement is ongoing when it has no end, or ends on/after `asOf` when that is known. */
export function isOngoing(to: string | null | undefined, asOf: string | undefined): boolean {
  const end = dayNumber(to);
  if (end === undefined) return true;
  const reference = dayNumber(asOf);
  return reference !== undefined && end >= reference;
}

/** Continued after the key date: no end, or ends after it. */
export function continuedAfter(to: string | null | undefined, keyDate: string): boolean {
  const end = dayNumber(to);
  const key = dayNumber(keyDate);
  return key !== undefined && (end === undefined || end > key);
}
