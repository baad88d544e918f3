/**
 * The reading half of streams (PEP 3156 § Convenience Utilities; asyncio's `StreamReader`): a
 * buffer fed by a protocol, and reads that return Futures. Imports no `node:` module.
 * @module
 */
import { getRunningLoop } from './events/running-loop.js';
import {
  IncompleteReadError,
  InvalidStateError,
  LimitOverrunError,
  RuntimeError,
  ValueError,
} from './exceptions.js';
import { Future } from './futures.js';
import type { AbstractEventLoop } from './spec/events.js';
import type { Future as FutureSpec, Yieldable } from './spec/futures.js';
import type { Transport } from './spec/transports.js';

/** The default buffer limit of a StreamReader: 64 KiB. */
export const DEFAULT_LIMIT = 64 * 1024;

const EMPTY = new Uint8Array(0);

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  if (needle.length === 1) return haystack.indexOf(needle[0], from);
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Where `readuntil` stands: no separator before `offset`; the match found is `[start, end)`. */
interface Scan {
  offset: number;
  start: number;
  end: number;
}

/**
 * Finds the separator that ends first at or after `scan.offset` (ties go to the shorter one, which
 * comes first in `seps`), as asyncio 3.13's readuntil; records it in `scan`.
 */
function findSeparator(buffer: Uint8Array, seps: readonly Uint8Array[], scan: Scan): boolean {
  let found = false;
  for (const sep of seps) {
    const i = indexOf(buffer, sep, scan.offset);
    if (i >= 0 && (!found || i + sep.length < scan.end)) {
      found = true;
      scan.start = i;
      scan.end = i + sep.length;
    }
  }
  return found;
}

const encoder = new TextEncoder();

/**
 * `readuntil`'s separator as a list sorted by length: bytes, a string (UTF-8) or an array of them.
 * @throws TypeError for anything else; {@link ValueError} for an empty array or separator.
 */
function separators(separator: unknown): Uint8Array[] {
  const one = (s: unknown): Uint8Array => {
    if (s instanceof Uint8Array) return s;
    if (typeof s === 'string') return encoder.encode(s);
    throw new TypeError(`readuntil: a separator must be a Uint8Array or a string, got ${describe(s)}`);
  };
  const seps = Array.isArray(separator) ? separator.map(one) : [one(separator)];
  if (seps.length === 0) throw new ValueError('readuntil: the separator array must not be empty');
  // A stable sort, as Python's sorted(): separators of the same length keep their order.
  seps.sort((a, b) => a.length - b.length);
  if ((seps[0] as Uint8Array).length === 0) throw new ValueError('readuntil: a separator must not be empty');
  return seps;
}

/** A value as an error message shows it. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined) return String(value);
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/**
 * The iterator behind `yield*` on a read's Future. If the coroutine is cancelled after the read
 * completed but before the coroutine resumed, no data is lost: asyncio takes data from the buffer
 * only when the reader resumes, and so does this one (see `ReadFuture`).
 */
