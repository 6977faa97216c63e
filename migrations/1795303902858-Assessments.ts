import { MigrationInterface, QueryRunner } from "typeorm";

export class Assessments1795303902858 implements MigrationInterface {
    name = 'Assessments1795303902858'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // The placeholder table of screening requests gives way to real assessments.
        await queryRunner.query(`
            DROP TABLE "screening_requests"
        `);
        await queryRunner.query(`
            CREATE TABLE "assessments" (
                "id" uuid NOT NULL,
                "tenant_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "case_version" integer NOT NULL,
                "sequence" integer NOT NULL,
                "policy_name" character varying(80) NOT NULL,
                "policy_version" integer NOT NULL,
                "reference_lists" jsonb NOT NULL,
                "reference_lists_key" character varying(2000) NOT NULL,
                "research" character varying(4) NOT NULL,
                "counterparty" character varying(4) NOT NULL,
                "integrity" character varying(4) NOT NULL,
                "level" character varying(20) NOT NULL,
                "route" character varying(20) NOT NULL,
                "dimensions" jsonb NOT NULL,
                "findings" jsonb NOT NULL,
                "escalation_recommendation" jsonb NOT NULL,
                "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_a3442bd80a00e9111cefca57f6c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_assessments_case_sequence" ON "assessments" ("case_id", "sequence")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_assessments_inputs" ON "assessments" (
                "case_id",
                "case_version",
                "policy_name",
                "policy_version",
                "reference_lists_key"
            )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."uq_assessments_inputs"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_assessments_case_sequence"
        `);
        await queryRunner.query(`
            DROP TABLE "assessments"
        `);
        await queryRunner.query(`
            CREATE TABLE "screening_requests" (
                "case_id" uuid NOT NULL,
                "case_version" integer NOT NULL,
                "tenant_id" uuid NOT NULL,
                "message_id" uuid NOT NULL,
                "status" character varying(20) NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_90429bf79a8e9250518924b1ee2" PRIMARY KEY ("case_id", "case_version")
            )
        `);
    }

}
