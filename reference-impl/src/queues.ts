/**
 * Queues (PEP 3156 § Queues): Queue (FIFO), PriorityQueue (lowest first), LifoQueue (newest first),
 * with `taskDone`/`join` and `shutdown` (asyncio 3.13).
 *
 * Invariants: getters and putters are served first come, first served; a cancelled getter or
 * putter never swallows an item or a free slot (the wake-up passes to the next one). Each blocking
 * call is an {@link Operation} following asyncio's coroutine: a woken getter takes its item (a
 * woken putter its slot, a joiner its wake-up) when its task resumes, one iteration after the
 * wake-up, as in asyncio.
 * @module
 */
import { getRunningLoop } from './events/running-loop.js';
import { QueueEmpty, QueueFull, QueueShutDown, ValueError } from './exceptions.js';
import { Future } from './futures.js';
import { Event } from './locks.js';
import { Operation, type OperationBody, resolved } from './operation.js';
import type { AbstractEventLoop } from './spec/events.js';
import type { Future as FutureSpec } from './spec/futures.js';

/** Options of a queue. */
export interface QueueOptions {
  /** The loop to bind to; default: the running loop at first use. */
  loop?: AbstractEventLoop;
}

/**
 * A first-in, first-out queue. `maxsize` ≤ 0 (the default) means unbounded.
 * @typeParam T - The items.
 * @example
 * ```ts
 * import { type Coroutine, Queue, run } from 'pep3156';
 * function* main(): Coroutine<number> {
 *   const q = new Queue<number>(1);
 *   yield* q.put(1);
 *   return yield* q.get();
 * }
 * console.log(await run(main())); // 1
 * ```
 * @see {@link https://peps.python.org/pep-3156/#queues | PEP 3156 § Queues}
 */
export class Queue<T> {
  readonly #maxsize: number;
  #loop: AbstractEventLoop | null;
  readonly #getters: Future<void>[] = [];
  readonly #putters: Future<void>[] = [];
  #unfinished = 0;
  readonly #finished: Event;
  #shutdown = false;

  /**
   * @param maxsize - The capacity; ≤ 0 means unbounded.
   * @throws TypeError if `maxsize` is not an integer.
   */
  constructor(maxsize = 0, options: QueueOptions = {}) {
    if (typeof maxsize !== 'number' || !Number.isInteger(maxsize)) {
      throw new TypeError(`Queue: maxsize must be an integer, got ${String(maxsize)}`);
    }
    this.#maxsize = maxsize;
    this.#loop = options.loop ?? null;
    this.#finished = new Event(options);
    this.#finished.set();
  }

  /** The capacity (≤ 0: unbounded). */
  get maxsize(): number {
    return this.#maxsize;
  }

  /** How many items are in the queue. */
  qsize(): number {
    return this._size();
  }

  /** Whether the queue has no items. */
  empty(): boolean {
    return this._size() === 0;
  }

  /** Whether the queue is at its capacity. */
  full(): boolean {
    return this.#maxsize > 0 && this._size() >= this.#maxsize;
  }

