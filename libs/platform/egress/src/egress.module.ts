import { Global, Module } from '@nestjs/common';
import { EgressClient } from './egress-client';

/** One EgressClient per process, so every outbound call shares its vetted keep-alive pools. */
@Global()
@Module({
  providers: [EgressClient],
  exports: [EgressClient],
})
export class EgressModule {}
