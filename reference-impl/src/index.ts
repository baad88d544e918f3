/**
 * pep3156: PEP 3156 (asyncio) for TypeScript on Node.js: everything in `pep3156/core`, plus the
 * Node event loop (made the default) and its I/O.
 * @module
 */
import { _setDefaultLoopFactory } from './events/policy.js';
import { NodeEventLoop } from './node/node-event-loop.js';
import { installNodeAsyncContext } from './node/node-host.js';

installNodeAsyncContext();
_setDefaultLoopFactory(() => new NodeEventLoop());

export * from './core.js';
export { NodeEventLoop } from './node/node-event-loop.js';
export { nodeHost } from './node/node-host.js';
