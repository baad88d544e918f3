// The reference checks getaddrinfo's port itself (a reference statement: CPython hands the port to
// the C library, which wraps 70000 and looks service names up). Numeric lookups only: no network.
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
