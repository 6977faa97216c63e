import { CommitSignal } from '@ajar/database';
import { TestSystem, waitFor } from '../../support/test-system';

/** The process's LISTEN connection on the real PostgreSQL: who is told that they are heard. */
describe('CommitSignal', () => {
  let system: TestSystem;
  let signal: CommitSignal;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    signal = system.api.get(CommitSignal);
  });
  afterAll(() => system.stop());

  it('tells a subscriber it is heard once its channel is listened on, and signals it at each notification', async () => {
    const listening: boolean[] = [];
    let signals = 0;
    const unsubscribe = await signal.subscribe(() => (signals += 1), 'ajar_signal_probe', (heard) => listening.push(heard));
    expect(listening).toEqual([true]);
    await system.query(`SELECT pg_notify('ajar_signal_probe', '')`);
    await waitFor(() => Promise.resolve(signals >= 1), 'the notification to be heard');
    unsubscribe();
  });

  it('does not tell a subscriber it is heard when PostgreSQL refuses to LISTEN on its channel', async () => {
    const listening: boolean[] = [];
    // Not an identifier: LISTEN fails while the connection itself stays up.
    const unsubscribe = await signal.subscribe(() => undefined, 'not a channel', (heard) => listening.push(heard));
    expect(listening).toEqual([]);
    unsubscribe();
    // The connection still serves the other channels.
    const heard: boolean[] = [];
    const again = await signal.subscribe(() => undefined, 'ajar_signal_probe_2', (value) => heard.push(value));
    expect(heard).toEqual([true]);
    again();
  });
});
