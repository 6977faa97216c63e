import { MigrationInterface, QueryRunner } from "typeorm";

export class PoliciesAndCalls1795303258662 implements MigrationInterface {
    name = 'PoliciesAndCalls1795303258662'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "policies" (
                "id" uuid NOT NULL,
                "tenant_id" uuid NOT NULL,
                "name" character varying(80) NOT NULL,
                "current_version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_603e09f183df0108d8695c57e28" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_policies_tenant_name" ON "policies" ("tenant_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "policy_versions" (
                "policy_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "tenant_id" uuid NOT NULL,
                "document" jsonb NOT NULL,
                "effective" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_a87c5de83d774f89e3f706a7b63" PRIMARY KEY ("policy_id", "version")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "calls" (
                "id" uuid NOT NULL,
                "tenant_id" uuid NOT NULL,
                "title" character varying(300) NOT NULL,
                "external_ref" character varying(200),
                "policy_id" uuid NOT NULL,
                "policy_name" character varying(80) NOT NULL,
                "policy_version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_d9171d91f8dd1a649659f1b6a20" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_calls_tenant_created" ON "calls" ("tenant_id", "created_at")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."ix_calls_tenant_created"
        `);
        await queryRunner.query(`
            DROP TABLE "calls"
        `);
        await queryRunner.query(`
            DROP TABLE "policy_versions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_policies_tenant_name"
        `);
        await queryRunner.query(`
            DROP TABLE "policies"
        `);
    }

}
