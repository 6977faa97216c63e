import type { DimensionLevels, Finding } from '../model/assessment';
import { DIMENSION_LEVELS, DIMENSIONS, highestOf, type DimensionLevel, type Severity } from '../model/levels';

const SEVERITY_LEVEL: Readonly<Record<Severity, DimensionLevel>> = {
  S0: 'low',
  S1: 'low',
  S2: 'medium',
  S3: 'high',
  S4: 'high',
};

/** Each risk dimension is reported separately: the most severe finding in it. */
export function dimensionLevels(findings: readonly Finding[]): DimensionLevels {
  const result = {} as Record<(typeof DIMENSIONS)[number], DimensionLevel>;
  for (const dimension of DIMENSIONS) {
    result[dimension] = highestOf(
      DIMENSION_LEVELS,
      findings.filter((f) => f.dimension === dimension).map((f) => SEVERITY_LEVEL[f.severity]),
      'low',
    );
  }
  return result;
}
