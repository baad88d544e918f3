// What the reference's getaddrinfo does where CPython leaves it to the C library (reference
// statements): it checks the port itself, and it knows no socket types. Numeric lookups only.
import { expect, it } from 'vitest';
import { newEventLoop } from '../src/index.js';

it('[dns.getaddrinfo.port-checked] a port outside 0–65535, not an integer, or a service name is a TypeError', async () => {
  const loop = newEventLoop();
  const got = await loop.runUntilComplete(
    loop.createTask(
      (function* () {
        const out: string[] = [];
        for (const port of [70000, -1, 1.5, 'http']) {
          try {
            yield* loop.getaddrinfo('127.0.0.1', port);
            out.push('resolved');
          } catch (e) {
            out.push((e as Error).name);
          }
        }
        return out;
      })(),
    ),
  );
  loop.close();
  expect(got).toEqual(['TypeError', 'TypeError', 'TypeError', 'TypeError']);
});

it('[dns.getaddrinfo.untyped] without type one tuple per address, type and proto 0; a given type keeps proto 0', async () => {
  const loop = newEventLoop();
  const got = await loop.runUntilComplete(
    loop.createTask(
      (function* () {
        const untyped = yield* loop.getaddrinfo('127.0.0.1', 80);
        const typed = yield* loop.getaddrinfo('127.0.0.1', 80, { type: 1 });
        return [untyped.map((r) => r.slice(0, 3)), typed.map((r) => r.slice(0, 3))];
      })(),
    ),
  );
  loop.close();
  expect(got).toEqual([[[2, 0, 0]], [[2, 1, 0]]]);
});
