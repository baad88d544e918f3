// spec-tests/tests/protocol/stream-kinds.test.ts: PEP 3156 § Stream Protocols
// > connection_made(transport) ... data_received(data) ... eof_received() ... connection_lost(exc)
// > ... data_received() is called zero or more times ... eof_received() is called at most once ...
// > connection_lost() is always called exactly once, last. Its argument is None for a regular EOF
// > or close, or an exception object for errors.
//
// One set of checks, run on every stream transport kind (TCP, Unix sockets, TLS): each check is a
// function of the kind, and each kind lists the statements it runs, one per guarantee.
import type { Transport } from 'pep3156/spec';
import { afterEach, expect } from 'vitest';
import { type StatementContext, section, statement } from '../../src/harness.js';
import { captureExceptions, errorName, thrown } from '../support/index.js';
import { bytes, removeUnixPaths, settle, until } from '../support/net.js';
import { isPattern, Probe, pair, pattern, type StreamKind, tcp, tls, unix } from './kinds.js';

afterEach(removeUnixPaths);

type Check = (ctx: StatementContext) => Promise<void>;

/** Half-closes the client side: writeEof() where the kind can, close() otherwise (TLS). */
function halfClose(kind: StreamKind, t: Transport): void {
  if (kind.canWriteEof) t.writeEof();
  else t.close();
}

/** connectionMade is the first call on both ends, exactly once. */
const madeFirst =
  (kind: StreamKind): Check =>
  async ({ loop, run }) => {
    const client = new Probe();
    const server = new Probe();
    const seenAtResolve = await run(
      (function* () {
        const p = yield* pair(kind, loop, client, server);
        const early = [...client.events];
        p.clientTransport.write(bytes('hi'));
        p.clientTransport.close();
        yield* until(loop, () => client.isLost() && server.isLost());
        p.listener.stop();
        return early;
      })(),
    );
    expect(seenAtResolve, 'the client saw connectionMade before the connection resolved').toEqual([
      'connectionMade',
    ]);
    for (const [side, p] of [
      ['client', client],
      ['server', server],
    ] as const) {
      expect(p.events[0], `${side}: first call`).toBe('connectionMade');
      expect(p.count('connectionMade'), `${side}: connectionMade once`).toBe(1);
    }
  };

/** dataReceived gets only non-empty chunks which join to exactly what was written, in order. */
const dataNonEmpty =
  (kind: StreamKind): Check =>
  async ({ loop, run }) => {
    const client = new Probe();
    const server = new Probe();
    const total = 1024 * 1024 + 17;
    await run(
      (function* () {
        const p = yield* pair(kind, loop, client, server);
        const all = pattern(total);
        const sizes = [1, 0, 7, 4096, 0, 65536, 3, 300_000];
        let offset = 0;
        for (let i = 0; offset < total; i++) {
          const n = Math.min(sizes[i % sizes.length], total - offset);
          p.clientTransport.write(all.subarray(offset, offset + n));
          offset += n;
        }
        p.clientTransport.close();
        yield* until(loop, () => server.isLost() && client.isLost(), 5);
        p.listener.stop();
      })(),
    );
    expect(
      server.sizes.every((n) => n > 0),
      'every dataReceived chunk is a non-empty Uint8Array',
    ).toBe(true);
    expect(isPattern(server.received, total), 'every byte arrived, in order').toBe(true);
  };

/** eofReceived comes at most once, and before connectionLost. */
const eofOnce =
  (kind: StreamKind): Check =>
  async ({ loop, run }) => {
    const client = new Probe();
    const server = new Probe();
    await run(
      (function* () {
        const p = yield* pair(kind, loop, client, server);
        p.clientTransport.write(bytes('x'));
        halfClose(kind, p.clientTransport);
        yield* until(loop, () => server.isLost() && client.isLost());
        yield* settle(loop);
        p.listener.stop();
      })(),
    );
    expect(server.count('eofReceived'), 'the peer half-closed once: one eofReceived').toBe(1);
    expect(client.count('eofReceived')).toBeLessThanOrEqual(1);
    for (const p of [client, server]) {
      if (p.events.includes('eofReceived'))
        expect(p.events.indexOf('eofReceived')).toBeLessThan(p.events.indexOf('connectionLost'));
    }
  };

