import type { IncomingMessage } from 'node:http';
import { routeLabel, statusClass, UNMATCHED_ROUTE } from './route-label';

function requestWith(fields: Record<string, unknown>): IncomingMessage {
  return { url: '/v1/cases/0192f3a4-aaaa-7bbb-8ccc-123456789abc', ...fields } as object as IncomingMessage;
}

describe('routeLabel', () => {
  it('names the matched route pattern, never the case id in the path', () => {
    expect(routeLabel(requestWith({ route: { path: '/v1/cases/:id' } }))).toBe('/v1/cases/:id');
  });

  it('puts a router mount point before the pattern and drops a trailing slash', () => {
    expect(routeLabel(requestWith({ baseUrl: '/v1', route: { path: '/cases/' } }))).toBe('/v1/cases');
    expect(routeLabel(requestWith({ route: { path: '/' } }))).toBe('/');
  });

  it('gives every request no route matched one label, whatever its path', () => {
    expect(routeLabel(requestWith({}))).toBe(UNMATCHED_ROUTE);
    expect(routeLabel(requestWith({ url: '/wp-admin/setup.php' }))).toBe(UNMATCHED_ROUTE);
    expect(routeLabel(requestWith({ route: { path: /^\/regex$/ } }))).toBe(UNMATCHED_ROUTE);
    // Nest's middleware for every path is a catch-all route: a request it alone matched matched nothing.
    expect(routeLabel(requestWith({ route: { path: '/{*path}' } }))).toBe(UNMATCHED_ROUTE);
  });

  it('keeps the catch-all of a mounted router to its mount point', () => {
    expect(routeLabel(requestWith({ baseUrl: '/admin/queues', route: { path: '/{*splat}' } }))).toBe('/admin/queues/*');
  });
});

describe('statusClass', () => {
  it.each([
    [200, '2xx'],
    [202, '2xx'],
    [301, '3xx'],
    [410, '4xx'],
    [503, '5xx'],
    [null, 'none'],
    [undefined, 'none'],
    [42, 'none'],
    [600, 'none'],
  ])('%s is %s', (status, expected) => {
    expect(statusClass(status)).toBe(expected);
  });
});
