// The reference's mapping of Node's system errors to the spec's OSError classes
// (src/transports/errors.ts), beyond what the suite can provoke on loopback.
import { describe, expect, it } from 'vitest';
import {
  BrokenPipeError,
  ConnectionAbortedError,
  ConnectionRefusedError,
  ConnectionResetError,
  FileNotFoundError,
  OSError,
  ProcessLookupError,
} from '../src/exceptions.js';
import { mapNodeError } from '../src/transports/errors.js';

/** A Node-style system error. */
const system = (code: string, errno: number): Error =>
  Object.assign(new Error(`${code}: it failed`), { code, errno, syscall: 'read' });

describe('[transport.errors.mapping] Node system errors map to named OSError classes', () => {
  it.each([
    ['ECONNREFUSED', -111, ConnectionRefusedError],
    ['ECONNRESET', -104, ConnectionResetError],
    ['ECONNABORTED', -103, ConnectionAbortedError],
    ['EPIPE', -32, BrokenPipeError],
    ['ESHUTDOWN', -108, BrokenPipeError],
    ['ENOENT', -2, FileNotFoundError],
    ['ESRCH', -3, ProcessLookupError],
    ['ETIMEDOUT', -110, OSError],
    ['EADDRINUSE', -98, OSError],
    ['EHOSTUNREACH', -113, OSError],
  ] as const)('%s becomes %s, keeping code, errno, message and cause', (code, errno, Class) => {
    const original = system(code, errno);
    const mapped = mapNodeError(original) as OSError;
    expect(mapped).toBeInstanceOf(Class);
    expect(mapped).toBeInstanceOf(OSError);
    expect(mapped.constructor).toBe(Class);
    expect(mapped.name).toBe(Class.name);
    expect([mapped.code, mapped.errno, mapped.message, mapped.cause]).toEqual([
      code,
      errno,
      original.message,
      original,
    ]);
  });

  it("leaves Node's own ERR_* errors, errors without a code and spec errors as they are", () => {
    const internal = Object.assign(new Error('write after end'), { code: 'ERR_STREAM_WRITE_AFTER_END' });
    const plain = new RangeError('no code');
    const already = new ConnectionResetError('reset', { code: 'ECONNRESET' });
    expect(mapNodeError(internal)).toBe(internal);
    expect(mapNodeError(plain)).toBe(plain);
    expect(mapNodeError(already)).toBe(already);
  });

  it('wraps a thrown non-error in an OSError', () => {
    const mapped = mapNodeError('weird');
    expect(mapped).toBeInstanceOf(OSError);
    expect(mapped.message).toBe('weird');
  });
});