/** connectionLost comes exactly once and nothing follows it, whatever the transport is asked. */
const lostOnceLast =
  (kind: StreamKind): Check =>
  async ({ loop, run }) => {
    const client = new Probe();
    const server = new Probe();
    await run(
      (function* () {
        const p = yield* pair(kind, loop, client, server);
        p.serverTransport.write(bytes('late data'));
        p.clientTransport.close();
        yield* until(loop, () => server.isLost() && client.isLost());
        // Poke both transports after the end: none of this may reach a protocol.
        for (const t of [p.clientTransport, p.serverTransport]) {
          t.write(bytes('after the end'));
          t.close();
          t.abort();
          t.pauseReading();
          t.resumeReading();
        }
        yield* settle(loop);
        p.listener.stop();
      })(),
    );
    for (const [side, p] of [
      ['client', client],
      ['server', server],
    ] as const) {
      expect(p.count('connectionLost'), `${side}: connectionLost once`).toBe(1);
      expect(p.afterLost(), `${side}: no call after connectionLost`).toEqual([]);
    }
  };

/** close() ends with connectionLost(null) on both ends. */
const lostNullOnClose =
  (kind: StreamKind): Check =>
  async ({ loop, run }) => {
    const client = new Probe();
    const server = new Probe();
    await run(
      (function* () {
        const p = yield* pair(kind, loop, client, server);
        p.clientTransport.write(bytes('bye'));
        p.clientTransport.close();
        yield* until(loop, () => server.isLost() && client.isLost());
        p.listener.stop();
      })(),
    );
    expect(client.lostWith, 'the closing end').toBeNull();
    expect(server.lostWith, 'the peer, after a clean EOF').toBeNull();
  };

/** abort() ends with connectionLost(null). */
const lostNullOnAbort =
  (kind: StreamKind): Check =>
  async ({ loop, run }) => {
    const client = new Probe();
    const server = new Probe();
    await run(
      (function* () {
        const p = yield* pair(kind, loop, client, server);
        p.clientTransport.write(bytes('dropped or not'));
        p.clientTransport.abort();
        yield* until(loop, () => server.isLost() && client.isLost());
        p.listener.stop();
      })(),
    );
    expect(client.lostWith, 'the aborting end').toBeNull();
    expect(server.count('connectionLost')).toBe(1);
  };

/**
 * A connection reset by the peer ends with connectionLost(ConnectionResetError) whose code is
 * ECONNRESET. The peer resets by aborting while bytes it has not read are waiting: the system then
 * sends a reset rather than an orderly end.
 */
const lostResetError =
  (kind: StreamKind): Check =>
  async ({ loop, run }) => {
    const client = new Probe();
    const server = new Probe();
    await run(
      (function* () {
        const p = yield* pair(kind, loop, client, server);
        p.serverTransport.pauseReading();
        p.clientTransport.write(pattern(128 * 1024)); // more than the peer reads ahead while paused
        yield* until(loop, () => p.clientTransport.getWriteBufferSize() === 0);
        yield* settle(loop);
        p.serverTransport.abort();
        yield* until(loop, () => server.isLost() && client.isLost());
        p.listener.stop();
      })(),
    );
    expect(errorName(client.lostWith), 'the reset end gets the error').toBe('ConnectionResetError');
    expect((client.lostWith as { code?: unknown }).code).toBe('ECONNRESET');
    expect(server.lostWith, 'the aborting end').toBeNull();
  };

/** eofReceived returning a falsy value closes the transport: connectionLost(null) follows. */
const eofFalsyCloses =
  (kind: StreamKind): Check =>
  async ({ loop, run }) => {
    const client = new Probe();
    const server = new Probe(); // eofReceived returns false
    const closingAfterEof = await run(
      (function* () {
        const p = yield* pair(kind, loop, client, server);
        let closing: boolean | null = null;
        server.eofReceived = () => {
          server.events.push('eofReceived');
          loop.callSoon(() => {
            closing = p.serverTransport.isClosing();
          });
          return false;
        };
        halfClose(kind, p.clientTransport);
        yield* until(loop, () => server.isLost() && client.isLost());
        p.listener.stop();
        return closing;
      })(),
    );
    expect(server.shape().slice(-2)).toEqual(['eofReceived', 'connectionLost']);
    expect(server.lostWith).toBeNull();
    expect(closingAfterEof, 'the transport closed itself after eofReceived returned').toBe(true);
    if (kind.canWriteEof)
      expect(client.events, 'the half-closed client saw the end').toContain('eofReceived');
  };

