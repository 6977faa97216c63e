import type { CaseContent, Disclosure } from './case-content';
import { DECIDED_STATES, FINAL_STATES, CaseState } from './case-state';
import { DisclosureAlreadyFiled, IllegalCaseTransition, InvalidCaseContent } from './case.errors';

/** The part of a case the lifecycle decides on: pure data, rebuilt from the read model. */
export interface CaseSnapshot {
  id: string;
  state: CaseState;
  caseVersion: number;
  content: CaseContent;
  /** Certified disclosures of the current case version, by person ref. */
  disclosures: Record<string, Disclosure>;
}

export interface CaseEvent {
  type:
    | 'CaseSubmitted'
    | 'CaseAmended'
    | 'CaseWithdrawn'
    | 'DisclosureRequested'
    | 'DisclosureFiled'
    | 'DisclosuresCompleted'
    | 'ScreeningRequested';
  payload: Record<string, unknown>;
}

export interface Decision {
  events: CaseEvent[];
  next: CaseSnapshot;
}

export function pendingDisclosures(snapshot: Pick<CaseSnapshot, 'content' | 'disclosures'>): string[] {
  return snapshot.content.personnel.map((person) => person.ref).filter((ref) => !snapshot.disclosures[ref]);
}

function checkPersonnel(content: CaseContent, inline: Record<string, Disclosure>): void {
  const seen = new Set<string>();
  content.personnel.forEach((person, index) => {
    if (seen.has(person.ref)) {
      throw new InvalidCaseContent(`personnel[${index}].ref`, `the person ref "${person.ref}" is used twice`);
    }
    seen.add(person.ref);
  });
  for (const ref of Object.keys(inline)) {
    if (!seen.has(ref)) throw new InvalidCaseContent('personnel', `a disclosure was given for unknown person "${ref}"`);
  }
}

/**
 * Once content and disclosures are settled: either ask for the missing disclosures, or, when all
 * are in, request screening (which goes to the appraisal queue through the outbox).
 */
function settle(snapshot: CaseSnapshot, events: CaseEvent[], alreadyRequested = false): Decision {
  const missing = pendingDisclosures(snapshot);
  if (missing.length > 0) {
    // The request went out with the case version; later filings only shorten the list.
    if (alreadyRequested) return { events, next: { ...snapshot, state: 'awaiting_disclosures' } };
    events.push({ type: 'DisclosureRequested', payload: { caseVersion: snapshot.caseVersion, personRefs: missing } });
    return { events, next: { ...snapshot, state: 'awaiting_disclosures' } };
  }
  if (snapshot.content.personnel.length > 0) {
    events.push({ type: 'DisclosuresCompleted', payload: { caseVersion: snapshot.caseVersion } });
  }
  events.push({ type: 'ScreeningRequested', payload: { caseVersion: snapshot.caseVersion } });
  return { events, next: { ...snapshot, state: 'screening' } };
}

function disclosureEvents(caseVersion: number, disclosures: Record<string, Disclosure>): CaseEvent[] {
  return Object.entries(disclosures).map(([personRef, disclosure]) => ({
    type: 'DisclosureFiled' as const,
    payload: { caseVersion, personRef, disclosure: disclosure as unknown as Record<string, unknown> },
  }));
}

export function submitCase(id: string, content: CaseContent, inline: Record<string, Disclosure>): Decision {
  checkPersonnel(content, inline);
  const snapshot: CaseSnapshot = { id, state: 'submitted', caseVersion: 1, content, disclosures: { ...inline } };
  const events: CaseEvent[] = [
    { type: 'CaseSubmitted', payload: { caseId: id, caseVersion: 1, content: content as unknown as Record<string, unknown> } },
    ...disclosureEvents(1, inline),
  ];
  return settle(snapshot, events);
}

/** A new case version: the content changes, disclosures and screening start again. */
export function amendCase(current: CaseSnapshot, content: CaseContent, inline: Record<string, Disclosure>): Decision {
  if (current.state === 'withdrawn' || DECIDED_STATES.has(current.state)) {
    throw new IllegalCaseTransition('amend', current.state, 'a case can be amended only before a decision');
  }
  checkPersonnel(content, inline);
  const caseVersion = current.caseVersion + 1;
  const snapshot: CaseSnapshot = { ...current, state: 'submitted', caseVersion, content, disclosures: { ...inline } };
  const events: CaseEvent[] = [
    {
      type: 'CaseAmended',
      payload: { caseVersion, previousState: current.state, content: content as unknown as Record<string, unknown> },
    },
    ...disclosureEvents(caseVersion, inline),
  ];
  return settle(snapshot, events);
}

export function fileDisclosure(current: CaseSnapshot, personRef: string, disclosure: Disclosure): Decision {
  if (!current.content.personnel.some((person) => person.ref === personRef)) {
    throw new InvalidCaseContent('personRef', `no person "${personRef}" is listed on version ${current.caseVersion} of this case`);
  }
  if (current.disclosures[personRef]) throw new DisclosureAlreadyFiled(personRef, current.caseVersion);
  if (current.state !== 'awaiting_disclosures') {
    throw new IllegalCaseTransition('file a disclosure for', current.state, 'the case is not awaiting disclosures');
  }
  const snapshot: CaseSnapshot = { ...current, disclosures: { ...current.disclosures, [personRef]: disclosure } };
  return settle(snapshot, disclosureEvents(current.caseVersion, { [personRef]: disclosure }), true);
}

export function withdrawCase(current: CaseSnapshot, reason: string): Decision {
  if (FINAL_STATES.has(current.state)) {
    throw new IllegalCaseTransition('withdraw', current.state, 'the case is already final');
  }
  return {
    events: [{ type: 'CaseWithdrawn', payload: { caseVersion: current.caseVersion, previousState: current.state, reason } }],
    next: { ...current, state: 'withdrawn' },
  };
}
