import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type WebhookEndpointState = 'enabled' | 'disabled';

/** A tenant's webhook receiver. Deleted endpoints stay (their attempts keep a referent) but answer 404. */
@Entity('webhook_endpoints')
@Index('ix_webhook_endpoints_tenant', ['tenantId', 'createdAt'])
export class WebhookEndpointOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('text')
  url!: string;

  @Column('varchar', { length: 500, nullable: true })
  description!: string | null;

  /** Wire types it receives; empty means every type. */
  @Column('text', { array: true })
  eventTypes!: string[];

  @Column('varchar', { length: 20 })
  state!: WebhookEndpointState;

  @Column('varchar', { length: 200, nullable: true })
  disabledReason!: string | null;

  /** The signing secret (`whsec_…`); needed in clear to sign, never returned after creation or rotation. */
  @Column('text')
  secret!: string;

  /** The secret before the last rotation, still signed with until `previousSecretExpiresAt`. */
  @Column('text', { nullable: true })
  previousSecret!: string | null;

  @Column('timestamptz', { nullable: true })
  previousSecretExpiresAt!: Date | null;

  /** Since when every attempt has failed (null after any success); drives the disable rule. */
  @Column('timestamptz', { nullable: true })
  failingSince!: Date | null;

  /** The endpoint's event stream version (its audit events). */
  @Column('int')
  version!: number;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;

  @Column('timestamptz', { nullable: true })
  deletedAt!: Date | null;
}

/** How far the webhook fan-out has read a tenant's event chain (a tenant gets one with its first endpoint). */
@Entity('webhook_cursors')
export class WebhookCursorOrmEntity {
  @PrimaryColumn('uuid')
  tenantId!: string;

  /** The last tenant chain sequence fanned out. */
  @Column('bigint')
  sequence!: string;
}

/** One integration event as sent: the exact body bytes, signed anew for each attempt. */
@Entity('webhook_messages')
@Index('ix_webhook_messages_tenant', ['tenantId', 'createdAt'])
export class WebhookMessageOrmEntity {
  /** The id of the event it comes from. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('varchar', { length: 80 })
  eventType!: string;

  @Column('text')
  body!: string;

  @Column('timestamptz')
  createdAt!: Date;
}

export type WebhookDeliveryState = 'pending' | 'succeeded' | 'failed' | 'cancelled';

/** One message to one endpoint: its attempts, its state and when it is due next. */
@Entity('webhook_deliveries')
@Index('ix_webhook_deliveries_due', ['nextAttemptAt'], { where: `state = 'pending'` })
@Index('ix_webhook_deliveries_message', ['messageId'])
@Index('uq_webhook_deliveries_fanout', ['messageId', 'endpointId'], { unique: true, where: `origin = 'event'` })
export class WebhookDeliveryOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('uuid')
  messageId!: string;

  @Column('uuid')
  endpointId!: string;

  /** `event` from the fan-out; `replay` from a replay request. */
  @Column('varchar', { length: 10 })
  origin!: 'event' | 'replay';

  @Column('varchar', { length: 20 })
  state!: WebhookDeliveryState;

  @Column('int')
  attempts!: number;

  @Column('timestamptz', { nullable: true })
  nextAttemptAt!: Date | null;

  @Column('int', { nullable: true })
  lastStatus!: number | null;

  @Column('varchar', { length: 300, nullable: true })
  lastError!: string | null;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}

/** Every attempt, as it went. Append-only. */
@Entity('webhook_attempts')
@Index('ix_webhook_attempts_endpoint', ['endpointId', 'id'])
@Index('ix_webhook_attempts_delivery', ['deliveryId'])
export class WebhookAttemptOrmEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('uuid')
  deliveryId!: string;

  @Column('uuid')
  endpointId!: string;

  @Column('uuid')
  messageId!: string;

  @Column('int')
  attempt!: number;

  @Column('timestamptz')
  attemptedAt!: Date;

  @Column('int')
  latencyMs!: number;

  @Column('int', { nullable: true })
  status!: number | null;

  /** `succeeded`, `failed`, `refused` (egress policy), `timeout`, … */
  @Column('varchar', { length: 20 })
  outcome!: string;

  @Column('varchar', { length: 300, nullable: true })
  error!: string | null;

  /** At most 1 KiB of the response body. */
  @Column('text', { nullable: true })
  responseExcerpt!: string | null;
}

export const WEBHOOK_ENTITIES = [
  WebhookEndpointOrmEntity,
  WebhookCursorOrmEntity,
  WebhookMessageOrmEntity,
  WebhookDeliveryOrmEntity,
  WebhookAttemptOrmEntity,
];
