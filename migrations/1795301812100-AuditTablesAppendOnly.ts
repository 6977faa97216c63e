import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit tables are append-only: the database itself refuses UPDATE, DELETE and TRUNCATE on
 * `events` and `event_chain`, whoever the application connects as. (A superuser can still turn
 * the triggers off; the hash chain and GET /v1/audit/verify make such tampering visible.)
 */
export class AuditTablesAppendOnly1795301812100 implements MigrationInterface {
  name = 'AuditTablesAppendOnly1795301812100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION ajar_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$
    `);
    for (const table of ['events', 'event_chain']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION ajar_refuse_audit_change()
      `);
      await queryRunner.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION ajar_refuse_audit_change()
      `);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['events', 'event_chain']) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ${table}_append_only ON ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION ajar_refuse_audit_change()`);
  }
}
