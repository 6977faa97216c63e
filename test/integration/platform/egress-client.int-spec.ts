import { once } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { AjarEnvironment } from '@ajar/config';
import { EgressClient, EgressFailed, EgressRefused, HostResolver } from '@ajar/egress';

interface Receiver {
  server: Server;
  port: number;
  /** Paths requested, in order. */
  seen: string[];
  /** TCP connections accepted. */
  connections: () => number;
}

/** A local receiver on 127.0.0.1; `handle` decides the answer (or withholds it). */
async function startReceiver(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<Receiver> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.url ?? '');
    handle(req, res);
  });
  let connections = 0;
  server.on('connection', () => connections++);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port, seen, connections: () => connections };
}

function stopReceiver(receiver: Receiver): Promise<void> {
  receiver.server.closeAllConnections();
  return new Promise((resolve) => receiver.server.close(() => resolve()));
}

function clientWith(allow: string, resolve?: HostResolver): EgressClient {
  const env = Object.assign(new AjarEnvironment(), { AJAR_EGRESS_ALLOW: allow, AJAR_WEBHOOK_TIMEOUT_MS: 5000 });
  return new EgressClient(env, resolve);
}

const delivery = { headers: { 'content-type': 'application/json' }, body: '{"type":"case.opened"}' };

describe('EgressClient against local receivers', () => {
  const clients: EgressClient[] = [];
  let echo: Receiver;
  let silent: Receiver;

  const track = (client: EgressClient): EgressClient => {
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    echo = await startReceiver((req, res) => {
      if (req.url === '/redirect') {
        res.writeHead(302, { location: '/redirect-target' }).end();
      } else if (req.url === '/large') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(1024 * 1024));
      } else {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          res.setHeader('Retry-After', '120');
          res.setHeader('X-Echo-Length', String(Buffer.concat(chunks).length));
          res.writeHead(200).end(`ok ${req.url}`);
        });
      }
    });
    silent = await startReceiver(() => undefined); // never answers
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all([stopReceiver(echo), stopReceiver(silent)]);
  });

  beforeEach(() => {
    echo.seen.length = 0;
  });

  it('refuses a loopback receiver when nothing is allow-listed, before any request is sent', async () => {
    const client = track(clientWith(''));
    const call = client.post(`http://127.0.0.1:${echo.port}/hook`, delivery);
    await expect(call).rejects.toBeInstanceOf(EgressRefused);
    await expect(call).rejects.toMatchObject({ code: 'refused', reason: '127.0.0.1 is a loopback address' });
    expect(echo.seen).toEqual([]);
  });

  it('delivers to an allow-listed address over http, returning status, lower-cased headers and body', async () => {
    const client = track(clientWith('127.0.0.1'));
    const response = await client.post(`http://127.0.0.1:${echo.port}/hook?attempt=1`, delivery);
    expect(response).toMatchObject({ status: 200, bodyExcerpt: 'ok /hook?attempt=1' });
    expect(response.headers['retry-after']).toBe('120');
    expect(response.headers['x-echo-length']).toBe(String(Buffer.byteLength(delivery.body)));
    expect(response.latencyMs).toBeGreaterThanOrEqual(0);
    expect(echo.seen).toEqual(['/hook?attempt=1']);
  });

  it('connects an allow-listed hostname to the address its resolver gave', async () => {
    const resolve = jest.fn<Promise<string[]>, [string]>().mockResolvedValue(['127.0.0.1']);
    const client = track(clientWith('receiver.test', resolve));
    const response = await client.post(`http://receiver.test:${echo.port}/named`, delivery);
    expect(response.status).toBe(200);
    expect(resolve).toHaveBeenCalledWith('receiver.test');
    expect(echo.seen).toEqual(['/named']);
  });

  it('refuses at connection time a name that now resolves to loopback (DNS rebinding), sending nothing', async () => {
    // The URL passes every synchronous check; only the pinned lookup sees where the name points.
    const resolve = jest.fn<Promise<string[]>, [string]>().mockResolvedValue(['93.184.215.14', '127.0.0.1']);
    const client = track(clientWith('receiver.test', resolve));
    const call = client.post(`https://rebind.example.com:${echo.port}/hook`, delivery);
    await expect(call).rejects.toBeInstanceOf(EgressRefused);
    await expect(call).rejects.toMatchObject({
      reason: 'rebind.example.com resolves to a non-public address: 127.0.0.1 is a loopback address',
    });
    expect(resolve).toHaveBeenCalledWith('rebind.example.com');
    expect(echo.seen).toEqual([]);
  });

  it('vets a destination at registration with the same allow-list and resolver', async () => {
    const resolve: HostResolver = async (host) => (host === 'receiver.test' ? ['127.0.0.1'] : ['10.0.0.5']);
    const client = track(clientWith('receiver.test', resolve));
    expect(await client.vet(`http://receiver.test:${echo.port}/hook`)).toMatchObject({ ok: true });
    expect(await client.vet('https://hooks.example.com/hook')).toEqual({
      ok: false,
      reason: 'hooks.example.com resolves to a non-public address: 10.0.0.5 is a private address',
    });
  });

  it('maps a name that does not resolve to EgressFailed dns', async () => {
    const resolve: HostResolver = () =>
      Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND gone.example.com'), { code: 'ENOTFOUND' }));
    const client = track(clientWith('', resolve));
    await expect(client.post('https://gone.example.com/hook', delivery)).rejects.toMatchObject({
      constructor: EgressFailed,
      code: 'dns',
    });
  });

  it('returns a redirect as it is and never follows it', async () => {
    const client = track(clientWith('127.0.0.1'));
    const response = await client.post(`http://127.0.0.1:${echo.port}/redirect`, delivery);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/redirect-target');
    expect(echo.seen).toEqual(['/redirect']);
  });

  it('gives up after timeoutMs on a receiver that never answers', async () => {
    const client = track(clientWith('127.0.0.1'));
    const started = Date.now();
    const call = client.post(`http://127.0.0.1:${silent.port}/hook`, { ...delivery, timeoutMs: 200 });
    await expect(call).rejects.toBeInstanceOf(EgressFailed);
    await expect(call).rejects.toMatchObject({ code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('keeps only maxExcerptBytes of a large response body', async () => {
    const client = track(clientWith('127.0.0.1'));
    const response = await client.post(`http://127.0.0.1:${echo.port}/large`, { ...delivery, maxExcerptBytes: 256 });
    expect(response.status).toBe(200);
    expect(response.bodyExcerpt).toBe('x'.repeat(256));
    const defaulted = await client.post(`http://127.0.0.1:${echo.port}/large`, delivery);
    expect(defaulted.bodyExcerpt).toHaveLength(1024);
  });

  it('sustains 500 concurrent posts over keep-alive connections', async () => {
    const client = track(clientWith('127.0.0.1'));
    const connectionsBefore = echo.connections();
    const responses = await Promise.all(
      Array.from({ length: 500 }, (_, index) => client.post(`http://127.0.0.1:${echo.port}/bulk/${index}`, delivery)),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(new Set(echo.seen).size).toBe(500);
    // A second wave reuses the pooled sockets.
    const again = await Promise.all(
      Array.from({ length: 500 }, (_, index) => client.post(`http://127.0.0.1:${echo.port}/again/${index}`, delivery)),
    );
    expect(again.every((response) => response.bodyExcerpt.startsWith('ok /again/'))).toBe(true);
    // 1,000 posts over at most maxSockets (256) connections.
    expect(echo.connections() - connectionsBefore).toBeLessThanOrEqual(256);
  });
});
