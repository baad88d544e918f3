/**
 * pep3156: PEP 3156 (asyncio) for TypeScript on Node.js.
 * @module
 */
export * from './core.js';
