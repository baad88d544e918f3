/**
 * The adapter for the virtual-time TestLoop (`pep3156/testing`): the second, independent
 * implementation the suite runs against. It has no I/O, so every I/O feature is declared
 * unsupported; its tests are reported as unsupported, never as failed.
 * @module
 */
import { TestLoop } from 'pep3156/testing';
import type { ConformanceAdapter } from '../src/adapter.js';

export default {
  name: 'TestLoop (virtual time)',
  version: '0.1.0',
  // Wait up to 20 ms of real time for host events (a setTimeout, a Promise) before jumping the clock.
  newEventLoop: () => new TestLoop({ autojumpThreshold: 0.02 }),
  unsupported: [
    'transport',
    'protocol',
    'server',
    'datagram',
    'streams',
    'dns',
    'tls',
    'pipes',
    'unix',
    'sockets',
    'subprocess',
    'signals',
    'executor',
  ],
} satisfies ConformanceAdapter;
