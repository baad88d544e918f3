/**
 * PEP 3156 (asyncio) for TypeScript on Node.js: the event loop, futures, tasks, the scheduler
 * functions, locks, queues, transports, protocols and streams. It is everything in `pep3156/core`
 * (the part that runs without Node, in a browser too) plus the Node event loop, made the default,
 * and its I/O.
 * @module pep3156
 */
import { _setDefaultLoopFactory } from './events/policy.js';
import { NodeEventLoop } from './node/node-event-loop.js';
import { installNodeAsyncContext } from './node/node-host.js';

installNodeAsyncContext();
_setDefaultLoopFactory(() => new NodeEventLoop());

export * from './core.js';
export {
  toThread,
  WorkerPoolExecutor,
  type WorkerPoolOptions,
} from './node/executor.js';
export { NodeEventLoop } from './node/node-event-loop.js';
export { nodeHost } from './node/node-host.js';
export { NodeSubprocessTransport } from './node/subprocess.js';
export {
  AF_INET,
  AF_INET6,
  AF_UNSPEC,
  AI_CANONNAME,
  AI_NUMERICHOST,
  AI_PASSIVE,
  NI_NAMEREQD,
  NI_NUMERICHOST,
  NI_NUMERICSERV,
  SOCK_DGRAM,
  SOCK_STREAM,
} from './transports/dns.js';
export { mapNodeError } from './transports/errors.js';
export { checkLimits, DEFAULT_HIGH } from './transports/flow-control.js';
export { ReadPipeTransport, WritePipeTransport } from './transports/pipes.js';
export { Server as NodeServer } from './transports/server.js';
export { SocketTransport } from './transports/socket-transport.js';
export { UdpTransport } from './transports/udp.js';
