export { RateLimitsModule } from './rate-limits.module';
export { RateLimitStorage } from './rate-limit.storage';
export { rateLimitPolicies, policyMember, remainingMember } from './rate-limit.policies';
export type { RateLimitPolicy, RateLimitPolicyName } from './rate-limit.policies';
