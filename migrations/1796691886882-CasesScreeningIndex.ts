import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The screening gauges of /metrics (cases stuck in `screening`, cases in `screening_failed`)
 * count across tenants at every scrape; without this index that is a scan of every case. Partial,
 * so it holds only the few cases in those states. CONCURRENTLY, so the cases table stays
 * writable while it is built: outside a transaction (run with --transaction each).
 */
export class CasesScreeningIndex1796691886882 implements MigrationInterface {
  name = 'CasesScreeningIndex1796691886882';
  transaction = false as const;

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE INDEX CONCURRENTLY IF NOT EXISTS "ix_cases_screening" ON "cases" ("updated_at")
            WHERE state IN ('screening', 'screening_failed')
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "public"."ix_cases_screening"`);
  }
}
