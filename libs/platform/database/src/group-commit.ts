import { Microbatcher } from './microbatcher';
import { SqlQueryable, WriteBatch } from './write-batch';

type Outcome = { row: Record<string, unknown> } | { error: unknown };

export interface GroupCommitOptions {
  /** Batches per statement at most. */
  maxBatches: number;
  /** Statements in flight at once; batches arriving meanwhile wait and go together in the next. */
  maxInFlight: number;
}

/**
 * Group commit of independent command batches: the batches of commands that arrive while earlier
 * statements are in flight go to PostgreSQL as one statement, so they share one round trip, one
 * statement's overhead and one commit (one WAL flush). Under light load a batch goes alone, at
 * once. Atomicity per command is kept: if the combined statement fails (a conflict in one of
 * them), nothing of it was written, and each batch is run again alone, so only the failing
 * command fails, with its own translated error.
 *
 * Only batches of commands that cannot contend with each other belong here (e.g. creating new
 * aggregates): a conflict costs the whole group a second round.
 */
export class GroupCommit {
  private readonly batcher: Microbatcher<WriteBatch, Outcome>;

  constructor(
    private readonly target: SqlQueryable,
    options: GroupCommitOptions = { maxBatches: 8, maxInFlight: 2 },
  ) {
    this.batcher = new Microbatcher((batches) => this.run(batches), { maxItems: options.maxBatches, maxInFlight: options.maxInFlight });
  }

  /** Runs the batch with others waiting at the same time; answers its own output row, or its error. */
  async execute(batch: WriteBatch): Promise<Record<string, unknown>> {
    const outcome = await this.batcher.submit(batch);
    if ('error' in outcome) throw outcome.error;
    return outcome.row;
  }

  private async run(batches: WriteBatch[]): Promise<Outcome[]> {
    if (batches.length > 1) {
      const combined = new WriteBatch();
      batches.forEach((batch, index) => combined.absorb(batch, `g${index}_`));
      try {
        const row = await combined.execute(this.target);
        return batches.map((_batch, index) => ({ row: outputsOf(row, `g${index}_`) }));
      } catch {
        // One of them failed and none was written: each goes again alone, for its own answer.
      }
    }
    return Promise.all(
      batches.map((batch) =>
        batch.execute(this.target).then(
          (row): Outcome => ({ row }),
          (error: unknown): Outcome => ({ error }),
        ),
      ),
    );
  }
}

function outputsOf(row: Record<string, unknown>, prefix: string): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if (column.startsWith(prefix)) outputs[column.slice(prefix.length)] = value;
  }
  return outputs;
}
