import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

describe('lowerProcessPriority (Linux)', () => {
  it('gives every thread of the process the nice value, not only the calling thread', () => {
    // In a child process: lowering the jest worker's own priority would slow the suite.
    const folder = mkdtempSync(join(tmpdir(), 'ajar-priority-'));
    const script = join(folder, 'lower.ts');
    writeFileSync(
      script,
      `import { readdirSync, readFileSync } from 'node:fs';
       import { lowerProcessPriority } from ${JSON.stringify(join(__dirname, 'process-priority'))};
       lowerProcessPriority(7);
       const nices = readdirSync('/proc/self/task').map((thread) => {
         const stat = readFileSync('/proc/self/task/' + thread + '/stat', 'utf8');
         return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
       });
       process.stdout.write(JSON.stringify(nices));`,
    );
    try {
      const output = execFileSync(process.execPath, [join(root, 'test', 'support', 'ts-node-launcher.js'), script], { encoding: 'utf8', cwd: root });
      const nices = JSON.parse(output) as number[];
      // V8 starts its helper threads before any script runs: a process has several.
      expect(nices.length).toBeGreaterThan(1);
      expect(nices).toEqual(nices.map(() => 7));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
