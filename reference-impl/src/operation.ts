/**
 * Operation: the Future that a blocking call of a synchronization primitive returns
 * (`Lock.acquire()`, `Condition.wait()`, `Queue.get()`, …), written as a generator body that
 * follows asyncio's coroutine for that call step by step.
 *
 * Invariants:
 * - The body starts at once, in the caller's step: a call that need not wait is done on return.
 * - `yield*` on the operation (a generator coroutine waiting for it) runs the rest of the body
 *   inside the caller's task, as `await lock.acquire()` runs asyncio's coroutine inside the awaiting
 *   task: a woken waiter resumes, and takes what it waited for, in the same loop iteration as in
 *   asyncio; a cancellation of the task reaches the body where asyncio's coroutine would see it.
 * - Used any other way (`await`, `gather`, `addDoneCallback`, `waitFor`), the body is driven by
 *   done callbacks and the operation completes when the body returns; `cancel()` then reaches the
 *   body as a task's does (it cancels what the body waits on, or throws at its next step).
 * - Which of the two drives the body is settled at the first suspension and never changes.
 * @module
 */
import { CancelledError } from './exceptions.js';
import { Future } from './futures.js';
import type { AbstractEventLoop } from './spec/events.js';
import type { Future as FutureSpec, Yieldable } from './spec/futures.js';

/** The body of an operation: yields only futures (through `yield*`), returns the result. */
export type OperationBody<T> = Generator<Yieldable, T, unknown>;

const IDLE = 0; // suspended, nobody has chosen to drive the body yet
const INLINE = 1; // a generator coroutine runs the body with yield*
const DRIVEN = 2; // done callbacks run the body

/**
 * A Future whose outcome is the outcome of a generator body (see the module comment).
 * @internal
 */
export class Operation<T> extends Future<T> {
  #gen: OperationBody<T> | null;
  #waitingOn: FutureSpec<unknown> | null = null;
  #mode: typeof IDLE | typeof INLINE | typeof DRIVEN = IDLE;
  #mustCancel = false;
  #cancelMessage: string | undefined;
  readonly #drive = (): void => {
    if (this.#mode === INLINE || this.#gen === null) return;
    this.#mode = DRIVEN;
    this.#resume(false, undefined);
    if (this.#waitingOn !== null) this.#waitingOn.addDoneCallback(this.#drive);
  };

  constructor(loop: AbstractEventLoop, body: OperationBody<T>) {
    super(loop);
    this.#gen = body;
    this.#resume(false, undefined);
    if (this.#waitingOn !== null) this.#waitingOn.addDoneCallback(this.#drive);
  }

  /**
   * Cancels the operation as a task is cancelled: what the body waits on is cancelled, or the body
   * sees `CancelledError` when it next resumes. The operation is cancelled once the body lets the
   * error out (a body may first wait again, as `Condition.wait()` re-acquires its lock).
   */
  override cancel(msg?: string): boolean {
    if (this.done()) return false;
    this.#cancelMessage = msg;
    if (this.#waitingOn?.cancel(msg)) return true;
    this.#mustCancel = true;
    return true;
  }

  /** `yield*`: runs the rest of the body inside the caller's task (if nobody drives it yet). */
  override *[Symbol.iterator](): Generator<Yieldable, T, unknown> {
    if (this.#mode !== IDLE || this.#gen === null) return yield* super[Symbol.iterator]();
    this.#mode = INLINE;
    try {
      while (this.#waitingOn !== null) {
        let failed = false;
        let error: unknown;
        if (!this.#waitingOn.done()) {
          try {
            yield this.#waitingOn;
          } catch (e) {
            failed = true;
            error = e;
          }
        }
        this.#resume(failed, error);
      }
    } finally {
      // The caller's coroutine was closed (`return()`) while the body waited: close the body too,
      // so its `finally` blocks leave the waiter queues (as GeneratorExit does in asyncio).
      if (this.#gen !== null) this.#close();
    }
    return this.result();
  }

  #close(): void {
    const gen = this.#gen as OperationBody<T>;
    this.#gen = null;
    this.#waitingOn = null;
    try {
      gen.return(undefined as T);
    } finally {
      super.cancel(this.#cancelMessage);
    }
  }

  /** Steps the body once, with `error` thrown in if `failed` (or a pending cancellation). */
  #resume(failed: boolean, error: unknown): void {
    const gen = this.#gen as OperationBody<T>;
    if (!failed && this.#mustCancel) {
      failed = true;
      error = new CancelledError(this.#cancelMessage);
    }
    this.#mustCancel = false;
    let r: IteratorResult<Yieldable, T>;
    try {
      r = failed ? gen.throw(error) : gen.next();
    } catch (e) {
      this.#gen = null;
      this.#waitingOn = null;
      if (e instanceof CancelledError) super.cancel(e.message || this.#cancelMessage);
      else this._setExceptionUnchecked(e);
      return;
    }
    if (r.done) {
      this.#gen = null;
      this.#waitingOn = null;
      this.setResult(r.value);
      return;
    }
    this.#waitingOn = r.value as FutureSpec<unknown>;
  }
}

/** A future of `loop` already resolved to `value`. @internal */
export function resolved<T>(loop: AbstractEventLoop, value: T): FutureSpec<T> {
  const f = new Future<T>(loop);
  f.setResult(value);
  return f;
}
