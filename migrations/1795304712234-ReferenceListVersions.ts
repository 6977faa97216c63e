import { MigrationInterface, QueryRunner } from "typeorm";

export class ReferenceListVersions1795304712234 implements MigrationInterface {
    name = 'ReferenceListVersions1795304712234'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "reference_list_versions" (
                "tenant_id" uuid NOT NULL,
                "list_id" character varying(100) NOT NULL,
                "version" integer NOT NULL,
                "kind" character varying(20) NOT NULL,
                "topic_severity" jsonb NOT NULL,
                "entry_count" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_4ed4306978972f5202851db234c" PRIMARY KEY ("tenant_id", "list_id", "version")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "reference_list_entries" (
                "tenant_id" uuid NOT NULL,
                "list_id" character varying(100) NOT NULL,
                "version" integer NOT NULL,
                "entry_id" character varying(200) NOT NULL,
                "entry" jsonb NOT NULL,
                CONSTRAINT "PK_bf5eeae7a8660181bc944b6a95b" PRIMARY KEY ("tenant_id", "list_id", "version", "entry_id")
            )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TABLE "reference_list_entries"
        `);
        await queryRunner.query(`
            DROP TABLE "reference_list_versions"
        `);
    }

}
