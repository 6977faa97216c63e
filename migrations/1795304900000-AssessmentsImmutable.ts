import { MigrationInterface, QueryRunner } from 'typeorm';

/** Assessments are immutable records of what the engine said: refuse UPDATE, DELETE, TRUNCATE. */
export class AssessmentsImmutable1795304900000 implements MigrationInterface {
  name = 'AssessmentsImmutable1795304900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TRIGGER assessments_append_only BEFORE UPDATE OR DELETE ON assessments
      FOR EACH ROW EXECUTE FUNCTION ajar_refuse_audit_change()
    `);
    await queryRunner.query(`
      CREATE TRIGGER assessments_no_truncate BEFORE TRUNCATE ON assessments
      FOR EACH STATEMENT EXECUTE FUNCTION ajar_refuse_audit_change()
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER assessments_no_truncate ON assessments`);
    await queryRunner.query(`DROP TRIGGER assessments_append_only ON assessments`);
  }
}
