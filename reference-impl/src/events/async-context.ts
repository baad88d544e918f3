/**
 * Which Task an `async` function belongs to while it runs. JavaScript resumes an `async` function in
 * a microtask that the loop does not see, so the association needs help from the host: on Node,
 * `AsyncLocalStorage` (installed by the Node entry point); elsewhere none, and then cancellation of an
 * async-function task is delivered only when its function settles.
 * @module
 */

/** Carries a value across the awaits of an async function. @internal */
export interface AsyncContext {
  /** Runs `fn` with `value` as the current context, also in everything `fn` awaits. */
  run<R>(value: unknown, fn: () => R): R;
  /** The current context value, or undefined. */
  get(): unknown;
}

let context: AsyncContext = { run: (_value, fn) => fn(), get: () => undefined };

/** The installed async context. @internal */
export function asyncContext(): AsyncContext {
  return context;
}

/** Installs the host's async context (the Node entry point installs AsyncLocalStorage). @internal */
export function _setAsyncContext(value: AsyncContext): void {
  context = value;
}