/** eofReceived returning true keeps the transport open for writing (half-open). */
const eofTrueHalfOpen =
  (kind: StreamKind): Check =>
  async ({ loop, run }) => {
    const client = new Probe();
    const server = new Probe();
    server.keepOpenOnEof = true;
    const got = await run(
      (function* () {
        const p = yield* pair(kind, loop, client, server);
        p.clientTransport.writeEof();
        yield* until(loop, () => server.events.includes('eofReceived'));
        yield* settle(loop);
        const open = !p.serverTransport.isClosing() && !server.isLost();
        p.serverTransport.write(bytes('still here'));
        yield* until(loop, () => client.text() === 'still here');
        p.serverTransport.close();
        yield* until(loop, () => server.isLost() && client.isLost());
        p.listener.stop();
        return { open, text: client.text() };
      })(),
    );
    expect(got).toEqual({ open: true, text: 'still here' });
    expect(server.lostWith).toBeNull();
  };

/** TLS ignores eofReceived's value: returning true still closes the transport. */
const eofTrueIgnored =
  (kind: StreamKind): Check =>
  async ({ loop, run }) => {
    const client = new Probe();
    const server = new Probe();
    server.keepOpenOnEof = true;
    await run(
      (function* () {
        const p = yield* pair(kind, loop, client, server);
        p.clientTransport.close();
        yield* until(loop, () => server.isLost() && client.isLost());
        p.listener.stop();
      })(),
    );
    expect(server.shape().slice(-2)).toEqual(['eofReceived', 'connectionLost']);
    expect(server.lostWith).toBeNull();
  };

/** pauseWriting/resumeWriting come in non-nested pairs, only between connectionMade and connectionLost. */
const flowPairs =
  (kind: StreamKind): Check =>
  async ({ loop, run }) => {
    const client = new Probe();
    const server = new Probe();
    await run(
      (function* () {
        const p = yield* pair(kind, loop, client, server);
        const t = p.clientTransport;
        t.setWriteBufferLimits(16 * 1024);
        const chunk = new Uint8Array(64 * 1024);
        for (let round = 0; round < 2; round++) {
          p.serverTransport.pauseReading();
          for (let i = 0; i < 256 && client.count('pauseWriting') === round; i++) t.write(chunk);
          expect(client.count('pauseWriting'), `round ${round}: paused`).toBe(round + 1);
          p.serverTransport.resumeReading();
          yield* until(loop, () => client.count('resumeWriting') === round + 1, 5);
        }
        // Leave it paused: the last resume never comes, and nothing follows connectionLost.
        p.serverTransport.pauseReading();
        for (let i = 0; i < 256 && client.count('pauseWriting') === 2; i++) t.write(chunk);
        t.abort();
        yield* until(loop, () => client.isLost());
        p.serverTransport.abort();
        yield* until(loop, () => server.isLost());
        p.listener.stop();
      })(),
    );
    const flow = client.events.filter((e) => e.endsWith('Writing'));
    expect(flow, 'strictly alternating, pause first').toEqual([
      'pauseWriting',
      'resumeWriting',
      'pauseWriting',
      'resumeWriting',
      'pauseWriting',
    ]);
    expect(client.events[0]).toBe('connectionMade');
    expect(client.events.at(-1), 'nothing after connectionLost').toBe('connectionLost');
  };

/**
 * An exception thrown by dataReceived goes to the exception handler with exception, protocol and
 * transport, and closes that transport with the error; another connection to the same server goes on.
 */
