// JSON pointers and iteration over the disclosed items of every named person.
import type { Affiliation, CaseSnapshot, Person, SupportSource, TalentProgramme } from '../model/case-snapshot';

export type DisclosedItem =
  | { readonly kind: 'affiliation'; readonly item: Affiliation; readonly pointer: string; readonly from?: string; readonly to?: string | null }
  | { readonly kind: 'support'; readonly item: SupportSource; readonly pointer: string; readonly from?: string; readonly to?: string | null }
  | { readonly kind: 'talent_programme'; readonly item: TalentProgramme; readonly pointer: string; readonly from?: string; readonly to?: string | null };

export interface PersonItems {
  readonly person: Person;
  readonly pointer: string;
  readonly items: readonly DisclosedItem[];
}

export function personItems(snapshot: CaseSnapshot): PersonItems[] {
  return (snapshot.personnel ?? []).map((person, p) => {
    const pointer = `/personnel/${p}`;
    const d = person.disclosure;
    const items: DisclosedItem[] = [
      ...(d?.affiliations ?? []).map((item, i): DisclosedItem => ({
        kind: 'affiliation', item, pointer: `${pointer}/disclosure/affiliations/${i}`,
        ...(item.from !== undefined ? { from: item.from } : {}), ...(item.to !== undefined ? { to: item.to } : {}),
      })),
      ...(d?.supportSources ?? []).map((item, i): DisclosedItem => ({
        kind: 'support', item, pointer: `${pointer}/disclosure/supportSources/${i}`,
        ...(item.start !== undefined ? { from: item.start } : {}), ...(item.end !== undefined ? { to: item.end } : {}),
      })),
      ...(d?.talentProgrammes ?? []).map((item, i): DisclosedItem => ({
        kind: 'talent_programme', item, pointer: `${pointer}/disclosure/talentProgrammes/${i}`,
        ...(item.from !== undefined ? { from: item.from } : {}), ...(item.to !== undefined ? { to: item.to } : {}),
      })),
    ];
    return { person, pointer, items };
  });
}

export const SENIOR_ROLES: readonly Person['role'][] = ['pi', 'co_investigator'];
