/**
 * Which commits carry the notification (`ajar_commit`) that wakes the worker's outbox relay and
 * event chainer.
 *
 * A notifying transaction holds PostgreSQL's notify lock (one for the whole server, PostgreSQL
 * 15) from its pre-commit until its WAL is flushed, and each notification makes every listening
 * backend read the queue. At 380 submissions/s on one API process, leaving the notification out
 * took PostgreSQL from 0.94 to 0.80 ms of CPU per case (docs/benchmarks.md, session 10). The
 * loops drain everything committed when they wake, so under load one notification every
 * `intervalMs` wakes them as well as one per commit; a commit that carries none is found by the
 * next notification or, at the end of a burst, by the loops' poll (AJAR_OUTBOX_POLL_MS).
 */
export class CommitNotices {
  private lastTakenAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly intervalMs = 50,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** True when this commit should notify (and it then counts as the latest notification). */
  take(): boolean {
    const at = this.now();
    if (at - this.lastTakenAt < this.intervalMs) return false;
    this.lastTakenAt = at;
    return true;
  }
}