const callbackError =
  (kind: StreamKind): Check =>
  async ({ loop, run }) => {
    const contexts = captureExceptions(loop);
    const boom = new RangeError('bad data');
    const server = new Probe();
    server.dataReceived = () => {
      throw boom;
    };
    const got = await run(
      (function* () {
        const p = yield* pair(kind, loop, new Probe(), server);
        const other = new Probe();
        const otherTransport = yield* p.listener.connect(other);
        yield* until(loop, () => p.listener.accepted.length === 2);
        const otherServer = p.listener.accepted[1] as Probe;
        p.clientTransport.write(bytes('x'));
        yield* until(loop, () => server.isLost());
        otherTransport.write(bytes('fine'));
        yield* until(loop, () => otherServer.text() === 'fine');
        const otherAlive = !otherServer.isLost() && !other.isLost();
        p.clientTransport.close();
        otherTransport.close();
        yield* until(loop, () => otherServer.isLost());
        p.listener.stop();
        return { otherAlive, serverTransport: p.serverTransport };
      })(),
    );
    expect(contexts.length, 'one call of the exception handler').toBe(1);
    expect(contexts[0].exception).toBe(boom);
    if (kind.name === 'tls') {
      // Which objects are named is left open on TLS: asyncio names its internal TLS layer.
      expect(contexts[0].protocol, 'context.protocol').toBeDefined();
      expect(contexts[0].transport, 'context.transport').toBeDefined();
    } else {
      expect(contexts[0].protocol).toBe(server);
      expect(contexts[0].transport).toBe(got.serverTransport);
    }
    expect(server.lostWith, 'connectionLost gets the error').toBe(boom);
    expect(got.otherAlive, 'the other connection did not notice').toBe(true);
  };

section('protocol', 'Stream Protocols', () => {
  statement(
    'protocol.tcp.made-first',
    'TCP: connectionMade is the first call, once, on both ends',
    madeFirst(tcp),
  );
  statement('protocol.tcp.data-non-empty', 'TCP: non-empty chunks, every byte in order', dataNonEmpty(tcp));
  statement('protocol.tcp.eof-once', 'TCP: eofReceived at most once, before connectionLost', eofOnce(tcp));
  statement('protocol.tcp.lost-once-last', 'TCP: connectionLost once, nothing after it', lostOnceLast(tcp));
  statement('protocol.tcp.lost-null-close', 'TCP: close() gives connectionLost(null)', lostNullOnClose(tcp));
  statement('protocol.tcp.lost-null-abort', 'TCP: abort() gives connectionLost(null)', lostNullOnAbort(tcp));
  statement(
    'protocol.tcp.lost-reset',
    'TCP: a reset gives ConnectionResetError (ECONNRESET)',
    lostResetError(tcp),
  );
  statement(
    'protocol.tcp.eof-falsy-closes',
    'TCP: a falsy eofReceived closes the transport',
    eofFalsyCloses(tcp),
  );
  statement(
    'protocol.tcp.eof-true-half-open',
    'TCP: eofReceived true keeps writing open',
    eofTrueHalfOpen(tcp),
  );
  statement(
    'protocol.tcp.flow-pairs',
    'TCP: pause/resumeWriting in pairs inside the connection',
    flowPairs(tcp),
  );
  statement(
    'protocol.tcp.callback-error',
    'TCP: a throwing callback closes only its transport',
    callbackError(tcp),
  );
});

section('protocol', 'Stream Protocols', () => {
  const f = { features: ['unix'] } as const;
  statement('protocol.unix.made-first', 'Unix: connectionMade is the first call, once', madeFirst(unix), f);
  statement(
    'protocol.unix.data-non-empty',
    'Unix: non-empty chunks, every byte in order',
    dataNonEmpty(unix),
    f,
  );
  statement(
    'protocol.unix.eof-once',
    'Unix: eofReceived at most once, before connectionLost',
    eofOnce(unix),
    f,
  );
  statement(
    'protocol.unix.lost-once-last',
    'Unix: connectionLost once, nothing after it',
    lostOnceLast(unix),
    f,
  );
  statement(
    'protocol.unix.lost-null-close',
    'Unix: close() gives connectionLost(null)',
    lostNullOnClose(unix),
    f,
  );
  statement(
    'protocol.unix.lost-null-abort',
    'Unix: abort() gives connectionLost(null)',
    lostNullOnAbort(unix),
    f,
  );
  statement('protocol.unix.lost-reset', 'Unix: a reset gives ConnectionResetError', lostResetError(unix), f);
  statement('protocol.unix.eof-falsy-closes', 'Unix: a falsy eofReceived closes', eofFalsyCloses(unix), f);
  statement(
    'protocol.unix.eof-true-half-open',
    'Unix: eofReceived true keeps writing open',
    eofTrueHalfOpen(unix),
    f,
  );
  statement('protocol.unix.flow-pairs', 'Unix: pause/resumeWriting in pairs', flowPairs(unix), f);
  statement(
    'protocol.unix.callback-error',
    'Unix: a throwing callback closes only its transport',
    callbackError(unix),
    f,
  );
});

