import type { DecisionLetter } from '../../application/queries/get-decision-letter.query';
import { escapeHtml, renderDecisionLetterHtml } from './decision-letter.html';

const HOSTILE = '<script>alert("x")</script>';

function letter(overrides: Partial<DecisionLetter> = {}): DecisionLetter {
  return {
    case: {
      id: '0190b6a4-0000-7000-8000-000000000001',
      title: 'Quantum sensing with Acme',
      kind: 'collaboration',
      callId: null,
      externalRef: 'proposal-4711',
      state: 'monitoring',
      caseVersion: 1,
      version: 9,
    },
    decision: {
      id: '0190b6a4-0000-7000-8000-0000000000d1',
      decidedBy: 'approvers',
      outcome: 'proceed_with_mitigation',
      status: 'final',
      caseVersion: 1,
      assessmentId: '0190b6a4-0000-7000-8000-0000000000a1',
      rationale: 'Open research with a technology control plan.',
      conditions: ['Annual report'],
      proposedAt: '2026-11-20T10:00:00.000Z',
      recordedAt: '2026-11-20T11:00:00.000Z',
      finalAt: '2026-11-20T11:00:00.000Z',
      responseDueAt: null,
      appealDueAt: null,
    },
    reasons: [
      {
        code: 'RS-T-004',
        title: 'Export-controlled items',
        ruleVersions: [1],
        findings: [{ id: 'f1', subject: '/exportControl', severity: 'S3', ruleVersion: 1, explanation: 'Items classified 6A005.' }],
      },
    ],
    approvers: [
      { keyId: 'k1', name: 'Approver One', role: 'proposer' },
      { keyId: 'k2', name: 'Approver Two', role: 'second_approver' },
    ],
    reviewer: { keyId: 'k3', name: 'Research office' },
    securityJudgement: { foreseeableApplication: 'likely', rationale: 'Military end user.', at: '2026-11-20T09:00:00.000Z', by: { keyId: 'k3', name: 'Research office' } },
    applicantResponse: null,
    appeal: null,
    earlierDecisions: [],
    mitigation: {
      planId: 'p1',
      status: 'agreed',
      agreedAt: '2026-11-19T00:00:00.000Z',
      measures: [{ measure: 'MIT-01', strength: 'required', owner: 'PI', dueAt: '2026-12-19T00:00:00.000Z', status: 'pending', completedAt: null }],
    },
    residual: { assessmentId: 'a2', inherentLevel: 'very_high', residualLevel: 'high', mitigatedRules: ['RS-T-004'], unmitigatedRules: [], explanation: null },
    escalations: [{ target: 'export_control', status: 'answered', requestedAt: '2026-11-18T00:00:00.000Z', dueAt: '2026-11-25T00:00:00.000Z', advice: { recommendation: 'proceed_with_conditions', at: '2026-11-19T00:00:00.000Z' } }],
    basis: {
      assessmentId: '0190b6a4-0000-7000-8000-0000000000a1',
      level: 'very_high',
      route: 'review',
      research: 'R3',
      completedAt: '2026-11-20T08:00:00.000Z',
      policy: { name: 'default', version: 3 },
      ruleVersions: [{ rule: 'RS-T-004', version: 1 }],
      referenceLists: [{ listId: 'sanctions', version: 7 }],
    },
    generatedAt: '2026-11-21T00:00:00.000Z',
    ...overrides,
  };
}

