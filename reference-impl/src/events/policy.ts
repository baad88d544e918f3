/**
 * The event loop policy and the module-level entry points (PEP § Event Loop Policy).
 *
 * In Node a context is the main isolate or one Worker; each has its own module state, so the policy
 * is per context by construction.
 * @module
 */
import { RuntimeError } from '../exceptions.js';
import { gather } from '../scheduler.js';
import type { AbstractEventLoop, AbstractEventLoopPolicy } from '../spec/events.js';
import type { Future, TaskBody } from '../spec/futures.js';
import { allTasks } from '../tasks.js';
import { BaseEventLoop } from './base-event-loop.js';
import { browserHost } from './host.js';
import { _getRunningLoop } from './running-loop.js';

let loopFactory: () => AbstractEventLoop = () => new BaseEventLoop(browserHost());

/** Sets what {@link newEventLoop} creates (the Node entry point installs NodeEventLoop). @internal */
export function _setDefaultLoopFactory(factory: () => AbstractEventLoop): void {
  loopFactory = factory;
}

/**
 * The default policy: one current loop per context, created lazily by `getEventLoop()` unless
 * `setEventLoop()` was called.
 * @example
 * ```ts
 * import { DefaultEventLoopPolicy, getEventLoop, setEventLoopPolicy } from 'pep3156';
 * import type { AbstractEventLoop } from 'pep3156/spec';
 * class DebugPolicy extends DefaultEventLoopPolicy {
 *   override newEventLoop(): AbstractEventLoop {
 *     const loop = super.newEventLoop();
 *     loop.setDebug(true); // every new loop starts in debug mode
 *     return loop;
 *   }
 * }
 * setEventLoopPolicy(new DebugPolicy());
 * console.log(getEventLoop().getDebug()); // true
 * ```
 */
export class DefaultEventLoopPolicy implements AbstractEventLoopPolicy {
  #loop: AbstractEventLoop | null = null;
  #setCalled = false;

