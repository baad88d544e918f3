/**
 * Name lookups (PEP 3156 § Internet name lookups) through `node:dns`: `getaddrinfo` uses
 * `dns.lookup` (the system resolver, as Python's `socket.getaddrinfo` does), `getnameinfo`
 * `dns.lookupService`.
 * @module
 */
import { lookup, lookupService } from 'node:dns';
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

function nodeFamily(family: number | undefined): 0 | 4 | 6 {
  if (family === undefined || family === AF_UNSPEC) return 0;
  if (family === AF_INET) return 4;
  if (family === AF_INET6) return 6;
  throw new TypeError(
    `getaddrinfo: family must be AF_UNSPEC (0), AF_INET (2) or AF_INET6 (10), got ${family}`,
  );
}

/** Resolves `host` to addresses with Node's lookup; `null` host means the wildcard address. @internal */
export function lookupAll(
  host: string | null,
  family: number | undefined,
): Promise<{ address: string; family: number }[]> {
  const fam = nodeFamily(family);
  if (host === null || host === '') {
    const all = [
      { address: '0.0.0.0', family: 4 },
      { address: '::', family: 6 },
    ];
    return Promise.resolve(fam === 0 ? all : all.filter((a) => a.family === fam));
  }
  return new Promise((resolve, reject) => {
    lookup(host, { all: true, family: fam }, (error, addresses) => {
      if (error) reject(mapNodeError(error));
      else resolve(addresses);
    });
  });
}

/** `getaddrinfo(host, port, options)`: a Future of `[family, type, proto, canonname, sockaddr]` tuples. */
export function getaddrinfo(
  loop: AbstractEventLoop,
  host: string | null,
  port: number | string | null,
  options: GetAddrInfoOptions = {},
): FutureSpec<AddrInfo[]> {
  const future = new Future<AddrInfo[]>(loop);
  let numericPort: number;
  try {
    nodeFamily(options.family);
    numericPort = port === null || port === undefined ? 0 : Number(port);
    if (!Number.isInteger(numericPort) || numericPort < 0 || numericPort > 65535) {
      throw new TypeError(`getaddrinfo: port must be an integer 0-65535 or null, got ${String(port)}`);
    }
  } catch (error) {
    future._setExceptionUnchecked(error);
    return future;
  }
  lookupAll(host, options.family).then(
    (addresses) => {
      if (future.done()) return;
      future.setResult(
        addresses.map((a): AddrInfo => {
          const fam = a.family === 6 ? AF_INET6 : AF_INET;
          const sockaddr: SockAddr =
            fam === AF_INET6 ? [a.address, numericPort, 0, 0] : [a.address, numericPort];
          return [fam, options.type ?? 0, options.proto ?? 0, '', sockaddr];
        }),
      );
    },
    (error: unknown) => {
      if (!future.done()) future._setExceptionUnchecked(error);
    },
  );
  return future;
}

/** `getnameinfo([host, port])`: a Future of `[host, service]`. */
export function getnameinfo(
  loop: AbstractEventLoop,
  sockaddr: SockAddr,
  _flags = 0,
): FutureSpec<[string, string]> {
  const future = new Future<[string, string]>(loop);
  if (!Array.isArray(sockaddr) || typeof sockaddr[0] !== 'string' || typeof sockaddr[1] !== 'number') {
    future._setExceptionUnchecked(new TypeError('getnameinfo: sockaddr must be [host, port]'));
    return future;
  }
  lookupService(sockaddr[0], sockaddr[1], (error, hostname, service) => {
    if (future.done()) return;
    if (error) future._setExceptionUnchecked(mapNodeError(error));
    else future.setResult([hostname, service]);
  });
  return future;
}
