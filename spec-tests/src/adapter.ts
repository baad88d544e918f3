/**
 * The adapter contract: what an implementation hands the conformance suite.
 * @module
 */
import type { AbstractEventLoop } from 'pep3156/spec';

/**
 * The features the suite knows. Each test belongs to one section (its first feature) and may need
 * more; a test whose feature the adapter declares unsupported is reported as unsupported, never
 * as failed.
 */
export const FEATURES = [
  'loop',
  'future',
  'task',
  'scheduler',
  'sync',
  'async-functions',
  'debug',
  'executor',
  'signals',
  'subprocess',
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
] as const;

/** One of {@link FEATURES}. */
export type Feature = (typeof FEATURES)[number];

/** The scheduler functions and classes the suite exercises; the reference's are used when absent. */
export type SchedulerApi = Pick<
  typeof import('pep3156'),
  | 'sleep'
  | 'ensureFuture'
  | 'wrapFuture'
  | 'wait'
  | 'waitFor'
  | 'gather'
  | 'shield'
  | 'asCompleted'
  | 'TaskGroup'
  | 'taskGroup'
  | 'timeout'
  | 'timeoutAt'
  | 'currentTask'
  | 'allTasks'
  | 'getRunningLoop'
  | 'FIRST_COMPLETED'
  | 'FIRST_EXCEPTION'
  | 'ALL_COMPLETED'
>;

/** The synchronization primitives the suite exercises; the reference's are used when absent. */
export type SyncApi = Pick<
  typeof import('pep3156'),
  | 'Lock'
  | 'Event'
  | 'Condition'
  | 'Semaphore'
  | 'BoundedSemaphore'
  | 'Barrier'
  | 'Queue'
  | 'PriorityQueue'
  | 'LifoQueue'
>;

/**
 * How the `sockets` section gets socket objects of the loop's kind: what `sockConnect`,
 * `sockAccept`, `sockRecv`, `addReader`… take. Python tests make them with the `socket` module; a
 * loop's sockets are its own objects, so the adapter makes them.
 * @example
 * ```ts
 * import * as net from 'node:net';
 * const sockets = {
 *   newTcpSocket: () => new net.Socket(),
 *   listenTcp: () =>
 *     new Promise((resolve) => {
 *       const server = net.createServer();
 *       server.listen(0, '127.0.0.1', () => resolve({ sock: server, port: (server.address() as net.AddressInfo).port }));
 *     }),
 *   close: (sock: unknown) => (sock instanceof net.Server ? sock.close() : (sock as net.Socket).destroy()),
 * };
 * ```
 */
export interface SocketHooks {
  /** A new, unconnected TCP stream socket (Python: `socket.socket()`, non-blocking). */
  newTcpSocket(): unknown;
  /**
   * A TCP socket bound to `127.0.0.1` on an ephemeral port and listening, with that port
   * (Python: `socket.create_server(('127.0.0.1', 0))`).
   */
  listenTcp(): PromiseLike<{ sock: unknown; port: number }>;
  /** Closes a socket made by these hooks or returned by `sockAccept` (Python: `sock.close()`). */
  close(sock: unknown): void;
}

/**
 * The stream classes and functions the `streams` section exercises; the reference's are used when
 * absent (they use only the loop's public interface, so they run on any conforming loop).
 */
export type StreamsApi = Pick<
  typeof import('pep3156'),
  | 'StreamReader'
  | 'StreamReaderProtocol'
  | 'StreamWriter'
  | 'openConnection'
  | 'startServer'
  | 'openUnixConnection'
  | 'startUnixServer'
>;

/**
 * What an implementation provides to be tested. Only `name` and `newEventLoop` are required.
 * @example
 * ```ts
 * import type { ConformanceAdapter } from 'pep3156-conformance';
 * import { MyLoop } from './my-loop.js';
 * export default {
 *   name: 'my-loop',
 *   newEventLoop: () => new MyLoop(),
 *   unsupported: ['tls', 'subprocess'],
 * } satisfies ConformanceAdapter;
 * ```
 */
export interface ConformanceAdapter {
  /** The implementation's name, shown in reports. */
  name: string;
  /** The implementation's version, shown in reports. */
  version?: string;
  /** Creates a fresh, not-running, not-current event loop. Called once per test. */
  newEventLoop(): AbstractEventLoop;
  /** Features this implementation does not provide; their tests are reported as unsupported. */
  unsupported?: readonly Feature[];
  /**
   * Statement ids this implementation is known to fail. Their tests run; a failure is reported as
   * an expected failure and a pass as an unexpected pass.
   */
  knownFailures?: readonly string[];
  /** The implementation's own scheduler functions; the reference scheduler runs on its loop otherwise. */
  scheduler?: Partial<SchedulerApi>;
  /** The implementation's own locks and queues; the reference's run on its loop otherwise. */
  sync?: Partial<SyncApi>;
  /** The implementation's own streams; the reference's run on its loop otherwise. */
  streams?: Partial<StreamsApi>;
  /**
   * Makes the socket objects the `sockets` section passes to the loop. Required unless `sockets`
   * is in `unsupported`.
   */
  sockets?: SocketHooks;
}
