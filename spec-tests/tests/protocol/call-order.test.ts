// spec-tests/tests/protocol/call-order.test.ts: PEP 3156 § Stream Protocols
// > connection_made() ... data_received()* ... eof_received()? ... connection_lost(): the latter is
// > always called exactly once, last.
import type { Transport } from 'pep3156/spec';
import { afterEach, expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';
import { bytes, listen, Recorder, removeUnixPaths, unixPath, until } from '../support/net.js';

afterEach(removeUnixPaths);

section('protocol', 'Stream Protocols', () => {
  statement(
    'protocol.order.tcp',
    'TCP: connectionMade, dataReceived*, eofReceived at most once, connectionLost exactly once and last',
    async ({ loop, run }) => {
      const client = new Recorder();
      const { server, accepted } = await run(
        (function* () {
          const srv = yield* listen(loop);
          const [transport] = yield* loop.createConnection(() => client, '127.0.0.1', srv.port);
          transport.write(bytes('hello'));
          transport.writeEof();
          yield* until(
            loop,
            () =>
              srv.accepted.length === 1 && (srv.accepted[0] as Recorder).events.includes('connectionLost'),
          );
          yield* until(loop, () => client.events.includes('connectionLost'));
          return srv;
        })(),
      );
      const peer = accepted[0] as Recorder;
      expect(peer.shape(), 'server side').toEqual([
        'connectionMade',
        'dataReceived',
        'eofReceived',
        'connectionLost',
      ]);
      expect(peer.text()).toBe('hello');
      expect(peer.lostWith).toBeNull();
      expect(client.shape()[0]).toBe('connectionMade');
      expect(client.events.filter((e) => e === 'connectionLost')).toHaveLength(1);
      expect(client.events.at(-1)).toBe('connectionLost');
      server.close();
    },
  );

  statement(
    'protocol.create-connection.after-made',
    'createConnection resolves after connectionMade has run',
    async ({ loop, run }) => {
      const client = new Recorder();
      const seen = await run(
        (function* () {
          const srv = yield* listen(loop);
          const [transport, protocol] = yield* loop.createConnection(() => client, '127.0.0.1', srv.port);
          const events = [...client.events];
          transport.close();
          yield* until(loop, () => client.events.includes('connectionLost'));
          srv.server.close();
          return { events, same: protocol === client };
        })(),
      );
      expect(seen.events).toEqual(['connectionMade']);
      expect(seen.same).toBe(true);
    },
  );

  statement(
    'protocol.factory.per-connection',
    'a server calls its protocol factory once per accepted connection',
    async ({ loop, run }) => {
      const count = await run(
        (function* () {
          const srv = yield* listen(loop);
          const transports = [];
          for (let i = 0; i < 3; i++)
            transports.push((yield* loop.createConnection(() => new Recorder(), '127.0.0.1', srv.port))[0]);
          yield* until(loop, () => srv.accepted.length === 3);
          for (const t of transports) t.close();
          srv.server.close();
          return new Set(srv.accepted).size;
        })(),
      );
      expect(count).toBe(3);
    },
  );

  statement(
    'protocol.eof-received.keep-open',
    'when eofReceived returns true the transport stays open for writing',
    async ({ loop, run }) => {
      const client = new Recorder();
      const got = await run(
        (function* () {
          const srv = yield* listen(loop, () => {
            const r = new Recorder();
            r.keepOpenOnEof = true;
            return r;
          });
          const [transport] = yield* loop.createConnection(() => client, '127.0.0.1', srv.port);
          transport.writeEof();
          yield* until(
            loop,
            () => srv.accepted.length === 1 && (srv.accepted[0] as Recorder).events.includes('eofReceived'),
          );
          const peer = srv.accepted[0] as Recorder;
          peer.transport?.write(bytes('still here'));
          peer.transport?.close();
          yield* until(loop, () => client.events.includes('connectionLost'));
          srv.server.close();
          return client.text();
        })(),
      );
      expect(got).toBe('still here');
    },
  );

  statement(
    'protocol.connect.refused',
    'connecting to a closed port fails with ConnectionRefusedError',
    async ({ loop, run }) => {
      const name = await run(
        (function* () {
          const srv = yield* listen(loop);
          srv.server.close();
          yield* srv.server.waitClosed();
          try {
            yield* loop.createConnection(() => new Recorder(), '127.0.0.1', srv.port);
            return 'connected';
          } catch (e) {
            return errorName(e);
          }
        })(),
      );
      expect(name).toBe('ConnectionRefusedError');
    },
  );

  statement(
    'protocol.callback-error.isolated',
    "a protocol callback's exception goes to the handler and closes only that transport",
    async ({ loop, run }) => {
      const contexts: Record<string, unknown>[] = [];
      loop.setExceptionHandler((_l, c) => {
        contexts.push(c);
      });
      const result = await run(
        (function* () {
          let n = 0;
          const srv = yield* listen(loop, () => {
            const r = new Recorder();
            if (n++ === 0) {
              r.dataReceived = () => {
                throw new RangeError('bad data');
              };
            }
            return r;
          });
          const bad = new Recorder();
          const good = new Recorder();
          const [t1] = yield* loop.createConnection(() => bad, '127.0.0.1', srv.port);
          yield* until(loop, () => srv.accepted.length === 1);
          const [t2] = yield* loop.createConnection(() => good, '127.0.0.1', srv.port);
          yield* until(loop, () => srv.accepted.length === 2);
          t1.write(bytes('x'));
          yield* until(loop, () => (srv.accepted[0] as Recorder).events.includes('connectionLost'));
          t2.write(bytes('fine'));
          yield* until(loop, () => (srv.accepted[1] as Recorder).text() === 'fine');
          t2.close();
          srv.server.close();
          return { first: srv.accepted[0] as Recorder, second: srv.accepted[1] as Recorder };
        })(),
      );
      expect(contexts.length).toBeGreaterThanOrEqual(1);
      expect(errorName(contexts[0].exception)).toBe('RangeError');
      expect(contexts[0].protocol).toBe(result.first);
      expect(errorName(result.first.lostWith)).toBe('RangeError');
      expect(result.second.events).not.toContain('connectionLost');
    },
  );

  statement(
    'protocol.order.unix',
    'Unix sockets: the same call order as TCP',
    async ({ loop, run }) => {
      const path = unixPath();
      const accepted: Recorder[] = [];
      const client = new Recorder();
      await run(
        (function* () {
          const server = yield* loop.createUnixServer(() => {
            const r = new Recorder();
            accepted.push(r);
            return r;
          }, path);
          const [t] = yield* loop.createUnixConnection(() => client, path);
          t.write(bytes('unix'));
          t.writeEof();
          yield* until(loop, () => accepted.length === 1 && accepted[0].events.includes('connectionLost'));
          yield* until(loop, () => client.events.includes('connectionLost'));
          server.close();
        })(),
      );
      expect(accepted[0].shape()).toEqual([
        'connectionMade',
        'dataReceived',
        'eofReceived',
        'connectionLost',
      ]);
      expect(accepted[0].text()).toBe('unix');
    },
    { features: ['unix'] },
  );
  statement(
    'transport.extra-info.unix',
    'Unix sockets: sockname and peername are the path on one side and the empty string on the other',
    async ({ loop, run }) => {
      const path = unixPath();
      const accepted: Recorder[] = [];
      const names = await run(
        (function* () {
          const server = yield* loop.createUnixServer(() => {
            const r = new Recorder();
            accepted.push(r);
            return r;
          }, path);
          const [t] = yield* loop.createUnixConnection(() => new Recorder(), path);
          yield* until(loop, () => accepted.length === 1 && accepted[0].transport !== null);
          const st = accepted[0].transport as Transport;
          const result = {
            client: [t.getExtraInfo('sockname'), t.getExtraInfo('peername')],
            server: [st.getExtraInfo('sockname'), st.getExtraInfo('peername')],
          };
          t.close();
          yield* until(loop, () => accepted[0].events.includes('connectionLost'));
          server.close();
          yield* server.waitClosed();
          return result;
        })(),
      );
      expect(names).toEqual({ client: ['', path], server: [path, ''] });
    },
    { features: ['unix'] },
  );
});
