import type { ChangeOfCircumstances } from '../../../domain/case-lifecycle';
import type { ScreeningSummary } from '../../../domain/case-workflow';
import { certifiedDisclosure, integratorActor } from '../../../testing/case-content.fixture';
import { RecordingCaseRunner } from '../../../testing/recording-case-runner';
import { reviewSnapshot } from '../../../testing/review-snapshot.fixture';
import { ReportChangeOfCircumstancesCommand } from './report-change-of-circumstances.command';
import { ReportChangeOfCircumstancesHandler } from './report-change-of-circumstances.handler';

const screening: ScreeningSummary = { assessmentId: 'a-1', caseVersion: 1, level: 'medium', route: 'review', research: 'R1', ruleCodes: ['RS-C-001'], escalationTargets: [] };

const newPartnerAndMember: ChangeOfCircumstances = {
  partners: [{ name: 'Beta Optics GmbH', country: 'DE', type: 'company' }],
  personnel: [{ ref: 'p2', name: 'Person p2', role: 'researcher' }],
  disclosures: { p2: certifiedDisclosure },
};

describe('ReportChangeOfCircumstancesHandler', () => {
  it('adds the change to an approved case as a new version and screens it again', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening, {}, { state: 'monitoring', level: 'medium' }));
    const handler = new ReportChangeOfCircumstancesHandler(runner);
    const result = await handler.execute(new ReportChangeOfCircumstancesCommand('tenant-1', 'case-1', newPartnerAndMember, integratorActor, 11));
    const decision = runner.decisions[0];
    expect(decision.events.map((event) => event.type)).toEqual(['ChangeOfCircumstancesReported', 'DisclosureFiled', 'ScreeningRequested']);
    expect(decision.events[0].payload).toMatchObject({ caseVersion: 2, kinds: ['new_partner', 'new_team_member'] });
    expect(decision.next.content.partners.map((partner) => partner.name)).toEqual(['Acme Photonics B.V.', 'Beta Optics GmbH']);
    expect(decision.next.workflow.rescreen).toEqual({ returnTo: 'monitoring', previousRuleCodes: ['RS-C-001'], previousLevel: 'medium' });
    expect(result).toEqual({ id: 'case-1', state: 'screening', caseVersion: 2, version: 3 });
    expect(runner.expectedVersions).toEqual([11]);
  });

  it('refuses a case still in review, and records nothing', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening));
    const handler = new ReportChangeOfCircumstancesHandler(runner);
    await expect(handler.execute(new ReportChangeOfCircumstancesCommand('tenant-1', 'case-1', newPartnerAndMember, integratorActor))).rejects.toMatchObject({
      code: 'CASE.ILLEGAL_TRANSITION',
      kind: 'conflict',
    });
    expect(runner.decisions).toEqual([]);
  });
});
