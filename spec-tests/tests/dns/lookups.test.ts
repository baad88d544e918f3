// spec-tests/tests/dns/lookups.test.ts: PEP 3156 § Internet name lookups
// > getaddrinfo(host, port, *, family=0, type=0, proto=0, flags=0) ... returns a list of 5-tuples
// > (family, type, proto, canonname, sockaddr). getnameinfo(sockaddr, flags=0) returns (host, port).
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';

section('dns', 'Internet name lookups', () => {
  statement(
    'dns.getaddrinfo.tuples',
    'getaddrinfo resolves to (family, type, proto, canonname, sockaddr) tuples, honouring family',
    async ({ loop, run }) => {
      const [v4, typed] = await run(
        (function* () {
          const a = yield* loop.getaddrinfo('127.0.0.1', 8080, { family: 2 });
          const b = yield* loop.getaddrinfo('127.0.0.1', 8080, { family: 2, type: 1, proto: 6 });
          return [a, b];
        })(),
      );
      expect(v4.length).toBeGreaterThanOrEqual(1);
      for (const [family, , , canonname, sockaddr] of v4) {
        expect(family).toBe(2);
        expect(typeof canonname).toBe('string');
        expect((sockaddr as [string, number]).slice(0, 2)).toEqual(['127.0.0.1', 8080]);
      }
      expect(typed[0][1]).toBe(1);
      expect(typed[0][2]).toBe(6);
    },
  );

  statement(
    'dns.getnameinfo.pair',
    'getnameinfo resolves a socket address to [host, service]',
    async ({ loop, run }) => {
      const [host, service] = await run(
        (function* () {
          return yield* loop.getnameinfo(['127.0.0.1', 80]);
        })(),
      );
      expect(typeof host).toBe('string');
      expect(host.length).toBeGreaterThan(0);
      expect(typeof service).toBe('string');
    },
  );

  statement(
    'dns.getnameinfo.no-name',
    'getnameinfo answers an address with no name numerically, and fails on it only with NI_NAMEREQD',
    async ({ loop, run }) => {
      const [plain, v6, required] = await run(
        (function* () {
          const plain = yield* loop.getnameinfo(['127.0.0.3', 47123]);
          const v6 = yield* loop.getnameinfo(['::1', 47123], 1);
          let required: unknown = null;
          try {
            yield* loop.getnameinfo(['127.0.0.3', 47123], 8);
          } catch (error) {
            required = error;
          }
          return [plain, v6, required];
        })(),
      );
      expect(plain).toEqual(['127.0.0.3', '47123']);
      expect(v6).toEqual(['::1', '47123']);
      expect((required as Error)?.name).toBe('gaierror');
    },
  );
});
