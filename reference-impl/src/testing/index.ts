/**
 * The virtual-time {@link TestLoop}: code with timeouts and retries tested in no real time.
 * @module pep3156/testing
 */
export { TestLoop, type TestLoopOptions } from './test-loop.js';
