/**
 * Name lookups (PEP 3156 § Internet name lookups) through `node:dns`: `getaddrinfo` uses
 * `dns.lookup` (the system resolver, as Python's `socket.getaddrinfo` does), `getnameinfo`
 * `dns.lookupService`.
 * @module
 */
import { lookup, lookupService } from 'node:dns';
import { isIP } from 'node:net';
import { gaierror } from '../exceptions.js';
import { Future } from '../futures.js';
import type { AbstractEventLoop, AddrInfo, GetAddrInfoOptions, SockAddr } from '../spec/events.js';
import type { Future as FutureSpec } from '../spec/futures.js';
import { mapNodeError } from './errors.js';

/** Address families, with Linux's numbers as Python reports them. */
export const AF_UNSPEC = 0;
/** IPv4. */
export const AF_INET = 2;
/** IPv6. */
export const AF_INET6 = 10;
/** Stream sockets. */
export const SOCK_STREAM = 1;
/** Datagram sockets. */
export const SOCK_DGRAM = 2;
/** `getaddrinfo` flag: addresses to bind to (a `null` host means the wildcard address). */
export const AI_PASSIVE = 1;
/** `getaddrinfo` flag: fill in `canonname` (Node's resolver reports none: the host as given). */
export const AI_CANONNAME = 2;
/** `getaddrinfo` flag: `host` must be a numeric address; no lookup is made. */
export const AI_NUMERICHOST = 4;
/** `getnameinfo` flag: report the host as a numeric address; no lookup is made. */
export const NI_NUMERICHOST = 1;
/** `getnameinfo` flag: report the port as a number; no service lookup is made. */
export const NI_NUMERICSERV = 2;
/** `getnameinfo` flag: an address that has no name is an error instead of its numeric form. */
export const NI_NAMEREQD = 8;

function nodeFamily(family: number | undefined): 0 | 4 | 6 {
  if (family === undefined || family === AF_UNSPEC) return 0;
  if (family === AF_INET) return 4;
  if (family === AF_INET6) return 6;
  if (typeof family !== 'number' || !Number.isInteger(family))
    throw new TypeError(`family must be an integer (AF_UNSPEC, AF_INET or AF_INET6), got ${String(family)}`);
  // As Python's socket.getaddrinfo: an unknown family is EAI_FAMILY.
  throw new gaierror(`family ${family} is not supported: use AF_UNSPEC (0), AF_INET (2) or AF_INET6 (10)`, {
    code: 'EAI_FAMILY',
  });
}

/**
 * Resolves `host` to addresses with Node's lookup. A `null` host means the wildcard addresses when
 * `passive` (as `AI_PASSIVE` does), else the loopback addresses; IPv4 first, as glibc orders them.
 * @internal
 */
export function lookupAll(
  host: string | null,
  family: number | undefined,
  passive = true,
  numericOnly = false,
): Promise<{ address: string; family: number }[]> {
  const fam = nodeFamily(family);
  if (host === null || host === '') {
    const all = passive
      ? [
          { address: '0.0.0.0', family: 4 },
          { address: '::', family: 6 },
        ]
      : [
          { address: '127.0.0.1', family: 4 },
          { address: '::1', family: 6 },
        ];
    return Promise.resolve(fam === 0 ? all : all.filter((a) => a.family === fam));
  }
  if (typeof host !== 'string') return Promise.reject(new TypeError('host must be a string or null'));
  const kind = isIP(host);
  if (kind !== 0) {
    // A numeric address needs no lookup; one of the other family is EAI_ADDRFAMILY, as in glibc
    // (Node's lookup would return it whatever the family).
    if (fam !== 0 && kind !== fam)
      return Promise.reject(
        new gaierror(`getaddrinfo ${host}: address family for hostname not supported`, {
          code: 'EAI_ADDRFAMILY',
        }),
      );
    return Promise.resolve([{ address: host, family: kind }]);
  }
  if (numericOnly)
    return Promise.reject(
      new gaierror(`getaddrinfo ${host}: not a numeric address (AI_NUMERICHOST)`, { code: 'EAI_NONAME' }),
    );
  return new Promise((resolve, reject) => {
    lookup(host, { all: true, family: fam }, (error, addresses) => {
      if (error) reject(mapNodeError(error));
      else resolve(addresses);
    });
  });
}

/** A port given as a number, a numeric string or `null` (0), checked. @internal */
export function portNumber(port: unknown, what: string): number {
  const n =
    port === null || port === undefined
      ? 0
      : typeof port === 'number'
        ? port
        : typeof port === 'string' && /^\d+$/.test(port)
          ? Number(port)
          : Number.NaN;
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new TypeError(
      `${what}: port must be an integer 0-65535, a numeric string or null, got ${String(port)}` +
        (typeof port === 'string' ? ' (service names are not looked up on Node)' : ''),
    );
  }
  return n;
}

