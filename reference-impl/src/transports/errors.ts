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
} from '../exceptions.js';

const BY_CODE: Record<string, typeof OSError> = {
  ECONNREFUSED: ConnectionRefusedError,
  ECONNRESET: ConnectionResetError,
  ECONNABORTED: ConnectionAbortedError,
  EPIPE: BrokenPipeError,
  ENOENT: FileNotFoundError,
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
  if (typeof code !== 'string') return error;
  const Class = BY_CODE[code] ?? OSError;
  const errno = (error as NodeJS.ErrnoException).errno;
  return new Class(error.message, {
    code,
    errno: typeof errno === 'number' ? errno : undefined,
    cause: error,
  });
}
