'use strict';
// Pieces of the list benchmarks: a streamed POST and a process's resident memory.
const fs = require('node:fs');
const http = require('node:http');

/** POSTs a readable stream as the request body (chunked); resolves with the status and the answer. */
function postStream(base, pathName, headers, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(`${base}${pathName}`, { method: 'POST', headers }, (response) => {
      const parts = [];
      response.on('data', (part) => parts.push(part));
      response.on('end', () => resolve({ status: response.statusCode, body: Buffer.concat(parts).toString('utf8') }));
    });
    request.on('error', reject);
    body.pipe(request);
  });
}

/** Resident set size now and its high-water mark, in MB, from /proc (Linux). */
function residentMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

module.exports = { postStream, residentMb };
