import { MigrationInterface, QueryRunner } from "typeorm";

export class ReviewEscalationMitigationNotices1795312977568 implements MigrationInterface {
    name = 'ReviewEscalationMitigationNotices1795312977568'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."uq_assessments_inputs"
        `);
        await queryRunner.query(`
            CREATE TABLE "tenant_advisors" (
                "tenant_id" uuid NOT NULL,
                "advisor_tenant_id" uuid NOT NULL,
                "registered_by" uuid NOT NULL,
                "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_d3e27b59651f41340b1da32ac0f" PRIMARY KEY ("tenant_id", "advisor_tenant_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "case_escalations" (
                "id" uuid NOT NULL,
                "tenant_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "target" character varying(30) NOT NULL,
                "advisor_tenant_id" uuid,
                "status" character varying(20) NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_62a4a9f307723a5f2e729f440fd" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_case_escalations_advisor" ON "case_escalations" ("advisor_tenant_id", "created_at")
            WHERE advisor_tenant_id IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_case_escalations_tenant" ON "case_escalations" ("tenant_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "notice_deliveries" (
                "event_id" uuid NOT NULL,
                "recipient_key_id" uuid NOT NULL,
                "tenant_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "last_error" character varying(500),
                CONSTRAINT "PK_4f07c483632e550a2d9903dcb9c" PRIMARY KEY ("event_id", "recipient_key_id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "api_keys"
            ADD "contact_email" character varying(254)
        `);
        await queryRunner.query(`
            ALTER TABLE "assessments"
            ADD "mitigation_key" character varying(40) NOT NULL DEFAULT ''
        `);
        await queryRunner.query(`
            ALTER TABLE "assessments"
            ADD "residual" jsonb
        `);
        await queryRunner.query(`
            ALTER TABLE "case_deadlines"
            ADD "alarm" character varying(20) NOT NULL DEFAULT 'due'
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_assessments_inputs" ON "assessments" (
                "case_id",
                "case_version",
                "policy_name",
                "policy_version",
                "reference_lists_key",
                "adjudications_key",
                "mitigation_key"
            )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."uq_assessments_inputs"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_deadlines" DROP COLUMN "alarm"
        `);
        await queryRunner.query(`
            ALTER TABLE "assessments" DROP COLUMN "residual"
        `);
        await queryRunner.query(`
            ALTER TABLE "assessments" DROP COLUMN "mitigation_key"
        `);
        await queryRunner.query(`
            ALTER TABLE "api_keys" DROP COLUMN "contact_email"
        `);
        await queryRunner.query(`
            DROP TABLE "notice_deliveries"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_case_escalations_tenant"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_case_escalations_advisor"
        `);
        await queryRunner.query(`
            DROP TABLE "case_escalations"
        `);
        await queryRunner.query(`
            DROP TABLE "tenant_advisors"
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_assessments_inputs" ON "assessments" USING btree (
                "case_id",
                "case_version",
                "policy_name",
                "policy_version",
                "reference_lists_key",
                "adjudications_key"
            )
        `);
    }

}
