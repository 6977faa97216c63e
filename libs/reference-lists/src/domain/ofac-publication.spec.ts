import { Readable } from 'node:stream';
import type { NumberedRow } from './list-entry-parsing';
import { ofacPrograms, readOfacPublication, readOfacRemarks } from './ofac-publication';

// Excerpts copied from the real OFAC legacy CSV snapshots in shared/data/real-lists (sdn.csv,
// alt.csv, add.csv, cons_prim.csv, cons_alt.csv, cons_add.csv, cons_comments.csv), public domain.
const SDN = [
  `306,"BANCO NACIONAL DE CUBA",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. 'BNC'."`,
  `587,"CRUZ, Juan M. de la","individual","CUBA","Director, Banco Nacional de Cuba",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Director, Banco Nacional de Cuba."`,
  `4234,"HERMANN","vessel","CUBA",-0- ,"CL2685","General Cargo","2597","1098","Cuba","Compania Navegacion Golfo S.A.",-0- `,
  `6950,"UTHMAN, Omar Mahmoud","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 30 Dec 1960; alt. DOB 13 Dec 1960; POB Bethlehem, West Bank, Palestinian Territories; nationality Jordan; a.k.a. 'ABU ISMAIL'."`,
  `8127,"CUBANACAN INTERNATIONAL B.V",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Registration ID 27134614 (Netherlands)."`,
  `12478,"ANSAR BANK",-0- ,"IRAN] [NPWMD] [IFSR",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Additional Sanctions Information - Subject to Secondary Sanctions; f.k.a. 'ANSAR INSTITUTE'; f.k.a. 'ANSAR AL-MOJAHEDIN NO-INTEREST LOAN INSTITUTE'; f.k.a. 'ANSAR SAVING AND INTEREST FREE-LOANS FUND'."`,
].join('\n');
const ALT = [
  `306,220,"aka","NATIONAL BANK OF CUBA",-0- `,
  `6950,4944,"aka","AL-FILISTINI, Abu Qatada",-0- `,
  `6950,4950,"aka","UTHMAN, Umar",-0- `,
  `12478,13377,"aka","ANSAR FINANCE AND CREDIT FUND",-0- `,
  // The snapshots mark no alternate name weak; OFAC's alt_remarks may.
  `12478,99999,"aka","ANSAR",weak`,
  `4307,3519,"fka","CORTEZ, Oliverio Abril",-0- `,
].join('\n');
const ADD = [
  `306,199,"Zweierstrasse 35","Zurich CH-8022","Switzerland",-0- `,
  `306,200,"Avenida de Concha Espina 8","Madrid E-28036","Spain",-0- `,
  `306,202,"Federico Boyd Avenue & 51 Street","Panama City","Panama",-0- `,
  `6950,4991,-0- ,"London","United Kingdom",-0- `,
  `6950,24833,-0- ,-0- ,"Jordan",-0- `,
  `12478,19484,"Building No. 539, North Pasdaran Street","Tehran 19575-497","Iran",-0- `,
].join('\n');

async function rows(source: AsyncIterable<NumberedRow>): Promise<NumberedRow[]> {
  const all: NumberedRow[] = [];
  for await (const row of source) all.push(row);
  return all;
}
const entryOf = (all: NumberedRow[], id: string) => all.map(({ row }) => ('entry' in row ? row.entry : undefined)).find((entry) => entry?.entryId === id);

