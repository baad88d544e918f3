/**
 * Helpers for the network sections: recording protocols and loopback server/client pairs. They use
 * only the loop's public interface.
 * @module
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AbstractEventLoop, Coroutine, Protocol, Server, Transport } from 'pep3156/spec';

/** A protocol that records every call, in order, and keeps what it received. */
export class Recorder implements Protocol {
  events: string[] = [];
  received: Uint8Array[] = [];
  transport: Transport | null = null;
  lostWith: Error | null | undefined = undefined;
  keepOpenOnEof = false;
  readonly lost: Promise<void>;
  #resolveLost!: () => void;
  constructor() {
    this.lost = new Promise((r) => {
      this.#resolveLost = r;
    });
  }
  connectionMade(transport: Transport): void {
    this.events.push('connectionMade');
    this.transport = transport;
  }
  dataReceived(data: Uint8Array): void {
    this.events.push('dataReceived');
    this.received.push(new Uint8Array(data));
  }
  eofReceived(): boolean {
    this.events.push('eofReceived');
    return this.keepOpenOnEof;
  }
  connectionLost(exc: Error | null): void {
    this.events.push('connectionLost');
    this.lostWith = exc;
    this.#resolveLost();
  }
  pauseWriting(): void {
    this.events.push('pauseWriting');
  }
  resumeWriting(): void {
    this.events.push('resumeWriting');
  }
  /** Everything received, as text. */
  text(): string {
    return Buffer.concat(this.received).toString();
  }
  /** The call log with consecutive dataReceived calls collapsed (chunking is arbitrary). */
  shape(): string[] {
    return this.events.filter((e, i) => !(e === 'dataReceived' && this.events[i - 1] === 'dataReceived'));
  }
}

/** A {@link Recorder} that writes back everything it receives. */
export class EchoRecorder extends Recorder {
  override dataReceived(data: Uint8Array): void {
    super.dataReceived(data);
    this.transport?.write(data);
  }
}

/** Bytes of a string. */
export const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A loopback TCP server whose connections get `Recorder`s (or what `factory` makes). */
export function* listen(
  loop: AbstractEventLoop,
  factory: () => Protocol = () => new Recorder(),
): Coroutine<{ server: Server; port: number; accepted: Protocol[] }> {
  const accepted: Protocol[] = [];
  const server = yield* loop.createServer(
    () => {
      const p = factory();
      accepted.push(p);
      return p;
    },
    '127.0.0.1',
    0,
  );
  const [, port] = server.sockets[0].getsockname() as [string, number];
  return { server, port, accepted };
}

/**
 * Waits until `predicate()` holds, checking every millisecond or so, for at most `seconds` of loop
 * time. The default is generous (most conditions hold within milliseconds) so that a slow or busy
 * machine does not fail a test, yet below vitest's 5 s test timeout so that a condition that never
 * holds is reported as such.
 */
export function* until(loop: AbstractEventLoop, predicate: () => boolean, seconds = 4): Coroutine<void> {
  const deadline = loop.time() + seconds;
  while (!predicate()) {
    if (loop.time() > deadline) throw new Error('condition not reached in time');
    const f = loop.createFuture<void>();
    loop.callLater(0.001, () => f.setResult(undefined));
    yield* f;
  }
}

const unixPaths: string[] = [];

/**
 * A fresh Unix socket path under the OS temp dir (short enough for every platform's limit). Each
 * file that uses it calls {@link removeUnixPaths} in `afterEach`, so that a test that fails before
 * its server is closed leaves no socket file behind.
 */
export function unixPath(tag = 'pep3156'): string {
  const where = path.join(tmpdir(), `${tag}-${process.pid}-${Math.random().toString(36).slice(2, 10)}.sock`);
  unixPaths.push(where);
  return where;
}

/** Removes every socket file {@link unixPath} handed out so far (those already gone are skipped). */
export function removeUnixPaths(): void {
  for (const where of unixPaths.splice(0)) rmSync(where, { force: true });
}

/** Waits `seconds` of loop time (to let anything that should not happen have its chance). */
export function* settle(loop: AbstractEventLoop, seconds = 0.02): Coroutine<void> {
  const f = loop.createFuture<void>();
  loop.callLater(seconds, () => f.setResult(undefined));
  yield* f;
}
