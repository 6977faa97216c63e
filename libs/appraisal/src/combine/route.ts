import { highestOf, ROUTES, type Effect, type RiskLevel, type Route } from '../model/levels';
import type { AppraisalPolicy } from '../model/policy';
import type { Finding } from '../model/assessment';

const EFFECT_ROUTE: Readonly<Record<Effect, Route>> = {
  none: 'auto_clear',
  review: 'review',
  mitigate: 'review',
  escalate: 'escalate',
  // Only findings of rules with a recorded basis keep `ineligible` (see finalise-finding).
  ineligible: 'not_eligible',
};

/**
 * The route is the most demanding of the level's route and every finding's effect. The fast lane
 * (RS-F-006) clears automatically when no finding asks for a human.
 */
export function decideRoute(policy: AppraisalPolicy, level: RiskLevel, findings: readonly Finding[], fastLane: boolean): Route {
  const findingRoute = highestOf(ROUTES, findings.map((f) => EFFECT_ROUTE[f.effect]), 'auto_clear');
  if (fastLane && findingRoute === 'auto_clear') return 'auto_clear';
  const levelRoute: Route = level === 'blocked' ? 'not_eligible' : policy.routing[level];
  return highestOf(ROUTES, [levelRoute, findingRoute], 'auto_clear');
}
