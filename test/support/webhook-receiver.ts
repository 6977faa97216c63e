import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string>;
  /** The raw body, as signed. */
  body: string;
  receivedAt: number;
}

export type ReceiverAnswer = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

/**
 * A plain-http webhook receiver on 127.0.0.1 for tests (reached through AJAR_EGRESS_ALLOW). Each
 * path answers as `answer` says; every request is recorded with its raw body.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly hanging = new Set<ServerResponse>();
  private server!: Server;
  answer: (request: ReceivedWebhook, countOnPath: number) => ReceiverAnswer = () => ({ status: 204 });

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    receiver.server = createServer((request, response) => void receiver.handle(request, response));
    receiver.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  on(path: string): ReceivedWebhook[] {
    return this.received.filter((request) => request.path === path);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers[name] = value;
    const received: ReceivedWebhook = { path: request.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: Date.now() };
    this.received.push(received);
    const answer = this.answer(received, this.on(received.path).length);
    if (answer === 'hang') {
      this.hanging.add(response);
      return;
    }
    response.writeHead(answer.status, answer.headers ?? {});
    response.end(answer.body ?? '');
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
