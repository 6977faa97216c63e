import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { currentEventContext, EventStore, PendingEvent } from '@ajar/event-store';
import type { Actor } from '@ajar/observability';
import { CallOrmEntity } from './policy.orm-entity';

export const CALL_STREAM = 'call';

export interface NewCall {
  id: string;
  tenantId: string;
  title: string;
  externalRef: string | null;
  policyId: string;
  policyName: string;
  policyVersion: number;
  createdAt: Date;
}

/** Funder calls, each bound to one policy version. */
@Injectable()
export class CallRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventStore,
  ) {}

  /** Stores the new call and its opening events: one transaction. */
  async open(call: NewCall, events: PendingEvent[], actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.getRepository(CallOrmEntity).insert(call);
      await this.events.append(
        em,
        { tenantId: call.tenantId, streamType: CALL_STREAM, streamId: call.id, expectedVersion: 0, events },
        currentEventContext(actor),
      );
    });
  }
}
