/**
 * The loop's timers: a timing wheel of one bucket per millisecond for the next {@link WHEEL_SLOTS}
 * milliseconds, and a heap for the timers beyond it.
 *
 * Why: a binary heap of handles pays about 2 log2(n) comparisons, each a cache miss on a handle,
 * for every timer it pops (35 for 200k timers). Node keeps one list per duration for the same
 * reason. Here a timer due within the wheel's span is appended to the bucket of its millisecond in
 * O(1); a bucket is sorted once, when its first timer comes due, by a distribution sort over
 * contiguous handles. A timer scheduled further off goes to the heap and stays there until it is
 * due, so a loop whose timers are all far off pays what a heap alone costs.
 *
 * Invariants:
 * - A slot is a deadline's millisecond, `Math.floor(when * 1000)`; since rounding is monotonic,
 *   every deadline of an earlier slot is below every deadline of a later one.
 * - The wheel covers the slots `[cursor, cursor + WHEEL_SLOTS)`, slot `s` in bucket
 *   `s & WHEEL_MASK`; a timer of a slot before `cursor` (a deadline already past) goes to the
 *   bucket of `cursor`. `cursor` follows the clock: it moves up to now's slot past empty buckets
 *   only, and an empty wheel moves to now's slot (back too, if the clock went back).
 * - A bucket holds its handles from `head` on: in registration order as appended, and in
 *   (deadline, registration) order once sorted (the sort is stable and registration order is
 *   append order), which is the order timers due together run in. The heap holds the same order;
 *   due timers are taken from both, merged.
 * - A bucket's `min` is at most the earliest deadline among its handles, so the loop never sleeps
 *   past a timer; `first` is at most the slot of the first non-empty bucket.
 * - Cancelled handles stay where they are until they come due or {@link TimerQueue.compact} runs.
 * @module
 */
import type { TimerHandle } from './handle.js';
import { TimerHeap } from './timer-heap.js';

/** Slots per second: a slot is one millisecond. */
const SLOTS_PER_SECOND = 1000;
/** How many slots (milliseconds) the wheel spans; a power of two. */
export const WHEEL_SLOTS = 1024;
const WHEEL_MASK = WHEEL_SLOTS - 1;
/** A clock beyond ±2^52 ms (142,000 years) never moves the wheel: `slot + 1` must be exact. */
const MAX_SLOT = 2 ** 52;

/** The timers of one slot. */
interface Bucket {
  /** Replaced rather than truncated (setting an array's length is a slow runtime call). */
  items: TimerHandle[];
  /** Items before `head` have been taken out. */
  head: number;
  /** Whether the items from `head` on are in (deadline, registration) order. */
  sorted: boolean;
  /** At most the earliest deadline of the items from `head` on. */
  min: number;
}

const byDeadline = (a: TimerHandle, b: TimerHandle): number => a._when - b._when;

function slotOf(when: number): number {
  return Math.floor(when * SLOTS_PER_SECOND);
}

