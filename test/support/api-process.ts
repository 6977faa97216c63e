import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { AddressInfo, createServer } from 'node:net';
import path from 'node:path';
import { waitFor } from './test-system';

const ROOT = path.join(__dirname, '../..');

/** A port nobody listens on now, for a child process to listen on. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * The real API in a process of its own (apps/api/src/main.ts, compiled on load by swc through
 * test/support/ts-register.js), so a test can kill it as a crash would. It inherits the test
 * file's environment (its database, BullMQ prefix, quiet logs) with `env` on top.
 */
export class ApiProcess {
  /** The exit code, or the signal that ended the process. */
  readonly exited: Promise<number | NodeJS.Signals>;
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code: number | null, signal: NodeJS.Signals | null) => resolve(code ?? signal ?? 'SIGKILL')));
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  static async start(env: Record<string, string>): Promise<ApiProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', path.join(__dirname, 'ts-register.js'), path.join(ROOT, 'apps/api/src/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...env, NODE_ENV: 'test', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const api = new ApiProcess(child, `http://127.0.0.1:${port}`);
    let exitedEarly = false;
    void api.exited.then(() => (exitedEarly = true));
    await waitFor(
      async () => {
        if (exitedEarly) throw new Error(`the API process exited while starting:\n${api.output}`);
        try {
          return (await fetch(`${api.url}/health/live`)).ok;
        } catch {
          return false; // not listening yet
        }
      },
      'the API process to answer /health/live',
      60_000,
    );
    return api;
  }

  /** Ends the process at once, as a crash or `kill -9` would, and waits until it is gone. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}
