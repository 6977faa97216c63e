import type { DecisionLetter, LetterPerson } from '../../application/queries/get-decision-letter.query';

/** Markup built by `html` below; anything else interpolated into it is escaped. */
class Markup {
  constructor(readonly value: string) {}
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]);
}

function render(value: unknown): string {
  if (value instanceof Markup) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** A template whose every interpolated value is HTML-escaped unless it is itself `html` markup. */
function html(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  let out = strings[0];
  values.forEach((value, index) => {
    out += render(value) + strings[index + 1];
  });
  return new Markup(out);
}

const OUTCOME_LABEL: Record<string, string> = {
  proceed: 'Proceed',
  proceed_with_mitigation: 'Proceed with mitigation',
  not_eligible: 'Not eligible',
  declined: 'Declined',
};

const ENDED_LABEL: Record<string, string> = {
  overturned_on_appeal: 'overturned on appeal',
  review_reopened: 'review re-opened',
};

const STATUS_LABEL: Record<string, string> = {
  final: 'Final',
  response_window: 'Recorded; open for the applicant\'s response before it becomes final',
};

const STYLE = `
body{font-family:Georgia,'Times New Roman',serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:1.8rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3;font-weight:normal;width:14rem}.outcome{font-size:1.3rem;font-weight:bold}.muted{color:#666}
code{font-family:Menlo,Consolas,monospace;font-size:.9em}blockquote{margin:.5rem 0;padding:.3rem .8rem;border-left:3px solid #ccc;white-space:pre-wrap}
@media print{body{margin:0}}
`;

const person = (who: LetterPerson | null): Markup =>
  who ? html`${who.name ?? 'unknown key'} <span class="muted">(<code>${who.keyId}</code>)</span>` : html`<span class="muted">none</span>`;

const when = (at: string | null | undefined): Markup => (at ? html`<time datetime="${at}">${at}</time>` : html`<span class="muted">—</span>`);

const row = (label: string, value: unknown): Markup => html`<tr><th>${label}</th><td>${value}</td></tr>`;

function reasons(letter: DecisionLetter): Markup {
  if (letter.reasons.length === 0) return html`<p class="muted">No reason codes were given.</p>`;
  return html`${letter.reasons.map(
    (reason) => html`<h3><code>${reason.code}</code> ${reason.title ?? 'Unknown rule'}${
      reason.ruleVersions.length > 0 ? html` <span class="muted">(rule version ${reason.ruleVersions.join(', ')})</span>` : ''
    }</h3>${
      reason.findings.length === 0
        ? html`<p class="muted">No finding of this rule in the assessment the decision used.</p>`
        : html`<ul>${reason.findings.map(
            (finding) =>
              html`<li>${finding.explanation} <span class="muted">— severity ${finding.severity}; evidence: finding <code>${finding.id ?? '—'}</code> on <code>${finding.subject || '/'}</code></span></li>`,
          )}</ul>`
    }`,
  )}`;
}

function mitigation(letter: DecisionLetter): Markup {
  const plan = letter.mitigation;
  if (!plan) return html``;
  return html`<h2>Mitigation measures</h2>
<p>Plan <code>${plan.planId}</code>: ${plan.status}${plan.agreedAt ? html`, agreed ${when(plan.agreedAt)}` : ''}.</p>
<table><thead><tr><th>Measure</th><th>Strength</th><th>Owner</th><th>Due</th><th>Status</th></tr></thead><tbody>${plan.measures.map(
    (measure) =>
      html`<tr><td><code>${measure.measure}</code></td><td>${measure.strength}</td><td>${measure.owner}</td><td>${when(measure.dueAt)}</td><td>${measure.status}${
        measure.completedAt ? html` (${when(measure.completedAt)})` : ''
      }</td></tr>`,
  )}</tbody></table>`;
}

function residual(letter: DecisionLetter): Markup {
  const risk = letter.residual;
  if (!risk) return html``;
  return html`<h2>Residual risk</h2><table>${[
    row('Inherent level', risk.inherentLevel),
    row('Residual level', risk.residualLevel),
    row('Rules addressed by the measures', risk.mitigatedRules.join(', ') || '—'),
    row('Rules not addressed', risk.unmitigatedRules.join(', ') || '—'),
    risk.explanation ? row('Explanation', risk.explanation) : '',
    row('Assessment', html`<code>${risk.assessmentId}</code>`),
  ]}</table>`;
}

function dueProcess(letter: DecisionLetter): Markup {
  const decision = letter.decision;
  const appeal = letter.appeal;
  return html`<h2>Response and appeal</h2><table>${[
    row('Response due', when(decision.responseDueAt)),
    row(
      'Applicant\'s response',
      letter.applicantResponse ? html`received ${when(letter.applicantResponse.at)}<blockquote>${letter.applicantResponse.text}</blockquote>` : html`<span class="muted">none</span>`,
    ),
    row('Appeal due', when(decision.appealDueAt)),
    row(
      'Appeal',
      appeal
        ? html`lodged ${when(appeal.lodgedAt)}; ${appeal.status}${appeal.result ? html`: ${appeal.result} ${when(appeal.decidedAt)}` : ''}`
        : html`<span class="muted">none</span>`,
    ),
  ]}</table>`;
}

function earlier(letter: DecisionLetter): Markup {
  if (letter.earlierDecisions.length === 0) return html``;
  return html`<h2>Earlier decisions</h2><table><thead><tr><th>Outcome</th><th>Reasons</th><th>Recorded</th><th>Approvers</th><th>Set aside</th></tr></thead><tbody>${letter.earlierDecisions.map(
    (decision) =>
      html`<tr><td>${OUTCOME_LABEL[decision.outcome] ?? decision.outcome}</td><td>${decision.reasonCodes.join(', ') || '—'}</td><td>${when(decision.recordedAt)}</td><td>${decision.approvers.map(
        (approver, index) => html`${index > 0 ? ', ' : ''}${person(approver)}`,
      )}</td><td>${decision.ended ? html`${ENDED_LABEL[decision.ended.how]} ${when(decision.ended.at)}` : html`<span class="muted">—</span>`}</td></tr>`,
  )}</tbody></table>`;
}

function escalations(letter: DecisionLetter): Markup {
  if (letter.escalations.length === 0) return html``;
  return html`<h2>Escalations</h2><table><thead><tr><th>Target</th><th>Status</th><th>Requested</th><th>Due</th><th>Advice</th></tr></thead><tbody>${letter.escalations.map(
    (escalation) =>
      html`<tr><td>${escalation.target}</td><td>${escalation.status}</td><td>${when(escalation.requestedAt)}</td><td>${when(escalation.dueAt)}</td><td>${
        escalation.advice ? html`${escalation.advice.recommendation} (${when(escalation.advice.at)})` : html`<span class="muted">—</span>`
      }</td></tr>`,
  )}</tbody></table>`;
}

function versions(letter: DecisionLetter): Markup {
  const basis = letter.basis;
  if (!basis) return html`<h2>Versions in force</h2><p class="muted">The assessment the decision used is not available.</p>`;
  return html`<h2>Versions in force</h2><table>${[
    row('Assessment', html`<code>${basis.assessmentId}</code> of ${when(basis.completedAt)}: level ${basis.level}, route ${basis.route}, research ${basis.research}`),
    row('Policy', html`${basis.policy.name} version ${basis.policy.version}`),
    row('Rules', basis.ruleVersions.map((rule, index) => html`${index > 0 ? ', ' : ''}<code>${rule.rule}</code> v${rule.version}`)),
    row(
      'Reference lists',
      basis.referenceLists.length > 0
        ? basis.referenceLists.map((list, index) => html`${index > 0 ? ', ' : ''}<code>${list.listId}</code> v${list.version}`)
        : html`<span class="muted">none</span>`,
    ),
  ]}</table>`;
}

/** The decision letter as one self-contained HTML document: inline style, no scripts or assets. */
export function renderDecisionLetterHtml(letter: DecisionLetter): string {
  const { decision } = letter;
  const subject = letter.case;
  const judgement = letter.securityJudgement;
  const document = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Decision letter — ${subject.title}</title>
<style>${new Markup(STYLE)}</style>
</head>
<body>
<header>
<p class="muted">Research-security decision record</p>
<h1>${subject.title}</h1>
<table>${[
    row('Case', html`<code>${subject.id}</code> (case version ${decision.caseVersion}; record version ${subject.version})`),
    row('External reference', subject.externalRef ?? html`<span class="muted">—</span>`),
    row('Call', subject.callId ? html`<code>${subject.callId}</code>` : html`<span class="muted">—</span>`),
    row('Kind', subject.kind),
    row('Case state', subject.state),
  ]}</table>
</header>
<main>
<h2>Decision</h2>
<p class="outcome">${OUTCOME_LABEL[decision.outcome] ?? decision.outcome}</p>
<table>${[
    row('Status', STATUS_LABEL[decision.status] ?? decision.status),
    row('Decided by', decision.decidedBy === 'system' ? 'the system (proportionality fast lane, RS-F-006)' : letter.approvers.map((approver) => html`${person(approver)} — ${approver.role === 'proposer' ? 'proposer' : 'second approver'}<br>`)),
    row('Reviewer', person(letter.reviewer)),
    row('Proposed', when(decision.proposedAt)),
    row('Recorded', when(decision.recordedAt)),
    row('Final', when(decision.finalAt)),
    row('Decision id', decision.id ? html`<code>${decision.id}</code>` : html`<span class="muted">system decision</span>`),
  ]}</table>
<h3>Rationale</h3>
<blockquote>${decision.rationale}</blockquote>
${
    decision.conditions.length > 0
      ? html`<h3>Conditions</h3><ul>${decision.conditions.map((condition) => html`<li>${condition}</li>`)}</ul>`
      : ''
  }
${
    judgement
      ? html`<h3>Security judgement (RS-T-008)</h3><p>Foreseeable security application: <strong>${judgement.foreseeableApplication}</strong>, by ${person(judgement.by)} ${when(judgement.at)}.</p><blockquote>${judgement.rationale}</blockquote>`
      : ''
  }
<h2>Reasons</h2>
${reasons(letter)}
${mitigation(letter)}
${residual(letter)}
${dueProcess(letter)}
${escalations(letter)}
${earlier(letter)}
${versions(letter)}
</main>
<footer><p class="muted">Generated ${when(letter.generatedAt)} by Ajar.</p></footer>
</body>
</html>
`;
  return document.value;
}