/** The timers of one loop, in deadline order, ties in registration order. @internal */
export class TimerQueue {
  readonly #wheel: Bucket[] = Array.from({ length: WHEEL_SLOTS }, () => ({
    items: [],
    head: 0,
    sorted: true,
    min: Number.POSITIVE_INFINITY,
  }));
  /** The first slot the wheel covers. */
  #cursor = 0;
  /** At most the slot of the first non-empty bucket, and at least `cursor` (when the wheel holds any timer). */
  #first = 0;
  /** How many handles the wheel holds. */
  #inWheel = 0;
  /** The timers that were beyond the wheel's span when they were scheduled. */
  readonly #far = new TimerHeap();

  /** How many handles the queue holds, cancelled ones included. */
  get size(): number {
    return this.#inWheel + this.#far.size;
  }

  /**
   * Adds a handle scheduled at loop time `now`; handles must be added in registration order. An
   * empty wheel first moves to `now`, so it spans the next {@link WHEEL_SLOTS} milliseconds.
   */
  push(handle: TimerHandle, now: number): void {
    if (this.#inWheel === 0) {
      const nowSlot = slotOf(now);
      if (nowSlot > -MAX_SLOT && nowSlot < MAX_SLOT) this.#cursor = nowSlot;
    }
    const slot = slotOf(handle._when);
    const cursor = this.#cursor;
    if (slot < cursor + WHEEL_SLOTS) this.#append(Math.max(slot, cursor), handle);
    else this.#far.push(handle);
  }

  /**
   * The earliest deadline held (perhaps a cancelled handle's), or +Infinity when the queue is
   * empty. Never later than the earliest handle's deadline.
   */
  nextWhen(): number {
    const next = this.#far.peek();
    const far = next === undefined ? Number.POSITIVE_INFINITY : next._when;
    if (this.#inWheel === 0) return far;
    return Math.min(far, this.#wheel[this.#firstSlot() & WHEEL_MASK].min);
  }

  /**
   * Moves every handle due at `now` (deadline at or before it) out of the queue: the live ones to
   * `out` in (deadline, registration) order (clearing their `_scheduled`), the cancelled ones
   * dropped. Returns how many cancelled ones were dropped.
   */
  takeDue(now: number, out: { push(handle: TimerHandle): unknown }): number {
    const far = this.#far;
    let top = far.peek();
    let farDue = top !== undefined && top._when <= now;
    let dropped = 0;
    const nowSlot = slotOf(now);
    while (this.#inWheel > 0) {
      // The wheel moves up to now's slot, never past a timer.
      const first = this.#firstSlot();
      this.#cursor = Math.max(this.#cursor, Math.min(first, nowSlot));
      const bucket = this.#wheel[first & WHEEL_MASK];
      if (bucket.min > now) break;
      if (!bucket.sorted) sortBucket(bucket);
      const items = bucket.items;
      const end = items.length;
      let i = bucket.head;
      for (; i < end; i++) {
        const handle = items[i];
        if (handle._when > now) break;
        // The heap's due timers that come first go first.
        while (farDue && before(top as TimerHandle, handle)) {
          dropped += take(far.pop() as TimerHandle, out);
          top = far.peek();
          farDue = top !== undefined && top._when <= now;
        }
        dropped += take(handle, out);
      }
      this.#inWheel -= i - bucket.head;
      if (i < end) {
        // The rest of this bucket is not due, nor is any later bucket.
        bucket.head = i;
        bucket.min = items[i]._when;
        break;
      }
      emptyBucket(bucket);
    }
    for (; farDue; farDue = top !== undefined && top._when <= now) {
      dropped += take(far.pop() as TimerHandle, out);
      top = far.peek();
    }
    if (this.#inWheel === 0 && nowSlot > -MAX_SLOT && nowSlot < MAX_SLOT) this.#cursor = nowSlot;
    return dropped;
  }

  /** Removes the cancelled handles; returns how many. */
  compact(): number {
    let removed = 0;
    for (const bucket of this.#inWheel > 0 ? this.#wheel : []) {
      const items = bucket.items;
      if (items.length === bucket.head) continue;
      const kept: TimerHandle[] = [];
      let min = Number.POSITIVE_INFINITY;
      for (let i = bucket.head; i < items.length; i++) {
        const handle = items[i];
        if (handle._callback !== null) {
          kept.push(handle);
          if (handle._when < min) min = handle._when;
        }
      }
      removed += items.length - bucket.head - kept.length;
      bucket.items = kept;
      bucket.head = 0;
      bucket.min = min;
    }
    this.#inWheel -= removed;
    const farBefore = this.#far.size;
    if (farBefore > 0) this.#far.filter((handle) => handle._callback !== null);
    return removed + farBefore - this.#far.size;
  }

  /** Removes every handle and returns them. */
  clear(): TimerHandle[] {
    const all = this.#far.clear();
    for (const bucket of this.#wheel) {
      for (let i = bucket.head; i < bucket.items.length; i++) all.push(bucket.items[i]);
      emptyBucket(bucket);
    }
    this.#inWheel = 0;
    return all;
  }

  #append(slot: number, handle: TimerHandle): void {
    const bucket = this.#wheel[slot & WHEEL_MASK];
    const items = bucket.items;
    const when = handle._when;
    if (items.length === bucket.head) bucket.min = when;
    else {
      if (bucket.sorted && when < items[items.length - 1]._when) bucket.sorted = false;
      if (when < bucket.min) bucket.min = when;
    }
    items.push(handle);
    if (this.#inWheel === 0 || slot < this.#first) this.#first = slot;
    this.#inWheel += 1;
  }

  /** The slot of the first non-empty bucket; the wheel must hold a timer. */
  #firstSlot(): number {
    const wheel = this.#wheel;
    let slot = this.#first;
    for (let bucket = wheel[slot & WHEEL_MASK]; bucket.items.length === bucket.head; ) {
      slot += 1;
      bucket = wheel[slot & WHEEL_MASK];
    }
    this.#first = slot;
    return slot;
  }
}

/** Whether `a` runs before `b`: an earlier deadline, or the same one and registered earlier. */
function before(a: TimerHandle, b: TimerHandle): boolean {
  return a._when < b._when || (a._when === b._when && a._seq < b._seq);
}

/** Hands a due handle out if it is live; returns 1 if it was cancelled (dropped), else 0. */
function take(handle: TimerHandle, out: { push(handle: TimerHandle): unknown }): number {
  if (handle._callback === null) return 1;
  handle._scheduled = false;
  out.push(handle);
  return 0;
}

function emptyBucket(bucket: Bucket): void {
  bucket.items = [];
  bucket.head = 0;
  bucket.sorted = true;
  bucket.min = Number.POSITIVE_INFINITY;
}

/** Sorts a bucket's handles from `head` on by deadline; ties keep registration order. */
function sortBucket(bucket: Bucket): void {
  const items = bucket.items;
  if (bucket.head > 0) {
    bucket.items = items.slice(bucket.head);
    bucket.head = 0;
  }
  sortByDeadline(bucket.items);
  bucket.sorted = true;
}

/** Runs this short or shorter are sorted by insertion. */
const SHORT_RUN = 16;
/** Scratch space of {@link sortByDeadline}, kept between calls up to this many handles. */
const KEPT_SCRATCH = 1 << 16;
let keptRanks = new Int32Array(1024);
let keptCounts = new Int32Array(1025);
const scratch: TimerHandle[] = [];

/**
 * Sorts handles by deadline, stably (ties keep their order). A bucket's deadlines are spread over a
 * millisecond, so rather than compare n log n times this distributes the n handles into n equal
 * sub-ranges of [earliest, latest] (in order, so stably), then sorts each sub-range, about one
 * handle each, by insertion. Mapping a deadline to its sub-range is monotonic, so sub-ranges come
 * out in order; one holding many handles (deadlines clustered) falls back to Array.prototype.sort.
 */
export function sortByDeadline(items: TimerHandle[]): void {
  const n = items.length;
  if (n <= SHORT_RUN) {
    insertionSort(items, 0, n);
    return;
  }
  let lo = items[0]._when;
  let hi = lo;
  for (let i = 1; i < n; i++) {
    const when = items[i]._when;
    if (when < lo) lo = when;
    else if (when > hi) hi = when;
  }
  if (lo === hi) return; // all equal: registration order is the order
  const scale = (n - 1) / (hi - lo);
  if (!Number.isFinite(scale) || scale === 0) {
    items.sort(byDeadline); // a deadline at -Infinity, or a span the scale cannot express
    return;
  }
  if (keptRanks.length < n && n <= KEPT_SCRATCH) {
    keptRanks = new Int32Array(Math.min(KEPT_SCRATCH, n * 2));
    keptCounts = new Int32Array(keptRanks.length + 1);
  }
  const ranks = n <= keptRanks.length ? keptRanks : new Int32Array(n);
  const counts = n <= keptRanks.length ? keptCounts.fill(0, 0, n + 1) : new Int32Array(n + 1);
  // counts[k + 1] = how many handles fall in sub-range k, then (prefix sums) where sub-range k starts.
  for (let i = 0; i < n; i++) {
    const rank = Math.min(n - 1, Math.floor((items[i]._when - lo) * scale));
    ranks[i] = rank;
    counts[rank + 1] += 1;
  }
  for (let k = 1; k <= n; k++) counts[k] += counts[k - 1];
  for (let i = 0; i < n; i++) scratch.push(items[i]);
  for (let i = 0; i < n; i++) items[counts[ranks[i]]++] = scratch[i];
  scratch.length = 0;
  // Now sub-range k is items[counts[k - 1] .. counts[k]).
  let start = 0;
  for (let k = 0; k < n; k++) {
    const end = counts[k];
    if (end - start > SHORT_RUN) sortSlice(items, start, end);
    else if (end - start > 1) insertionSort(items, start, end);
    start = end;
  }
}

/** Stable insertion sort of `items[start .. end)` by deadline. */
function insertionSort(items: TimerHandle[], start: number, end: number): void {
  for (let i = start + 1; i < end; i++) {
    const handle = items[i];
    const when = handle._when;
    let j = i - 1;
    while (j >= start && items[j]._when > when) {
      items[j + 1] = items[j];
      j -= 1;
    }
    items[j + 1] = handle;
  }
}

/** Stable sort of `items[start .. end)` by deadline, with Array.prototype.sort. */
function sortSlice(items: TimerHandle[], start: number, end: number): void {
  const slice = items.slice(start, end).sort(byDeadline);
  for (let i = 0; i < slice.length; i++) items[start + i] = slice[i];
}
