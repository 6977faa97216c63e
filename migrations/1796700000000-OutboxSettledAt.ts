/**
 * Owed work is a row (issue 19): an outbox row is settled when its job completed or failed for
 * good, so the reconciler can tell work still owed from work done once Redis has lost the job.
 */
import { MigrationInterface, QueryRunner } from "typeorm";

export class OutboxSettledAt1796700000000 implements MigrationInterface {
    name = 'OutboxSettledAt1796700000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "outbox_messages" ADD "settled_at" TIMESTAMP WITH TIME ZONE
        `);
        // Rows published before receipts existed are taken as settled: their jobs ran or Redis
        // still holds them. Owed work is tracked from this migration on.
        await queryRunner.query(`
            UPDATE "outbox_messages" SET "settled_at" = "published_at" WHERE "published_at" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_outbox_unsettled" ON "outbox_messages" ("id") WHERE published_at IS NOT NULL AND settled_at IS NULL
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_unsettled"
        `);
        await queryRunner.query(`
            ALTER TABLE "outbox_messages" DROP COLUMN "settled_at"
        `);
    }
}
