import { Microbatcher } from './microbatcher';
import { SqlQueryable, WriteBatch } from './write-batch';

type Outcome = { row: Record<string, unknown> } | { error: unknown };

export interface GroupCommitOptions {
  /** Batches per statement at most. */
  maxBatches: number;
  /** Statements in flight at once; batches arriving meanwhile wait and go together in the next. */
  maxInFlight: number;
  /**
   * Distinct combined texts (a batch text and a count) at most. Each one is a prepared statement
   * on every connection (write-batch.ts); past the bound, batches run alone, as without grouping.
   */
  maxCombinedTexts?: number;
}

const DEFAULT_OPTIONS: Required<GroupCommitOptions> = { maxBatches: 8, maxInFlight: 2, maxCombinedTexts: 16 };

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
  private readonly maxCombinedTexts: number;
  private readonly combinedTexts = new Set<string>();

  constructor(
    private readonly target: SqlQueryable,
    options: GroupCommitOptions = DEFAULT_OPTIONS,
  ) {
    this.batcher = new Microbatcher((batches) => this.run(batches), { maxItems: options.maxBatches, maxInFlight: options.maxInFlight });
    this.maxCombinedTexts = options.maxCombinedTexts ?? DEFAULT_OPTIONS.maxCombinedTexts;
  }

  /** Runs the batch with others waiting at the same time; answers its own output row, or its error. */
  async execute(batch: WriteBatch): Promise<Record<string, unknown>> {
    const outcome = await this.batcher.submit(batch);
    if ('error' in outcome) throw outcome.error;
    return outcome.row;
  }

  /**
   * Batches of the same text (the same command shape) go together; the combined text then depends
   * only on that text and the count, so a few prepared statements serve every group. Answers in
   * the order of `batches`.
   */
  private async run(batches: WriteBatch[]): Promise<Outcome[]> {
    // Alone (light load): nothing to group, so its text is not built twice.
    if (batches.length === 1) return this.runAlone(batches);
    const byText = new Map<string, number[]>();
    batches.forEach((batch, index) => {
      const text = batch.toQuery().sql;
      const indexes = byText.get(text);
      if (indexes) indexes.push(index);
      else byText.set(text, [index]);
    });
    const outcomes: Outcome[] = new Array<Outcome>(batches.length);
    await Promise.all(
      [...byText].map(async ([text, indexes]) => {
        const group = indexes.map((index) => batches[index]);
        const answers = await this.runGroup(text, group);
        indexes.forEach((index, position) => (outcomes[index] = answers[position]));
      }),
    );
    return outcomes;
  }

  private async runGroup(text: string, group: WriteBatch[]): Promise<Outcome[]> {
    if (group.length > 1 && this.mayCombine(`${group.length}\n${text}`)) {
      const combined = new WriteBatch();
      group.forEach((batch, index) => combined.absorb(batch, `g${index}_`));
      try {
        const row = await combined.execute(this.target);
        return group.map((_batch, index) => ({ row: outputsOf(row, `g${index}_`) }));
      } catch {
        // One of them failed and none was written: each goes again alone, for its own answer.
      }
    }
    return this.runAlone(group);
  }

  /** Each batch as its own statement, with its own answer. */
  private runAlone(batches: WriteBatch[]): Promise<Outcome[]> {
    return Promise.all(
      batches.map((batch) =>
        batch.execute(this.target).then(
          (row): Outcome => ({ row }),
          (error: unknown): Outcome => ({ error }),
        ),
      ),
    );
  }

  private mayCombine(key: string): boolean {
    if (this.combinedTexts.has(key)) return true;
    if (this.combinedTexts.size >= this.maxCombinedTexts) return false;
    this.combinedTexts.add(key);
    return true;
  }
}

function outputsOf(row: Record<string, unknown>, prefix: string): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if (column.startsWith(prefix)) outputs[column.slice(prefix.length)] = value;
  }
  return outputs;
}
