import { createServer } from 'node:http';
import { Writable } from 'node:stream';
import pinoHttp from 'pino-http';
import request from 'supertest';
import { httpLoggerOptions } from './observability.module';

describe('the request log', () => {
  it('shows no credential given in the query string, and keeps the other parameters', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done): void {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = pinoHttp(httpLoggerOptions('ajar-test', 'info'), stream);
    const server = createServer((req, res) => {
      logger(req, res);
      res.end('ok');
    });
    await request(server).get('/v1/cases?externalRef=ext-1&api_key=ajar_live_0123456789&access_token=tok-123&code=abc-987').expect(200);
    const output = lines.join('');
    expect(output).toContain('externalRef=ext-1');
    expect(output).not.toContain('ajar_live_0123456789');
    expect(output).not.toContain('tok-123');
    expect(output).not.toContain('abc-987');
    expect(output).toContain('api_key=[redacted]');
  });
});
