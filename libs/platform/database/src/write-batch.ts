/** Anything that runs one SQL statement with positional parameters (DataSource, EntityManager). */
export interface SqlQueryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * A statement text with a name: node-postgres prepares a named statement once per connection and
 * from then on only binds and runs it, so PostgreSQL skips parsing, analysing and (once it settles
 * on a generic plan) planning. Those took about a quarter of PostgreSQL's CPU at intake.
 */
export interface NamedStatement {
  name: string;
  text: string;
}

/**
 * How many distinct texts get a name. Each named text costs every connection a prepared
 * statement (a parse tree and a plan), so the number is bounded; texts beyond it run unnamed.
 * Commands build a few dozen batch shapes at most, plus a handful of hot reads.
 */
export const NAMED_STATEMENT_LIMIT = 64;
const statementNames = new Map<string, string>();

/** The statement's name (the same text always gets the same name), or undefined past the limit. */
export function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < NAMED_STATEMENT_LIMIT) {
    name = `ajar_statement_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * Runs a statement of fixed text as a named (prepared) statement: for the batches and for the
 * reads every case pays for (the API key, the case, the policy, the list versions). TypeORM's
 * `query` types its first argument as text but hands it to node-postgres unchanged, and
 * node-postgres takes `{ name, text }` as well; errors stay QueryFailedError with the driver error.
 */
export function queryPrepared<T = unknown>(target: SqlQueryable, text: string, parameters: unknown[]): Promise<T> {
  const name = statementName(text);
  if (name === undefined) return target.query(text, parameters) as Promise<T>;
  const statement: NamedStatement = { name, text };
  return target.query(statement as unknown as string, parameters) as Promise<T>;
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
 *
 * The batch runs as a named (prepared) statement. Write statements whose text does not depend on
 * the number of rows (arrays with `unnest`, not a VALUES row per item), so one text serves every
 * call of a command.
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

  /**
   * Appends another batch's statements, parameters and outputs to this one (group commit: the
   * writes of several commands as one statement). Its statement names and `$n` are renumbered;
   * its outputs are renamed `<prefix><alias>`. Its error translations are not taken: a combined
   * statement that fails is run again batch by batch (GroupCommit), each with its own.
   */
  absorb(other: WriteBatch, outputPrefix: string): void {
    const nameOffset = this.statements.length;
    const parameterOffset = this.parameters.length;
    const rename = (sql: string): string =>
      sql.replace(/\bbatched_(\d+)\b/g, (_match, index: string) => `batched_${Number(index) + nameOffset}`);
    for (const statement of other.statements) {
      this.statements.push({
        name: rename(statement.name),
        sql: rename(statement.sql).replace(/\$(\d+)/g, (_match, index: string) => `$${Number(index) + parameterOffset}`),
      });
    }
    for (const parameter of other.parameters) this.parameters.push(parameter);
    for (const output of other.outputs) {
      this.outputs.push(rename(output).replace(/ AS (\w+)$/, (_match, alias: string) => ` AS ${outputPrefix}${alias}`));
    }
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
      rows = await queryPrepared(target, sql, parameters);
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
