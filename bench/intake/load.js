'use strict';
// A small HTTP load generator that accounts for every request it sends (autocannon drops the
// requests still in flight when a phase ends, which breaks "202 answers = cases stored").
const net = require('node:net');

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * HTTP/1.1 keep-alive client on raw sockets, one request at a time per connection, at most
 * `connections` connections. It shares the machine with the server it measures, so it does as
 * little as it can: the request is written as one buffer, and of the answer only the status line
 * and the body's length are read (node:http's client cost ≈ 0.3 ms of CPU per request here, which
 * the server under test then did not have).
 */
function createClient(base, connections) {
  const url = new URL(base);
  const idle = [];
  const waiting = [];
  let open = 0;

  function connect() {
    const connection = { socket: net.connect({ host: url.hostname, port: Number(url.port), noDelay: true }), answer: undefined, received: Buffer.alloc(0), gone: false };
    open += 1;
    connection.socket.on('data', (chunk) => {
      connection.received = connection.received.length === 0 ? chunk : Buffer.concat([connection.received, chunk]);
      const answer = completeAnswer(connection.received);
      if (answer === undefined) return;
      connection.received = connection.received.subarray(answer.length);
      const resolve = connection.answer;
      connection.answer = undefined;
      if (answer.close) connection.socket.destroy();
      else release(connection);
      resolve?.(answer.status);
    });
    const fail = (cause) => {
      if (connection.gone) return;
      connection.gone = true;
      open -= 1;
      const at = idle.indexOf(connection);
      if (at >= 0) idle.splice(at, 1);
      const resolve = connection.answer;
      connection.answer = undefined;
      resolve?.(cause);
      if (waiting.length > 0 && open < connections) release(connect());
    };
    // Counted by cause (e.g. "error ECONNRESET"), so a failed request is never mistaken for an answer.
    connection.socket.on('error', (error) => fail(`error ${error.code ?? error.message}`));
    connection.socket.on('close', () => fail('error closed before the answer'));
    return connection;
  }

  function release(connection) {
    const next = waiting.shift();
    if (next) dispatch(connection, next);
    else {
      connection.idleSince = performance.now();
      idle.push(connection);
    }
  }

  /**
   * The connection idle longest (so every connection stays in use and none reaches the server's
   * keep-alive timeout, 5 s in Node); one idle for over 4 s is closed instead, as a browser or
   * undici would, since the server may be closing it at that very moment.
   */
  function idleConnection() {
    for (;;) {
      const connection = idle.shift();
      if (connection === undefined || performance.now() - connection.idleSince < 4000) return connection;
      connection.gone = true;
      open -= 1;
      connection.socket.destroy();
    }
  }

  function dispatch(connection, { bytes, resolve }) {
    connection.answer = resolve;
    connection.socket.write(bytes);
  }

  // The bytes of each distinct request, made once: the benches send a few dozen bodies over and over.
  const encoded = new Map();
  function bytesOf(request) {
    const body = request.body ?? '';
    const headers = Object.entries(request.headers ?? {}).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    const key = `${request.method} ${request.path}\n${headers}`;
    let bodies = encoded.get(key);
    if (bodies === undefined) {
      bodies = new Map();
      // Bounded too: requests with a header of their own (an Idempotency-Key) are each distinct.
      if (encoded.size < 1024) encoded.set(key, bodies);
    }
    let bytes = bodies.get(body);
    if (bytes === undefined) {
      const payload = Buffer.from(body);
      const head = `${request.method} ${request.path} HTTP/1.1\r\nhost: ${url.host}\r\ncontent-length: ${payload.length}\r\n${headers}\r\n`;
      bytes = Buffer.concat([Buffer.from(head), payload]);
      // Bounded: a bench that sends a new body each time gains nothing from keeping them.
      if (bodies.size < 1024) bodies.set(body, bytes);
    }
    return bytes;
  }

  return function send(request) {
    return new Promise((resolve) => {
      const job = { bytes: bytesOf(request), resolve };
      const connection = idleConnection();
      if (connection) dispatch(connection, job);
      else if (open < connections) dispatch(connect(), job);
      else waiting.push(job);
    });
  };
}

