import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Lowers the CPU priority (raises nice) of every thread of this process.
 *
 * On Linux, nice belongs to a thread: `os.setPriority(n)` changes the calling thread only, and the
 * threads V8 started before our code ran (garbage collection helpers, the optimizing compiler)
 * kept nice 0 and competed with the API at its own priority. Threads started later inherit the
 * priority of the thread that starts them. Elsewhere the process-wide call is all there is.
 */
export function lowerProcessPriority(nice: number): void {
  setPriority(nice);
  let threads: string[];
  try {
    threads = readdirSync('/proc/self/task');
  } catch {
    return;
  }
  for (const thread of threads) {
    try {
      setPriority(Number(thread), nice);
    } catch {
      // The thread ended between the listing and the call.
    }
  }
}
