/**
 * vitest setup file: loads the adapter module named by `PEP3156_ADAPTER` (default: the reference
 * implementation's adapter) before any test file loads, and checks its shape.
 *
 * Under the runner (`PEP3156_PROGRESS` set) it also writes one line per test start to that file,
 * synchronously, before the test runs: the runner's watchdog reads it to know which test is running
 * when a worker stops responding. Tests listed (by task id) in the file `PEP3156_SKIP` already ran in
 * an earlier attempt and are skipped. Each test worker also writes a heartbeat line every
 * {@link HEARTBEAT_MS} ms: a worker that stops beating while a test runs is spinning.
 * @module
 */
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setInterval } from 'node:timers';
import { pathToFileURL } from 'node:url';
import { beforeEach } from 'vitest';
import type { ConformanceAdapter } from './adapter.js';
import { setAdapter } from './current-adapter.js';
import { validateAdapter } from './validate.js';
import { HEARTBEAT_MS } from './worker-protocol.js';

const specifier = process.env.PEP3156_ADAPTER ?? new URL('../adapters/reference.ts', import.meta.url).href;
const url = /^[a-z]+:/i.test(specifier) ? specifier : pathToFileURL(path.resolve(specifier)).href;
const mod = (await import(url)) as { default?: ConformanceAdapter };
if (!mod.default) throw new Error(`pep3156-conformance: ${specifier} has no default export`);
const { problems } = validateAdapter(mod.default);
if (problems.length) {
  throw new TypeError(
    `pep3156-conformance: ${specifier} is not a valid adapter:\n- ${problems.join('\n- ')}`,
  );
}
setAdapter(mod.default);

const progressFile = process.env.PEP3156_PROGRESS;
const HEARTBEAT = Symbol.for('pep3156-conformance.heartbeat');
if (progressFile && !(globalThis as Record<symbol, unknown>)[HEARTBEAT]) {
  // A heartbeat, from node:timers (never a test's fake timers): a worker whose beats stop while a
  // test runs is stuck in synchronous code, and the runner kills it within its spin limit. Once per
  // process (with isolate: false this file runs before every test file of the worker).
  (globalThis as Record<symbol, unknown>)[HEARTBEAT] = true;
  const beat = () =>
    appendFileSync(progressFile, `${JSON.stringify({ beat: process.pid, t: Date.now() })}\n`);
  beat();
  setInterval(beat, HEARTBEAT_MS).unref();
}
if (progressFile) {
  const skipFile = process.env.PEP3156_SKIP;
  const skip = new Set<string>(skipFile ? (JSON.parse(readFileSync(skipFile, 'utf8')) as string[]) : []);
  beforeEach((ctx) => {
    const { id, timeout } = ctx.task;
    if (skip.has(id)) {
      ctx.skip('already reported by an earlier attempt');
      return;
    }
    appendFileSync(progressFile, `${JSON.stringify({ id, timeout, pid: process.pid, t: Date.now() })}\n`);
  });
}
