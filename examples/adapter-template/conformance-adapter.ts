/**
 * A conformance adapter to copy: point `newEventLoop` at your own loop, list what you do not
 * implement, and run `npx pep3156-conformance ./conformance-adapter.ts`.
 *
 * As shipped it tests the reference implementation (the `pep3156` package), so it passes.
 * @module
 */
import * as net from 'node:net';
import { newEventLoop } from 'pep3156';
import { defineAdapter } from 'pep3156-conformance';

/**
 * The adapter: only `name` and `newEventLoop` are required. `defineAdapter` checks the loop's type
 * against what the features you do not list in `unsupported` need, and names a missing method.
 */
export default defineAdapter({
  /** Shown in every report. */
  name: 'my-loop (template)',
  /** Shown in every report. */
  version: '0.0.0',

  /**
   * A fresh loop for each test: not running, not closed, not installed as the current loop.
   * Replace with your own, e.g. `() => new MyEventLoop()`. It needs the core methods and those of
   * each supported feature only (`LoopFor<…>`): a loop without I/O lists the I/O features below.
   * While it runs its callbacks it calls `setRunningLoop(this)` (from `pep3156`), so that the
   * reference helpers (sleep, gather, the locks…) find it; its own Task, if it has one, runs each
   * step through `enterTask(task, step, { onAwait })`.
   */
  newEventLoop: () => newEventLoop(),

  /**
   * Features your loop does not provide; their tests are reported "unsupported", never "failed".
   * Any of: loop future task scheduler sync async-functions debug executor signals subprocess
   * transport protocol server datagram streams dns tls pipes unix sockets.
   */
  unsupported: [],

  /**
   * Statement ids you know you break. Their tests still run: a failure is an "expected failure",
   * a pass an "unexpected pass" (remove the id then).
   */
  knownFailures: [],

  /**
   * The socket objects the `sockets` section hands your loop (sockRecv, sockAccept, addReader…).
   * These make Node's, which the reference takes; make your loop's own, or list 'sockets' in
   * `unsupported` and delete this.
   */
  sockets: {
    newTcpSocket: () => new net.Socket({ allowHalfOpen: true }),
    listenTcp: () =>
      new Promise((resolve) => {
        const server = net.createServer({ allowHalfOpen: true });
        server.listen(0, '127.0.0.1', () =>
          resolve({ sock: server, port: (server.address() as net.AddressInfo).port }),
        );
      }),
    close: (sock) => (sock instanceof net.Server ? sock.close() : (sock as net.Socket).destroy()),
  },

  // Your own scheduler functions and primitives, if you have them; otherwise the reference
  // implementation's run on your loop:
  // scheduler: { sleep, gather, wait, waitFor, shield, asCompleted, ensureFuture, TaskGroup },
  // sync: { Lock, Event, Condition, Semaphore, BoundedSemaphore, Queue, PriorityQueue, LifoQueue },
});
