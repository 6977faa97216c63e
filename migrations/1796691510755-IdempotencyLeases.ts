/** Idempotency-Key leases (issue 19.2): an in_progress record is leased for seconds, not locked for its TTL. Rows from before have no lease and count as run out. */
import { MigrationInterface, QueryRunner } from "typeorm";

export class IdempotencyLeases1796691510755 implements MigrationInterface {
    name = 'IdempotencyLeases1796691510755'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "idempotency_records"
            ADD "lease_token" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "idempotency_records"
            ADD "lease_expires_at" TIMESTAMP WITH TIME ZONE
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "idempotency_records" DROP COLUMN "lease_expires_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "idempotency_records" DROP COLUMN "lease_token"
        `);
    }

}