  /**
   * Puts `item`, waiting while the queue is full.
   * @remarks A putter woken by a `get` takes the free slot when it resumes (one iteration later);
   * if it was cancelled meanwhile it puts nothing and wakes the next putter.
   * @throws {@link QueueShutDown} after `shutdown()`.
   */
  put(item: T): FutureSpec<void> {
    const loop = this.#getLoop();
    if (!this.#shutdown && !this.full()) {
      this.putNowait(item);
      return resolved(loop, undefined);
    }
    // Shut down or full: the body fails or waits (a failure is the future's, never thrown here).
    return new Operation(loop, this.#put(loop, item));
  }

  *#put(loop: AbstractEventLoop, item: T): OperationBody<void> {
    while (this.full()) {
      if (this.#shutdown) throw new QueueShutDown('put: the queue is shut down');
      const putter = new Future<void>(loop);
      this.#putters.push(putter);
      try {
        yield* putter;
      } catch (error) {
        putter.cancel();
        remove(this.#putters, putter);
        // Woken by a get but cannot take the slot: wake the next putter.
        if (!this.full() && !putter.cancelled()) this.#wakeUpNext(this.#putters);
        throw error;
      }
    }
    this.putNowait(item);
  }

  /** Puts `item` without waiting. @throws {@link QueueFull} if full; {@link QueueShutDown} after shutdown. */
  putNowait(item: T): void {
    if (this.#shutdown) throw new QueueShutDown('putNowait: the queue is shut down');
    if (this.full()) throw new QueueFull('putNowait: the queue is full');
    this._put(item);
    this.#unfinished += 1;
    this.#finished.clear();
    this.#wakeUpNext(this.#getters);
  }

  /**
   * Removes and returns an item, waiting while the queue is empty.
   * @remarks A getter woken by a `put` takes the item when it resumes (one iteration later); if it
   * was cancelled meanwhile it takes nothing and wakes the next getter.
   * @throws {@link QueueShutDown} once the queue is shut down and empty.
   */
  get(): FutureSpec<T> {
    const loop = this.#getLoop();
    if (!this.empty()) return resolved(loop, this.getNowait());
    return new Operation(loop, this.#get(loop));
  }

  *#get(loop: AbstractEventLoop): OperationBody<T> {
    while (this.empty()) {
      if (this.#shutdown) throw new QueueShutDown('get: the queue is shut down and empty');
      const getter = new Future<void>(loop);
      this.#getters.push(getter);
      try {
        yield* getter;
      } catch (error) {
        getter.cancel();
        remove(this.#getters, getter);
        // Woken by a put but cannot take the item: wake the next getter.
        if (!this.empty() && !getter.cancelled()) this.#wakeUpNext(this.#getters);
        throw error;
      }
    }
    return this.getNowait();
  }

  /** Removes and returns an item without waiting. @throws {@link QueueEmpty} if empty. */
  getNowait(): T {
    if (this.empty()) {
      if (this.#shutdown) throw new QueueShutDown('getNowait: the queue is shut down and empty');
      throw new QueueEmpty('getNowait: the queue is empty');
    }
    const item = this._get();
    this.#wakeUpNext(this.#putters);
    return item;
  }

  /**
   * Marks one item taken with `get` as processed.
   * @throws {@link ValueError} if called more times than there were items.
   */
  taskDone(): void {
    if (this.#unfinished <= 0) throw new ValueError('taskDone() called too many times');
    this.#unfinished -= 1;
    if (this.#unfinished === 0) this.#finished.set();
  }

  /**
   * Completes once every item put has been marked done with `taskDone`; a waiting joiner resumes
   * one iteration after the last `taskDone()`.
   */
  join(): FutureSpec<void> {
    const loop = this.#getLoop();
    if (this.#unfinished === 0) return resolved(loop, undefined);
    const finished = this.#finished;
    return new Operation(
      loop,
      (function* () {
        yield* finished.wait();
      })(),
    );
  }

  /**
   * Shuts the queue down (asyncio 3.13): `put` fails at once; `get` fails once the queue is empty;
   * blocked putters and getters are woken to fail. With `immediate`, the queue is emptied first
   * (each item counting as done, so `join` may complete).
   */
  shutdown(immediate = false): void {
    this.#shutdown = true;
    if (immediate) {
      while (!this.empty()) {
        this._get();
        if (this.#unfinished > 0) this.#unfinished -= 1;
      }
      if (this.#unfinished === 0) this.#finished.set();
    }
    for (const waiters of [this.#getters, this.#putters]) {
      while (waiters.length > 0) {
        const w = waiters.shift() as Future<void>;
        if (!w.done()) w.setResult(undefined);
      }
    }
  }

  /** Storage hooks, overridden by PriorityQueue and LifoQueue. @internal */
  protected _size(): number {
    return this.#items.length - this.#head;
  }
  /** @internal */
  protected _put(item: T): void {
    this.#items.push(item);
  }
  /** @internal */
  protected _get(): T {
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined as T;
    this.#head += 1;
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  #items: T[] = [];
  #head = 0;

  #getLoop(): AbstractEventLoop {
    if (this.#loop === null) this.#loop = getRunningLoop();
    return this.#loop;
  }

  /** Wakes the first waiter not woken yet, taking it off the list. */
  #wakeUpNext(waiters: Future<void>[]): void {
    while (waiters.length > 0) {
      const w = waiters.shift() as Future<void>;
      if (!w.done()) {
        w.setResult(undefined);
        return;
      }
    }
  }
}

/** Removes `item` from `list` if it is there. */
function remove<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}

/** Orders items for a PriorityQueue: negative if `a` comes first. */
export type Comparator<T> = (a: T, b: T) => number;

/**
 * Compares numbers, strings, and arrays of them lexicographically (like Python tuples).
 * @example
 * ```ts
 * import { defaultCompare } from 'pep3156';
 * const items: [number, string][] = [
 *   [2, 'b'],
 *   [1, 'z'],
 *   [2, 'a'],
 * ];
 * // As Python sorts tuples:
 * console.log(items.sort(defaultCompare)); // [ [ 1, 'z' ], [ 2, 'a' ], [ 2, 'b' ] ]
 * ```
 */
export function defaultCompare(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = defaultCompare(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  throw new TypeError(`PriorityQueue: cannot compare ${typeof a} with ${typeof b}; pass a comparator`);
}

/**
 * A queue that returns the lowest item first (by `compare`; numbers, strings and tuples by default).
 * @example
 * ```ts
 * import { type Coroutine, PriorityQueue, run } from 'pep3156';
 * function* main(): Coroutine<string[]> {
 *   const todo = new PriorityQueue<[priority: number, task: string]>();
 *   todo.putNowait([2, 'write the report']);
 *   todo.putNowait([1, 'fix the outage']);
 *   todo.putNowait([3, 'lunch']);
 *   const order: string[] = [];
 *   while (!todo.empty()) order.push((yield* todo.get())[1]);
 *   return order;
 * }
 * console.log(await run(main())); // [ 'fix the outage', 'write the report', 'lunch' ]
 * ```
 */
export class PriorityQueue<T> extends Queue<T> {
  #heap: T[] = [];
  #compare: Comparator<T> = defaultCompare;

  /**
   * @param maxsize - The capacity; ≤ 0 means unbounded.
   * @param options - `compare` orders the items; by default numbers, strings and arrays of them compare naturally.
   * @throws TypeError if `maxsize` is not an integer or `compare` not a function.
   */
  constructor(maxsize = 0, options: QueueOptions & { compare?: Comparator<T> } = {}) {
    super(maxsize, options);
    if (options.compare !== undefined) {
      if (typeof options.compare !== 'function')
        throw new TypeError('PriorityQueue: options.compare must be a function');
      this.#compare = options.compare;
    }
  }
  /** @internal */
  protected override _size(): number {
    return this.#heap.length;
  }
  /** @internal */
  protected override _put(item: T): void {
    const heap = this.#heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.#compare(heap[i], heap[parent]) >= 0) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }
  /** @internal */
  protected override _get(): T {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop() as T;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && this.#compare(heap[l], heap[m]) < 0) m = l;
        if (r < heap.length && this.#compare(heap[r], heap[m]) < 0) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * A queue that returns the newest item first.
 * @example
 * ```ts
 * import { type Coroutine, LifoQueue, run } from 'pep3156';
 * function* main(): Coroutine<number[]> {
 *   const stack = new LifoQueue<number>();
 *   for (const n of [1, 2, 3]) yield* stack.put(n);
 *   return [yield* stack.get(), yield* stack.get(), yield* stack.get()];
 * }
 * console.log(await run(main())); // [ 3, 2, 1 ]
 * ```
 */
export class LifoQueue<T> extends Queue<T> {
  #stack: T[] = [];
  /** @internal */
  protected override _size(): number {
    return this.#stack.length;
  }
  /** @internal */
  protected override _put(item: T): void {
    this.#stack.push(item);
  }
  /** @internal */
  protected override _get(): T {
    return this.#stack.pop() as T;
  }
}