describe('reading an OFAC publication (legacy CSV)', () => {
  it('maps organisations, persons in both name orders, aliases, weak and former names, countries and programs', async () => {
    const all = await rows(readOfacPublication({ set: 'sdn', primary: Readable.from([SDN]), alt: Readable.from([ALT]), add: Readable.from([ADD]) }));
    expect(entryOf(all, 'ofac-sdn-306')).toEqual({
      entryId: 'ofac-sdn-306',
      schema: 'organisation',
      name: 'BANCO NACIONAL DE CUBA',
      aliases: ['NATIONAL BANK OF CUBA'],
      weakAliases: ['BNC'],
      countries: ['CH', 'ES', 'PA'],
      country: 'CH',
      topics: ['sanction', 'ofac.program.CUBA'],
    });
    expect(entryOf(all, 'ofac-sdn-587')).toMatchObject({ schema: 'person', name: 'CRUZ, Juan M. de la', aliases: ['Juan M. de la CRUZ'] });
    // Nationality Jordan is in the remarks: not a country of the entry. Jordan comes from add.csv only.
    expect(entryOf(all, 'ofac-sdn-6950')).toEqual({
      entryId: 'ofac-sdn-6950',
      schema: 'person',
      name: 'UTHMAN, Omar Mahmoud',
      aliases: ['Omar Mahmoud UTHMAN', 'AL-FILISTINI, Abu Qatada', 'Abu Qatada AL-FILISTINI', 'UTHMAN, Umar', 'Umar UTHMAN'],
      weakAliases: ['ABU ISMAIL'],
      countries: ['GB', 'JO'],
      country: 'GB',
      topics: ['sanction', 'ofac.program.SDGT'],
    });
    expect(entryOf(all, 'ofac-sdn-8127')).toMatchObject({ identifiers: { registration: '27134614' }, countries: ['NL'] });
    expect(entryOf(all, 'ofac-sdn-12478')).toMatchObject({
      aliases: ['ANSAR FINANCE AND CREDIT FUND'],
      weakAliases: ['ANSAR'],
      formerNames: ['ANSAR INSTITUTE', 'ANSAR AL-MOJAHEDIN NO-INTEREST LOAN INSTITUTE', 'ANSAR SAVING AND INTEREST FREE-LOANS FUND'],
      countries: ['IR'],
      topics: ['sanction', 'ofac.program.IRAN', 'ofac.program.NPWMD', 'ofac.program.IFSR'],
    });
    expect(all.find(({ line }) => line === 3)).toEqual({ file: 'sdn.csv', line: 3, row: { skip: true, kind: 'vessel' } });
    expect(all.filter(({ row }) => 'problem' in row)).toEqual([]);
  });

  it('continues the remarks from the comments file (consolidated set, ids kept apart from the SDN set)', async () => {
    const primary = `17014,"JOINT STOCK COMPANY RUSSIAN AGRICULTURAL BANK",-0- ,"UKRAINE-EO13662] [RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"SWIFT/BIC RUAGRUMM; Website http://www.rshb.ru; Government Gazette Number 52750822 (Russia); Registration Numbe"\r\n\u001a`;
    const comments = `17014,"r 1027700342890 (Russia); For more information on directives, please visit the following link: http://www.treasury.gov/resource-center/sanctions/Programs/Pages/ukraine.aspx#directives.; a.k.a. 'RUSAG'."\r\n\u001a`;
    const alt = `17014,26085,"aka","ROSSELKHOZBANK",-0- \r\n`;
    const add = `17014,25802,"3, Gagarinsky Pereulok","Moscow 119034","Russia",-0- \r\n`;
    const all = await rows(readOfacPublication({ set: 'cons', primary: Readable.from([primary]), comments: Readable.from([comments]), alt: Readable.from([alt]), add: Readable.from([add]) }));
    expect(all).toHaveLength(1);
    expect(entryOf(all, 'ofac-cons-17014')).toEqual({
      entryId: 'ofac-cons-17014',
      schema: 'organisation',
      name: 'JOINT STOCK COMPANY RUSSIAN AGRICULTURAL BANK',
      aliases: ['ROSSELKHOZBANK'],
      weakAliases: ['RUSAG'],
      countries: ['RU'],
      country: 'RU',
      identifiers: { registration: '1027700342890' },
      topics: ['sanction', 'ofac.program.UKRAINE-EO13662', 'ofac.program.RUSSIA-EO14024'],
    });
  });

  it('refuses records that break the format, with file name and line', async () => {
    const primary = [`36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `, `x,"NO NUMBER",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `, `37,"SHORT",-0- ,"CUBA"`, `38,"ROBOT","droid","CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `].join('\n');
    const alt = [`36,12,"aka","AERO-CARIBBEAN",-0- `, `36,13,"xyz","WRONG TYPE",-0- `].join('\n');
    const all = await rows(readOfacPublication({ set: 'sdn', primary: Readable.from([primary]), alt: Readable.from([alt]), add: Readable.from([`36,25,-0- ,"Havana","Cuba",-0- \n36,"broken`]) }));
    const problems = all.filter(({ row }) => 'problem' in row).map(({ file, line, row }) => `${file} line ${line}: ${'problem' in row ? row.problem : ''}`);
    expect(problems).toEqual([
      'alt.csv line 2: alt_type "xyz" is not aka, fka or nka',
      expect.stringMatching(/^add\.csv line 2: CSV cannot be read: /),
      'sdn.csv line 2: ent_num "x" is not a number',
      "sdn.csv line 3: 4 fields where OFAC's legacy format has 12",
      'sdn.csv line 4: SDN_Type "droid" is not individual, vessel, aircraft or empty',
    ]);
  });

  it('reads the Program field and the remarks a person carries without nationality or birth data', () => {
    expect(ofacPrograms('SDGT] [NPWMD] [IRGC')).toEqual(['SDGT', 'NPWMD', 'IRGC']);
    expect(ofacPrograms('CUBA')).toEqual(['CUBA']);
    expect(ofacPrograms(undefined)).toEqual([]);
    // Copied from sdn.csv (ent_num 6905); apostrophes inside quoted names from others.
    expect(readOfacRemarks("DOB 12 Mar 1971; POB Riyadh, Saudi Arabia; nationality Palestinian; Passport 484824 (Egypt) issued 18 Jan 1984; a.k.a. 'TARIQ'.", false)).toEqual({
      aliases: [],
      weakAliases: ['TARIQ'],
      formerNames: [],
      registration: [],
      lei: [],
      countries: [],
    });
    expect(readOfacRemarks("a.k.a. 'ABU 'ABDALLAH'; a.k.a. ''FOOPIE''; Website www.example.ir; Tax ID No. 7707083893 (Russia); Legal Entity Number 253400WSS48YWMBUA688.", true)).toEqual({
      aliases: [],
      weakAliases: ["ABU 'ABDALLAH", "'FOOPIE'"],
      formerNames: [],
      registration: ['7707083893'],
      lei: ['253400WSS48YWMBUA688'],
      countries: ['Russia'],
    });
  });
});
