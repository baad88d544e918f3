/**
 * The stream transport kinds the call-order checks run on (TCP, Unix sockets, TLS): for each, a
 * "pair maker" that starts a loopback server, connects a client to it and returns both ends once
 * both protocols have seen `connectionMade`. Only the loop's public interface is used.
 * @module
 */
import type {
  AbstractEventLoop,
  BufferedProtocol,
  Coroutine,
  Future,
  Protocol,
  Transport,
} from 'pep3156/spec';
import { Recorder, unixPath, until } from '../support/net.js';
import { makeCert, type TestCert } from '../support/tls.js';

/** Both ends of one connection, each with its transport and protocol. */
export interface Pair<C extends Protocol = Probe, S extends Protocol = Probe> {
  client: C;
  clientTransport: Transport;
  server: S;
  serverTransport: Transport;
  /** The listener the server end was accepted by (to connect more clients to it). */
  listener: Listener;
}

/** A loopback listener of one kind. */
export interface Listener {
  /** Every protocol the server made, in order. */
  accepted: Protocol[];
  /** Connects `client` and returns its transport once `connectionMade` has run. */
  connect(client: Protocol): Coroutine<Transport>;
  /** Closes the listening server (the connections are the test's to close). */
  stop(): void;
}

/** One stream transport kind. */
export interface StreamKind {
  /** As in the statement ids: `tcp`, `unix`, `tls`. */
  name: 'tcp' | 'unix' | 'tls';
  /** Whether `writeEof()` is supported (TLS cannot half-close). */
  canWriteEof: boolean;
  /** Starts a server whose connections get what `factory` makes. */
  listen(loop: AbstractEventLoop, factory: () => Protocol): Coroutine<Listener>;
}

/** The transport a protocol was handed in connectionMade (Recorder keeps it). */
function transportOf(p: Protocol): Transport | null {
  return (p as { transport?: Transport | null }).transport ?? null;
}

/**
 * Connects `client` to a fresh server of `kind` whose first connection gets `server`, and returns
 * once both ends have seen `connectionMade`.
 */
export function* pair<
  C extends Protocol & { transport: Transport | null },
  S extends Protocol & { transport: Transport | null },
>(kind: StreamKind, loop: AbstractEventLoop, client: C, server: S): Coroutine<Pair<C, S>> {
  let first = true;
  const listener = yield* kind.listen(loop, () => {
    if (!first) return new Probe();
    first = false;
    return server;
  });
  const clientTransport = yield* listener.connect(client);
  yield* until(loop, () => transportOf(server) !== null);
  return { client, clientTransport, server, serverTransport: transportOf(server) as Transport, listener };
}

/** A listener over a server, given how to connect to it. */
function listenerOf(
  accepted: Protocol[],
  stop: () => void,
  connect: (client: Protocol) => Future<[Transport, Protocol]>,
): Listener {
  return {
    accepted,
    stop,
    *connect(client) {
      const [t] = yield* connect(client);
      return t;
    },
  };
}

function counting(factory: () => Protocol, accepted: Protocol[]): () => Protocol {
  return () => {
    const p = factory();
    accepted.push(p);
    return p;
  };
}

export const tcp: StreamKind = {
  name: 'tcp',
  canWriteEof: true,
  *listen(loop, factory) {
    const accepted: Protocol[] = [];
    const srv = yield* loop.createServer(counting(factory, accepted), '127.0.0.1', 0);
    const [, port] = srv.sockets[0].getsockname() as [string, number];
    return listenerOf(
      accepted,
      () => srv.close(),
      (client) => loop.createConnection(() => client, '127.0.0.1', port),
    );
  },
};

export const unix: StreamKind = {
  name: 'unix',
  canWriteEof: true,
  *listen(loop, factory) {
    const accepted: Protocol[] = [];
    const where = unixPath();
    const srv = yield* loop.createUnixServer(counting(factory, accepted), where);
    return listenerOf(
      accepted,
      () => srv.close(),
      (client) => loop.createUnixConnection(() => client, where),
    );
  },
};

let certificate: TestCert | null = null;

/** A self-signed certificate for localhost and 127.0.0.1, made once per file on first use. */
export function tlsCertificate(): TestCert {
  certificate ??= makeCert('DNS:localhost,IP:127.0.0.1');
  return certificate;
}

export const tls: StreamKind = {
  name: 'tls',
  canWriteEof: false,
  *listen(loop, factory) {
    const { key, cert } = tlsCertificate();
    const accepted: Protocol[] = [];
    const srv = yield* loop.createServer(counting(factory, accepted), '127.0.0.1', 0, { ssl: { key, cert } });
    const [, port] = srv.sockets[0].getsockname() as [string, number];
    return listenerOf(
      accepted,
      () => srv.close(),
      (client) =>
        loop.createConnection(() => client, '127.0.0.1', port, {
          ssl: { ca: cert },
          serverHostname: 'localhost',
        }),
    );
  },
};

/** A Recorder that also keeps the size of every dataReceived chunk. */
export class Probe extends Recorder {
  sizes: number[] = [];
  override dataReceived(data: Uint8Array): void {
    this.sizes.push(data instanceof Uint8Array ? data.length : -1);
    super.dataReceived(data);
  }
  /** How many times `event` was called. */
  count(event: string): number {
    return this.events.filter((e) => e === event).length;
  }
  /** The calls that came after the first connectionLost. */
  afterLost(): string[] {
    const i = this.events.indexOf('connectionLost');
    return i < 0 ? [] : this.events.slice(i + 1);
  }
  /** Whether connectionLost was called. */
  isLost(): boolean {
    return this.events.includes('connectionLost');
  }
}

/** A BufferedProtocol that records its calls like Probe does. */
export class Buffered extends Probe implements BufferedProtocol {
  buffer = new Uint8Array(5);
  hints: number[] = [];
  getBuffer(sizeHint: number): Uint8Array {
    this.events.push('getBuffer');
    this.hints.push(sizeHint);
    return this.buffer;
  }
  bufferUpdated(n: number): void {
    this.events.push('bufferUpdated');
    this.received.push(this.buffer.slice(0, n));
  }
}

/** `n` bytes of a pattern that shows reordering and loss (i mod 251). */
export function pattern(n: number, from = 0): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (from + i) % 251;
  return out;
}

/** Whether `received` (chunks) is exactly `pattern(n)`. */
export function isPattern(received: Uint8Array[], n: number): boolean {
  let i = 0;
  for (const chunk of received) {
    for (const b of chunk) {
      if (b !== i % 251) return false;
      i++;
    }
  }
  return i === n;
}
