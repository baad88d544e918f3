// Shared settings of the property suites: a fixed seed, so a failure in `npm test` is the same
// failure on every machine, and a bounded number of runs. `npm run properties` runs them longer:
// PROPERTY_RUNS multiplies every suite's runs, PROPERTY_SEED picks another seed.
import type fc from 'fast-check';

const scale = Number(process.env.PROPERTY_RUNS ?? 1);
const seed = process.env.PROPERTY_SEED === undefined ? 3156 : Number(process.env.PROPERTY_SEED);

/** fast-check parameters for a property run `runs` times in `npm test` (times PROPERTY_RUNS). */
export function params<T>(runs: number): fc.Parameters<T> {
  return { seed, numRuns: Math.max(1, Math.round(runs * scale)), endOnFailure: true };
}

/**
 * Errors that reached Node instead of the loop's exception handler while `body` ran: uncaught
 * exceptions and unhandled rejections, collected (vitest would otherwise report them after the
 * test, without the case that caused them).
 */
export async function escapes(body: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const onError = (error: unknown): void => {
    seen.push(error);
  };
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  try {
    await body();
    // Rejections are reported as unhandled after a macrotask turn.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('uncaughtException', onError);
    process.off('unhandledRejection', onError);
  }
  return seen;
}