section('protocol', 'Stream Protocols', () => {
  const f = { features: ['tls'] } as const;
  statement('protocol.tls.made-first', 'TLS: connectionMade is the first call, once', madeFirst(tls), f);
  statement(
    'protocol.tls.data-non-empty',
    'TLS: non-empty chunks, every byte in order',
    dataNonEmpty(tls),
    f,
  );
  statement('protocol.tls.eof-once', 'TLS: eofReceived at most once, before connectionLost', eofOnce(tls), f);
  statement(
    'protocol.tls.lost-once-last',
    'TLS: connectionLost once, nothing after it',
    lostOnceLast(tls),
    f,
  );
  statement(
    'protocol.tls.lost-null-close',
    'TLS: close() gives connectionLost(null)',
    lostNullOnClose(tls),
    f,
  );
  statement(
    'protocol.tls.lost-null-abort',
    'TLS: abort() gives connectionLost(null)',
    lostNullOnAbort(tls),
    f,
  );
  statement('protocol.tls.lost-reset', 'TLS: a reset gives ConnectionResetError', lostResetError(tls), f);
  statement('protocol.tls.eof-falsy-closes', 'TLS: a falsy eofReceived closes', eofFalsyCloses(tls), f);
  statement('protocol.tls.eof-true-ignored', 'TLS: eofReceived true still closes', eofTrueIgnored(tls), f);
  statement('protocol.tls.flow-pairs', 'TLS: pause/resumeWriting in pairs', flowPairs(tls), f);
  statement(
    'protocol.tls.callback-error',
    'TLS: a throwing callback closes only its transport',
    callbackError(tls),
    f,
  );
});

section('protocol', 'Methods For All Transports', () => {
  statement(
    'protocol.tls.extra-info',
    'TLS: getExtraInfo gives peercert, cipher, sslcontext, sslObject and the socket; canWriteEof() is false',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const p = yield* pair(tls, loop, new Probe(), new Probe());
          const t = p.clientTransport;
          const cert = t.getExtraInfo('peercert') as { subject?: { CN?: string } } | undefined;
          const cipher = t.getExtraInfo('cipher') as { name?: unknown } | undefined;
          const sock = t.getExtraInfo('socket') as { getPeerCertificate?: unknown } | undefined;
          const out = {
            cn: cert?.subject?.CN,
            cipher: typeof cipher?.name,
            sslcontext: t.getExtraInfo('sslcontext') != null,
            sslObject: t.getExtraInfo('sslObject') != null,
            socket: typeof sock?.getPeerCertificate,
            peername: (t.getExtraInfo('peername') as [string, number])[0],
            canWriteEof: t.canWriteEof(),
          };
          t.close();
          yield* until(loop, () => (p.client as Probe).isLost());
          p.listener.stop();
          return out;
        })(),
      );
      expect(got).toEqual({
        cn: 'localhost',
        cipher: 'string',
        sslcontext: true,
        sslObject: true,
        socket: 'function',
        peername: '127.0.0.1',
        canWriteEof: false,
      });
    },
    { features: ['tls'] },
  );

  statement(
    'protocol.tcp.extra-info-no-tls',
    'TCP: the TLS names (peercert, cipher, sslcontext, sslObject) give the default',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const p = yield* pair(tcp, loop, new Probe(), new Probe());
          const t = p.clientTransport;
          const out = ['peercert', 'cipher', 'sslcontext', 'sslObject'].map((n) => t.getExtraInfo(n, 'none'));
          t.close();
          yield* until(loop, () => (p.client as Probe).isLost());
          p.listener.stop();
          return out;
        })(),
      );
      expect(got).toEqual(['none', 'none', 'none', 'none']);
    },
  );
});

section('protocol', 'Bidirectional Stream Transports', () => {
  statement(
    'transport.write-eof.tls-unsupported',
    'TLS: writeEof() throws NotImplementedError and leaves the connection usable',
    async ({ loop, run }) => {
      const server = new Probe();
      const got = await run(
        (function* () {
          const p = yield* pair(tls, loop, new Probe(), server);
          const name = errorName(thrown(() => p.clientTransport.writeEof()));
          p.clientTransport.write(bytes('still works'));
          yield* until(loop, () => server.text() === 'still works');
          p.clientTransport.close();
          yield* until(loop, () => server.isLost());
          p.listener.stop();
          return name;
        })(),
      );
      expect(got).toBe('NotImplementedError');
    },
    { features: ['tls'] },
  );
});
