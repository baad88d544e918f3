/**
 * Write flow control shared by the write transports: the high/low marks and exactly-once
 * `pauseWriting`/`resumeWriting` calls (PEP § Bidirectional Stream Transports, § Stream Protocols).
 *
 * Invariants: `pauseWriting` is called synchronously inside the `write()` that pushed the buffer
 * above the high mark; `resumeWriting` when it drains to the low mark or below; calls come in
 * non-nested pairs and only while the protocol is connected.
 * @module
 */
import { ValueError } from '../exceptions.js';

/** Default high-water mark: 64 KiB (asyncio's). */
export const DEFAULT_HIGH = 64 * 1024;

/**
 * The marks, checked and defaulted as asyncio does: high defaults to 4·low or 64 KiB, low to high/4.
 * @example
 * ```ts
 * import { checkLimits } from 'pep3156';
 * console.log(checkLimits()); // [ 65536, 16384 ]: 64 KiB and a quarter of it
 * console.log(checkLimits(1024)); // [ 1024, 256 ]: low defaults to high / 4
 * console.log(checkLimits(null, 1000)); // [ 4000, 1000 ]: high defaults to 4 × low
 * ```
 */
export function checkLimits(high?: number | null, low?: number | null): [high: number, low: number] {
  let h = high ?? null;
  let l = low ?? null;
  if (h === null) h = l === null ? DEFAULT_HIGH : 4 * l;
  if (l === null) l = Math.floor(h / 4);
  if (typeof h !== 'number' || typeof l !== 'number' || Number.isNaN(h) || Number.isNaN(l)) {
    throw new TypeError('setWriteBufferLimits: high and low must be numbers');
  }
  if (!(h >= l && l >= 0))
    throw new ValueError(`setWriteBufferLimits: need 0 <= low <= high, got high=${h} low=${l}`);
  return [h, l];
}

/** What the flow control needs from its transport. */
export interface FlowHost {
  /** Bytes waiting in the transport's own buffer. */
  getWriteBufferSize(): number;
  /** Calls a protocol method, routing its exception to the loop. */
  _callProtocol(method: 'pauseWriting' | 'resumeWriting'): void;
}

/** Tracks the marks and whether the protocol was told to pause. */
export class FlowControl {
  high = DEFAULT_HIGH;
  low = DEFAULT_HIGH / 4;
  paused = false;
  constructor(private readonly host: FlowHost) {}

  /** Sets the marks and re-checks the buffer against them. */
  setLimits(high?: number | null, low?: number | null): void {
    [this.high, this.low] = checkLimits(high, low);
    this.maybePause();
    this.maybeResume();
  }

  /** After a write: pause the protocol if the buffer is above the high mark. */
  maybePause(): void {
    if (this.paused) return;
    if (this.host.getWriteBufferSize() > this.high) {
      this.paused = true;
      this.host._callProtocol('pauseWriting');
    }
  }

  /** After the buffer drained: resume the protocol if at or below the low mark. */
  maybeResume(): void {
    if (!this.paused) return;
    if (this.host.getWriteBufferSize() <= this.low) {
      this.paused = false;
      this.host._callProtocol('resumeWriting');
    }
  }
}
