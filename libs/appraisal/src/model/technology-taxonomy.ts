// RULES.md §4.1 unified taxonomy. The column mapping is an [M] synthesis, so nothing built on it alone is S4.
export const TECHNOLOGY_TAGS = [
  'semiconductors',
  'ai',
  'quantum',
  'biotech',
  'connectivity_navigation',
  'sensing',
  'space_propulsion',
  'energy',
  'robotics_autonomy',
  'materials_manufacturing',
  'weapons_military',
  'human_machine',
] as const;
export type TechnologyTag = (typeof TECHNOLOGY_TAGS)[number];

/** The explicit "none of the listed areas" answer (RS-T-001). */
export const NO_TECHNOLOGY_AREA = 'none';

/** EU Commission Rec. 2023/2113 highest-risk four (RS-T-002). */
export const EU_TOP_FOUR: readonly TechnologyTag[] = ['semiconductors', 'ai', 'quantum', 'biotech'];

/** Areas whose presence means weapons / military application potential (RS-T-009). */
export const WEAPONS_AREAS: readonly TechnologyTag[] = ['weapons_military'];

export function isTechnologyTag(value: string): value is TechnologyTag {
  return (TECHNOLOGY_TAGS as readonly string[]).includes(value);
}
