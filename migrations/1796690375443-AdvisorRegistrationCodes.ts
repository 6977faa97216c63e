/** Registration codes of advisory bodies: their consent to be registered as a national advisor (issue 23). */
import { MigrationInterface, QueryRunner } from "typeorm";

export class AdvisorRegistrationCodes1796690375443 implements MigrationInterface {
    name = 'AdvisorRegistrationCodes1796690375443'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "advisor_registration_codes" (
                "id" uuid NOT NULL,
                "advisor_tenant_id" uuid NOT NULL,
                "code_hash" character(64) NOT NULL,
                "for_tenant_id" uuid,
                "issued_by" character varying(200) NOT NULL,
                "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "redeemed_by_tenant_id" uuid,
                "redeemed_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_ba0a23603e64bdf8a3588b0e9b8" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_advisor_registration_codes_hash" ON "advisor_registration_codes" ("code_hash")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_advisor_registration_codes_advisor" ON "advisor_registration_codes" ("advisor_tenant_id", "issued_at")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."ix_advisor_registration_codes_advisor"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_advisor_registration_codes_hash"
        `);
        await queryRunner.query(`
            DROP TABLE "advisor_registration_codes"
        `);
    }

}
