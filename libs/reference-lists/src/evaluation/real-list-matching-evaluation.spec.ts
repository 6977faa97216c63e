// Quality gate of the matcher on real names (issue 18 point 3): `npm run eval:matching`.
import { formatResults, RealListEvaluation, type CategoryResult } from './real-list-evaluation';
import { loadRealLists } from './real-lists';

const EXAMPLES = Number(process.env.EVAL_EXAMPLES ?? 5);
const FLOOR = { aliasPersons: 0.78, aliasOrganisations: 0.67, arabic: 0.5, spelling: 0.8, commonNames: 0.06 } as const;

describe('matching on real lists (OFAC SDN and consolidated, BIS DPL, CSL subset)', () => {
  let evaluation: RealListEvaluation;
  const results = new Map<string, CategoryResult>();
  const result = (category: string): CategoryResult => results.get(category) as CategoryResult;

  beforeAll(async () => {
    evaluation = new RealListEvaluation(await loadRealLists());
    for (const item of [...evaluation.primaryNames(), ...evaluation.alternateNames(), ...evaluation.scriptsAndSpellings(), ...evaluation.notListed()]) {
      results.set(item.category, item);
    }
  }, 600_000);

  it('prints the evaluation table', () => {
    const lines = [`real-list evaluation: ${evaluation.entryCount()} entries`, formatResults([...results.values()])];
    for (const item of results.values()) {
      if (item.examples.length === 0) continue;
      lines.push(`${item.category}: ${item.examples.length} misses or false candidates, first ${Math.min(EXAMPLES, item.examples.length)}:`);
      for (const example of item.examples.slice(0, EXAMPLES)) lines.push(`  ${example}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    expect(results.size).toBe(11);
  });

  // Targets of issue 18 that are met, and floors (the figures measured when the gate was set, less
  // two points) where a target is not met yet: a change that loses quality on real names fails here.
  it.each([
    ['primary names find their entry: persons', 1],
    ['primary names find their entry: organisations and legal entities', 1],
    ['former names (fka)', 0.99],
    ['alias spelling variants (primary-only index): persons', FLOOR.aliasPersons],
    ['alias spelling variants (primary-only index): organisations', FLOOR.aliasOrganisations],
    ['Arabic script → listed Latin spelling', FLOOR.arabic],
    ['spelling variants (British/American, transliteration)', FLOOR.spelling],
  ])('recall of "%s" is at least %s', (category, floor) => {
    expect(result(category).rate).toBeGreaterThanOrEqual(floor);
  });

  it.each([
    ['real organisations not listed: all', 0.01],
    ['common researcher names', FLOOR.commonNames],
  ])('false candidates of "%s" are at most %s', (category, ceiling) => {
    expect(result(category).rate).toBeLessThanOrEqual(ceiling);
  });
});
