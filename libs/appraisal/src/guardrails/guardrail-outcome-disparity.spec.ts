import { outcomeDisparity, OutcomeRecord } from './outcome-disparity';

function records(group: string, count: number, escalatedCount: number, declinedCount = 0): OutcomeRecord[] {
  return Array.from({ length: count }, (_unused, index) => ({
    group,
    route: index < escalatedCount ? ('escalate' as const) : ('review' as const),
    ...(index < declinedCount ? { outcome: 'declined' as const } : { outcome: 'proceed' as const }),
  }));
}

describe('RS-F-007 outcome-disparity monitoring', () => {
  it('alerts when a group is escalated far more often than the others', () => {
    const report = outcomeDisparity([...records('photonics', 40, 20), ...records('biology', 60, 6)]);
    expect(report.cases).toBe(100);
    expect(report.groups).toEqual([
      { group: 'biology', cases: 60, escalationRate: 0.1, adverseRate: 0 },
      { group: 'photonics', cases: 40, escalationRate: 0.5, adverseRate: 0 },
    ]);
    expect(report.alerts).toEqual([
      expect.objectContaining({ rule: 'RS-F-007', group: 'photonics', metric: 'escalationRate', rate: 0.5, othersRate: 0.1 }),
    ]);
    expect(report.alerts[0].explanation).toContain('photonics');
  });

  it('alerts on refusals too', () => {
    const report = outcomeDisparity([...records('EU', 30, 0, 9), ...records('non-EU', 30, 0, 3)]);
    expect(report.alerts.map((alert) => [alert.group, alert.metric])).toEqual([['EU', 'adverseRate']]);
  });

  it('stays quiet when groups are treated alike', () => {
    expect(outcomeDisparity([...records('a', 50, 10), ...records('b', 50, 11)]).alerts).toEqual([]);
  });

  it('does not compare groups too small to mean anything', () => {
    expect(outcomeDisparity([...records('tiny', 5, 5), ...records('large', 100, 5)]).alerts).toEqual([]);
  });

  it('is deterministic', () => {
    const input = [...records('x', 25, 10), ...records('y', 25, 2)];
    expect(outcomeDisparity(input)).toEqual(outcomeDisparity([...input].reverse()));
  });
});
