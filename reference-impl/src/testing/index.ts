/**
 * pep3156/testing: the virtual-time {@link TestLoop}.
 * @module
 */
export { TestLoop, type TestLoopOptions } from './test-loop.js';
