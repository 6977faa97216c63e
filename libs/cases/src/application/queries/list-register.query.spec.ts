import { registerWhere } from '../../infrastructure/case-register.query-service';
import { RegisterRow, toRegisterEntry } from './list-register.query';

const TENANT = '0190b6a4-0000-7000-8000-0000000000aa';

const row = (overrides: Partial<RegisterRow> = {}): RegisterRow => ({
  id: '0190b6a4-0000-7000-8000-000000000001',
  external_ref: 'ref',
  call_id: null,
  kind: 'collaboration',
  state: 'escalated',
  level: 'medium',
  route: 'escalate',
  research: 'R1',
  escalations: null,
  decision: null,
  created_at: new Date('2026-11-20T10:00:00Z'),
  updated_at: new Date('2026-11-20T11:00:00Z'),
  ...overrides,
});

const escalation = (status: 'open' | 'answered' | 'withdrawn', dueAt: string, overdueAt: string | null = null) => ({
  id: 'e1',
  target: 'legal' as const,
  question: 'q',
  advisorTenantId: null,
  recommendedBy: null,
  ruleCodes: [],
  requestedBy: 'k',
  requestedAt: '2026-11-01T00:00:00Z',
  dueAt,
  status,
  advice: null,
  overdueAt,
  closedAt: null,
});

describe('the register', () => {
  // Membership and filters are tested against PostgreSQL: test/integration/cases/register-query.int-spec.ts.
  describe('its cursor', () => {
    it('refuses a cursor it did not issue', () => {
      expect(() => registerWhere(TENANT, {}, 'bogus')).toThrow(expect.objectContaining({ code: 'REQUEST.INVALID_CURSOR' }));
    });
  });

  describe('an entry', () => {
    const now = new Date('2026-11-20T12:00:00Z');

    it('reads an old row without escalations or decision', () => {
      expect(toRegisterEntry(row(), now)).toMatchObject({ escalations: [], decision: null, route: 'escalate', research: 'R1', createdAt: '2026-11-20T10:00:00.000Z' });
    });

    it('marks an open escalation overdue past its due time or once its deadline marked it; never a closed one', () => {
      const entry = toRegisterEntry(
        row({
          escalations: [
            escalation('open', '2026-11-20T11:59:59Z'),
            escalation('open', '2026-11-21T00:00:00Z'),
            escalation('open', '2026-11-21T00:00:00Z', '2026-11-20T11:00:00Z'),
            escalation('answered', '2026-11-01T00:00:00Z'),
          ],
        }),
        now,
      );
      expect(entry.escalations.map((item) => item.overdue)).toEqual([true, false, true, false]);
      expect(entry.escalations[0]).toEqual({ target: 'legal', status: 'open', dueAt: '2026-11-20T11:59:59Z', overdue: true });
    });

    it('summarises the decision: outcome, status, approvers', () => {
      const decision = {
        id: 'd', caseVersion: 1, assessmentId: 'a', outcome: 'declined' as const, reasonCodes: ['RS-T-002'], rationale: 'r', conditions: [],
        approvers: ['k1', 'k2'], status: 'response_window' as const, proposedAt: 'x', recordedAt: 'y', responseDueAt: 'z', applicantResponse: null, finalAt: null, appealDueAt: null,
      };
      expect(toRegisterEntry(row({ decision }), now).decision).toEqual({ outcome: 'declined', status: 'response_window', approvers: ['k1', 'k2'] });
    });
  });
});