/** The status and length of the first whole answer in `buffer`, or undefined while it is incomplete. */
function completeAnswer(buffer) {
  const headEnd = buffer.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const head = buffer.toString('latin1', 0, headEnd).toLowerCase();
  const status = Number(head.slice(9, 12));
  const close = /\r\nconnection: *close/.test(head);
  const length = /\r\ncontent-length: *(\d+)/.exec(head);
  if (length) {
    const total = headEnd + 4 + Number(length[1]);
    return buffer.length >= total ? { status, length: total, close } : undefined;
  }
  if (/\r\ntransfer-encoding: *chunked/.test(head)) {
    const end = buffer.indexOf('\r\n0\r\n\r\n', headEnd + 2);
    return end < 0 ? undefined : { status, length: end + 7, close };
  }
  // No body (204, 304) or one that ends with the connection: not sent by the API to these requests.
  return { status, length: headEnd + 4, close: close || (status !== 204 && status !== 304) };
}

function report(label, seconds, latencies, statuses) {
  const sorted = Float64Array.from(latencies).sort();
  const accepted = statuses.get(202) ?? 0;
  return {
    phase: label,
    seconds: Number(seconds.toFixed(2)),
    requests: latencies.length,
    statuses: Object.fromEntries(statuses),
    accepted202: accepted,
    acceptedPerSecond: Number((accepted / seconds).toFixed(1)),
    latencyMs: {
      p50: Number(percentile(sorted, 50).toFixed(1)),
      p90: Number(percentile(sorted, 90).toFixed(1)),
      p99: Number(percentile(sorted, 99).toFixed(1)),
      max: Number((sorted[sorted.length - 1] ?? 0).toFixed(1)),
    },
  };
}

/**
 * Open loop: requests are started on a fixed schedule whatever the answers; latency is measured
 * from the scheduled start, so a server that falls behind is charged for the queueing it causes.
 */
async function fixedRate({ base, rate, seconds, connections, nextRequest }) {
  const send = createClient(base, connections);
  const latencies = [];
  const statuses = new Map();
  const inFlight = new Set();
  // The slowest answer to the requests scheduled in each second: shows whether the tail is spread
  // out or comes from a few stalls.
  const worstBySecond = [];
  const total = Math.round(rate * seconds);
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
    for (; sent < due; sent += 1) {
      const scheduled = start + (sent / rate) * 1000;
      const second = Math.floor(sent / rate);
      const done = send(nextRequest(sent)).then((status) => {
        const latency = performance.now() - scheduled;
        latencies.push(latency);
        worstBySecond[second] = Math.max(worstBySecond[second] ?? 0, latency);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        inFlight.delete(done);
      });
      inFlight.add(done);
    }
    // Sleep until the next request is due (timers fire at 1 ms granularity at best).
    const nextDue = start + (sent / rate) * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, nextDue - performance.now())));
  }
  await Promise.all(inFlight);
  return {
    ...report(`fixed rate ${rate}/s`, (performance.now() - start) / 1000, latencies, statuses),
    worstMsBySecond: worstBySecond.map((ms) => Math.round(ms)),
  };
}

/** Closed loop: `connections` clients each send the next request as soon as the last is answered. */
async function fullSpeed({ base, seconds, connections, nextRequest }) {
  const send = createClient(base, connections);
  const latencies = [];
  const statuses = new Map();
  const start = performance.now();
  const end = start + seconds * 1000;
  let counter = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const began = performance.now();
        const status = await send(nextRequest(counter++));
        latencies.push(performance.now() - began);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  return report(`full speed, ${connections} connections`, (performance.now() - start) / 1000, latencies, statuses);
}

module.exports = { fixedRate, fullSpeed };
