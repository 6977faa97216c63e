import type { CaseSnapshot as EngineCaseSnapshot, SupportSource, TalentFeatureKey, TalentProgramme } from '@ajar/appraisal';
import type { CaseContent, Disclosure } from './case-content';

const TALENT_FEATURES: ReadonlySet<string> = new Set(['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9']);

function talentProgramme(programme: Disclosure['talentProgrammes'][number]): TalentProgramme {
  const features: Partial<Record<TalentFeatureKey, boolean>> = {};
  for (const feature of programme.features ?? []) {
    if (TALENT_FEATURES.has(feature)) features[feature as TalentFeatureKey] = true;
  }
  return {
    programmeName: programme.name,
    ...(programme.sponsor ? { sponsor: programme.sponsor } : {}),
    status: programme.status === 'offered' || programme.status === 'declined' ? 'offered_declined' : programme.status,
    features,
    ...(programme.disclosedLate !== undefined ? { disclosedLate: programme.disclosedLate } : {}),
    ...(programme.foundUndisclosed !== undefined ? { foundUndisclosed: programme.foundUndisclosed } : {}),
  };
}

function supportSource({ inKind, ...source }: Disclosure['supportSources'][number]): SupportSource {
  // The intake form only says whether support is in kind; the engine takes its details.
  return inKind ? { ...source, inKind: { description: 'in-kind support (declared)' } } : source;
}

/**
 * The engine's view of one case version: its content with each person's certified disclosure.
 * `asOf` is the date the snapshot speaks for (the engine never reads a clock).
 */
export function appraisalInput(content: CaseContent, disclosures: Record<string, Disclosure>, asOf: string): EngineCaseSnapshot {
  return {
    ...content,
    exportControl: content.exportControl ? { relevant: content.exportControl.relevant, classifications: content.exportControl.classifications ?? [] } : undefined,
    sensitiveData: content.sensitiveData ? { personal: content.sensitiveData.personal, other: content.sensitiveData.other ?? [] } : undefined,
    personnel: content.personnel.map((person) => {
      const disclosure = disclosures[person.ref];
      return {
        ref: person.ref,
        name: person.name,
        role: person.role,
        ...(disclosure
          ? {
              disclosure: {
                affiliations: disclosure.affiliations,
                supportSources: disclosure.supportSources.map(supportSource),
                talentProgrammes: disclosure.talentProgrammes.map(talentProgramme),
                certifiedAt: disclosure.certifiedAt,
              },
            }
          : {}),
      };
    }),
    asOf,
  };
}
