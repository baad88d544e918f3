/**
 * The errors of asyncio, one class per name. Each has a fixed `name`, so `err.name` identifies it
 * across realms and bundles; data go in fields and chains in `cause`.
 *
 * Python's `BaseException`/`Exception` split does not exist in JavaScript. This spec treats every
 * thrown value as an ordinary exception: a callback's error goes to the exception handler and the
 * loop goes on; nothing but {@link CancelledError} has special meaning.
 * @module
 */

/** Options of the {@link OSError} constructor (and its subclasses'). */
export interface OSErrorOptions {
  /** The error that caused this one. */
  cause?: unknown;
  /** Node's error code, such as `ECONNREFUSED`. */
  code?: string;
  /** The error number, when known. */
  errno?: number;
}

/**
 * The operation was cancelled (PEP § Futures). Thrown into a coroutine at its suspension point by
 * `Task.cancel()`, and by `result()`/`exception()` of a cancelled future.
 * @example
 * ```ts
 * import { CancelledError, type Coroutine, createTask, run, sleep } from 'pep3156';
 * function* worker(log: string[]): Coroutine<void> {
 *   try {
 *     yield* sleep(10);
 *   } catch (err) {
 *     if (err instanceof CancelledError) log.push(`cleaning up: ${err.message}`);
 *     throw err; // let the cancellation finish the task
 *   }
 * }
 * function* main(): Coroutine<string[]> {
 *   const log: string[] = [];
 *   const task = createTask(worker(log));
 *   yield* sleep(0);
 *   task.cancel('shutting down');
 *   try {
 *     yield* task;
 *   } catch (err) {
 *     if (!(err instanceof CancelledError)) throw err;
 *   }
 *   return log;
 * }
 * console.log(await run(main())); // [ 'cleaning up: shutting down' ]
 * ```
 */
export class CancelledError extends Error {
  override readonly name: string = 'CancelledError';

