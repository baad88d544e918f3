/**
 * The Node.js event loop: {@link BaseEventLoop} on the Node host, plus what needs Node: signals
 * here, and I/O methods that delegate to src/transports and the other src/node modules.
 * @module
 */

import { BaseEventLoop } from '../events/base-event-loop.js';
import { ValueError } from '../exceptions.js';
import type { Callback } from '../spec/events.js';
import { nodeHost } from './node-host.js';
import { os } from './node-modules.js';

const UNCATCHABLE = new Set(['SIGKILL', 'SIGSTOP']);

/**
 * The reference event loop on Node.js.
 * @see {@link https://peps.python.org/pep-3156/#event-loop-methods-overview | PEP 3156 § Event Loop Methods Overview}
 */
export class NodeEventLoop extends BaseEventLoop {
  readonly #signals = new Map<string, () => void>();

  /** Creates a loop on the Node host. Prefer `newEventLoop()`. */
  constructor() {
    super(nodeHost());
  }

  /**
   * Calls `callback(...args)` as a loop callback whenever `signal` (a name such as `'SIGINT'`)
   * arrives; replaces an earlier handler for it.
   * @throws TypeError if `signal` is not a string or `callback` not a function; {@link ValueError}
   *   for an unknown or uncatchable signal (SIGKILL, SIGSTOP).
   * @see {@link https://peps.python.org/pep-3156/#signal-callbacks | PEP 3156 § Signal callbacks}
   */
  override addSignalHandler<A extends unknown[]>(signal: string, callback: Callback<A>, ...args: A): void {
    if (typeof signal !== 'string')
      throw new TypeError(`addSignalHandler: signal must be a name such as 'SIGINT'`);
    if (typeof callback !== 'function') throw new TypeError('addSignalHandler: callback must be a function');
    if (!(signal in os.constants.signals)) throw new ValueError(`addSignalHandler: unknown signal ${signal}`);
    if (UNCATCHABLE.has(signal)) throw new ValueError(`addSignalHandler: ${signal} cannot be caught`);
    if (this.isClosed()) throw new ValueError('addSignalHandler: the event loop is closed');
    this.removeSignalHandler(signal);
    const listener = () => {
      if (!this.isClosed()) this.callSoonThreadsafe(callback, ...args);
    };
    this.#signals.set(signal, listener);
    process.on(signal as NodeJS.Signals, listener);
  }

  /** Removes the handler for `signal`; returns whether there was one. */
  override removeSignalHandler(signal: string): boolean {
    const listener = this.#signals.get(signal);
    if (listener === undefined) return false;
    this.#signals.delete(signal);
    process.off(signal as NodeJS.Signals, listener);
    return true;
  }

  /** Closes the loop and removes its signal handlers. */
  override close(): void {
    super.close();
    for (const signal of [...this.#signals.keys()]) this.removeSignalHandler(signal);
  }
}
