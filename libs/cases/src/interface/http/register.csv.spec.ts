import type { RegisterEntry } from '../../application/queries/list-register.query';
import { csvCell, csvLine, REGISTER_CSV_COLUMNS, registerCsvHeader, registerCsvRow } from './register.csv';

const entry = (overrides: Partial<RegisterEntry> = {}): RegisterEntry => ({
  caseId: '0190b6a4-0000-7000-8000-000000000001',
  externalRef: 'proposal-1',
  callId: null,
  kind: 'collaboration',
  state: 'in_review',
  level: 'very_high',
  route: 'review',
  research: 'R3',
  escalations: [],
  decision: null,
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T11:00:00.000Z',
  ...overrides,
});

describe('register CSV', () => {
  describe('a cell', () => {
    it('stays as it is when it holds nothing special', () => {
      expect(csvCell('proposal-4711')).toBe('proposal-4711');
      expect(csvCell(3)).toBe('3');
      expect(csvCell(null)).toBe('');
      expect(csvCell(undefined)).toBe('');
    });

    it('is quoted per RFC 4180 when it holds a comma, a quote or a line break, quotes doubled', () => {
      expect(csvCell('a,b')).toBe('"a,b"');
      expect(csvCell('say "no"')).toBe('"say ""no"""');
      expect(csvCell('two\nlines')).toBe('"two\nlines"');
    });

    it('starting like a formula (= + - @ tab CR) is prefixed with a single quote, so a spreadsheet shows it as text', () => {
      expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe('"\'=HYPERLINK(""http://evil.example"",""click"")"');
      expect(csvCell('+1')).toBe("'+1");
      expect(csvCell('-2+3')).toBe("'-2+3");
      expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
      expect(csvCell('\t=1')).toBe("'\t=1");
      expect(csvCell('\r=1')).toBe('"\'\r=1"');
      // Only the start counts.
      expect(csvCell('a=b')).toBe('a=b');
    });
  });

  it('ends every record with CRLF', () => {
    expect(csvLine(['a', null, 'b'])).toBe('a,,b\r\n');
  });

  it('has a header naming every column, and rows with as many cells', () => {
    expect(registerCsvHeader()).toBe(`${REGISTER_CSV_COLUMNS.join(',')}\r\n`);
    const row = registerCsvRow(entry());
    expect(row.trimEnd().split(',')).toHaveLength(REGISTER_CSV_COLUMNS.length);
  });

  it('writes escalations, overdue counts and the decision into their cells', () => {
    const row = registerCsvRow(
      entry({
        escalations: [
          { target: 'legal', status: 'open', dueAt: '2026-11-01T00:00:00.000Z', overdue: true },
          { target: 'export_control', status: 'answered', dueAt: '2026-12-01T00:00:00.000Z', overdue: false },
        ],
        decision: { outcome: 'declined', status: 'response_window', approvers: ['k1', 'k2'] },
      }),
    );
    expect(row).toBe(
      '0190b6a4-0000-7000-8000-000000000001,proposal-1,,collaboration,in_review,very_high,review,R3,' +
        'legal open due 2026-11-01T00:00:00.000Z overdue; export_control answered due 2026-12-01T00:00:00.000Z,1,' +
        'declined,response_window,k1; k2,2026-11-20T10:00:00.000Z,2026-11-20T11:00:00.000Z\r\n',
    );
  });

  it('neutralises a formula-looking external reference in a row', () => {
    const row = registerCsvRow(entry({ externalRef: '=1+1' }));
    expect(row.split(',')[1]).toBe("'=1+1");
  });
});
