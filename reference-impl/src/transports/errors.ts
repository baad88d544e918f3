/**
 * Node's system errors mapped to the spec's error classes (asyncio's OSError subclasses), keeping
 * Node's `code` and `errno`.
 * @module
 */
import {
  BrokenPipeError,
  ConnectionAbortedError,
  ConnectionRefusedError,
  ConnectionResetError,
  FileNotFoundError,
  gaierror,
  OSError,
  PermissionError,
  ProcessLookupError,
} from '../exceptions.js';

/**
 * The codes with their own class, as Python's OSError constructor picks its subclass from errno
 * (PEP 3151). Every other system code (ETIMEDOUT, EADDRINUSE, EHOSTUNREACH, …) is a plain OSError
 * carrying its code.
 */
const BY_CODE: Record<string, typeof OSError> = {
  ECONNREFUSED: ConnectionRefusedError,
  ECONNRESET: ConnectionResetError,
  ECONNABORTED: ConnectionAbortedError,
  EPIPE: BrokenPipeError,
  ESHUTDOWN: BrokenPipeError,
  ENOENT: FileNotFoundError,
  ESRCH: ProcessLookupError,
  EACCES: PermissionError,
  EPERM: PermissionError,
  // dns.lookup / dns.lookupService failures (getaddrinfo's EAI_* codes, as Node names them)
  ENOTFOUND: gaierror,
  EAI_AGAIN: gaierror,
  EAI_FAIL: gaierror,
  EAI_NONAME: gaierror,
  EAI_NODATA: gaierror,
  EAI_FAMILY: gaierror,
  EAI_SERVICE: gaierror,
  EAI_SOCKTYPE: gaierror,
  EAI_ADDRFAMILY: gaierror,
};

/** Wraps a Node error in the matching spec error class (an OSError), or returns non-system errors as they are. */
export function mapNodeError(error: unknown): Error {
  if (error instanceof OSError) return error;
  if (!(error instanceof Error)) return new OSError(String(error));
  const code = (error as NodeJS.ErrnoException).code;
  // Node's own errors (ERR_STREAM_…, ERR_SSL_…) are not system errors: they stay as they are.
  if (typeof code !== 'string' || code.startsWith('ERR_')) return error;
  const Class = BY_CODE[code] ?? OSError;
  const errno = (error as NodeJS.ErrnoException).errno;
  return new Class(error.message, {
    code,
    errno: typeof errno === 'number' ? errno : undefined,
    cause: error,
  });
}
