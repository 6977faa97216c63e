import IORedis from 'ioredis';
import { createServer, Server, Socket } from 'node:net';
import { Client, Pool } from 'pg';
import { DatabaseError } from 'pg-protocol';
import { QueryFailedError, TypeORMError } from 'typeorm';
import { dependencyOutageOf } from './dependency-outage';

/** A TCP port nothing listens on: bound, read, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A server that accepts connections and then does what `onConnection` says (say nothing, hang up). */
async function tcpServer(onConnection: (socket: Socket) => void): Promise<{ port: number; server: Server; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server, sockets };
}

async function close(target: { server: Server; sockets: Socket[] }): Promise<void> {
  for (const socket of target.sockets) socket.destroy();
  await new Promise<void>((resolve) => target.server.close(() => resolve()));
}

function databaseError(code: string, message: string): DatabaseError {
  // As pg-protocol's parser builds it from an ErrorResponse message.
  const error = new DatabaseError(message, 100, 'error');
  error.severity = 'FATAL';
  error.code = code;
  return error;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('which dependency an error says is unreachable', () => {
  describe('PostgreSQL', () => {
    it('is refused: pg connecting to a port nothing listens on', async () => {
      const client = new Client({ host: '127.0.0.1', port: await closedPort(), user: 'ajar', database: 'ajar' });
      const error = await rejection(client.connect());
      expect(dependencyOutageOf(error)).toEqual({ dependency: 'postgresql', evidence: 'ECONNREFUSED' });
    });

    it('hangs up during the handshake: pg says "Connection terminated unexpectedly"', async () => {
      const server = await tcpServer((socket) => socket.destroy());
      const client = new Client({ host: '127.0.0.1', port: server.port, user: 'ajar', database: 'ajar' });
      const error = await rejection(client.connect());
      await close(server);
      expect(dependencyOutageOf(error)).toMatchObject({ dependency: 'postgresql' });
    });

    it('does not answer in time: the pool gives up', async () => {
      const server = await tcpServer(() => undefined);
      const pool = new Pool({ host: '127.0.0.1', port: server.port, user: 'ajar', database: 'ajar', connectionTimeoutMillis: 100 });
      const error = await rejection(pool.query('SELECT 1'));
      await pool.end().catch(() => undefined);
      await close(server);
      expect(error).toBeInstanceOf(Error);
      expect(dependencyOutageOf(error)).toMatchObject({ dependency: 'postgresql' });
    });

    it('has every pooled connection busy: pg-pool "timeout exceeded when trying to connect"', () => {
      expect(dependencyOutageOf(new Error('timeout exceeded when trying to connect'))).toMatchObject({ dependency: 'postgresql' });
    });

    it.each([
      ['57P01', 'terminating connection due to administrator command'],
      ['57P02', 'terminating connection because of crash of another server process'],
      ['57P03', 'the database system is starting up'],
      ['53300', 'sorry, too many clients already'],
      ['08006', 'connection failure'],
      ['08001', 'could not connect to server'],
    ])('shuts down or refuses us: SQLSTATE %s (%s), raw and wrapped by TypeORM', (code, message) => {
      const raw = databaseError(code, message);
      expect(dependencyOutageOf(raw)).toEqual({ dependency: 'postgresql', evidence: `SQLSTATE ${code}` });
      expect(dependencyOutageOf(new QueryFailedError('SELECT 1', [], raw))).toEqual({ dependency: 'postgresql', evidence: `SQLSTATE ${code}` });
    });

    it('dies mid-query: TypeORM wraps "Connection terminated unexpectedly"', () => {
      const error = new QueryFailedError('INSERT INTO cases …', ['secret'], new Error('Connection terminated unexpectedly'));
      expect(dependencyOutageOf(error)).toMatchObject({ dependency: 'postgresql', evidence: 'Connection terminated unexpectedly' });
    });

    it('looks through a plain Error that wraps the cause, as pg-pool does', () => {
      const error = new Error('something failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' }) });
      expect(dependencyOutageOf(error)).toEqual({ dependency: 'postgresql', evidence: 'ECONNRESET' });
    });
  });

  describe('Redis', () => {
    it('is refused after the retry budget: ioredis MaxRetriesPerRequestError', async () => {
      const redis = new IORedis({ host: '127.0.0.1', port: await closedPort(), maxRetriesPerRequest: 1, retryStrategy: (times) => (times > 2 ? null : 10), lazyConnect: false });
      redis.on('error', () => undefined);
      const ended = new Promise<void>((resolve) => redis.once('end', () => resolve()));
      const error = await rejection(redis.ping());
      await ended;
      expect(dependencyOutageOf(error)).toEqual({ dependency: 'redis', evidence: 'MaxRetriesPerRequestError' });
    });

    it('is away and commands may not queue: "Stream isn\'t writeable"', async () => {
      const redis = new IORedis({ host: '127.0.0.1', port: await closedPort(), enableOfflineQueue: false, retryStrategy: () => null, lazyConnect: true });
      redis.on('error', () => undefined);
      const error = await rejection(redis.ping());
      redis.disconnect();
      expect(dependencyOutageOf(error)).toMatchObject({ dependency: 'redis' });
    });

    it('dropped the connection for good: "Connection is closed."', async () => {
      const redis = new IORedis({ host: '127.0.0.1', port: await closedPort(), retryStrategy: () => null, lazyConnect: false });
      redis.on('error', () => undefined);
      await new Promise<void>((resolve) => redis.once('end', () => resolve()));
      const error = await rejection(redis.ping());
      expect(dependencyOutageOf(error)).toEqual({ dependency: 'redis', evidence: 'Connection is closed.' });
    });
  });

  describe('is no outage', () => {
    it.each([
      ['a unique violation', databaseError('23505', 'duplicate key value violates unique constraint "cases_pkey"')],
      ['a serialization failure', databaseError('40001', 'could not serialize access')],
      ['a syntax error, wrapped', new QueryFailedError('SELEC 1', [], databaseError('42601', 'syntax error'))],
      ['a TypeORM usage error', new TypeORMError('No metadata for "Thing" was found.')],
      ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
      ['a string', 'boom'],
      ['null', null],
    ])('%s', (_what, error) => {
      expect(dependencyOutageOf(error)).toBeUndefined();
    });

    it('a named error wrapping a socket failure (an integrator\'s URL refused us) keeps its own meaning', () => {
      class EgressFailed extends Error {
        constructor(cause: unknown) {
          super('ECONNREFUSED: connect ECONNREFUSED 203.0.113.7:443', { cause });
          this.name = 'EgressFailed';
        }
      }
      const socketError = Object.assign(new Error('connect ECONNREFUSED 203.0.113.7:443'), { code: 'ECONNREFUSED' });
      expect(dependencyOutageOf(new EgressFailed(socketError))).toBeUndefined();
    });
  });
});
