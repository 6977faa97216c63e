import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case changes run as ordinary transactions now (issue 22): nothing calls `ajar_expect_rows`
 * (created by SingleStatementCaseChanges) any more. Down re-creates it as it was.
 */
export class DropExpectRows1796690797689 implements MigrationInterface {
  name = 'DropExpectRows1796690797689';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION IF EXISTS ajar_expect_rows(bigint, bigint)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION ajar_expect_rows(changed_rows bigint, expected_rows bigint) RETURNS boolean
      LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        IF changed_rows IS DISTINCT FROM expected_rows THEN
          RAISE EXCEPTION 'expected % row(s) to change, found %', expected_rows, changed_rows USING ERRCODE = 'AJ409';
        END IF;
        RETURN true;
      END
      $$
    `);
  }
}