  /**
   * The current context's loop, created on first use unless `setEventLoop` was called.
   * @throws {@link RuntimeError} if there is no current loop and the policy will not create one.
   */
  getEventLoop(): AbstractEventLoop {
    if (this.#loop === null && !this.#setCalled) this.setEventLoop(this.newEventLoop());
    if (this.#loop === null) throw new RuntimeError('There is no current event loop');
    return this.#loop;
  }

  /** Sets the current context's loop; `null` is allowed. */
  setEventLoop(loop: AbstractEventLoop | null): void {
    this.#setCalled = true;
    if (loop !== null && (typeof loop !== 'object' || typeof loop.callSoon !== 'function')) {
      throw new TypeError('setEventLoop: loop must be an event loop or null');
    }
    this.#loop = loop;
  }

  /** Creates a new loop; does not make it current. */
  newEventLoop(): AbstractEventLoop {
    return loopFactory();
  }
}

let policy: AbstractEventLoopPolicy | null = null;

/**
 * The current policy (created on first use).
 * @example
 * ```ts
 * import { getEventLoopPolicy } from 'pep3156';
 * const loop = getEventLoopPolicy().newEventLoop(); // what newEventLoop() does
 * console.log(loop.isRunning()); // false
 * loop.close();
 * ```
 */
export function getEventLoopPolicy(): AbstractEventLoopPolicy {
  if (policy === null) policy = new DefaultEventLoopPolicy();
  return policy;
}

/**
 * Sets the policy; `null` restores the default.
 * @example
 * ```ts
 * import { DefaultEventLoopPolicy, setEventLoopPolicy } from 'pep3156';
 * import { TestLoop } from 'pep3156/testing';
 * import type { AbstractEventLoop } from 'pep3156/spec';
 * // Code that calls newEventLoop() or run() gets virtual-time loops in tests.
 * class TestPolicy extends DefaultEventLoopPolicy {
 *   override newEventLoop(): AbstractEventLoop {
 *     return new TestLoop();
 *   }
 * }
 * setEventLoopPolicy(new TestPolicy());
 * // … the tests …
 * setEventLoopPolicy(null); // back to the default policy
 * ```
 */
export function setEventLoopPolicy(value: AbstractEventLoopPolicy | null): void {
  if (value !== null && (typeof value !== 'object' || typeof value.getEventLoop !== 'function')) {
    throw new TypeError('setEventLoopPolicy: policy must be an event loop policy or null');
  }
  policy = value;
}

/**
 * The running loop if called from a callback or task, else the policy's current loop; never null.
 * @throws {@link RuntimeError} if there is none and the policy will not create one.
 * @example
 * ```ts
 * import { type Coroutine, getEventLoop, sleep } from 'pep3156';
 * function* main(): Coroutine<string> {
 *   yield* sleep(0.01);
 *   return 'done';
 * }
 * const loop = getEventLoop(); // outside a task: this context's loop, made on first use
 * console.log(await loop.runUntilComplete(main())); // done
 * loop.close();
 * ```
 */
export function getEventLoop(): AbstractEventLoop {
  return _getRunningLoop() ?? getEventLoopPolicy().getEventLoop();
}

/**
 * Sets the current context's loop through the policy; `null` is allowed.
 * @example
 * ```ts
 * import { getEventLoop, newEventLoop, setEventLoop } from 'pep3156';
 * const loop = newEventLoop();
 * setEventLoop(loop);
 * console.log(getEventLoop() === loop); // true
 * setEventLoop(null);
 * loop.close();
 * ```
 */
export function setEventLoop(loop: AbstractEventLoop | null): void {
  getEventLoopPolicy().setEventLoop(loop);
}

/**
 * Creates a new loop through the policy; it is not made current.
 * @example
 * ```ts
 * import { type Coroutine, newEventLoop, sleep } from 'pep3156';
 * function* main(): Coroutine<string> {
 *   yield* sleep(0.01);
 *   return 'slept';
 * }
 * const loop = newEventLoop();
 * try {
 *   console.log(await loop.runUntilComplete(main())); // slept
 * } finally {
 *   loop.close();
 * }
 * ```
 */
export function newEventLoop(): AbstractEventLoop {
  return getEventLoopPolicy().newEventLoop();
}

/** Options of {@link Runner} (and of {@link run}). */
export interface RunnerOptions {
  /** Sets the loop's debug mode; by default the loop's own default is kept. */
  debug?: boolean | undefined;
  /**
   * Makes the loop. Without it the runner calls `newEventLoop()` and makes the loop current
   * (`setEventLoop`) while the runner is open; a loop from a factory is not made current.
   */
  loopFactory?: (() => AbstractEventLoop) | undefined;
}

const CREATED = 0;
const INITIALIZED = 1;
const CLOSED = 2;

/**
 * Owns one event loop across several `run()` calls, then closes it (asyncio 3.11's `Runner`):
 * `run(coro)` runs a coroutine to completion on the loop; `close()` cancels the tasks left over
 * and closes the loop. Also `await using runner = new Runner()`.
 * @remarks Differs from CPython: JavaScript cannot block, so `run()` and `close()` return Promises.
 * @example
 * ```ts
 * import { type Coroutine, Runner, sleep } from 'pep3156';
 * function* step(name: string): Coroutine<string> {
 *   yield* sleep(0.01);
 *   return name;
 * }
 * const runner = new Runner();
 * console.log(await runner.run(step('first'))); // first
 * console.log(await runner.run(step('second'))); // second, on the same loop
 * await runner.close();
 * ```
 * @see {@link https://docs.python.org/3/library/asyncio-runner.html#asyncio.Runner | asyncio.Runner}
 */
export class Runner {
  #state: typeof CREATED | typeof INITIALIZED | typeof CLOSED = CREATED;
  #loop: AbstractEventLoop | null = null;
  #setCurrent = false;
  readonly #debug: boolean | undefined;
  readonly #loopFactory: (() => AbstractEventLoop) | undefined;

  constructor(options: RunnerOptions = {}) {
    if (options.loopFactory !== undefined && typeof options.loopFactory !== 'function') {
      throw new TypeError('Runner: options.loopFactory must be a function');
    }
    this.#debug = options.debug;
    this.#loopFactory = options.loopFactory;
  }

  /**
   * The runner's loop, made on first use.
   * @throws {@link RuntimeError} once the runner is closed.
   */
  getLoop(): AbstractEventLoop {
    return this.#lazyInit();
  }

  /**
   * Runs `coro` (a coroutine, an async-function thunk or a Future) on the runner's loop and
   * resolves with its result.
   * @throws {@link RuntimeError} (rejects) when called from a running loop or after `close()`.
   */
  async run<T>(coro: TaskBody<T> | Future<T>): Promise<T> {
    if (_getRunningLoop() !== null) {
      throw new RuntimeError('Runner.run() cannot be called from a running event loop');
    }
    const loop = this.#lazyInit();
    return await loop.runUntilComplete(coro as TaskBody<T>);
  }

  /**
   * Cancels the tasks left on the loop, waits for them, shuts the default executor down and
   * closes the loop. Idempotent; a runner never used closes without making a loop.
   */
  async close(): Promise<void> {
    if (this.#state !== INITIALIZED) {
      this.#state = CLOSED;
      return;
    }
    const loop = this.#loop as AbstractEventLoop;
    try {
      await cancelAllTasks(loop);
      await loop.runUntilComplete(loop.shutdownDefaultExecutor());
    } finally {
      if (this.#setCurrent) setEventLoop(null);
      loop.close();
      this.#loop = null;
      this.#state = CLOSED;
    }
  }

  /** `await using runner = new Runner()`: closes the runner at the end of the block. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #lazyInit(): AbstractEventLoop {
    if (this.#state === CLOSED) throw new RuntimeError('Runner is closed');
    if (this.#loop !== null) return this.#loop;
    let loop: AbstractEventLoop;
    if (this.#loopFactory === undefined) {
      loop = newEventLoop();
      setEventLoop(loop);
      this.#setCurrent = true;
    } else {
      loop = this.#loopFactory();
    }
    if (this.#debug !== undefined) loop.setDebug(this.#debug);
    this.#loop = loop;
    this.#state = INITIALIZED;
    return loop;
  }
}

/**
 * Runs `main` on a new loop and resolves with its result (Python's `asyncio.run`): the loop is
 * created, made current, run until `main` is done, then the remaining tasks are cancelled and the
 * loop is closed. A {@link Runner} used once.
 * @remarks Differs from CPython: JavaScript cannot block, so this returns a Promise.
 * @throws {@link RuntimeError} (rejects) when called from a running loop.
 * @example
 * ```ts
 * import { type Coroutine, run, sleep } from 'pep3156';
 * function* main(): Coroutine<string> {
 *   yield* sleep(0.01);
 *   return 'hello';
 * }
 * console.log(await run(main())); // hello: on a new loop, closed when main returns
 * console.log(await run(async () => 'an async function works too'));
 * ```
 */
export async function run<T>(main: TaskBody<T>, options: RunnerOptions = {}): Promise<T> {
  if (_getRunningLoop() !== null) throw new RuntimeError('run() cannot be called from a running event loop');
  const runner = new Runner(options);
  try {
    return await runner.run(main);
  } finally {
    await runner.close();
  }
}

async function cancelAllTasks(loop: AbstractEventLoop): Promise<void> {
  const leftovers = [...allTasks(loop)];
  if (leftovers.length === 0) return;
  for (const task of leftovers) task.cancel();
  await loop.runUntilComplete(gather({ returnExceptions: true }, ...leftovers));
  for (const task of leftovers) {
    if (task.cancelled()) continue;
    const exception = task.exception();
    if (exception !== null) {
      loop.callExceptionHandler({ message: 'unhandled exception during run() shutdown', exception, task });
    }
  }
}
