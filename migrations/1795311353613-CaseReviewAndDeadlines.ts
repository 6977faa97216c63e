import { MigrationInterface, QueryRunner } from "typeorm";

export class CaseReviewAndDeadlines1795311353613 implements MigrationInterface {
    name = 'CaseReviewAndDeadlines1795311353613'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "case_deadlines" (
                "id" uuid NOT NULL,
                "tenant_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "kind" character varying(40) NOT NULL,
                "subject_id" uuid NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "state" character varying(20) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "settled_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_aeec36818e0bdee31a82bcbfaed" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_case_deadlines_case" ON "case_deadlines" ("tenant_id", "case_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_case_deadlines_due" ON "case_deadlines" ("due_at")
            WHERE state = 'pending'
        `);
        await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "workflow" jsonb
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "workflow"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_case_deadlines_due"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_case_deadlines_case"
        `);
        await queryRunner.query(`
            DROP TABLE "case_deadlines"
        `);
    }

}
