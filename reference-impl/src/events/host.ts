/**
 * What the loop needs from the JavaScript host it runs on: a clock, a way to run soon, a timer,
 * and a way to keep the host alive while the loop runs. Node and browsers differ only here.
 * @module
 */

/** An opaque timer token returned by {@link LoopHost.setTimer}. */
export type HostTimer = unknown;

/** The services a {@link BaseEventLoop} takes from its host. */
export interface LoopHost {
  /** Monotonic seconds with an unspecified epoch. */
  now(): number;
  /** Runs `callback` in a new macrotask as soon as possible (after pending I/O callbacks). */
  runSoon(callback: () => void): void;
  /**
   * Runs `callback` in a new macrotask after about `delay` seconds, or earlier for a delay beyond
   * what the host's timers hold (the loop then re-arms; `delay` is never infinite).
   */
  setTimer(callback: () => void, delay: number): HostTimer;
  /** Cancels a timer from {@link LoopHost.setTimer}. */
  clearTimer(timer: HostTimer): void;
  /** Holds (`true`) or releases (`false`) the host process open while the loop runs. */
  keepAlive(on: boolean): void;
  /** Whether debug mode is on by default (Node: the `PYTHONASYNCIODEBUG` environment variable). */
  debugByDefault(): boolean;
}

/**
 * The host for browsers and other runtimes without Node: MessageChannel or setTimeout.
 * @example
 * ```ts
 * import { BaseEventLoop, browserHost, type Coroutine, sleep } from 'pep3156';
 * function* main(): Coroutine<string> {
 *   yield* sleep(0.01);
 *   return 'ran on setTimeout';
 * }
 * const loop = new BaseEventLoop(browserHost()); // in a page or a Web Worker (on Node, use nodeHost)
 * console.log(await loop.runUntilComplete(main())); // ran on setTimeout
 * loop.close();
 * ```
 */
export function browserHost(): LoopHost {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  const now = perf ? () => perf.now() / 1000 : () => Date.now() / 1000;
  let runSoon: (callback: () => void) => void;
  type Port = { onmessage: (() => void) | null; postMessage(message: null): void };
  const Channel = (globalThis as unknown as { MessageChannel?: new () => { port1: Port; port2: Port } })
    .MessageChannel;
  if (Channel) {
    const queue: (() => void)[] = [];
    const channel = new Channel();
    channel.port1.onmessage = () => queue.shift()?.();
    runSoon = (callback) => {
      queue.push(callback);
      channel.port2.postMessage(null);
    };
  } else {
    runSoon = (callback) => setTimeout(callback, 0);
  }
  return {
    now,
    runSoon,
    // Timers hold at most 2^31 - 1 ms (about 24.8 days): a farther deadline sleeps that long and
    // the loop re-arms.
    setTimer: (callback, delay) => setTimeout(callback, Math.min(2 ** 31 - 1, Math.max(0, delay * 1000))),
    clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
    keepAlive: () => {},
    debugByDefault: () => false,
  };
}