class ReadIterator implements Generator<Yieldable, Uint8Array, unknown> {
  readonly #future: ReadFuture;
  readonly #inner: Generator<Yieldable, Uint8Array, unknown>;
  constructor(future: ReadFuture, inner: Generator<Yieldable, Uint8Array, unknown>) {
    this.#future = future;
    this.#inner = inner;
  }
  next(value?: unknown): IteratorResult<Yieldable, Uint8Array> {
    return this.#inner.next(value);
  }
  return(value: Uint8Array): IteratorResult<Yieldable, Uint8Array> {
    return this.#inner.return(value);
  }
  throw(error: unknown): IteratorResult<Yieldable, Uint8Array> {
    // The read's own failure (IncompleteReadError at EOF…) is delivered, not abandoned: its bytes
    // stay consumed, as asyncio's. Anything else thrown in (a cancellation) gives them back.
    if (!this.#future._failedWith(error)) this.#future._abandon();
    return this.#inner.throw(error);
  }
  [Symbol.iterator](): this {
    return this;
  }
}

/** What a read waits for: the two common reads are encoded; the others pass closures. */
const SOME = 0; // read(n), n > 0: at least one byte, or EOF
const EXACTLY = 1; // readexactly(n): n bytes, or EOF
const CUSTOM = 2; // ready() and take() say
type ReadKind = typeof SOME | typeof EXACTLY | typeof CUSTOM;

/**
 * A read's phases: waiting (or failed without bytes), complete with its bytes still in the buffer,
 * bytes taken, and given back (or never taken) because the coroutine was cancelled.
 */
const WAITING = 0;
const COMPLETE = 1;
const SETTLED = 2;
const ABANDONED = 3;

/** How a read of kind CUSTOM completes: closures (the common reads, SOME and EXACTLY, need none). */
interface CustomRead {
  /** Whether the read can complete now. */
  ready(): boolean;
  /** Takes the read's bytes (or throws its failure). */
  take(): Uint8Array;
  /** Gives back what the read collected, if it is cancelled first (read() to EOF). */
  onCancel?: () => void;
  /** Runs whenever the read goes on waiting (read() to EOF collects what is buffered). */
  progress?: () => void;
}

/** How a read's Future has been iterated: not yet, by its first `yield*` (itself), and that one yielded. */
const NOT_ITERATED = 0;
const ITERATED = 1;
const YIELDED = 2;

/** What a read's Future asks of its reader (one object per reader, made once). */
interface ReaderHooks {
  /** Takes the read's bytes from the buffer (or throws its failure). */
  take(read: ReadFuture): Uint8Array;
  /** Puts bytes back at the start of the buffer. */
  unread(bytes: Uint8Array): void;
  /** The waiting read was cancelled: stop waiting, give back what it collected. */
  cancelled(read: ReadFuture): void;
}

/**
 * A read's Future. It completes as soon as the read can complete, but takes its bytes from the
 * buffer only when its outcome is first looked at (`result()` or `exception()`, which is when the
 * waiting coroutine resumes): like asyncio's reader, it then sees every chunk fed meanwhile, and
 * a coroutine cancelled before it resumes leaves the bytes in the buffer. It carries its request
 * (`kind`, `n`, or closures), so a read costs one object.
 */
class ReadFuture extends Future<Uint8Array> implements Generator<Yieldable, Uint8Array, unknown> {
  // Few fields: a read is the most frequent object of a streams program.
  readonly #hooks: ReaderHooks;
  #phase: typeof WAITING | typeof COMPLETE | typeof SETTLED | typeof ABANDONED = WAITING;
  /** The first `yield*` iterates the future itself (no iterator to allocate); later ones get a ReadIterator. */
  #iteration: typeof NOT_ITERATED | typeof ITERATED | typeof YIELDED = NOT_ITERATED;
  /** Whether a wake-up that found too little data queued a second look (see `StreamReader.#step`). @internal */
  _recheck = false;

  /** @internal */
  constructor(
    loop: AbstractEventLoop,
    hooks: ReaderHooks,
    readonly _kind: ReadKind,
    readonly _n: number,
    readonly _custom: CustomRead | null,
  ) {
    super(loop);
    this.#hooks = hooks;
  }

  /** Completes the read; its bytes are taken when the outcome is first looked at. @internal */
  _complete(): void {
    this.#phase = COMPLETE;
    this.setResult(EMPTY);
  }

