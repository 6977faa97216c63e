import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo, createServer } from 'node:net';
import path from 'node:path';
import IORedis from 'ioredis';
import { caseSubmission } from '../../support/case-fixtures';
import { assertTestDatabase, databaseUrl, templateDatabase, testRunId, withAdmin } from '../../setup/test-database';

// The real API (apps/api/src/main.ts) in its own node process with AJAR_API_PROCESSES=2: a
// node:cluster supervisor and two members sharing one port, against this file's own database.
// The process compiles the TypeScript as it loads it (test/support/ts-node-launcher.js).

const ROOT = path.resolve(__dirname, '../../..');
const LAUNCHER = path.join(ROOT, 'test/support/ts-node-launcher.js');
const MAIN = path.join(ROOT, 'apps/api/src/main.ts');
const TEST_TIMEOUT_MS = 60_000;
const BOOT_TIMEOUT_MS = 45_000;
const STOP_TIMEOUT_MS = 15_000;

type Exit = { code: number | null; signal: NodeJS.Signals | null };
/** A process by pid and start time, so a reused pid is never taken for it. */
type Proc = { pid: number; started: string };

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // gone
  }
}

/** Live (not zombie) children of `parent`, from the ppid field of /proc/<pid>/stat. */
function childrenOf(parent: number): Proc[] {
  const children: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    // fields[0] is the state, fields[1] the ppid, fields[19] the start time (stat fields 3, 4, 22).
    if (fields && fields[0] !== 'Z' && Number(fields[1]) === parent) children.push({ pid: Number(entry), started: fields[19] });
  }
  return children;
}

function isAlive(proc: Proc): boolean {
  const fields = statFields(proc.pid);
  return fields !== undefined && fields[0] !== 'Z' && fields[19] === proc.started;
}

/** The inode of the server side of the TCP connection from local `clientPort` to `serverPort`. */
function serverSocketInode(serverPort: number, clientPort: number): string | undefined {
  for (const table of ['/proc/self/net/tcp', '/proc/self/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const [, local, remote, state, , , , , , inode] = line.trim().split(/\s+/);
      const port = (address: string): number => parseInt(address.slice(address.lastIndexOf(':') + 1), 16);
      // 01: ESTABLISHED
      if (state === '01' && port(local) === serverPort && port(remote) === clientPort) return inode;
    }
  }
  return undefined;
}

