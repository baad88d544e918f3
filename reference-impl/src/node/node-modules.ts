/**
 * The Node built-ins the Node-specific modules use, imported in one place.
 * @module
 */
import os from 'node:os';

export { os };