/**
 * `getaddrinfo(host, port, options)`: a Future of `[family, type, proto, canonname, sockaddr]` tuples.
 * @remarks `family` is honoured; `type` and `proto` are copied into every result (Node's resolver
 * does not split by socket type). Flags: `AI_PASSIVE` (a `null` host is the wildcard address, else
 * loopback), `AI_NUMERICHOST` (no lookup), `AI_CANONNAME` (the host as given). Ports may be numbers
 * or numeric strings; Node has no service database, so names such as `'http'` are refused.
 * @throws TypeError (rejects) for a bad port, or a family or flags that is not an integer;
 * {@link gaierror} when the name does not resolve, or for a family other than `AF_UNSPEC`, `AF_INET`
 * and `AF_INET6` (`EAI_FAMILY`).
 * @see {@link https://peps.python.org/pep-3156/#internet-name-lookups | PEP 3156 § Internet name lookups}
 */
export function getaddrinfo(
  loop: AbstractEventLoop,
  host: string | null,
  port: number | string | null,
  options: GetAddrInfoOptions = {},
): FutureSpec<AddrInfo[]> {
  const future = new Future<AddrInfo[]>(loop);
  let numericPort: number;
  const flags = options.flags ?? 0;
  try {
    nodeFamily(options.family);
    numericPort = portNumber(port, 'getaddrinfo');
    if (!Number.isInteger(flags)) throw new TypeError(`getaddrinfo: flags must be an integer, got ${flags}`);
  } catch (error) {
    future._setExceptionUnchecked(error);
    return future;
  }
  lookupAll(host, options.family, (flags & AI_PASSIVE) !== 0, (flags & AI_NUMERICHOST) !== 0).then(
    (addresses) => {
      if (future.done() || loop.isClosed()) return; // a late answer for a closed loop is dropped
      future.setResult(
        addresses.map((a): AddrInfo => {
          const fam = a.family === 6 ? AF_INET6 : AF_INET;
          const sockaddr: SockAddr =
            fam === AF_INET6 ? [a.address, numericPort, 0, 0] : [a.address, numericPort];
          const canonname = (flags & AI_CANONNAME) !== 0 && host !== null ? host : '';
          return [fam, options.type ?? 0, options.proto ?? 0, canonname, sockaddr];
        }),
      );
    },
    (error: unknown) => {
      if (!future.done() && !loop.isClosed()) future._setExceptionUnchecked(error);
    },
  );
  return future;
}

/**
 * `getnameinfo([host, port], flags)`: a Future of `[host, service]`.
 * @remarks With `NI_NUMERICHOST | NI_NUMERICSERV` no lookup is made and the numeric address and port
 * come back as strings; with only one of them, that half is numeric. An address with no name comes
 * back numeric, and a port with no service name as its number, unless `NI_NAMEREQD` is given.
 * @throws TypeError (rejects) for a sockaddr that is not `[host, port]` with a port from 0 to 65535;
 * {@link gaierror} when the host is not a numeric address (as getnameinfo(3)) or the lookup fails.
 * @see {@link https://peps.python.org/pep-3156/#internet-name-lookups | PEP 3156 § Internet name lookups}
 */
export function getnameinfo(
  loop: AbstractEventLoop,
  sockaddr: SockAddr,
  flags = 0,
): FutureSpec<[string, string]> {
  const future = new Future<[string, string]>(loop);
  if (
    !Array.isArray(sockaddr) ||
    typeof sockaddr[0] !== 'string' ||
    typeof sockaddr[1] !== 'number' ||
    !Number.isInteger(sockaddr[1]) ||
    sockaddr[1] < 0 ||
    sockaddr[1] > 65535
  ) {
    future._setExceptionUnchecked(new TypeError('getnameinfo: sockaddr must be [host, port]'));
    return future;
  }
  const [host, port] = sockaddr;
  if (isIP(host) === 0) {
    // As getnameinfo(3): the address must be numeric (Python's ai lookup would fail the same way).
    future._setExceptionUnchecked(
      new gaierror(`getnameinfo: ${host} is not a numeric address`, { code: 'EAI_NONAME' }),
    );
    return future;
  }
  const numericHost = (flags & NI_NUMERICHOST) !== 0;
  const numericServ = (flags & NI_NUMERICSERV) !== 0;
  if (numericHost && numericServ) {
    future.setResult([host, String(port)]);
    return future;
  }
  lookupService(host, port, (error, hostname, service) => {
    if (future.done() || loop.isClosed()) return; // a late answer for a closed loop is dropped
    if (!error) {
      future.setResult([numericHost ? host : hostname, numericServ ? String(port) : service]);
      return;
    }
    // Node asks for a name (NI_NAMEREQD) and fails on an address that has none; getnameinfo(3)
    // without that flag answers with the numeric address. The service does not depend on the host:
    // ask for it with a loopback address, which always has a name.
    const code = (error as NodeJS.ErrnoException).code;
    if ((code !== 'ENOTFOUND' && code !== 'EAI_NONAME') || (flags & NI_NAMEREQD) !== 0) {
      future._setExceptionUnchecked(mapNodeError(error));
      return;
    }
    if (numericServ) {
      future.setResult([host, String(port)]);
      return;
    }
    lookupService(isIP(host) === 6 ? '::1' : '127.0.0.1', port, (again, _name, service) => {
      if (!future.done() && !loop.isClosed()) future.setResult([host, again ? String(port) : service]);
    });
  });
  return future;
}
