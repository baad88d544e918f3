/**
 * The reference implementation's adapter: every feature supported. Its socket objects are Node's
 * (`net.Socket`, and `net.Server` for a listening socket).
 * @module
 */
import { createRequire } from 'node:module';
import * as net from 'node:net';
import { newEventLoop } from 'pep3156';
import type { ConformanceAdapter, SocketHooks } from '../src/adapter.js';

const { version } = createRequire(import.meta.url)('pep3156/package.json') as { version: string };

const sockets: SocketHooks = {
  newTcpSocket: () => new net.Socket({ allowHalfOpen: true }),
  listenTcp: () =>
    new Promise((resolve, reject) => {
      const server = net.createServer({ allowHalfOpen: true });
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve({ sock: server, port: (server.address() as net.AddressInfo).port });
      });
    }),
  close: (sock) => {
    if (sock instanceof net.Server) sock.close();
    else (sock as net.Socket).destroy();
  },
};

export default {
  name: 'pep3156 (reference)',
  version,
  newEventLoop,
  sockets,
} satisfies ConformanceAdapter;