/** Which of `members` holds the socket `inode` open. */
function holderOf(members: Proc[], inode: string): number | undefined {
  for (const member of members) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${member.pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${member.pid}/fd/${fd}`) === `socket:[${inode}]`) return member.pid;
      } catch {
        // closed meanwhile
      }
    }
  }
  return undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

type Reply = { status: number; body: Record<string, unknown>; clientPort: number };

function send(port: number, agent: http.Agent | false, method: string, url: string, token?: string, body?: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        agent,
        timeout: 5_000,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {}),
        },
      },
      (response) => {
        const clientPort = response.socket.localPort ?? 0;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: Record<string, unknown> = {};
          try {
            parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            parsed = { text };
          }
          resolve({ status: response.statusCode ?? 0, body: parsed, clientPort });
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`${method} ${url} timed out`)));
    request.on('error', reject);
    request.end(payload);
  });
}

/** Polls until `probe` gives a value, failing after `timeoutMs` (never a fixed sleep). */
async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs: number, context: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${context()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One API group: the supervisor we spawned, its members, and what they wrote. */
class ApiGroup {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  members: Proc[] = [];
  private log = '';

  private constructor(
    readonly port: number,
    env: NodeJS.ProcessEnv,
  ) {
    // Its own process group, so afterAll can end the supervisor and every member at once.
    this.child = spawn(process.execPath, [LAUNCHER, MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    // Members inherit these pipes: both streams hold the output of the whole group.
    for (const stream of [this.child.stdout, this.child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        this.log = (this.log + chunk).slice(-20_000);
      });
    }
  }

  static async start(env: NodeJS.ProcessEnv): Promise<ApiGroup> {
    const port = await freePort();
    return new ApiGroup(port, { ...env, PORT: String(port) });
  }

  get pid(): number {
    return this.child.pid as number;
  }

  output(): string {
    return `output of the API group (pid ${this.pid}, port ${this.port}, exit code ${this.child.exitCode}, signal ${this.child.signalCode}):\n${this.log || '(none)'}`;
  }

  /** The member whose process holds the server side of the connection from `clientPort`. */
  memberServing(clientPort: number): number | undefined {
    const inode = serverSocketInode(this.port, clientPort);
    return inode === undefined ? undefined : holderOf(this.members, inode);
  }

  /** Ready answers 200, there are two members, and each has taken a connection. */
  async waitUntilServing(): Promise<void> {
    const started = Date.now();
    const running = (): void => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`the API group exited while starting\n${this.output()}`);
    };
    await until(
      async () => {
        running();
        const reply = await send(this.port, false, 'GET', '/health/ready').catch(() => undefined);
        return reply?.status === 200 ? true : undefined;
      },
      'GET /health/ready to answer 200',
      BOOT_TIMEOUT_MS,
      () => this.output(),
    );
    this.members = childrenOf(this.pid);
    // Round robin: once both members listen, fresh connections alternate between them.
    const served = new Set<number>();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      await until(
        async () => {
          running();
          const reply = await send(this.port, agent, 'GET', '/health/live');
          const member = this.memberServing(reply.clientPort);
          agent.destroy(); // the next probe opens a new connection
          if (member !== undefined) served.add(member);
          return served.size >= 2 ? true : undefined;
        },
        'both members to serve a connection',
        BOOT_TIMEOUT_MS - (Date.now() - started),
        () => `members ${JSON.stringify(this.members)}, served by ${[...served].join(', ')}\n${this.output()}`,
      );
    } finally {
      agent.destroy();
    }
  }

  async waitForExit(): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`the API group did not exit within ${STOP_TIMEOUT_MS} ms\n${this.output()}`)), STOP_TIMEOUT_MS);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends whatever is left of the group, whatever state a failed test left it in. */
  async kill(): Promise<void> {
    for (const target of [-this.pid, ...this.members.filter(isAlive).map((member) => member.pid)]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await this.exited;
  }
}

/** Adds the group's output to a failed expectation. */
async function explained(group: ApiGroup, check: () => Promise<void> | void): Promise<void> {
  try {
    await check();
  } catch (error) {
    if (error instanceof Error) error.message += `\n\n${group.output()}`;
    throw error;
  }
}

describe('API process group (AJAR_API_PROCESSES=2, the real main.ts in its own process)', () => {
  const id = `${testRunId()}_w${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  const database = `ajar_test_${id}`;
  const prefix = `ajar-test-${id}`;
  const groups: ApiGroup[] = [];
  let env: NodeJS.ProcessEnv;

  const startGroup = async (): Promise<ApiGroup> => {
    const group = await ApiGroup.start(env);
    groups.push(group);
    return group;
  };

  beforeAll(async () => {
    assertTestDatabase(database);
    await withAdmin((client) => client.query(`CREATE DATABASE "${database}" TEMPLATE "${templateDatabase()}"`));
    env = {
      ...process.env,
      DATABASE_URL: databaseUrl(database),
      AJAR_QUEUE_PREFIX: prefix,
      AJAR_API_PROCESSES: '2',
      // At least warn: the last test reads the supervisor's error line.
      LOG_LEVEL: ['info', 'debug', 'trace'].includes(process.env.AJAR_TEST_LOG_LEVEL ?? '') ? process.env.AJAR_TEST_LOG_LEVEL : 'warn',
    };
  });

  afterAll(async () => {
    await Promise.all(groups.map((group) => group.kill()));
    const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
  });

  describe('a group that is stopped', () => {
    let group: ApiGroup;
    beforeAll(async () => {
      group = await startGroup();
    });

    it(
      'becomes ready with exactly two member processes, each running the same launcher and main.ts',
      async () => {
        await group.waitUntilServing();
        await explained(group, () => {
          expect(group.members).toHaveLength(2);
          for (const member of group.members) {
            const argv = readFileSync(`/proc/${member.pid}/cmdline`, 'utf8').split('\0');
            expect(argv.slice(1, 3)).toEqual([LAUNCHER, MAIN]);
          }
        });
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'serves tenant creation, case intake (202) and case reads over several keep-alive connections, from both members',
      async () => {
        const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
        const servedBy = new Map<number, number>(); // client port → member pid
        const counts = new Map<number, number>(); // member pid → requests
        let requests = 0;
        const call = async (method: string, url: string, token?: string, body?: unknown): Promise<Reply> => {
          const reply = await send(group.port, agent, method, url, token, body);
          requests += 1;
          if (!servedBy.has(reply.clientPort)) servedBy.set(reply.clientPort, group.memberServing(reply.clientPort) ?? -1);
          const member = servedBy.get(reply.clientPort) as number;
          counts.set(member, (counts.get(member) ?? 0) + 1);
          return reply;
        };
        try {
          await explained(group, async () => {
            const tenant = await call('POST', '/v1/tenants', process.env.AJAR_BOOTSTRAP_TOKEN, { name: 'Group University', kind: 'institution' });
            expect(tenant.status).toBe(201);
            const adminKey = (tenant.body.apiKey as { key: string }).key;
            const issued = await call('POST', '/v1/api-keys', adminKey, { name: 'integrator', roles: ['integrator'] });
            expect(issued.status).toBe(201);
            const key = issued.body.key as string;

            const submitted = await Promise.all(Array.from({ length: 16 }, () => call('POST', '/v1/cases', key, caseSubmission())));
            expect(submitted.map((reply) => reply.status)).toEqual(Array(16).fill(202));
            const ids = submitted.map((reply) => reply.body.id as string);
            expect(new Set(ids).size).toBe(16);

            const read = await Promise.all(ids.map((caseId) => call('GET', `/v1/cases/${caseId}`, key)));
            expect(read.map((reply) => reply.status)).toEqual(Array(16).fill(200));
            expect(read.map((reply) => reply.body.id)).toEqual(ids);
            expect(read.map((reply) => reply.body.state)).toEqual(Array(16).fill('screening'));

            // Connections were kept alive and reused, and both members answered requests.
            expect(servedBy.size).toBeGreaterThan(1);
            expect(servedBy.size).toBeLessThanOrEqual(requests / 4);
            expect(counts.has(-1)).toBe(false);
            expect([...counts.keys()].sort()).toEqual(group.members.map((member) => member.pid).sort());
          });
        } finally {
          agent.destroy();
        }
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'on SIGTERM, stops every member and exits 0',
      async () => {
        expect(group.members.filter(isAlive)).toHaveLength(2);
        group.child.kill('SIGTERM');
        const exit = await group.waitForExit();
        await explained(group, () => {
          expect(exit).toEqual({ code: 0, signal: null });
          // The supervisor exits only once it has reaped every member.
          expect(group.members.filter(isAlive)).toEqual([]);
        });
      },
      TEST_TIMEOUT_MS,
    );
  });

  describe('a group one of whose members dies', () => {
    it(
      'stops the other member and exits 1 when a member is killed',
      async () => {
        const group = await startGroup();
        await group.waitUntilServing();
        const [victim, survivor] = group.members;
        process.kill(victim.pid, 'SIGKILL');
        const exit = await group.waitForExit();
        await explained(group, () => {
          expect(exit).toEqual({ code: 1, signal: null });
          expect(isAlive(victim)).toBe(false);
          expect(isAlive(survivor)).toBe(false);
          expect(group.output()).toContain('an API process exited on its own; stopping the others');
        });
      },
      TEST_TIMEOUT_MS,
    );
  });

  describe('a group stopped while its members are still starting', () => {
    it(
      'carries the stop out once the members serve, and exits 0',
      async () => {
        const group = await startGroup();
        // Both members forked, neither serving yet (booting takes seconds: compiling, Nest, pools).
        group.members = await until(
          () => Promise.resolve(childrenOf(group.pid).length === 2 ? childrenOf(group.pid) : undefined),
          'the two members to be forked',
          BOOT_TIMEOUT_MS,
          () => group.output(),
        );
        group.child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const exit = await Promise.race([group.exited, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), BOOT_TIMEOUT_MS)))]);
        clearTimeout(timer);
        await explained(group, () => {
          expect(exit).toEqual({ code: 0, signal: null });
          expect(group.members.filter(isAlive)).toEqual([]);
        });
      },
      TEST_TIMEOUT_MS,
    );
  });
});
