import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event store is append-only: the database itself refuses UPDATE, DELETE and TRUNCATE on
 * `events`, whoever the application connects as. (A superuser can still disable the trigger;
 * the hash chain and GET /v1/audit/verify make such tampering visible.)
 */
export class EventsAppendOnly1795300907100 implements MigrationInterface {
  name = 'EventsAppendOnly1795300907100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION ajar_refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events are append-only: % on events is refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
      FOR EACH ROW EXECUTE FUNCTION ajar_refuse_event_change()
    `);
    await queryRunner.query(`
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
      FOR EACH STATEMENT EXECUTE FUNCTION ajar_refuse_event_change()
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER events_no_truncate ON events`);
    await queryRunner.query(`DROP TRIGGER events_append_only ON events`);
    await queryRunner.query(`DROP FUNCTION ajar_refuse_event_change()`);
  }
}
