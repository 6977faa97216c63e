import { parseCsvRecord, parseFollowTheMoneyLine } from './list-entry-parsing';

const cells = (record: Record<string, string>): Map<string, string> => new Map(Object.entries(record));

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
        countries: ['RU'],
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
    expect(parseCsvRecord(cells({ id: 'c1', schema: 'Organization', name: 'Westbrook Polytechnic University', aliases: 'WPU Institute; Westbrook Poly', country: 'aq', topics: 'defence.1286' }))).toEqual({
      entry: {
        entryId: 'c1',
        schema: 'organisation',
        name: 'Westbrook Polytechnic University',
        aliases: ['WPU Institute', 'Westbrook Poly'],
        countries: ['AQ'],
        country: 'AQ',
        topics: ['defence.1286'],
      },
    });
    expect(parseCsvRecord(cells({ id: 'c2', schema: 'Vessel', name: 'X' }))).toMatchObject({ problem: expect.stringContaining('schema "Vessel"') });
  });
  it('keeps LegalEntity apart (it may be a person), former names, and every country but a person\'s nationality', () => {
    const line = JSON.stringify({
      id: 'NK-dpl',
      schema: 'LegalEntity',
      properties: {
        name: ['JIN, ZHONGDA'],
        previousName: ['Old Name Trading'],
        country: ['us', 'cn'],
        jurisdiction: ['cn'],
        mainCountry: ['hk'],
        nationality: ['ir'],
        citizenship: ['sy'],
        birthCountry: ['kp'],
      },
    });
    expect(parseFollowTheMoneyLine(line)).toEqual({
      entry: { entryId: 'NK-dpl', schema: 'legalEntity', name: 'JIN, ZHONGDA', formerNames: ['Old Name Trading'], countries: ['US', 'CN', 'HK'], country: 'US' },
    });
    for (const schema of ['Organization', 'Company', 'PublicBody']) {
      expect(parseFollowTheMoneyLine(JSON.stringify({ id: 'o', schema, properties: { name: ['X Ltd'] } }))).toMatchObject({ entry: { schema: 'organisation' } });
    }
  });

  it('reads prototype-named properties as data, never from the prototype', () => {
    expect(parseFollowTheMoneyLine(JSON.stringify({ id: 'p', schema: 'Company', properties: { name: ['constructor'], constructor: ['x'] } }))).toMatchObject({
      entry: { name: 'constructor' },
    });
    expect(parseFollowTheMoneyLine(JSON.stringify({ id: 'q', schema: 'Company', properties: {} }))).toEqual({ problem: 'name is missing' });
  });

  it('takes former_names, several ;-separated countries (codes or names) and LegalEntity in CSV', () => {
    expect(parseCsvRecord(cells({ id: 'c3', schema: 'LegalEntity', name: 'Example Works', former_names: 'Old Works; Older Works', country: 'RU; Korea, North; nowhere' }))).toEqual({
      entry: { entryId: 'c3', schema: 'legalEntity', name: 'Example Works', formerNames: ['Old Works', 'Older Works'], countries: ['RU', 'KP'], country: 'RU' },
    });
  });

  it('keeps names up to 1000 characters and each name once', () => {
    const long = 'A'.repeat(900);
    expect(parseCsvRecord(cells({ id: 'c4', schema: 'Company', name: long, aliases: `${long};Other` }))).toMatchObject({ entry: { name: long, aliases: ['Other'] } });
    expect(parseCsvRecord(cells({ id: 'c5', schema: 'Company', name: 'A'.repeat(1001) }))).toEqual({ problem: 'a name is longer than 1000 characters' });
  });
});
