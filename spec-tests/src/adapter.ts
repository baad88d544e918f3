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

/** The loop methods every test calls: a loop has them whatever features it declares unsupported. */
export const CORE_LOOP_METHODS = [
  'callSoon',
  'callLater',
  'callAt',
  'time',
  'runForever',
  'runUntilComplete',
  'stop',
  'isRunning',
  'isClosed',
  'close',
  'createFuture',
  'createTask',
] as const satisfies readonly (keyof AbstractEventLoop)[];

/** One of {@link CORE_LOOP_METHODS}. */
export type CoreLoopMethod = (typeof CORE_LOOP_METHODS)[number];

/**
 * The loop members each feature needs beyond {@link CORE_LOOP_METHODS}. A loop may lack those of
 * the features its adapter declares unsupported: the adapter's type ({@link LoopFor}) and the
 * check of each new loop both follow this table. Together with the core methods it covers the whole
 * `AbstractEventLoop`.
 */
export const FEATURE_LOOP_METHODS = {
  loop: [
    'callSoonThreadsafe',
    'setTaskFactory',
    'getTaskFactory',
    'setExceptionHandler',
    'getExceptionHandler',
    'defaultExceptionHandler',
    'callExceptionHandler',
    'getDebug',
    'setDebug',
    'slowCallbackDuration',
  ],
  future: [],
  task: [],
  scheduler: [],
  sync: [],
  'async-functions': [],
  debug: [],
  executor: ['runInExecutor', 'setDefaultExecutor', 'shutdownDefaultExecutor'],
  signals: ['addSignalHandler', 'removeSignalHandler'],
  subprocess: ['subprocessExec', 'subprocessShell'],
  transport: ['createConnection', 'createServer'],
  protocol: ['createConnection', 'createServer'],
  server: ['createServer', 'createConnection'],
  datagram: ['createDatagramEndpoint'],
  streams: ['createConnection', 'createServer'],
  dns: ['getaddrinfo', 'getnameinfo'],
  tls: ['startTls', 'createConnection', 'createServer'],
  pipes: ['connectReadPipe', 'connectWritePipe'],
  unix: ['createUnixConnection', 'createUnixServer'],
  sockets: [
    'sockRecv',
    'sockRecvInto',
    'sockSendall',
    'sockConnect',
    'sockAccept',
    'addReader',
    'removeReader',
    'addWriter',
    'removeWriter',
  ],
} as const satisfies Record<Feature, readonly (keyof AbstractEventLoop)[]>;

/**
 * The loop an adapter must provide when it declares the features `Unsupported` unsupported: the
 * {@link CORE_LOOP_METHODS} and the {@link FEATURE_LOOP_METHODS} of every other feature. A loop
 * without I/O need not have `createConnection` once it declares `transport`, `protocol`… unsupported;
 * the compiler names the method a declared feature still misses.
 * @typeParam Unsupported - The features the adapter lists in `unsupported`.
 * @example
 * ```ts
 * import type { LoopFor } from 'pep3156-conformance';
 * // What a loop without DNS and TLS must have:
 * type MyLoopShape = LoopFor<'dns' | 'tls'>;
 * ```
 */
export type LoopFor<Unsupported extends Feature = never> = Pick<
  AbstractEventLoop,
  CoreLoopMethod | (typeof FEATURE_LOOP_METHODS)[Exclude<Feature, Unsupported>][number]
>;

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
 * Write it with {@link defineAdapter}, which checks that the loop has what every feature it does
 * not declare unsupported needs.
 * @typeParam Unsupported - The features listed in `unsupported` (all of them when not given: then
 *   only the core loop methods are checked, as for an adapter whose list is not known).
 * @example
 * ```ts
 * import { defineAdapter } from 'pep3156-conformance';
 * import { MyLoop } from './my-loop.js';
 * export default defineAdapter({
 *   name: 'my-loop',
 *   newEventLoop: () => new MyLoop(),
 *   unsupported: ['tls', 'subprocess'],
 * });
 * ```
 */
export interface ConformanceAdapter<Unsupported extends Feature = Feature> {
  /** The implementation's name, shown in reports. */
  name: string;
  /** The implementation's version, shown in reports. */
  version?: string;
  /**
   * Creates a fresh, not-running, not-current event loop. Called once per test. The loop needs
   * the methods of the features not in `unsupported` only ({@link LoopFor}).
   */
  newEventLoop(): LoopFor<NoInfer<Unsupported>>;
  /** Features this implementation does not provide; their tests are reported as unsupported. */
  unsupported?: readonly Unsupported[];
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

/**
 * Returns `adapter` as it is, typed: the loop `newEventLoop` returns must have the
 * {@link CORE_LOOP_METHODS} and the methods of every feature not listed in `unsupported`, and the
 * compiler names a missing one (`Property 'getaddrinfo' is missing in type 'MyLoop'`). Without
 * `unsupported`, the loop must have the whole `AbstractEventLoop`.
 * @example
 * ```ts
 * import { defineAdapter } from 'pep3156-conformance';
 * import { newEventLoop } from 'pep3156';
 * export default defineAdapter({ name: 'reference', newEventLoop, unsupported: ['signals'] });
 * ```
 */
export function defineAdapter<const Unsupported extends Feature = never>(
  adapter: ConformanceAdapter<Unsupported>,
): ConformanceAdapter<Unsupported> {
  return adapter;
}
