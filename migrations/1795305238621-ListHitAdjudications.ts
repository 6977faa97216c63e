import { MigrationInterface, QueryRunner } from "typeorm";

export class ListHitAdjudications1795305238621 implements MigrationInterface {
    name = 'ListHitAdjudications1795305238621'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."uq_assessments_inputs"
        `);
        await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "adjudications" jsonb NOT NULL DEFAULT '[]'
        `);
        await queryRunner.query(`
            ALTER TABLE "assessments"
            ADD "adjudications_key" character varying(2000) NOT NULL DEFAULT ''
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_assessments_inputs" ON "assessments" (
                "case_id",
                "case_version",
                "policy_name",
                "policy_version",
                "reference_lists_key",
                "adjudications_key"
            )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."uq_assessments_inputs"
        `);
        await queryRunner.query(`
            ALTER TABLE "assessments" DROP COLUMN "adjudications_key"
        `);
        await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "adjudications"
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_assessments_inputs" ON "assessments" USING btree (
                "case_id",
                "case_version",
                "policy_name",
                "policy_version",
                "reference_lists_key"
            )
        `);
    }

}
