/**
 * Handles: scheduled callbacks (PEP § Handles).
 *
 * Invariant: the loop's `runOnce` is the only caller of {@link Handle._run}; a cancelled handle is
 * never run (its callback and arguments are dropped at `cancel()` so they can be collected).
 * @module
 */
import type {
  AbstractEventLoop,
  Handle as HandleSpec,
  TimerHandle as TimerHandleSpec,
} from '../spec/events.js';

export const NO_ARGS: readonly unknown[] = Object.freeze([]);

/** What the loop's ready queue holds: a Handle, or an object that runs itself (a Task's step). @internal */
export interface Runnable {
  /** Runs; never throws (an exception goes to the loop's exception handler). */
  _run(): void;
}

/**
 * The reference loop's hook for its own Task: `loop[callSoonRunnable](task)` queues the task's next
 * step in the ready queue exactly where `callSoon` would, without a Handle and its closure. A task
 * on any other loop uses the public `callSoon` (the scheduler needs no more than the public
 * interface, PEP § The Scheduler). A symbol, so no other loop has it by accident.
 * @internal
 */
export const callSoonRunnable: unique symbol = Symbol('pep3156.callSoonRunnable');

/**
 * The reference loop's hook for its transports: `loop[ioCallback](fn, arg)` runs `fn(arg)`, a host I/O
 * callback that delivers an event to a protocol (a socket's data), and then, if `fn` made callbacks
 * ready while the loop was idle waiting for I/O, runs the loop's next slice at once, in the same host
 * callback, instead of in a new macrotask. The loop then wakes a waiting coroutine in the same
 * host callback that delivered its data, as uvloop does in the same libuv iteration.
 * @internal
 */
export const ioCallback: unique symbol = Symbol('pep3156.ioCallback');

/** What a handle needs of its loop. @internal */
export interface HandleOwner {
  callExceptionHandler: AbstractEventLoop['callExceptionHandler'];
  /** Called when a scheduled timer is cancelled, so the timer queue can be compacted. */
  _timerHandleCancelled?(handle: TimerHandle): void;
}

/** A callback scheduled by `callSoon`, `callLater`, `callAt` or `callSoonThreadsafe`. */
export class Handle implements HandleSpec {
  // Three fields: the ready queue may hold hundreds of thousands of handles at once.
  /** The callback; `null` once cancelled (the one mark of a cancelled handle). @internal */
  _callback: ((...args: never[]) => void) | null;
  /** @internal */ _args: readonly unknown[] | null;
  /** @internal */ readonly _loop: HandleOwner;
  /** In debug mode only: the stack where the handle was created. @internal */
  declare _sourceTraceback?: string | undefined;

  /** @internal */
  constructor(callback: (...args: never[]) => void, args: readonly unknown[], loop: HandleOwner) {
    this._callback = callback;
    this._args = args.length === 0 ? NO_ARGS : args;
    this._loop = loop;
  }

  /** Stops the callback from running if it has not run yet. Idempotent. */
  cancel(): void {
    this._callback = null;
    this._args = null;
  }

  /** Whether `cancel()` was called. */
  cancelled(): boolean {
    return this._callback === null;
  }

  /**
   * Runs the callback; an exception goes to the loop's exception handler with a context naming
   * this handle, and never propagates.
   * @internal
   */
  _run(): void {
    const callback = this._callback as ((...args: unknown[]) => void) | null;
    if (callback === null) return;
    const args = this._args as unknown[];
    try {
      if (args.length === 0) callback();
      else callback(...args);
    } catch (exception) {
      const context: Parameters<AbstractEventLoop['callExceptionHandler']>[0] = {
        message: `Exception in callback ${describeCallback(callback)}`,
        exception,
        handle: this,
      };
      if (this._sourceTraceback !== undefined) context.sourceTraceback = this._sourceTraceback;
      this._loop.callExceptionHandler(context);
    }
  }

  /** A description for debugging: the callback's name and the handle's state. */
  toString(): string {
    const state = this.cancelled() ? ' cancelled' : '';
    return `<Handle${state} ${this._callback ? describeCallback(this._callback) : ''}>`;
  }
}

/** A {@link Handle} for a timed callback (`callLater`, `callAt`). */
export class TimerHandle extends Handle implements TimerHandleSpec {
  /** @internal */ readonly _when: number;
  /** Registration number: breaks ties between equal deadlines (registration order). @internal */
  readonly _seq: number;
  /** Whether the handle is in the loop's timer queue (not kept up to date once it is cancelled). @internal */
  _scheduled = false;

  /** @internal */
  constructor(
    when: number,
    seq: number,
    callback: (...args: never[]) => void,
    args: readonly unknown[],
    loop: HandleOwner,
  ) {
    super(callback, args, loop);
    this._when = when;
    this._seq = seq;
  }

  /** The scheduled time, on the loop's clock (seconds). */
  when(): number {
    return this._when;
  }

  /** Stops the callback from running; tells the loop so cancelled timers do not pile up. */
  override cancel(): void {
    if (!this.cancelled() && this._scheduled) this._loop._timerHandleCancelled?.(this);
    super.cancel();
  }

  override toString(): string {
    return `<TimerHandle${this.cancelled() ? ' cancelled' : ''} when=${this._when}>`;
  }
}

/** A short human-readable name for a callback. @internal */
export function describeCallback(callback: (...args: never[]) => void): string {
  return callback.name ? `${callback.name}()` : '<anonymous>()';
}
