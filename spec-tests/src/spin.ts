/**
 * Telling a spinning test worker from a starved one, for the runner's spin check.
 * @module
 */
import { readFileSync } from 'node:fs';

/** CPU time (user + system) of process `pid` in ms, from /proc; undefined where there is none. */
export function cpuTimeMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat (11 and 12 after the command name), in ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * Whether a worker silent past the spin limit is spinning: since its last heartbeat it has had
 * {@link SPIN_CPU_MS} of CPU time, which an event loop that is not blocked spends beating (every
 * 200 ms). Without /proc (not Linux) silence alone decides.
 */
export function isSpinning(pid: number, mark: { ms: number | undefined } | undefined): boolean {
  const used = cpuTimeMs(pid);
  if (!mark || mark.ms === undefined || used === undefined) return true;
  return used - mark.ms >= SPIN_CPU_MS;
}

/** CPU time a silent worker must have had to count as spinning (not merely starved), ms. */
const SPIN_CPU_MS = 250;