  /**
   * `instanceof CancelledError` holds for every `Error` named `CancelledError`, this class's or
   * another implementation's: asyncio has one class for every loop, so a loop with its own error
   * classes cancels the reference helpers (`timeout`, `waitFor`, `TaskGroup`, the locks) as this
   * one does. Subclasses keep the ordinary prototype check.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class `instanceof` asks about (a subclass keeps the prototype check)
    if (this !== CancelledError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return value instanceof Error && value.name === 'CancelledError';
  }
}

/**
 * A Future method was called in a state that does not allow it (PEP § Futures).
 * @example
 * ```ts
 * import { InvalidStateError, newEventLoop } from 'pep3156';
 * const loop = newEventLoop();
 * const fut = loop.createFuture<number>();
 * try {
 *   fut.result(); // not done yet
 * } catch (err) {
 *   console.log(err instanceof InvalidStateError); // true
 * }
 * loop.close();
 * ```
 */
export class InvalidStateError extends Error {
  override readonly name: string = 'InvalidStateError';
}

/**
 * An operation did not complete before its deadline (`waitFor`, `timeout`, `asCompleted`).
 * @example
 * ```ts
 * import { type Coroutine, run, sleep, TimeoutError, waitFor } from 'pep3156';
 * function* main(): Coroutine<string> {
 *   try {
 *     yield* waitFor(sleep(1), 0.01);
 *     return 'done';
 *   } catch (err) {
 *     if (err instanceof TimeoutError) return 'timed out';
 *     throw err;
 *   }
 * }
 * console.log(await run(main())); // timed out
 * ```
 */
export class TimeoutError extends Error {
  override readonly name: string = 'TimeoutError';
}

/**
 * Python's `RuntimeError`: an operation that is not allowed in the current state (a closed or running loop, …).
 * @example
 * ```ts
 * import { RuntimeError, sleep } from 'pep3156';
 * try {
 *   sleep(1); // outside a task: no loop is running
 * } catch (err) {
 *   console.log(err instanceof RuntimeError); // true
 * }
 * ```
 */
export class RuntimeError extends Error {
  override readonly name: string = 'RuntimeError';
}

/**
 * Python's `ValueError`: an argument of the right type but an unacceptable value.
 * @example
 * ```ts
 * import { Queue, run, ValueError } from 'pep3156';
 * await run(async () => {
 *   const queue = new Queue<string>();
 *   try {
 *     queue.taskDone(); // more taskDone() calls than items
 *   } catch (err) {
 *     if (err instanceof ValueError) console.log(err.message); // taskDone() called too many times
 *   }
 * });
 * ```
 */
export class ValueError extends Error {
  override readonly name: string = 'ValueError';
}

/**
 * Python's `NotImplementedError`: an optional method this loop does not provide (PEP § Event Loop Methods Overview).
 * @example
 * ```ts
 * import { getRunningLoop, NotImplementedError, Protocol, run } from 'pep3156';
 * await run(async () => {
 *   try {
 *     await getRunningLoop().createServer(() => new Protocol(), '127.0.0.1', 0, { reusePort: true });
 *   } catch (err) {
 *     // An optional feature this loop (here, Node 20) does not provide.
 *     if (err instanceof NotImplementedError) console.log('no SO_REUSEPORT here');
 *   }
 * });
 * ```
 */
export class NotImplementedError extends Error {
  override readonly name: string = 'NotImplementedError';
}

/**
 * `readexactly()` reached the end of the stream before `expected` bytes arrived.
 * @example
 * ```ts
 * import { IncompleteReadError, run, StreamReader } from 'pep3156';
 * await run(async () => {
 *   const reader = new StreamReader();
 *   reader.feedData(new Uint8Array([1, 2, 3]));
 *   reader.feedEof();
 *   try {
 *     await reader.readexactly(5);
 *   } catch (err) {
 *     if (err instanceof IncompleteReadError) console.log(err.partial.length, err.expected); // 3 5
 *   }
 * });
 * ```
 */
export class IncompleteReadError extends Error {
  override readonly name: string = 'IncompleteReadError';
  /** The bytes read before the end of the stream. */
  readonly partial: Uint8Array;
  /** How many bytes were expected, or `null` when reading until a separator. */
  readonly expected: number | null;
  constructor(partial: Uint8Array, expected: number | null) {
    super(
      `${partial.length} bytes read on a total of ${expected === null ? 'undefined' : expected} expected bytes`,
    );
    this.partial = partial;
    this.expected = expected;
  }
}

/**
 * `readuntil()`/`readline()` found no separator within the buffer limit.
 * @example
 * ```ts
 * import { LimitOverrunError, run, StreamReader } from 'pep3156';
 * await run(async () => {
 *   const reader = new StreamReader({ limit: 8 });
 *   reader.feedData(new TextEncoder().encode('a line far longer than the limit\n'));
 *   try {
 *     await reader.readuntil('\n');
 *   } catch (err) {
 *     // The data stays in the buffer; consumed says how far the search went.
 *     if (err instanceof LimitOverrunError) console.log(err.consumed > 8); // true
 *   }
 * });
 * ```
 */
export class LimitOverrunError extends Error {
  override readonly name: string = 'LimitOverrunError';
  /** How many bytes are to be consumed (the separator was not found in them). */
  readonly consumed: number;
  constructor(message: string, consumed: number) {
    super(message);
    this.consumed = consumed;
  }
}

/**
 * `getNowait()` on an empty queue (PEP § Queues: `Empty`).
 * @example
 * ```ts
 * import { Queue, QueueEmpty, run } from 'pep3156';
 * await run(async () => {
 *   const queue = new Queue<string>();
 *   try {
 *     queue.getNowait();
 *   } catch (err) {
 *     console.log(err instanceof QueueEmpty); // true: get() would have waited instead
 *   }
 * });
 * ```
 */
export class QueueEmpty extends Error {
  override readonly name: string = 'QueueEmpty';
}

/**
 * `putNowait()` on a full queue (PEP § Queues: `Full`).
 * @example
 * ```ts
 * import { Queue, QueueFull, run } from 'pep3156';
 * await run(async () => {
 *   const queue = new Queue<string>(1);
 *   queue.putNowait('first');
 *   try {
 *     queue.putNowait('second');
 *   } catch (err) {
 *     console.log(err instanceof QueueFull); // true: put() would have waited instead
 *   }
 * });
 * ```
 */
export class QueueFull extends Error {
  override readonly name: string = 'QueueFull';
}

/**
 * The queue was shut down (asyncio 3.13+).
 * @example
 * ```ts
 * import { Queue, QueueShutDown, run } from 'pep3156';
 * await run(async () => {
 *   const queue = new Queue<string>();
 *   queue.shutdown();
 *   try {
 *     queue.putNowait('late');
 *   } catch (err) {
 *     console.log(err instanceof QueueShutDown); // true
 *   }
 * });
 * ```
 */
export class QueueShutDown extends Error {
  override readonly name: string = 'QueueShutDown';
}

/**
 * A `Barrier` was reset or aborted while tasks were waiting (asyncio 3.11+).
 * @example
 * ```ts
 * import { Barrier, BrokenBarrierError, run } from 'pep3156';
 * await run(async () => {
 *   const barrier = new Barrier(2);
 *   barrier.abort(); // e.g. a party failed: nobody should wait for it
 *   try {
 *     await barrier.wait();
 *   } catch (err) {
 *     console.log(err instanceof BrokenBarrierError); // true
 *   }
 * });
 * ```
 */
export class BrokenBarrierError extends Error {
  override readonly name: string = 'BrokenBarrierError';
}

/**
 * `sendfile` is not available for this transport or socket.
 * @example
 * ```ts
 * import { SendfileNotAvailableError } from 'pep3156';
 * import type { Transport } from 'pep3156/spec';
 * // A loop without a zero-copy path throws it; the caller falls back to plain writes.
 * async function sendAll(
 *   transport: Transport,
 *   data: Uint8Array,
 *   sendfile: () => Promise<number>,
 * ): Promise<void> {
 *   try {
 *     await sendfile();
 *   } catch (err) {
 *     if (!(err instanceof SendfileNotAvailableError)) throw err;
 *     transport.write(data);
 *   }
 * }
 * export { sendAll };
 * ```
 */
export class SendfileNotAvailableError extends RuntimeError {
  override readonly name: string = 'SendfileNotAvailableError';
}

/**
 * Python's `OSError`: a system call failed. `code` carries Node's error code (`ECONNREFUSED`, …)
 * and `errno` its number when known.
 * @remarks Node's system errors become the subclass their code names, as Python's `OSError` picks
 * its subclass (PEP 3151); other codes (`ETIMEDOUT`, `EADDRINUSE`, …) stay a plain `OSError`. The
 * table is on the transports spec page.
 * @example
 * ```ts
 * import { openConnection, OSError, run } from 'pep3156';
 * await run(async () => {
 *   try {
 *     await openConnection('127.0.0.1', 1);
 *   } catch (err) {
 *     // Its subclasses say what failed; `code` is Node's error code.
 *     if (err instanceof OSError) console.log(err.name, err.code); // ConnectionRefusedError ECONNREFUSED
 *   }
 * });
 * ```
 */
export class OSError extends Error {
  override readonly name: string = 'OSError';
  /** Node's error code, such as `ECONNRESET`. */
  readonly code: string | undefined;
  /** The error number, when known. */
  readonly errno: number | undefined;
  constructor(message: string, options?: OSErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = options?.code;
    this.errno = options?.errno;
  }
}

/**
 * Python's `socket.gaierror`: a name lookup failed (`getaddrinfo`, `getnameinfo`, or the lookup
 * inside `createConnection`/`createServer`). `code` is Node's (`ENOTFOUND`, `EAI_AGAIN`, `EAI_NONAME`, …).
 * @example
 * ```ts
 * import { gaierror, openConnection, run } from 'pep3156';
 * await run(async () => {
 *   try {
 *     await openConnection('no-such-host.invalid', 80);
 *   } catch (err) {
 *     if (err instanceof gaierror) console.log(err.code); // ENOTFOUND
 *   }
 * });
 * ```
 * @see {@link https://peps.python.org/pep-3156/#internet-name-lookups | PEP 3156 § Internet name lookups}
 */
export class gaierror extends OSError {
  override readonly name: string = 'gaierror';
}

/**
 * Python's `ssl.SSLError`: a TLS failure (a protocol error, an alert from the peer, a peer that does
 * not speak TLS). `code` is Node's (`ERR_SSL_WRONG_VERSION_NUMBER`, …).
 * @example
 * ```ts
 * import { openConnection, run, SSLError, startServer, type StreamWriter } from 'pep3156';
 * await run(async () => {
 *   const plain = (_reader: unknown, writer: StreamWriter) => writer.write(new TextEncoder().encode('hi'));
 *   const server = await startServer(plain, '127.0.0.1', 0);
 *   const [host, port] = server.sockets[0].getsockname() as [string, number];
 *   try {
 *     await openConnection(host, port, { ssl: true }); // TLS to a server that does not speak it
 *   } catch (err) {
 *     if (err instanceof SSLError) console.log(err.code); // e.g. ERR_SSL_WRONG_VERSION_NUMBER
 *   }
 *   server.close();
 * });
 * ```
 * @see {@link https://peps.python.org/pep-3156/#internet-connections | PEP 3156 § Internet connections}
 */
export class SSLError extends OSError {
  override readonly name: string = 'SSLError';
}

/**
 * Python's `ssl.SSLCertVerificationError`: the peer's certificate could not be verified (untrusted,
 * self-signed, expired, or not for the host name). `code` is Node's (`DEPTH_ZERO_SELF_SIGNED_CERT`,
 * `ERR_TLS_CERT_ALTNAME_INVALID`, …). Python's is also a `ValueError`; this one is not (one parent).
 * @example
 * ```ts
 * import { openConnection, run, SSLCertVerificationError } from 'pep3156';
 * await run(async () => {
 *   try {
 *     await openConnection('self-signed.badssl.com', 443, { ssl: true });
 *   } catch (err) {
 *     if (err instanceof SSLCertVerificationError) console.log(err.code); // DEPTH_ZERO_SELF_SIGNED_CERT
 *   }
 * });
 * ```
 */
export class SSLCertVerificationError extends SSLError {
  override readonly name: string = 'SSLCertVerificationError';
}

/**
 * A connection-related {@link OSError}: the base of {@link ConnectionRefusedError},
 * {@link ConnectionResetError}, {@link ConnectionAbortedError} and {@link BrokenPipeError}, as in Python.
 * @example
 * ```ts
 * import { ConnectionError, openConnection, run } from 'pep3156';
 * async function fetchLine(host: string, port: number): Promise<string | null> {
 *   try {
 *     const [reader, writer] = await openConnection(host, port);
 *     const line = new TextDecoder().decode(await reader.readline());
 *     writer.close();
 *     return line;
 *   } catch (err) {
 *     if (err instanceof ConnectionError) return null; // refused, reset, aborted or broken pipe
 *     throw err;
 *   }
 * }
 * console.log(await run(() => fetchLine('127.0.0.1', 1))); // null
 * ```
 */
export class ConnectionError extends OSError {
  override readonly name: string = 'ConnectionError';
}
/**
 * The peer refused the connection (`ECONNREFUSED`).
 * @example
 * ```ts
 * import { ConnectionRefusedError, type Coroutine, openConnection, run, sleep } from 'pep3156';
 * function* connectWhenUp(port: number): Coroutine<string> {
 *   for (let attempt = 1; attempt <= 3; attempt++) {
 *     try {
 *       const [, writer] = yield* openConnection('127.0.0.1', port);
 *       writer.close();
 *       return `connected on attempt ${attempt}`;
 *     } catch (err) {
 *       if (!(err instanceof ConnectionRefusedError)) throw err;
 *       yield* sleep(0.1); // nobody listens yet
 *     }
 *   }
 *   return 'gave up';
 * }
 * console.log(await run(connectWhenUp(1))); // gave up
 * ```
 */
export class ConnectionRefusedError extends ConnectionError {
  override readonly name: string = 'ConnectionRefusedError';
}
/**
 * The peer reset the connection (`ECONNRESET`).
 * @example
 * ```ts
 * import { ConnectionResetError, type StreamReader } from 'pep3156';
 * // A peer that aborts its side makes the next read fail:
 * async function readAll(reader: StreamReader): Promise<Uint8Array | null> {
 *   try {
 *     return await reader.read();
 *   } catch (err) {
 *     if (err instanceof ConnectionResetError) return null;
 *     throw err;
 *   }
 * }
 * export { readAll };
 * ```
 */
export class ConnectionResetError extends ConnectionError {
  override readonly name: string = 'ConnectionResetError';
}
/**
 * The connection was aborted locally (`ECONNABORTED`), or its TLS handshake outlasted `sslHandshakeTimeout`.
 * @example
 * ```ts
 * import { ConnectionAbortedError, openConnection, run } from 'pep3156';
 * await run(async () => {
 *   try {
 *     await openConnection('python.org', 443, { ssl: true, sslHandshakeTimeout: 0.001 });
 *   } catch (err) {
 *     if (err instanceof ConnectionAbortedError) console.log('the TLS handshake took too long');
 *   }
 * });
 * ```
 */
export class ConnectionAbortedError extends ConnectionError {
  override readonly name: string = 'ConnectionAbortedError';
}
/**
 * Writing to a pipe or socket whose other end is closed (`EPIPE`, `ESHUTDOWN`).
 * @example
 * ```ts
 * import { BrokenPipeError, type StreamWriter } from 'pep3156';
 * // Writing to a peer that has gone fails at the next drain:
 * async function send(writer: StreamWriter, data: Uint8Array): Promise<boolean> {
 *   writer.write(data);
 *   try {
 *     await writer.drain();
 *     return true;
 *   } catch (err) {
 *     if (err instanceof BrokenPipeError) return false;
 *     throw err;
 *   }
 * }
 * export { send };
 * ```
 */
export class BrokenPipeError extends ConnectionError {
  override readonly name: string = 'BrokenPipeError';
}
/**
 * No such process: signalling a child that already exited (`ESRCH`).
 * @example
 * ```ts
 * import { createSubprocessExec, ProcessLookupError, run } from 'pep3156';
 * await run(async () => {
 *   const proc = await createSubprocessExec('true');
 *   await proc.wait();
 *   try {
 *     proc.kill(); // it has already exited
 *   } catch (err) {
 *     console.log(err instanceof ProcessLookupError); // true
 *   }
 * });
 * ```
 */
export class ProcessLookupError extends OSError {
  override readonly name: string = 'ProcessLookupError';
}
/**
 * Not permitted (`EACCES`, `EPERM`): a broadcast without `allowBroadcast`, a privileged port.
 * @example
 * ```ts
 * import { createSubprocessExec, PermissionError, run } from 'pep3156';
 * await run(async () => {
 *   try {
 *     await createSubprocessExec('/tmp'); // a directory, not a program
 *   } catch (err) {
 *     if (err instanceof PermissionError) console.log(err.code); // EACCES
 *   }
 * });
 * ```
 */
export class PermissionError extends OSError {
  override readonly name: string = 'PermissionError';
}
/**
 * A file or program does not exist (`ENOENT`).
 * @example
 * ```ts
 * import { createSubprocessExec, FileNotFoundError, run } from 'pep3156';
 * await run(async () => {
 *   try {
 *     await createSubprocessExec('no-such-program');
 *   } catch (err) {
 *     if (err instanceof FileNotFoundError) console.log(err.code); // ENOENT
 *   }
 * });
 * ```
 */
export class FileNotFoundError extends OSError {
  override readonly name: string = 'FileNotFoundError';
}
