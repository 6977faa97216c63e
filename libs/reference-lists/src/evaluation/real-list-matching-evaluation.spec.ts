// Quality gate of the matcher on real names (issue 18 point 3): `npm run eval:matching`.
import { formatResults, RealListEvaluation, type CategoryResult } from './real-list-evaluation';
import { loadRealLists } from './real-lists';

const EXAMPLES = Number(process.env.EVAL_EXAMPLES ?? 5);

describe('matching on real lists (OFAC SDN and consolidated, BIS DPL, CSL subset)', () => {
  let evaluation: RealListEvaluation;
  const results = new Map<string, CategoryResult>();
  const result = (category: string): CategoryResult => results.get(category) as CategoryResult;

  beforeAll(async () => {
    evaluation = new RealListEvaluation(await loadRealLists());
    for (const item of [...evaluation.primaryNames(), ...evaluation.alternateNames(), ...evaluation.scriptsAndSpellings(), ...evaluation.notListed()]) {
      results.set(item.category, item);
    }
  }, 120_000);

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
});
