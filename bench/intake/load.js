'use strict';
// A small HTTP load generator that accounts for every request it sends (autocannon drops the
// requests still in flight when a phase ends, which breaks "202 answers = cases stored").
const http = require('node:http');

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function createClient(base, connections) {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  return function send(request) {
    return new Promise((resolve) => {
      const body = Buffer.from(request.body);
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: request.method,
          path: request.path,
          agent,
          headers: { ...request.headers, 'content-length': body.length },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', (error) => resolve(`error ${error.code ?? error.message}`));
        },
      );
      // Counted by cause (e.g. "error ECONNRESET"), so a failed request is never mistaken for an answer.
      req.on('error', (error) => resolve(`error ${error.code ?? error.message}`));
      req.end(body);
    });
  };
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
    await new Promise((resolve) => setTimeout(resolve, 1));
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
