/**
 * CPU time of the calling process's main thread (the server's, in benchmarks whose clients run in
 * a worker thread), in ms. The figure least disturbed by other load on the machine. Linux reads
 * the thread's /proc task counters; elsewhere it falls back to event-loop busy time.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export const serverCpuMs = (): number => {
  try {
    // Fields 14 and 15 of /proc/<pid>/task/<pid>/stat: user and system time in clock ticks (100/s).
    const stat = readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return performance.eventLoopUtilization().active;
  }
};
