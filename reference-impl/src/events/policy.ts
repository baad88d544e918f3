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
import type { TaskBody } from '../spec/futures.js';
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

/** The current policy (created on first use). */
export function getEventLoopPolicy(): AbstractEventLoopPolicy {
  if (policy === null) policy = new DefaultEventLoopPolicy();
  return policy;
}

/** Sets the policy; `null` restores the default. */
export function setEventLoopPolicy(value: AbstractEventLoopPolicy | null): void {
  if (value !== null && (typeof value !== 'object' || typeof value.getEventLoop !== 'function')) {
    throw new TypeError('setEventLoopPolicy: policy must be an event loop policy or null');
  }
  policy = value;
}

/**
 * The running loop if called from a callback or task, else the policy's current loop; never null.
 * @throws {@link RuntimeError} if there is none and the policy will not create one.
 */
export function getEventLoop(): AbstractEventLoop {
  return _getRunningLoop() ?? getEventLoopPolicy().getEventLoop();
}

/** Sets the current context's loop through the policy; `null` is allowed. */
export function setEventLoop(loop: AbstractEventLoop | null): void {
  getEventLoopPolicy().setEventLoop(loop);
}

/** Creates a new loop through the policy; it is not made current. */
export function newEventLoop(): AbstractEventLoop {
  return getEventLoopPolicy().newEventLoop();
}

/**
 * Runs `main` on a new loop and resolves with its result (Python's `asyncio.run`): the loop is
 * created, made current, run until `main` is done, then the remaining tasks are cancelled and the
 * loop is closed.
 * @remarks Differs from CPython: JavaScript cannot block, so this returns a Promise.
 * @throws {@link RuntimeError} (rejects) when called from a running loop.
 */
export async function run<T>(main: TaskBody<T>, options: { debug?: boolean } = {}): Promise<T> {
  if (_getRunningLoop() !== null) throw new RuntimeError('run() cannot be called from a running event loop');
  const loop = newEventLoop();
  if (options.debug !== undefined) loop.setDebug(options.debug);
  setEventLoop(loop);
  try {
    return await loop.runUntilComplete(main);
  } finally {
    try {
      await cancelAllTasks(loop);
    } finally {
      setEventLoop(null);
      loop.close();
    }
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
