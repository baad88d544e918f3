// spec-tests/tests/dns/options.test.ts: PEP 3156 § Internet name lookups
// > getaddrinfo(host, port, *, family=0, type=0, proto=0, flags=0). ... family, type, proto, flags
// > are the keyword arguments of socket.getaddrinfo(). getnameinfo(sockaddr, flags=0).
// Every lookup here is numeric or of the null host: nothing is asked of a name server.
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { errorName } from '../support/index.js';

const AF_INET = 2;
const AF_INET6 = 10;
const AI_PASSIVE = 1;
const AI_NUMERICHOST = 4;
const NI_NUMERICHOST = 1;
const NI_NUMERICSERV = 2;

section('dns', 'Internet name lookups', () => {
  statement(
    'dns.getaddrinfo.families',
    'getaddrinfo reports each address with its family; an address of another family than asked is a gaierror',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const v4 = yield* loop.getaddrinfo('127.0.0.1', 80);
          const v6 = yield* loop.getaddrinfo('::1', 80, { family: AF_INET6 });
          let wrong = 'resolved';
          try {
            yield* loop.getaddrinfo('::1', 80, { family: AF_INET });
          } catch (e) {
            wrong = errorName(e);
          }
          return [v4.map((r) => [r[0], r[4]]), v6.map((r) => [r[0], r[4]]), wrong];
        })(),
      );
      expect(got[0]).toContainEqual([AF_INET, ['127.0.0.1', 80]]);
      expect((got[0] as unknown[]).every((r) => (r as unknown[])[0] === AF_INET)).toBe(true);
      expect(got[1]).toContainEqual([AF_INET6, ['::1', 80, 0, 0]]);
      expect(got[2]).toBe('gaierror');
    },
  );

  statement(
    'dns.getaddrinfo.ports',
    'getaddrinfo takes the port as a number, a numeric string or null (0)',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const asNumber = yield* loop.getaddrinfo('127.0.0.1', 8080, { family: AF_INET });
          const asString = yield* loop.getaddrinfo('127.0.0.1', '8080', { family: AF_INET });
          const asNull = yield* loop.getaddrinfo('127.0.0.1', null, { family: AF_INET });
          return [asNumber[0]?.[4], asString[0]?.[4], asNull[0]?.[4]];
        })(),
      );
      // A bad port (70000, -1, 1.5) is not checked here: CPython leaves it to the C library
      // (dns.getaddrinfo.port-checked, a reference statement).
      expect(got).toEqual([
        ['127.0.0.1', 8080],
        ['127.0.0.1', 8080],
        ['127.0.0.1', 0],
      ]);
    },
  );

  statement(
    'dns.getaddrinfo.flags',
    'AI_NUMERICHOST refuses a name without looking it up; AI_PASSIVE makes a null host the wildcard address, else loopback',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const numeric = yield* loop.getaddrinfo('127.0.0.1', 1, { flags: AI_NUMERICHOST });
          let named = 'resolved';
          try {
            yield* loop.getaddrinfo('localhost', 1, { flags: AI_NUMERICHOST });
          } catch (e) {
            named = errorName(e);
          }
          const passive = yield* loop.getaddrinfo(null, 1, { family: AF_INET, flags: AI_PASSIVE });
          const active = yield* loop.getaddrinfo(null, 1, { family: AF_INET });
          const passive6 = yield* loop.getaddrinfo(null, 1, { family: AF_INET6, flags: AI_PASSIVE });
          const active6 = yield* loop.getaddrinfo(null, 1, { family: AF_INET6 });
          return [
            numeric.map((r) => r[4]),
            named,
            passive.map((r) => (r[4] as unknown[])[0]),
            active.map((r) => (r[4] as unknown[])[0]),
            passive6.map((r) => (r[4] as unknown[])[0]),
            active6.map((r) => (r[4] as unknown[])[0]),
          ];
        })(),
      );
      expect(got).toEqual([[['127.0.0.1', 1]], 'gaierror', ['0.0.0.0'], ['127.0.0.1'], ['::'], ['::1']]);
    },
  );

  statement(
    'dns.getaddrinfo.bad-family',
    'an unknown address family is a gaierror, as socket.getaddrinfo raises',
    async ({ loop, run }) => {
      const name = await run(
        (function* () {
          try {
            yield* loop.getaddrinfo('127.0.0.1', 80, { family: 99 });
            return 'resolved';
          } catch (e) {
            return errorName(e);
          }
        })(),
      );
      expect(name).toBe('gaierror');
    },
  );

  statement(
    'dns.getnameinfo.numeric',
    'getnameinfo with NI_NUMERICHOST | NI_NUMERICSERV returns the address and port as strings, without a lookup',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          const flags = NI_NUMERICHOST | NI_NUMERICSERV;
          const v4 = yield* loop.getnameinfo(['127.0.0.1', 8080], flags);
          const v6 = yield* loop.getnameinfo(['::1', 443, 0, 0], flags);
          let named = 'resolved';
          try {
            yield* loop.getnameinfo(['localhost', 80], flags);
          } catch (e) {
            named = errorName(e);
          }
          return [v4, v6, named];
        })(),
      );
      expect(got).toEqual([['127.0.0.1', '8080'], ['::1', '443'], 'gaierror']);
    },
  );
});
