/**
 * Coroutines (PEP 3156 § Coroutines): generator functions whose `yield*` is the twin of Python
 * 3.4's `yield from`, and async functions as the twin of 3.5's `async def`.
 * @module
 */
import type { Coroutine } from './spec/futures.js';
import { isGenerator } from './tasks.js';

/**
 * Whether `value` is a coroutine object: a generator (what calling a generator function returns).
 * @example
 * ```ts
 * import { type Coroutine, iscoroutine, sleep } from 'pep3156';
 * function* tick(): Coroutine<void> {
 *   yield* sleep(0);
 * }
 * console.log(iscoroutine(tick()), iscoroutine(tick), iscoroutine(Promise.resolve())); // true false false
 * ```
 */
export function iscoroutine(value: unknown): value is Coroutine<unknown> {
  return isGenerator(value);
}

const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor as unknown;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as unknown;

/**
 * Whether `fn` is a coroutine function: a generator function or an async function.
 * @example
 * ```ts
 * import { type Coroutine, iscoroutinefunction, sleep } from 'pep3156';
 * function* tick(): Coroutine<void> {
 *   yield* sleep(0);
 * }
 * async function fetchName(): Promise<string> {
 *   return 'name';
 * }
 * console.log(iscoroutinefunction(tick), iscoroutinefunction(fetchName), iscoroutinefunction(() => 1)); // true true false
 * ```
 */
export function iscoroutinefunction(fn: unknown): boolean {
  if (typeof fn !== 'function') return false;
  const ctor = Object.getPrototypeOf(fn)?.constructor as unknown;
  return ctor === GeneratorFunction || ctor === AsyncFunction;
}
