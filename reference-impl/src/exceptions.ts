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

/** A Future method was called in a state that does not allow it (PEP § Futures). */
export class InvalidStateError extends Error {
  override readonly name: string = 'InvalidStateError';
}

/** An operation did not complete before its deadline (`waitFor`, `timeout`, `asCompleted`). */
export class TimeoutError extends Error {
  override readonly name: string = 'TimeoutError';
}

/** Python's `RuntimeError`: an operation that is not allowed in the current state (a closed or running loop, …). */
export class RuntimeError extends Error {
  override readonly name: string = 'RuntimeError';
}

/** Python's `ValueError`: an argument of the right type but an unacceptable value. */
export class ValueError extends Error {
  override readonly name: string = 'ValueError';
}

/** Python's `NotImplementedError`: an optional method this loop does not provide (PEP § Event Loop Methods Overview). */
export class NotImplementedError extends Error {
  override readonly name: string = 'NotImplementedError';
}

/** `readexactly()` reached the end of the stream before `expected` bytes arrived. */
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

/** `readuntil()`/`readline()` found no separator within the buffer limit. */
export class LimitOverrunError extends Error {
  override readonly name: string = 'LimitOverrunError';
  /** How many bytes are to be consumed (the separator was not found in them). */
  readonly consumed: number;
  constructor(message: string, consumed: number) {
    super(message);
    this.consumed = consumed;
  }
}

/** `getNowait()` on an empty queue (PEP § Queues: `Empty`). */
export class QueueEmpty extends Error {
  override readonly name: string = 'QueueEmpty';
}

/** `putNowait()` on a full queue (PEP § Queues: `Full`). */
export class QueueFull extends Error {
  override readonly name: string = 'QueueFull';
}

/** The queue was shut down (asyncio 3.13+). */
export class QueueShutDown extends Error {
  override readonly name: string = 'QueueShutDown';
}

/** A `Barrier` was reset or aborted while tasks were waiting (asyncio 3.11+). */
export class BrokenBarrierError extends Error {
  override readonly name: string = 'BrokenBarrierError';
}

/** `sendfile` is not available for this transport or socket. */
export class SendfileNotAvailableError extends RuntimeError {
  override readonly name: string = 'SendfileNotAvailableError';
}

/**
 * Python's `OSError`: a system call failed. `code` carries Node's error code (`ECONNREFUSED`, …)
 * and `errno` its number when known.
 * @remarks Node's system errors become the subclass their code names, as Python's `OSError` picks
 * its subclass (PEP 3151); other codes (`ETIMEDOUT`, `EADDRINUSE`, …) stay a plain `OSError`. The
 * table is on the transports spec page.
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
 * @see {@link https://peps.python.org/pep-3156/#internet-name-lookups | PEP 3156 § Internet name lookups}
 */
export class gaierror extends OSError {
  override readonly name: string = 'gaierror';
}

/**
 * Python's `ssl.SSLError`: a TLS failure (a protocol error, an alert from the peer, a peer that does
 * not speak TLS). `code` is Node's (`ERR_SSL_WRONG_VERSION_NUMBER`, …).
 * @see {@link https://peps.python.org/pep-3156/#internet-connections | PEP 3156 § Internet connections}
 */
export class SSLError extends OSError {
  override readonly name: string = 'SSLError';
}

/**
 * Python's `ssl.SSLCertVerificationError`: the peer's certificate could not be verified (untrusted,
 * self-signed, expired, or not for the host name). `code` is Node's (`DEPTH_ZERO_SELF_SIGNED_CERT`,
 * `ERR_TLS_CERT_ALTNAME_INVALID`, …). Python's is also a `ValueError`; this one is not (one parent).
 */
export class SSLCertVerificationError extends SSLError {
  override readonly name: string = 'SSLCertVerificationError';
}

/**
 * A connection-related {@link OSError}: the base of {@link ConnectionRefusedError},
 * {@link ConnectionResetError}, {@link ConnectionAbortedError} and {@link BrokenPipeError}, as in Python.
 */
export class ConnectionError extends OSError {
  override readonly name: string = 'ConnectionError';
}
/** The peer refused the connection (`ECONNREFUSED`). */
export class ConnectionRefusedError extends ConnectionError {
  override readonly name: string = 'ConnectionRefusedError';
}
/** The peer reset the connection (`ECONNRESET`). */
export class ConnectionResetError extends ConnectionError {
  override readonly name: string = 'ConnectionResetError';
}
/** The connection was aborted locally (`ECONNABORTED`), or its TLS handshake outlasted `sslHandshakeTimeout`. */
export class ConnectionAbortedError extends ConnectionError {
  override readonly name: string = 'ConnectionAbortedError';
}
/** Writing to a pipe or socket whose other end is closed (`EPIPE`, `ESHUTDOWN`). */
export class BrokenPipeError extends ConnectionError {
  override readonly name: string = 'BrokenPipeError';
}
/** No such process: signalling a child that already exited (`ESRCH`). */
export class ProcessLookupError extends OSError {
  override readonly name: string = 'ProcessLookupError';
}
/** Not permitted (`EACCES`, `EPERM`): a broadcast without `allowBroadcast`, a privileged port. */
export class PermissionError extends OSError {
  override readonly name: string = 'PermissionError';
}
/** A file or program does not exist (`ENOENT`). */
export class FileNotFoundError extends OSError {
  override readonly name: string = 'FileNotFoundError';
}
