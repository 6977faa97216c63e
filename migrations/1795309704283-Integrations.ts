import { MigrationInterface, QueryRunner } from "typeorm";

export class Integrations1795309704283 implements MigrationInterface {
    name = 'Integrations1795309704283'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "webhook_endpoints" (
                "id" uuid NOT NULL,
                "tenant_id" uuid NOT NULL,
                "url" text NOT NULL,
                "description" character varying(500),
                "event_types" text array NOT NULL,
                "state" character varying(20) NOT NULL,
                "disabled_reason" character varying(200),
                "secret" text NOT NULL,
                "previous_secret" text,
                "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE,
                "failing_since" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_054c4cfb95223732f5939d2d546" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_webhook_endpoints_tenant" ON "webhook_endpoints" ("tenant_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "webhook_cursors" (
                "tenant_id" uuid NOT NULL,
                "sequence" bigint NOT NULL,
                CONSTRAINT "PK_ca073e53d7fa34470ff7cf3928d" PRIMARY KEY ("tenant_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "webhook_messages" (
                "id" uuid NOT NULL,
                "tenant_id" uuid NOT NULL,
                "event_type" character varying(80) NOT NULL,
                "body" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_526e8e1655924920adc4cd30dcd" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_webhook_messages_tenant" ON "webhook_messages" ("tenant_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "webhook_deliveries" (
                "id" uuid NOT NULL,
                "tenant_id" uuid NOT NULL,
                "message_id" uuid NOT NULL,
                "endpoint_id" uuid NOT NULL,
                "origin" character varying(10) NOT NULL,
                "state" character varying(20) NOT NULL,
                "attempts" integer NOT NULL,
                "next_attempt_at" TIMESTAMP WITH TIME ZONE,
                "last_status" integer,
                "last_error" character varying(300),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_webhook_deliveries_fanout" ON "webhook_deliveries" ("message_id", "endpoint_id")
            WHERE origin = 'event'
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_webhook_deliveries_message" ON "webhook_deliveries" ("message_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_webhook_deliveries_due" ON "webhook_deliveries" ("next_attempt_at")
            WHERE state = 'pending'
        `);
        await queryRunner.query(`
            CREATE TABLE "webhook_attempts" (
                "id" BIGSERIAL NOT NULL,
                "tenant_id" uuid NOT NULL,
                "delivery_id" uuid NOT NULL,
                "endpoint_id" uuid NOT NULL,
                "message_id" uuid NOT NULL,
                "attempt" integer NOT NULL,
                "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "latency_ms" integer NOT NULL,
                "status" integer,
                "outcome" character varying(20) NOT NULL,
                "error" character varying(300),
                "response_excerpt" text,
                CONSTRAINT "PK_2de7e7887ad97de459adab62638" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_webhook_attempts_delivery" ON "webhook_attempts" ("delivery_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_webhook_attempts_endpoint" ON "webhook_attempts" ("endpoint_id", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "inbound_integrations" (
                "id" uuid NOT NULL,
                "tenant_id" uuid NOT NULL,
                "name" character varying(200) NOT NULL,
                "secret" text NOT NULL,
                "state" character varying(20) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_a36735848c1c9714c6d8579450b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_inbound_integrations_tenant" ON "inbound_integrations" ("tenant_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "inbound_messages" (
                "id" uuid NOT NULL,
                "tenant_id" uuid NOT NULL,
                "integration_id" uuid NOT NULL,
                "webhook_id" character varying(200) NOT NULL,
                "type" character varying(80),
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" integer NOT NULL,
                "response" jsonb NOT NULL,
                "case_id" uuid,
                CONSTRAINT "PK_4f21d40ad47ab9702cb1ee64590" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_inbound_messages_log" ON "inbound_messages" ("integration_id", "received_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_inbound_messages_webhook_id" ON "inbound_messages" ("integration_id", "webhook_id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."uq_inbound_messages_webhook_id"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_inbound_messages_log"
        `);
        await queryRunner.query(`
            DROP TABLE "inbound_messages"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_inbound_integrations_tenant"
        `);
        await queryRunner.query(`
            DROP TABLE "inbound_integrations"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_webhook_attempts_endpoint"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_webhook_attempts_delivery"
        `);
        await queryRunner.query(`
            DROP TABLE "webhook_attempts"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_webhook_deliveries_due"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_webhook_deliveries_message"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_webhook_deliveries_fanout"
        `);
        await queryRunner.query(`
            DROP TABLE "webhook_deliveries"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_webhook_messages_tenant"
        `);
        await queryRunner.query(`
            DROP TABLE "webhook_messages"
        `);
        await queryRunner.query(`
            DROP TABLE "webhook_cursors"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_webhook_endpoints_tenant"
        `);
        await queryRunner.query(`
            DROP TABLE "webhook_endpoints"
        `);
    }

}
