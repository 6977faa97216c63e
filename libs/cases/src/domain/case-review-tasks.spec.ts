import { reviewSnapshot } from '../testing/review-snapshot.fixture';
import { listHitsToAdjudicate, type FindingOfAssessment, type PendingListHit } from './case-list-hits';
import { proposeDecision } from './case-review';
import { reviewTasks } from './case-review-tasks';
import type { EscalationRecord, InformationRequest, MitigationPlan, ScreeningSummary } from './case-workflow';

const NOW = new Date('2026-03-02T10:00:00.000Z');

function listFinding(id: string, rule: string, status: string, entryId = 'san-1', subject = '/partners/0'): FindingOfAssessment {
  return { id, rule, subject, evidence: { listId: 'sanctions', listVersion: 3, entryId, matchedName: 'Sample Photonics Ltd', score: 0.82, status } };
}

function screening(research = 'R1', pendingListHits: PendingListHit[] = []): ScreeningSummary {
  return { assessmentId: 'a-1', caseVersion: 1, level: 'medium', route: 'review', research, ruleCodes: [], escalationTargets: [], pendingListHits };
}

const kinds = (tasks: { kind: string }[]) => tasks.map((task) => task.kind);

describe('list hits to adjudicate', () => {
  it('keeps one task per subject and list entry, with every rule the hit fired', () => {
    const hits = listHitsToAdjudicate([
      listFinding('f-1', 'RS-L-001', 'pending'),
      listFinding('f-2', 'RS-L-008', 'pending'),
      listFinding('f-3', 'RS-L-001', 'review_band', 'san-2'),
      listFinding('f-4', 'RS-L-001', 'reopened', 'san-1', '/partners/1'),
    ]);
    expect(hits.map((hit) => [hit.hitId, hit.rules, hit.status])).toEqual([
      ['f-1', ['RS-L-001', 'RS-L-008'], 'pending'],
      ['f-3', ['RS-L-001'], 'review_band'],
      ['f-4', ['RS-L-001'], 'reopened'],
    ]);
    expect(hits[0]).toMatchObject({ listId: 'sanctions', listVersion: 3, entryId: 'san-1', matchedName: 'Sample Photonics Ltd', score: 0.82, subject: '/partners/0' });
  });

  it('leaves out decided hits and findings that are not list hits', () => {
    const hits = listHitsToAdjudicate([
      listFinding('f-1', 'RS-L-001', 'confirmed'),
      listFinding('f-2', 'RS-L-001', 'suppressed'),
      { id: 'f-3', rule: 'RS-T-001', subject: '', evidence: { technologyArea: 'quantum' } },
      { id: 'f-4', rule: 'RS-C-001', subject: '/partners/0' },
    ]);
    expect(hits).toEqual([]);
  });
});

