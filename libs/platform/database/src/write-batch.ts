/** Anything that runs one SQL statement with positional parameters (DataSource, EntityManager). */
export interface SqlQueryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Turns a driver error into the error the caller should see, or leaves it (undefined). */
export type BatchErrorTranslation = (error: unknown) => Error | undefined;

interface BatchedStatement {
  name: string;
  sql: string;
}

/**
 * Several statements sent as ONE statement of data-modifying CTEs, so a command costs one round
 * trip instead of BEGIN + n statements + COMMIT. A single statement is atomic on its own: run
 * outside a transaction it commits all or nothing; inside one it joins it.
 *
 * Each statement is written with its own `$1..$n`; they are renumbered here. All statements see
 * the same snapshot, so a statement sees another's rows only through its `RETURNING` (reference
 * it by the name `add` returns). Statements must not contain `$n` inside string literals.
 */
export class WriteBatch {
  private readonly statements: BatchedStatement[] = [];
  private readonly parameters: unknown[] = [];
  private readonly outputs: string[] = [];
  private readonly translations: BatchErrorTranslation[] = [];

  get isEmpty(): boolean {
    return this.statements.length === 0;
  }

  /**
   * Adds a statement allowed in WITH (INSERT/UPDATE/DELETE, RETURNING if read later, or SELECT);
   * returns its CTE name.
   */
  add(sql: string, parameters: readonly unknown[] = []): string {
    const name = `batched_${this.statements.length + 1}`;
    const offset = this.parameters.length;
    const renumbered = offset === 0 ? sql : sql.replace(/\$(\d+)/g, (_match, index: string) => `$${Number(index) + offset}`);
    this.statements.push({ name, sql: renumbered });
    for (const parameter of parameters) this.parameters.push(parameter);
    return name;
  }

  /** A column of the one result row: an SQL expression over the statements' names. */
  output(alias: string, expression: string): void {
    this.outputs.push(`${expression} AS ${alias}`);
  }

  /** Lets a statement's owner name its errors (e.g. a unique violation that means a conflict). */
  translateErrors(translation: BatchErrorTranslation): void {
    this.translations.push(translation);
  }

  /** The combined statement and its parameters. */
  toQuery(): { sql: string; parameters: unknown[] } {
    const ctes = this.statements.map((statement) => `${statement.name} AS (${statement.sql})`).join(',\n');
    const select = this.outputs.length > 0 ? this.outputs.join(', ') : '1 AS done';
    return { sql: `WITH ${ctes}\nSELECT ${select}`, parameters: this.parameters };
  }

  /** Runs the batch; returns the result row (the `output` columns). */
  async execute(target: SqlQueryable): Promise<Record<string, unknown>> {
    if (this.isEmpty) return {};
    const { sql, parameters } = this.toQuery();
    let rows: unknown;
    try {
      rows = await target.query(sql, parameters);
    } catch (error) {
      for (const translation of this.translations) {
        const translated = translation(error);
        if (translated) throw translated;
      }
      throw error;
    }
    return (rows as Record<string, unknown>[])[0] ?? {};
  }
}
