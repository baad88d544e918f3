/**
 * pep3156/core: everything that runs without Node (the loop's scheduling, futures, tasks, the
 * scheduler functions, locks, queues). Imports no `node:` module, so it also runs in a browser.
 * @module
 */
export type * from './spec/index.js';