describe('review tasks', () => {
  const pending = listHitsToAdjudicate([listFinding('f-1', 'RS-L-001', 'pending')]);

  it('a case with a sanctions candidate shows the hit to adjudicate, and a favourable decision waits for it', () => {
    const current = reviewSnapshot(screening('R1', pending));
    const tasks = reviewTasks(current, NOW);
    expect(kinds(tasks)).toEqual(['adjudicate_list_hit', 'propose_decision']);
    expect(tasks[0]).toMatchObject({ roles: ['rso'], ref: 'f-1', blocksDecision: true, hit: { listId: 'sanctions', entryId: 'san-1' } });
    expect(tasks[0].summary).toContain('Sample Photonics Ltd');

    const terms = { decisionId: 'd-1', reasonCodes: [], rationale: 'fine', conditions: [] };
    const windows = { responseWindowDays: 14, appealWindowDays: 30 };
    expect(() => proposeDecision(current, { ...terms, outcome: 'proceed' }, 'approver-1', windows, NOW)).toThrow(
      expect.objectContaining({ code: 'DECISION.LIST_HITS_PENDING' }),
    );
    // Declining is still open: an undecided candidate does not oblige anyone to approve.
    const declined = proposeDecision(current, { ...terms, outcome: 'declined', reasonCodes: ['RS-L-001'] }, 'approver-1', windows, NOW);
    expect(declined.next.workflow.decision?.outcome).toBe('declined');
  });

  it('a case without a reviewer at R2 asks for the assignment and the RS-T-008 judgement first', () => {
    const current = reviewSnapshot(screening('R2'), { reviewer: null });
    const tasks = reviewTasks(current, NOW);
    expect(kinds(tasks)).toEqual(['assign_reviewer', 'record_security_judgement', 'propose_decision']);
    expect(tasks.filter((task) => task.blocksDecision).map((task) => task.kind)).toEqual(['assign_reviewer', 'record_security_judgement']);
  });

  it('open questions block the decision until they are answered or overdue; measures carry their due time', () => {
    const request: InformationRequest = {
      id: 'ir-1', question: 'Who funds the lab?', requestedBy: 'rso-1', requestedAt: '2026-03-01T00:00:00.000Z', dueAt: '2026-03-05T00:00:00.000Z',
      status: 'open', response: null, overdueAt: null,
    };
    const escalation: EscalationRecord = {
      id: 'esc-1', target: 'ethics_committee', question: 'Dual use?', advisorTenantId: null, recommendedBy: null, ruleCodes: [], requestedBy: 'rso-1',
      requestedAt: '2026-03-01T00:00:00.000Z', dueAt: '2026-03-02T09:00:00.000Z', status: 'open', advice: null, overdueAt: '2026-03-02T09:00:00.000Z', closedAt: null,
    };
    const plan: MitigationPlan = {
      id: 'plan-1', caseVersion: 1, status: 'agreed', proposedBy: 'rso-1', proposedAt: '2026-03-01T00:00:00.000Z', agreedBy: 'app-1', agreedAt: '2026-03-01T01:00:00.000Z',
      measures: [
        { id: 'm-1', measure: 'MIT-01', strength: 'required', owner: 'PI', dueInDays: 30, dueAt: '2026-03-31T01:00:00.000Z', evidenceExpected: 'A TCP', legalBasis: null, status: 'pending', completion: null, overdueAt: null },
        { id: 'm-2', measure: 'MIT-02', strength: 'suggested', owner: 'PI', dueInDays: 1, dueAt: '2026-03-02T01:00:00.000Z', evidenceExpected: 'Training', legalBasis: null, status: 'completed', completion: null, overdueAt: null },
      ],
    };
    const current = reviewSnapshot(screening(), { informationRequests: [request], escalations: [escalation], mitigationPlan: plan }, { state: 'escalated' });
    const tasks = reviewTasks(current, NOW);
    expect(kinds(tasks)).toEqual(['answer_information_request', 'await_advice', 'complete_measure', 'propose_decision']);
    expect(tasks[0]).toMatchObject({ ref: 'ir-1', roles: ['applicant', 'integrator'], overdue: false, blocksDecision: true, dueAt: request.dueAt });
    expect(tasks[1]).toMatchObject({ ref: 'esc-1', roles: ['ethics_committee'], overdue: true, blocksDecision: false });
    expect(tasks[2]).toMatchObject({ ref: 'm-1', dueAt: '2026-03-31T01:00:00.000Z', overdue: false });
  });

  it('a proposed adverse decision waits for its second approver, then the applicant, then an appeal', () => {
    const proposed = reviewSnapshot(screening(), {
      decision: {
        id: 'd-1', caseVersion: 1, assessmentId: 'a-1', outcome: 'not_eligible', reasonCodes: ['RS-L-001'], rationale: 'listed', conditions: [], approvers: ['approver-1'],
        status: 'awaiting_second_approval', proposedAt: NOW.toISOString(), recordedAt: null, responseDueAt: null, applicantResponse: null, finalAt: null, appealDueAt: null,
      },
    });
    expect(kinds(reviewTasks(proposed, NOW))).toEqual(['approve_decision']);

    const windowOpen = { ...proposed, state: 'decided' as const, workflow: { ...proposed.workflow, decision: { ...proposed.workflow.decision!, status: 'response_window' as const, responseDueAt: '2026-03-16T10:00:00.000Z' } } };
    expect(reviewTasks(windowOpen, NOW)).toEqual([expect.objectContaining({ kind: 'respond_to_decision', ref: 'd-1', dueAt: '2026-03-16T10:00:00.000Z' })]);

    const appealed = {
      ...windowOpen,
      workflow: {
        ...windowOpen.workflow,
        decision: { ...windowOpen.workflow.decision, status: 'final' as const },
        appeal: { id: 'ap-1', decisionId: 'd-1', grounds: 'wrong entity', lodgedBy: 'app-1', lodgedAt: NOW.toISOString(), status: 'open' as const, result: null, decidedBy: null, rationale: null, decidedAt: null },
      },
    };
    expect(kinds(reviewTasks(appealed, NOW))).toEqual(['decide_appeal']);
  });

  it('a case in screening or cleared has nothing to do', () => {
    expect(reviewTasks(reviewSnapshot(screening('R1', pending), {}, { state: 'screening' }), NOW)).toEqual([]);
    expect(reviewTasks(reviewSnapshot(screening(), {}, { state: 'cleared' }), NOW)).toEqual([]);
  });
});
