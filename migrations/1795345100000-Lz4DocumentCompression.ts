import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The large JSON documents (case content and disclosures, event payloads, findings, stored
 * responses) are compressed with lz4 instead of the default pglz when PostgreSQL moves them out of
 * line: pglz was about 5 % of PostgreSQL's CPU at intake, lz4 compresses several times faster.
 * Only values written from now on use it; a server built without lz4 keeps pglz (notice).
 */
const COLUMNS: [table: string, column: string][] = [
  ['cases', 'content'],
  ['cases', 'disclosures'],
  ['cases', 'adjudications'],
  ['cases', 'workflow'],
  ['events', 'payload'],
  ['assessments', 'findings'],
  ['assessments', 'dimensions'],
  ['assessments', 'escalation_recommendation'],
  ['idempotency_records', 'response_body'],
  ['webhook_messages', 'body'],
  ['reference_list_entries', 'entry'],
  ['policy_versions', 'document'],
  ['policy_versions', 'effective'],
];

function setCompression(method: 'lz4' | 'pglz'): string {
  const statements = COLUMNS.map(([table, column]) => `ALTER TABLE ${table} ALTER COLUMN ${column} SET COMPRESSION ${method};`).join('\n      ');
  return `
    DO $$
    BEGIN
      ${statements}
    EXCEPTION WHEN feature_not_supported THEN
      RAISE NOTICE 'compression method ${method} is not built into this server; large documents stay compressed as before';
    END
    $$`;
}

export class Lz4DocumentCompression1795345100000 implements MigrationInterface {
  name = 'Lz4DocumentCompression1795345100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(setCompression('lz4'));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(setCompression('pglz'));
  }
}
