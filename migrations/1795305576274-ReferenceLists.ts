import { MigrationInterface, QueryRunner } from "typeorm";

export class ReferenceLists1795305576274 implements MigrationInterface {
    name = 'ReferenceLists1795305576274'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "reference_lists" (
                "id" uuid NOT NULL,
                "tenant_id" uuid NOT NULL,
                "list_id" character varying(100) NOT NULL,
                "kind" character varying(20) NOT NULL,
                "topic_severity" jsonb NOT NULL,
                "description" character varying(500),
                "current_version" integer NOT NULL,
                "stream_version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_3cb0a2b4fe8172beb779e61c2ee" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_reference_lists_tenant_list" ON "reference_lists" ("tenant_id", "list_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "reference_list_versions"
            ADD "diff" jsonb NOT NULL DEFAULT '{"added": 0, "changed": 0, "removed": 0}'
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "reference_list_versions" DROP COLUMN "diff"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_reference_lists_tenant_list"
        `);
        await queryRunner.query(`
            DROP TABLE "reference_lists"
        `);
    }

}
