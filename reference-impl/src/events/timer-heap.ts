/**
 * A binary min-heap of timer handles, ordered by deadline and then by registration number, so
 * timers due at the same time run in registration order (the reference's own promise; the PEP
 * leaves that order undefined). The timer queue keeps the timers beyond its wheel's span here.
 * @module
 */
import type { TimerHandle } from './handle.js';

function before(a: TimerHandle, b: TimerHandle): boolean {
  return a._when < b._when || (a._when === b._when && a._seq < b._seq);
}

/** A min-heap of {@link TimerHandle}s. @internal */
export class TimerHeap {
  #items: TimerHandle[] = [];

  /** How many handles the heap holds, cancelled ones included. */
  get size(): number {
    return this.#items.length;
  }

  /** The earliest handle, or undefined. */
  peek(): TimerHandle | undefined {
    return this.#items[0];
  }

  /** Adds a handle. */
  push(handle: TimerHandle): void {
    const items = this.#items;
    let i = items.length;
    items.push(handle);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(handle, items[parent])) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = handle;
  }

  /** Removes and returns the earliest handle. */
  pop(): TimerHandle | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) this.#siftDown(last, 0);
    return top;
  }

  /** Keeps only the handles for which `keep` is true, then restores the heap order. */
  filter(keep: (handle: TimerHandle) => boolean): void {
    const items = this.#items.filter(keep);
    this.#items = items;
    for (let i = (items.length >> 1) - 1; i >= 0; i--) this.#siftDown(items[i], i);
  }

  /** Removes every handle and returns them. */
  clear(): TimerHandle[] {
    const items = this.#items;
    this.#items = [];
    return items;
  }

  #siftDown(handle: TimerHandle, start: number): void {
    const items = this.#items;
    const n = items.length;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(items[child + 1], items[child])) child += 1;
      if (!before(items[child], handle)) break;
      items[i] = items[child];
      i = child;
    }
    items[i] = handle;
  }
}
