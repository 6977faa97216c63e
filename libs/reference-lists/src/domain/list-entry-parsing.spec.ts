import { parseCsvRecord, parseFollowTheMoneyLine } from './list-entry-parsing';

describe('reading list entries', () => {
  it('maps a FollowTheMoney organisation with aliases, identifiers, country and topics', () => {
    const line = JSON.stringify({
      id: 'NK-abc',
      schema: 'Company',
      last_change: '2026-01-02T00:00:00',
      properties: {
        name: ['Volkov Photonics LLC', 'ООО Волков Фотоника'],
        alias: ['Volkov Optics'],
        weakAlias: ['VPL'],
        jurisdiction: ['ru'],
        registrationNumber: ['1027700000000'],
        leiCode: ['253400JT3MQWNDKMJE44'],
        topics: ['sanction'],
      },
    });
    expect(parseFollowTheMoneyLine(line)).toEqual({
      entry: {
        entryId: 'NK-abc',
        schema: 'organisation',
        name: 'Volkov Photonics LLC',
        aliases: ['ООО Волков Фотоника', 'Volkov Optics'],
        weakAliases: ['VPL'],
        country: 'RU',
        identifiers: { registration: '1027700000000', lei: '253400JT3MQWNDKMJE44' },
        topics: ['sanction'],
        lastChange: '2026-01-02T00:00:00',
      },
    });
  });

  it('maps persons, skips other schemas and blank lines, refuses broken rows with a reason', () => {
    expect(parseFollowTheMoneyLine(JSON.stringify({ id: 'p1', schema: 'Person', properties: { name: ['Ivan Example'] } }))).toMatchObject({
      entry: { schema: 'person', name: 'Ivan Example' },
    });
    expect(parseFollowTheMoneyLine(JSON.stringify({ id: 'o1', schema: 'Ownership', properties: {} }))).toEqual({ skip: true });
    expect(parseFollowTheMoneyLine('   ')).toEqual({ skip: true });
    expect(parseFollowTheMoneyLine('{"id": ')).toEqual({ problem: 'not valid JSON' });
    expect(parseFollowTheMoneyLine(JSON.stringify({ schema: 'Company', properties: { name: ['X'] } }))).toEqual({ problem: 'id is missing' });
    expect(parseFollowTheMoneyLine(JSON.stringify({ id: 'x', schema: 'Company', properties: {} }))).toEqual({ problem: 'name is missing' });
  });

  it('maps a CSV record with ;-separated multi-values', () => {
    expect(parseCsvRecord({ id: 'c1', schema: 'Organization', name: 'Westbrook Polytechnic University', aliases: 'WPU Institute; Westbrook Poly', country: 'aq', topics: 'defence.1286' })).toEqual({
      entry: {
        entryId: 'c1',
        schema: 'organisation',
        name: 'Westbrook Polytechnic University',
        aliases: ['WPU Institute', 'Westbrook Poly'],
        country: 'AQ',
        topics: ['defence.1286'],
      },
    });
    expect(parseCsvRecord({ id: 'c2', schema: 'Vessel', name: 'X' })).toMatchObject({ problem: expect.stringContaining('schema "Vessel"') });
  });
});
