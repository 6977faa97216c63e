import { MigrationInterface, QueryRunner } from "typeorm";

export class InitialSchema1795301812049 implements MigrationInterface {
    name = 'InitialSchema1795301812049'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "event_chain_heads" (
                "tenant_id" uuid NOT NULL,
                "sequence" bigint NOT NULL,
                "hash" character(64) NOT NULL,
                CONSTRAINT "PK_a26aeaae4d446716d68c73cdfe6" PRIMARY KEY ("tenant_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "event_chain" (
                "tenant_id" uuid NOT NULL,
                "tenant_sequence" bigint NOT NULL,
                "event_id" uuid NOT NULL,
                "previous_hash" character(64) NOT NULL,
                "hash" character(64) NOT NULL,
                "chained_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "UQ_ef2d77c988a1b29a7c136f27ef6" UNIQUE ("event_id"),
                CONSTRAINT "PK_6e1bc0ba63bd42e6976880b6269" PRIMARY KEY ("tenant_id", "tenant_sequence")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "event_chain_pending" (
                "position" bigint NOT NULL,
                "tenant_id" uuid NOT NULL,
                CONSTRAINT "PK_c7624ef5d20d6910a826136a1ab" PRIMARY KEY ("position")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "events" (
                "position" BIGSERIAL NOT NULL,
                "id" uuid NOT NULL,
                "tenant_id" uuid NOT NULL,
                "stream_type" character varying(40) NOT NULL,
                "stream_id" uuid NOT NULL,
                "stream_version" integer NOT NULL,
                "type" character varying(80) NOT NULL,
                "payload" jsonb NOT NULL,
                "metadata" jsonb NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_d5e01c63c9c1aa38b3c7015184b" PRIMARY KEY ("position")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_events_id" ON "events" ("id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_events_tenant_position" ON "events" ("tenant_id", "position")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_events_stream_version" ON "events" ("stream_id", "stream_version")
        `);
        await queryRunner.query(`
            CREATE TABLE "idempotency_records" (
                "scope" character varying(64) NOT NULL,
                "key" character varying(255) NOT NULL,
                "request_hash" character(64) NOT NULL,
                "state" character varying(16) NOT NULL,
                "response_status" integer,
                "response_body" jsonb,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_9c03b6adebf385ca991d085063a" PRIMARY KEY ("scope", "key")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_idempotency_expires" ON "idempotency_records" ("expires_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "api_keys" (
                "id" uuid NOT NULL,
                "tenant_id" uuid NOT NULL,
                "name" character varying(100) NOT NULL,
                "roles" text array NOT NULL,
                "key_hash" character(64) NOT NULL,
                "display_prefix" character varying(12) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_api_keys_hash" ON "api_keys" ("key_hash")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_api_keys_tenant" ON "api_keys" ("tenant_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "tenants" (
                "id" uuid NOT NULL,
                "name" character varying(200) NOT NULL,
                "kind" character varying(20) NOT NULL,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_53be67a04681c66b87ee27c9321" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "inbox_messages" (
                "consumer" character varying(60) NOT NULL,
                "message_id" uuid NOT NULL,
                "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_afc4d2c62b0afc4db379ca49d1f" PRIMARY KEY ("consumer", "message_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "outbox_messages" (
                "id" uuid NOT NULL,
                "tenant_id" uuid NOT NULL,
                "event_id" uuid NOT NULL,
                "destination" character varying(60) NOT NULL,
                "job_name" character varying(80) NOT NULL,
                "envelope" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "published_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_0171348f527c64b137e4d4f5b66" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_outbox_unpublished" ON "outbox_messages" ("created_at")
            WHERE published_at IS NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "cases" (
                "id" uuid NOT NULL,
                "tenant_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "case_version" integer NOT NULL,
                "state" character varying(30) NOT NULL,
                "kind" character varying(30) NOT NULL,
                "call_id" uuid,
                "external_ref" character varying(200),
                "title" character varying(500) NOT NULL,
                "level" character varying(20),
                "content" jsonb NOT NULL,
                "disclosures" jsonb NOT NULL,
                "pending_disclosures" text array NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_cases_tenant_call" ON "cases" ("tenant_id", "call_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_cases_tenant_external_ref" ON "cases" ("tenant_id", "external_ref")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_cases_tenant_state" ON "cases" ("tenant_id", "state", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_cases_tenant_created" ON "cases" ("tenant_id", "created_at", "id")
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

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TABLE "screening_requests"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_cases_tenant_created"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_cases_tenant_state"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_cases_tenant_external_ref"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_cases_tenant_call"
        `);
        await queryRunner.query(`
            DROP TABLE "cases"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_unpublished"
        `);
        await queryRunner.query(`
            DROP TABLE "outbox_messages"
        `);
        await queryRunner.query(`
            DROP TABLE "inbox_messages"
        `);
        await queryRunner.query(`
            DROP TABLE "tenants"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_api_keys_tenant"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_api_keys_hash"
        `);
        await queryRunner.query(`
            DROP TABLE "api_keys"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_idempotency_expires"
        `);
        await queryRunner.query(`
            DROP TABLE "idempotency_records"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_events_stream_version"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_events_tenant_position"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_events_id"
        `);
        await queryRunner.query(`
            DROP TABLE "events"
        `);
        await queryRunner.query(`
            DROP TABLE "event_chain_pending"
        `);
        await queryRunner.query(`
            DROP TABLE "event_chain"
        `);
        await queryRunner.query(`
            DROP TABLE "event_chain_heads"
        `);
    }

}
