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
  SSLCertVerificationError,
  SSLError,
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

/**
 * OpenSSL's certificate verification failures, as Node names them (X509_V_ERR_… without the
 * prefix), and Node's own host name check: Python's `SSLCertVerificationError`.
 */
const CERT_VERIFY = new Set([
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_CRL',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECRYPT_CRL_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_SIGNATURE_FAILURE',
  'CRL_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'CRL_NOT_YET_VALID',
  'CRL_HAS_EXPIRED',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'ERROR_IN_CRL_LAST_UPDATE_FIELD',
  'ERROR_IN_CRL_NEXT_UPDATE_FIELD',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
]);

/**
 * The spec class of a TLS failure, or `undefined`: a certificate that cannot be verified is an
 * {@link SSLCertVerificationError}, any other OpenSSL error (`ERR_SSL_…`) an {@link SSLError}.
 */
function tlsClass(code: string): typeof OSError | undefined {
  if (CERT_VERIFY.has(code)) return SSLCertVerificationError;
  if (code.startsWith('ERR_SSL_')) return SSLError;
  return undefined;
}

/**
 * Wraps a Node error in the matching spec error class (an OSError: TLS failures are an
 * {@link SSLError}), or returns Node's other own errors (`ERR_STREAM_…`) as they are.
 * @example
 * ```ts
 * import { ConnectionRefusedError, mapNodeError } from 'pep3156';
 * // A Node system error becomes the asyncio error its code names:
 * const nodeError = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
 *   code: 'ECONNREFUSED',
 * });
 * const err = mapNodeError(nodeError);
 * console.log(err instanceof ConnectionRefusedError, err.name); // true ConnectionRefusedError
 * ```
 */
export function mapNodeError(error: unknown): Error {
  if (error instanceof OSError) return error;
  if (!(error instanceof Error)) return new OSError(String(error));
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code !== 'string') return error;
  const tls = tlsClass(code);
  if (tls !== undefined) return new tls(error.message, { code, cause: error });
  // Node's own errors (ERR_STREAM_…) are not system errors: they stay as they are.
  if (code.startsWith('ERR_')) return error;
  const Class = BY_CODE[code] ?? OSError;
  const errno = (error as NodeJS.ErrnoException).errno;
  return new Class(error.message, {
    code,
    errno: typeof errno === 'number' ? errno : undefined,
    cause: error,
  });
}
