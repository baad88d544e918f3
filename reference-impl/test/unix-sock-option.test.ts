// createUnixConnection and createUnixServer take no `sock` option (their types omit it): a `sock`
// passed anyway from JavaScript is refused rather than silently ignored, and the error names the
// method that does take one. No socket file is created.
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
    expect(String(serving.exception())).toMatch(/createServer/);
  } finally {
    loop.close();
  }
});
