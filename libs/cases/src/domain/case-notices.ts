/**
 * Case events that people must hear about beyond webhooks: each becomes a notice (an e-mail when
 * SMTP is configured) to the audiences its type names. Audiences are roles, resolved by the
 * notifier to the API keys that carry a contact address: `answerer` is whoever answers an
 * escalation (the ethics committee; the national advisor's own tenant, `advisorTenantId` in the
 * payload; the rso for export control and legal).
 */
export type NoticeAudience = 'applicant' | 'rso' | 'approver' | 'admin' | 'answerer';

const BY_TYPE: Readonly<Record<string, readonly NoticeAudience[]>> = {
  InformationRequested: ['applicant'],
  InformationRequestOverdue: ['approver', 'rso'],
  EscalationRaised: ['answerer'],
  AdviceReceived: ['rso', 'approver'],
  EscalationOverdue: ['approver', 'answerer'],
  MitigationPlanProposed: ['applicant'],
  MeasureOverdue: ['approver', 'applicant'],
  DecisionProposed: ['approver'],
  DecisionRecorded: ['applicant'],
  DecisionFinalised: ['applicant'],
  AppealLodged: ['approver'],
  MonitoringAlertRaised: ['rso'],
  // The cause is often the tenant's data (a list version) or the deployment: rso and admin.
  ScreeningFailed: ['rso', 'admin'],
};

/** Who hears of a stored case event; empty when it is no notice. */
export function noticeAudiences(type: string, payload: Record<string, unknown>): readonly NoticeAudience[] {
  // A reminder goes to whoever owes the answer: the answerer of an escalation, else the applicant.
  if (type === 'DeadlineReminderSent') return payload.subjectKind === 'escalation' ? ['answerer'] : ['applicant'];
  return Object.hasOwn(BY_TYPE, type) ? BY_TYPE[type] : [];
}