describe('the decision letter as HTML', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('is one self-contained document: no script, no external asset, inline style only', () => {
    const document = renderDecisionLetterHtml(letter());
    expect(document.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(document).toContain('<meta charset="utf-8">');
    expect(document).not.toMatch(/<script|<link|<img|src=|@import|url\(/i);
    expect(document).toContain('<style>');
  });

  it('carries the record: outcome, reasons with titles and findings, measures, approvers, versions', () => {
    const document = renderDecisionLetterHtml(letter());
    for (const text of [
      'Proceed with mitigation',
      'RS-T-004',
      'Export-controlled items',
      'Items classified 6A005.',
      'Annual report',
      'MIT-01',
      'required',
      'Approver One',
      'Approver Two',
      'second approver',
      'Research office',
      'default version 3',
      'sanctions</code> v7',
      'export_control',
      'proceed_with_conditions',
      'proposal-4711',
    ]) {
      expect({ text, found: document.includes(text) }).toEqual({ text, found: true });
    }
  });

  it('escapes every value that came from a person or a record, wherever it appears', () => {
    const document = renderDecisionLetterHtml(
      letter({
        case: { ...letter().case, title: HOSTILE, externalRef: `"><img src=x onerror=alert(1)>` },
        decision: { ...letter().decision, rationale: HOSTILE, conditions: [HOSTILE] },
        reasons: [{ code: HOSTILE, title: HOSTILE, ruleVersions: [1], findings: [{ id: HOSTILE, subject: HOSTILE, severity: HOSTILE, ruleVersion: 1, explanation: HOSTILE }] }],
        approvers: [{ keyId: HOSTILE, name: HOSTILE, role: 'proposer' }],
        applicantResponse: { at: HOSTILE, text: HOSTILE },
        securityJudgement: { foreseeableApplication: 'none', rationale: HOSTILE, at: HOSTILE, by: { keyId: HOSTILE, name: HOSTILE } },
        mitigation: { planId: HOSTILE, status: 'agreed', agreedAt: HOSTILE, measures: [{ measure: HOSTILE, strength: 'required', owner: HOSTILE, dueAt: HOSTILE, status: 'pending', completedAt: HOSTILE }] },
        residual: { assessmentId: HOSTILE, inherentLevel: HOSTILE, residualLevel: HOSTILE, mitigatedRules: [HOSTILE], unmitigatedRules: [HOSTILE], explanation: HOSTILE },
      }),
    );
    expect(document).not.toContain('<script');
    expect(document).not.toContain('<img');
    expect(document).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(document).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('says a fast-lane decision was the system\'s, with no approvers', () => {
    const document = renderDecisionLetterHtml(
      letter({
        decision: { ...letter().decision, id: null, decidedBy: 'system', outcome: 'proceed', conditions: [] },
        approvers: [],
        reviewer: null,
        securityJudgement: null,
        mitigation: null,
        residual: null,
        escalations: [],
        reasons: [{ code: 'RS-F-006', title: 'Proportionality fast lane', ruleVersions: [], findings: [] }],
      }),
    );
    expect(document).toContain('the system (proportionality fast lane, RS-F-006)');
    expect(document).toContain('Proportionality fast lane');
    expect(document).not.toContain('Mitigation measures');
  });

  it('lists earlier decisions with how and when each was set aside', () => {
    const document = renderDecisionLetterHtml(
      letter({
        earlierDecisions: [
          { id: 'd0', outcome: 'declined', reasonCodes: ['RS-L-001'], caseVersion: 1, recordedAt: '2026-10-01T00:00:00.000Z', finalAt: '2026-10-15T00:00:00.000Z', approvers: [{ keyId: 'k1', name: 'Approver One' }], ended: { how: 'overturned_on_appeal', at: '2026-11-01T00:00:00.000Z' } },
          { id: 'd1', outcome: 'proceed', reasonCodes: [], caseVersion: 1, recordedAt: '2026-11-02T00:00:00.000Z', finalAt: '2026-11-02T00:00:00.000Z', approvers: [], ended: null },
        ],
      }),
    );
    expect(document).toContain('Earlier decisions');
    expect(document).toContain('overturned on appeal <time datetime="2026-11-01T00:00:00.000Z">');
    expect(document).toContain('RS-L-001');
  });

  it('shows the applicant\'s response, the windows and an adverse status still open for response', () => {
    const document = renderDecisionLetterHtml(
      letter({
        decision: { ...letter().decision, outcome: 'declined', status: 'response_window', finalAt: null, responseDueAt: '2026-12-01T00:00:00.000Z' },
        applicantResponse: { at: '2026-11-22T00:00:00.000Z', text: 'The partner is a different company.' },
      }),
    );
    expect(document).toContain('Declined');
    expect(document).toContain('open for the applicant&#39;s response');
    expect(document).toContain('The partner is a different company.');
    expect(document).toContain('2026-12-01T00:00:00.000Z');
  });
});
