import { MigrationInterface, QueryRunner } from "typeorm";

export class ListMonitoringProgress1795307321949 implements MigrationInterface {
    name = 'ListMonitoringProgress1795307321949'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "reference_list_versions"
            ADD "monitoring_total" integer NOT NULL DEFAULT '0'
        `);
        await queryRunner.query(`
            ALTER TABLE "reference_list_versions"
            ADD "monitoring_done" integer NOT NULL DEFAULT '0'
        `);
        await queryRunner.query(`
            ALTER TABLE "reference_list_versions"
            ADD "monitoring_alerts" integer NOT NULL DEFAULT '0'
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "reference_list_versions" DROP COLUMN "monitoring_alerts"
        `);
        await queryRunner.query(`
            ALTER TABLE "reference_list_versions" DROP COLUMN "monitoring_done"
        `);
        await queryRunner.query(`
            ALTER TABLE "reference_list_versions" DROP COLUMN "monitoring_total"
        `);
    }

}
