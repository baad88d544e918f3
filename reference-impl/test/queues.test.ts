// Queues beyond the suite: reference-level argument checks.
import { PriorityQueue, Queue } from 'pep3156';
import { describe, expect, it } from 'vitest';

describe('Queue', () => {
  it('[sync.queue.bad-maxsize] a maxsize that is not an integer, or a compare that is not a function, throws TypeError', () => {
    expect(() => new Queue('1' as unknown as number)).toThrow(TypeError);
    expect(() => new Queue(1.5)).toThrow(TypeError);
    expect(() => new PriorityQueue(0, { compare: 1 as unknown as () => number })).toThrow(TypeError);
    const q = new Queue<number>(-1);
    for (let i = 0; i < 100; i++) q.putNowait(i);
    expect([q.full(), q.qsize(), q.maxsize]).toEqual([false, 100, -1]);
  });
});
