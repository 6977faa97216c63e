import { createConnection, createServer, Server, Socket } from 'node:net';

/**
 * A TCP proxy between the system under test and one dependency (PostgreSQL, Redis) that a test can
 * cut and restore, so an outage is simulated without stopping the server other test files share.
 * Cut: every open connection is dropped and new ones are accepted and hung up at once (the client
 * sees "connection terminated", as when a server goes away). Restore: connections pass again.
 */
export class TcpLink {
  private cutOff = false;
  private readonly open = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async to(target: { host: string; port: number }): Promise<TcpLink> {
    const link: { current?: TcpLink } = {};
    const server = createServer((client) => link.current?.accept(client, target));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    link.current = new TcpLink(server, (server.address() as { port: number }).port);
    return link.current;
  }

  /** A `postgres://` or `redis://` URL, its host and port replaced by this link's. */
  static targetOf(url: string, defaultPort: number): { host: string; port: number } {
    const parsed = new URL(url);
    return { host: parsed.hostname || '127.0.0.1', port: parsed.port ? Number(parsed.port) : defaultPort };
  }

  /** `url` with its host and port replaced by this link's (credentials and path kept). */
  through(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  cut(): void {
    this.cutOff = true;
    for (const socket of this.open) socket.destroy();
    this.open.clear();
  }

  restore(): void {
    this.cutOff = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, target: { host: string; port: number }): void {
    if (this.cutOff) {
      client.destroy();
      return;
    }
    const upstream = createConnection(target);
    this.open.add(client).add(upstream);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
      this.open.delete(client);
      this.open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