  /** Takes the bytes now, if not yet taken. @internal */
  _settle(): void {
    if (this.#phase !== COMPLETE) return;
    this.#phase = SETTLED;
    try {
      this._value = this.#hooks.take(this);
    } catch (error) {
      this._setExceptionUnchecked(error);
    }
  }

  /** Whether the read completed and failed with `error` itself. @internal */
  _failedWith(error: unknown): boolean {
    return this.#phase !== COMPLETE && this.done() && !this.cancelled() && super.exception() === error;
  }

  /**
   * The waiting coroutine was cancelled: the bytes stay in (or go back to) the buffer, once.
   * @internal
   */
  _abandon(): void {
    const phase = this.#phase;
    if (phase === COMPLETE) {
      this.#phase = ABANDONED;
      this._custom?.onCancel?.();
      return;
    }
    if (phase !== SETTLED) return;
    this.#phase = ABANDONED;
    if (!this.done() || this.cancelled()) return;
    const error = super.exception();
    if (error === null) this.#hooks.unread(super.result());
    else if (error instanceof IncompleteReadError) this.#hooks.unread(error.partial);
  }

  /**
   * Cancelling a waiting read stops the reader waiting for it, in the next iteration, ahead of the
   * callbacks the cancellation schedules (as a done callback added when the read began would).
   */
  override cancel(msg?: string): boolean {
    if (this.done()) return false;
    this._loop.callSoon(this.#hooks.cancelled, this);
    return super.cancel(msg);
  }

  override result(): Uint8Array {
    this._settle();
    return super.result();
  }

  override exception(): Error | null {
    this._settle();
    return super.exception();
  }

  override [Symbol.iterator](): Generator<Yieldable, Uint8Array, unknown> {
    if (this.#iteration !== NOT_ITERATED) return new ReadIterator(this, super[Symbol.iterator]());
    this.#iteration = ITERATED;
    return this;
  }

  /** The first `yield*`'s step: as the iterator of `Future`, with `ReadIterator`'s `throw`. */
  next(): IteratorResult<Yieldable, Uint8Array> {
    if (this.#iteration !== YIELDED && !this.done()) {
      this.#iteration = YIELDED;
      return { done: false, value: this };
    }
    if (!this.done()) throw new InvalidStateError('yield* on a future resumed before it was done');
    return { done: true, value: this.result() };
  }

  return(value: Uint8Array): IteratorResult<Yieldable, Uint8Array> {
    return { done: true, value };
  }

  throw(error: unknown): IteratorResult<Yieldable, Uint8Array> {
    if (!this._failedWith(error)) this._abandon();
    throw error;
  }
}

/** Options of a {@link StreamReader}. */
export interface StreamReaderOptions {
  /**
   * The buffer limit in bytes: `readuntil` and `readline` fail past it, and reading from the
   * transport pauses while more than twice it is buffered.
   * @defaultValue 65536 (64 KiB)
   */
  limit?: number;
  /** The loop; default: the running loop. */
  loop?: AbstractEventLoop;
}

/**
 * Buffered reading from a transport (asyncio's `StreamReader`).
 *
 * @remarks Every read returns a Future: `yield*` it in a generator coroutine, `await` it in an
 * async function. Only one read may wait for data at a time; a second one fails with RuntimeError.
 * A read that is cancelled loses no data.
 *
 * Flow control (asyncio's rule): once more than `2 × limit` bytes are buffered the reader calls the
 * transport's `pauseReading()`, and `resumeReading()` once reads bring the buffer down to `limit`
 * or less, or when a read has to wait for more data (so `readexactly(n)` with `n > 2 × limit`
 * cannot deadlock).
 * @example
 * ```ts
 * import { run, StreamReader } from 'pep3156';
 * async function main(): Promise<string[]> {
 *   const reader = new StreamReader(); // usually made for you by openConnection or startServer
 *   reader.feedData(new TextEncoder().encode('first\nsecond\n'));
 *   reader.feedEof();
 *   const lines: string[] = [];
 *   for await (const line of reader) lines.push(new TextDecoder().decode(line).trimEnd());
 *   return lines;
 * }
 * console.log(await run(main)); // [ 'first', 'second' ]
 * ```
 * @see {@link https://peps.python.org/pep-3156/#convenience-utilities | PEP 3156 § Convenience Utilities}
 */
export class StreamReader implements AsyncIterable<Uint8Array> {
  readonly #limit: number;
  readonly #loop: AbstractEventLoop;
  /**
   * The buffer is `#storage[#start, #end)`. Appends go at the end and reads take from the start;
   * the storage grows by doubling, as a bytearray does, so feeding is linear. A chunk fed into an
   * empty buffer is kept as it is (`#owned` false) and never written to.
   */
  #storage: Uint8Array = EMPTY;
  #start = 0;
  #end = 0;
  #owned = false;
  #eof = false;
  #exception: Error | null = null;
  #transport: Transport | null = null;
  #paused = false;
  /** The read waiting for data, if any. */
  #wakeup: ReadFuture | null = null;
  /** The last read that completed and has not taken its bytes yet. */
  #completed: ReadFuture | null = null;

  /** @throws {@link ValueError} if `limit` is not a positive number. */
  constructor(options: StreamReaderOptions = {}) {
    const limit = options.limit ?? DEFAULT_LIMIT;
    if (typeof limit !== 'number' || !(limit > 0))
      throw new ValueError(`StreamReader: limit must be a positive number, got ${String(limit)}`);
    this.#limit = limit;
    this.#loop = options.loop ?? getRunningLoop();
  }

  /** The buffer limit. */
  get limit(): number {
    return this.#limit;
  }

  /** The exception set with `setException`, or `null`. */
  exception(): Error | null {
    return this.#exception;
  }

  /** Makes every pending and later read fail with `exc`. */
  setException(exc: Error): void {
    this.#exception = exc;
    this.#wake();
  }

  /**
   * Attaches the transport whose reading this reader pauses and resumes for flow control.
   * @throws {@link RuntimeError} if a transport is already attached.
   */
  setTransport(transport: Transport): void {
    if (this.#transport !== null) throw new RuntimeError('setTransport: transport already set');
    this.#transport = transport;
  }

  /** Moves flow control to the transport that replaced the old one (after `startTls`). @internal */
  _replaceTransport(transport: Transport): void {
    this.#paused = false;
    this.#transport = transport;
  }

  /**
   * Adds received data to the buffer and wakes a waiting read; pauses the transport's reading
   * once more than twice the limit is buffered.
   * @throws TypeError if `data` is not a Uint8Array; {@link RuntimeError} after `feedEof()`
   *   (asyncio asserts).
   */
  feedData(data: Uint8Array): void {
    if (!(data instanceof Uint8Array)) throw new TypeError('feedData: data must be a Uint8Array');
    if (this.#eof) throw new RuntimeError('feedData after feedEof');
    if (data.length === 0) return;
    this.#append(data);
    this.#wake();
    const t = this.#transport;
    if (t !== null && !this.#paused && this.#end - this.#start > 2 * this.#limit) {
      try {
        t.pauseReading();
        this.#paused = true;
      } catch {
        this.#transport = null; // a transport that cannot pause: give up flow control, as asyncio does
      }
    }
  }

  /** Marks the end of the stream and wakes a waiting read. */
  feedEof(): void {
    this.#eof = true;
    this.#wake();
  }

  /** Whether `feedEof()` was called and the buffer is empty. */
  atEof(): boolean {
    return this.#eof && this.#end === this.#start;
  }

  /**
   * Reads up to `n` bytes, as soon as at least one is buffered; with `n` < 0 (the default),
   * everything until EOF. Resolves to an empty array at EOF, and at once for `n = 0`.
   * @remarks The result is not bounded by the limit. A size that is not a number, or that is NaN,
   * a positive fraction or Infinity, fails at once and consumes nothing (asyncio raises TypeError
   * too, for a fraction only once data is buffered).
   * @throws (from the Future) the exception set with `setException`; TypeError for a bad `n`.
   */
  read(n = -1): FutureSpec<Uint8Array> {
    if (this.#exception !== null) return this.#failed(this.#exception);
    if (typeof n !== 'number' || (n >= 0 && !Number.isInteger(n)) || Number.isNaN(n))
      return this.#failed(new TypeError(`read: n must be an integer, got ${describe(n)}`));
    if (n === 0) return this.#done(EMPTY);
    if (n < 0) {
      // Take what is buffered whenever the read makes progress (asyncio's read() collects
      // read(limit) blocks when its task runs), so the transport does not stay paused; a cancelled
      // read(-1) puts what it collected back.
      const blocks: Uint8Array[] = [];
      const collect = () => {
        if (this.#end > this.#start) blocks.push(this.#consume(this.#end - this.#start));
      };
      return this.#read('read', CUSTOM, -1, {
        ready: () => this.#eof,
        take: () => {
          collect();
          return join(blocks);
        },
        onCancel: () => this.#unread(join(blocks)),
        progress: collect,
      });
    }
    return this.#read('read', SOME, n);
  }

  /**
   * Reads one line, up to and including `\n`; at EOF, what is left (possibly empty).
   * @throws (from the Future) {@link ValueError} if the line, without its `\n`, is longer than the
   *   limit; the line is then dropped from the buffer up to its `\n`, or the whole buffer if no
   *   `\n` arrived yet.
   */
  readline(): FutureSpec<Uint8Array> {
    if (this.#exception !== null) return this.#failed(this.#exception);
    const scan: Scan = { offset: 0, start: 0, end: 0 };
    return this.#read('readline', CUSTOM, -1, {
      ready: () => this.#readuntilReady(NEWLINES, scan),
      take: () => {
        try {
          return this.#readuntilTake(NEWLINES, scan);
        } catch (error) {
          if (error instanceof IncompleteReadError) return error.partial;
          if (error instanceof LimitOverrunError) {
            const size = this.#end - this.#start;
            const found = error.consumed < size && this.#storage[this.#start + error.consumed] === NEWLINE[0];
            this.#consume(found ? error.consumed + 1 : size);
            throw new ValueError(error.message);
          }
          throw error;
        }
      },
    });
  }

  /**
   * Reads up to and including `separator` (default `\n`; a string is UTF-8 encoded). An array of
   * separators (asyncio 3.13's tuple) reads up to the first place where any of them ends: the
   * shortest result.
   * @throws (from the Future, at once for a bad separator) TypeError when `separator` is not a
   *   Uint8Array, a string or an array of them; {@link ValueError} for an empty separator or an
   *   empty array; {@link IncompleteReadError} (with everything buffered as `partial`, and
   *   `expected` null) at EOF before the separator; {@link LimitOverrunError} when more than
   *   `limit` bytes would come before the separator; the data then stays in the buffer and
   *   `consumed` says how many bytes were searched.
   */
  readuntil(
    separator: Uint8Array | string | readonly (Uint8Array | string)[] = '\n',
  ): FutureSpec<Uint8Array> {
    let seps: Uint8Array[];
    try {
      seps = separators(separator);
    } catch (error) {
      return this.#failed(error as Error);
    }
    if (this.#exception !== null) return this.#failed(this.#exception);
    const scan: Scan = { offset: 0, start: 0, end: 0 };
    return this.#read('readuntil', CUSTOM, -1, {
      ready: () => this.#readuntilReady(seps, scan),
      take: () => this.#readuntilTake(seps, scan),
    });
  }

  /**
   * Reads exactly `n` bytes (not bounded by the limit); `readexactly(0)` resolves to an empty array.
   * @throws (from the Future) {@link ValueError} if `n` is negative; TypeError if it is not a
   *   number or not an integer (NaN, a fraction, Infinity), as asyncio;
   *   {@link IncompleteReadError} (with `partial` and `expected`) if the stream ends first.
   */
  readexactly(n: number): FutureSpec<Uint8Array> {
    if (typeof n === 'number' && n < 0)
      return this.#failed(new ValueError(`readexactly: n must not be negative, got ${n}`));
    if (typeof n !== 'number' || !Number.isInteger(n))
      return this.#failed(new TypeError(`readexactly: n must be an integer, got ${describe(n)}`));
    if (this.#exception !== null) return this.#failed(this.#exception);
    if (n === 0) return this.#done(EMPTY);
    return this.#read('readexactly', EXACTLY, n);
  }

  /** `for await (const line of reader)`: the lines until EOF. */
  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      const line = await this.readline();
      if (line.length === 0) return;
      yield line;
    }
  }

  /**
   * Whether `readuntil` can finish (found, over the limit, or EOF). `scan.offset` remembers how far
   * the buffer holds no separator, so each chunk is searched once (asyncio's algorithm and limit
   * rule: at most `limit` bytes before the separator). `seps` is sorted by length.
   */
  #readuntilReady(seps: readonly Uint8Array[], scan: Scan): boolean {
    const buffer = this.#storage.subarray(this.#start, this.#end);
    if (buffer.length - scan.offset >= (seps[0] as Uint8Array).length) {
      if (findSeparator(buffer, seps, scan)) return true;
      scan.offset = Math.max(0, buffer.length + 1 - (seps[seps.length - 1] as Uint8Array).length);
      if (scan.offset > this.#limit) return true;
    }
    return this.#eof;
  }

  /** Finishes a `readuntil` that `#readuntilReady` found ready. */
  #readuntilTake(seps: readonly Uint8Array[], scan: Scan): Uint8Array {
    const buffer = this.#storage.subarray(this.#start, this.#end);
    if (buffer.length - scan.offset >= (seps[0] as Uint8Array).length && findSeparator(buffer, seps, scan)) {
      if (scan.start > this.#limit)
        throw new LimitOverrunError('Separator is found, but chunk is longer than limit', scan.start);
      return this.#consume(scan.end);
    }
    if (scan.offset > this.#limit)
      throw new LimitOverrunError('Separator is not found, and chunk exceed the limit', scan.offset);
    throw new IncompleteReadError(this.#consume(buffer.length), null);
  }

  /** Takes `n` bytes from the start of the buffer; resumes the transport at `limit` or less. */
  #consume(n: number): Uint8Array {
    let out: Uint8Array;
    if (n === this.#end - this.#start) {
      // All of it: hand the storage over instead of copying, and start afresh (a chunk fed whole
      // goes out as it came, without even a view).
      const storage = this.#storage;
      out =
        this.#start === 0 && this.#end === storage.length
          ? storage
          : storage.subarray(this.#start, this.#end);
      this.#storage = EMPTY;
      this.#start = 0;
      this.#end = 0;
      this.#owned = false;
    } else {
      // Part of it: a copy when the storage will be written to again, else a view.
      const view = this.#storage.subarray(this.#start, this.#start + n);
      out = this.#owned ? view.slice() : view;
      this.#start += n;
    }
    if (this.#paused && this.#end - this.#start <= this.#limit) {
      this.#paused = false;
      this.#transport?.resumeReading();
    }
    return out;
  }

  #append(data: Uint8Array): void {
    const size = this.#end - this.#start;
    if (size === 0) {
      this.#storage = data;
      this.#start = 0;
      this.#end = data.length;
      this.#owned = false;
      return;
    }
    if (!this.#owned || this.#end + data.length > this.#storage.length) {
      // Compact when that leaves half the storage free, else grow to twice what is needed: each
      // byte is moved a bounded number of times on average.
      const needed = size + data.length;
      if (this.#owned && 2 * needed <= this.#storage.length) {
        this.#storage.copyWithin(0, this.#start, this.#end);
      } else {
        const grown = new Uint8Array(Math.max(2 * needed, 1024));
        grown.set(this.#storage.subarray(this.#start, this.#end), 0);
        this.#storage = grown;
        this.#owned = true;
      }
      this.#start = 0;
      this.#end = size;
    }
    this.#storage.set(data, this.#end);
    this.#end += data.length;
  }

  /** Puts `bytes` back at the start of the buffer (a cancelled read's). */
  #unread(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const size = this.#end - this.#start;
    if (this.#owned && this.#start >= bytes.length) {
      this.#start -= bytes.length;
      this.#storage.set(bytes, this.#start);
      return;
    }
    const grown = new Uint8Array(Math.max(size + bytes.length, 1024));
    grown.set(bytes, 0);
    grown.set(this.#storage.subarray(this.#start, this.#end), bytes.length);
    this.#storage = grown;
    this.#start = 0;
    this.#end = size + bytes.length;
    this.#owned = true;
  }

  #wake(): void {
    const read = this.#wakeup;
    if (read !== null) {
      this.#wakeup = null;
      this.#step(read, true);
    }
  }

  #done<T>(value: T): FutureSpec<T> {
    const f = new Future<T>(this.#loop);
    f.setResult(value);
    return f;
  }

  #failed<T>(error: Error): FutureSpec<T> {
    const f = new Future<T>(this.#loop);
    f.setException(error);
    return f;
  }

  /**
   * Starts a read of `kind` (`n` bytes for SOME and EXACTLY; else `custom.ready()` says when it
   * can complete and `custom.take()` takes its bytes) and completes it once it can, checking now
   * and after each wake-up; the bytes are taken when the result is first looked at (see `ReadFuture`).
   */
  #read(name: string, kind: ReadKind, n: number, custom: CustomRead | null = null): FutureSpec<Uint8Array> {
    if (this.#wakeup !== null) {
      return this.#failed(
        new RuntimeError(`${name}() called while another coroutine is already waiting for incoming data`),
      );
    }
    // A read that completed but was not looked at yet takes its bytes first: reads keep their order.
    const previous = this.#completed;
    if (previous !== null) {
      this.#completed = null;
      previous._settle();
    }
    const read = new ReadFuture(this.#loop, this.#hooks, kind, n, custom);
    this.#step(read, false);
    return read;
  }

  /**
   * Completes `read` if it can complete now, else leaves it waiting (in `#wakeup`).
   * Waiting for data while paused would deadlock (readexactly(n) with n > 2 × limit), so a read
   * that has to wait resumes a paused transport: at once when it starts waiting, and, when data
   * woke it but is still not enough, in the next iteration. That is when asyncio's reading task
   * resumes and finds too little, and feedData pauses the transport only after waking the read.
   * `progress` (read() to EOF: collect what is buffered) runs at the same two moments.
   */
  #step(read: ReadFuture, woken: boolean): void {
    if (read.done()) return;
    if (this.#exception !== null) {
      read._setExceptionUnchecked(this.#exception);
      return;
    }
    if (this.#isReady(read)) {
      this.#completed = read;
      read._complete();
      return;
    }
    if (!woken) {
      this.#keepWaiting(read);
    } else if (!read._recheck) {
      read._recheck = true;
      this.#loop.callSoon(this.#resumeIfStillWaiting, read);
    }
    this.#wakeup = read;
  }

  #isReady(read: ReadFuture): boolean {
    const size = this.#end - this.#start;
    if (read._kind === SOME) return size > 0 || this.#eof;
    if (read._kind === EXACTLY) return size >= read._n || this.#eof;
    return (read._custom as CustomRead).ready();
  }

  #take(read: ReadFuture): Uint8Array {
    const size = this.#end - this.#start;
    if (read._kind === SOME) return size > 0 ? this.#consume(Math.min(read._n, size)) : EMPTY;
    if (read._kind === EXACTLY) {
      if (size >= read._n) return this.#consume(read._n);
      throw new IncompleteReadError(this.#consume(size), read._n);
    }
    return (read._custom as CustomRead).take();
  }

  #keepWaiting(read: ReadFuture): void {
    read._custom?.progress?.();
    if (this.#paused) {
      this.#paused = false;
      this.#transport?.resumeReading();
    }
  }

  readonly #resumeIfStillWaiting = (read: ReadFuture): void => {
    read._recheck = false;
    if (this.#wakeup === read) this.#keepWaiting(read);
  };

  readonly #hooks: ReaderHooks = {
    take: (read) => this.#take(read),
    unread: (bytes) => this.#unread(bytes),
    cancelled: (read) => {
      if (this.#wakeup === read) this.#wakeup = null;
      read._custom?.onCancel?.();
    },
  };
}

function join(blocks: Uint8Array[]): Uint8Array {
  if (blocks.length === 1) return blocks[0] as Uint8Array;
  let total = 0;
  for (const b of blocks) total += b.length;
  const out = new Uint8Array(total);
  let o = 0;
  for (const b of blocks) {
    out.set(b, o);
    o += b.length;
  }
  return out;
}

const NEWLINE = new Uint8Array([10]);
const NEWLINES: readonly Uint8Array[] = [NEWLINE];
