export { EgressClient, EGRESS_RESOLVER } from './egress-client';
export type { EgressRequest, EgressResponse } from './egress-client';
export { EgressRefused, EgressFailed } from './egress-errors';
export type { EgressFailureCode } from './egress-errors';
export { EgressAllowList, classifyAddress, vetUrl, vetDestination, vetResolvedAddresses } from './egress-policy';
export type { AddressVerdict, UrlVerdict, HostResolver } from './egress-policy';
export { EgressModule } from './egress.module';
