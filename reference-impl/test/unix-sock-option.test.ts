// createUnixConnection and createUnixServer take no `sock` option (their types omit it): a `sock`
// passed anyway from JavaScript is refused rather than silently ignored, and the error says what to
// do instead. createServer refuses a listening Unix net.Server as sock with the reason (Node would
// open its descriptor twice and fail with EEXIST).
import { rmSync } from 'node:fs';
import { createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { NotImplementedError, newEventLoop, Protocol } from '../src/index.js';

it('[connect.unix.no-sock] createUnixConnection and createUnixServer refuse a sock option with NotImplementedError', () => {
  const loop = newEventLoop();
  try {
    const sock = {}; // never looked at: the option alone is refused
    const connecting = loop.createUnixConnection(() => new Protocol(), '/nonexistent/pep3156.sock', {
      sock,
    } as object);
    const serving = loop.createUnixServer(() => new Protocol(), '/nonexistent/pep3156.sock', {
      sock,
    } as object);
    expect(connecting.done() && serving.done()).toBe(true);
    expect(connecting.exception()).toBeInstanceOf(NotImplementedError);
    expect(String(connecting.exception())).toMatch(/createConnection/);
    expect(serving.exception()).toBeInstanceOf(NotImplementedError);
    expect(String(serving.exception())).toMatch(/give the path/);
  } finally {
    loop.close();
  }
});

it('[connect.unix.no-sock] createServer refuses a listening Unix net.Server as sock with NotImplementedError', async () => {
  const path = join(tmpdir(), `pep3156-no-sock-${process.pid}.sock`);
  rmSync(path, { force: true });
  const listening = netServer();
  await new Promise<void>((resolve) => listening.listen(path, resolve));
  const loop = newEventLoop();
  try {
    const serving = loop.createServer(() => new Protocol(), null, null, { sock: listening });
    const error = await loop.runUntilComplete(serving).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NotImplementedError);
    expect(String(error)).toMatch(/TCP/);
    expect(listening.listening).toBe(true); // left as it was
  } finally {
    loop.close();
    await new Promise<void>((resolve) => listening.close(() => resolve()));
  }
});
