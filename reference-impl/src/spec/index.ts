/**
 * The PEP 3156 contract as TypeScript interfaces, importable type-only:
 * `import type { AbstractEventLoop } from 'pep3156/spec'`.
 *
 * Another implementation implements these without taking any of the reference's code.
 * @module pep3156/spec
 */
export type * from './events.js';
export type * from './futures.js';
export type * from './protocols.js';
export type * from './transports.js';
