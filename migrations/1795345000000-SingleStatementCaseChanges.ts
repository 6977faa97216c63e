import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case change runs as one statement without BEGIN/COMMIT (read, then one conditional write).
 * Its final SELECT calls this function on the number of rows the conditional UPDATE changed: any
 * other count than the one expected fails the statement, so none of its writes (events, outbox,
 * assessment) stay. SQLSTATE AJ409 tells the application it is a version conflict.
 */
export class SingleStatementCaseChanges1795345000000 implements MigrationInterface {
  name = 'SingleStatementCaseChanges1795345000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
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

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION ajar_expect_rows(bigint, bigint)`);
  }
}
