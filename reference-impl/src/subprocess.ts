/**
 * High-level subprocesses (asyncio.subprocess): `createSubprocessExec` / `createSubprocessShell`
 * resolve to a {@link Process} whose `stdout`/`stderr` are StreamReaders and `stdin` a StreamWriter.
 *
 * Built only on the loop's public interface (`subprocessExec`, `subprocessShell`, `createTask`),
 * so it runs on any loop that supports subprocesses; it imports no `node:` module.
 * @module
 */
import { getRunningLoop } from './events/running-loop.js';
import { Future } from './futures.js';
import type { AbstractEventLoop, SubprocessOptions } from './spec/events.js';
import type { Coroutine, Future as FutureSpec } from './spec/futures.js';
import type { SubprocessProtocol } from './spec/protocols.js';
import type { SubprocessTransport, Transport } from './spec/transports.js';
import { DEFAULT_LIMIT, StreamReader, StreamReaderProtocol, StreamWriter } from './streams.js';

/** Options of {@link createSubprocessExec} and {@link createSubprocessShell}. */
export interface CreateSubprocessOptions extends SubprocessOptions {
  /**
   * The StreamReaders' buffer limit in bytes.
   * @defaultValue 64 KiB
   */
  limit?: number;
  /** The loop; default: the running loop. */
  loop?: AbstractEventLoop;
}

/** Feeds a Process's streams from the subprocess protocol calls (asyncio's SubprocessStreamProtocol). */
class SubprocessStreamProtocol implements SubprocessProtocol {
  readonly #loop: AbstractEventLoop;
  readonly #limit: number;
  stdin: StreamWriter | null = null;
  stdout: StreamReader | null = null;
  stderr: StreamReader | null = null;
  #stdinProtocol: StreamReaderProtocol | null = null;
  readonly #exitWaiters: (() => void)[] = [];
  #exited = false;

  constructor(limit: number, loop: AbstractEventLoop) {
    this.#limit = limit;
    this.#loop = loop;
  }

  connectionMade(transport: SubprocessTransport): void {
    const loop = this.#loop;
    for (const fd of [1, 2] as const) {
      const pipe = transport.getPipeTransport(fd);
      if (pipe === null) continue;
      const reader = new StreamReader({ limit: this.#limit, loop });
      reader.setTransport(pipe as unknown as Transport);
      if (fd === 1) this.stdout = reader;
      else this.stderr = reader;
    }
    const stdin = transport.getPipeTransport(0);
    if (stdin !== null) {
      const proto = new StreamReaderProtocol(new StreamReader({ loop }), null, loop);
      proto.connectionMade(stdin as unknown as Transport);
      this.#stdinProtocol = proto;
      this.stdin = new StreamWriter(stdin as unknown as Transport, proto, null, loop);
    }
  }

  pipeDataReceived(fd: 1 | 2, data: Uint8Array): void {
    (fd === 1 ? this.stdout : this.stderr)?.feedData(data);
  }

  pipeConnectionLost(fd: 0 | 1 | 2, exc: Error | null): void {
    if (fd === 0) {
      this.#stdinProtocol?.connectionLost(exc);
      return;
    }
    const reader = fd === 1 ? this.stdout : this.stderr;
    if (reader === null) return;
    if (exc === null) reader.feedEof();
    else reader.setException(exc);
  }

  pauseWriting(): void {
    this.#stdinProtocol?.pauseWriting();
  }

  resumeWriting(): void {
    this.#stdinProtocol?.resumeWriting();
  }

  processExited(): void {
    this.#exited = true;
    for (const wake of this.#exitWaiters.splice(0)) wake();
  }

  /** Calls `wake` once the process exited. */
  onExit(wake: () => void): void {
    if (this.#exited) wake();
    else this.#exitWaiters.push(wake);
  }
}

const isIgnorableWriteError = (e: unknown) =>
  e instanceof Error && (e.name === 'BrokenPipeError' || e.name === 'ConnectionResetError');

/**
 * A child process started by {@link createSubprocessExec} or {@link createSubprocessShell}
 * (asyncio's `asyncio.subprocess.Process`).
 * @remarks As in CPython, `wait()` with `stdout: 'pipe'` can deadlock if the child writes more than
 * the pipe and the reader's buffer hold and nobody reads: use `communicate()` then.
 * @example
 * ```ts
 * import { createSubprocessExec, run } from 'pep3156';
 * async function main(): Promise<string> {
 *   const proc = await createSubprocessExec('sort', [], { stdin: 'pipe', stdout: 'pipe' });
 *   const [out] = await proc.communicate(new TextEncoder().encode('pear\napple\n'));
 *   const lines = new TextDecoder().decode(out ?? new Uint8Array()).trim().split('\n');
 *   return `exit ${proc.returncode}: ${lines.join(', ')}`;
 * }
 * console.log(await run(main)); // exit 0: apple, pear
 * ```
 * @see {@link https://docs.python.org/3/library/asyncio-subprocess.html | asyncio subprocesses}
 */
export class Process {
  readonly #transport: SubprocessTransport;
  readonly #protocol: SubprocessStreamProtocol;
  readonly #loop: AbstractEventLoop;

  /** @internal */
  constructor(transport: SubprocessTransport, protocol: SubprocessStreamProtocol, loop: AbstractEventLoop) {
    this.#transport = transport;
    this.#protocol = protocol;
    this.#loop = loop;
  }

  /** The process id. */
  get pid(): number {
    return this.#transport.getPid();
  }
  /** The child's stdin, with `stdin: 'pipe'`; otherwise `null`. */
  get stdin(): StreamWriter | null {
    return this.#protocol.stdin;
  }
  /** The child's stdout, with `stdout: 'pipe'`; otherwise `null`. */
  get stdout(): StreamReader | null {
    return this.#protocol.stdout;
  }
  /** The child's stderr, with `stderr: 'pipe'`; otherwise `null` (also when merged into stdout). */
  get stderr(): StreamReader | null {
    return this.#protocol.stderr;
  }
  /** The exit status; `-n` if signal `n` ended the process; `null` while it runs. */
  get returncode(): number | null {
    return this.#transport.getReturncode();
  }

  /** Resolves to the exit status once the process exited. */
  wait(): FutureSpec<number> {
    const f = new Future<number>(this.#loop);
    this.#protocol.onExit(() => {
      if (!f.done()) f.setResult(this.#transport.getReturncode() as number);
    });
    return f;
  }

  /**
   * Writes `input` (if any) to stdin and closes it, reads stdout and stderr to their ends, waits for
   * the exit, and resolves to `[stdout, stderr]` (`null` for a stream that is not a pipe).
   */
  communicate(input?: Uint8Array | null): FutureSpec<[stdout: Uint8Array | null, stderr: Uint8Array | null]> {
    if (input != null && !(input instanceof Uint8Array))
      throw new TypeError('communicate: input must be a Uint8Array');
    const self = this;
    const loop = this.#loop;
    const feed = function* (): Coroutine<null> {
      const stdin = self.stdin;
      if (stdin === null) return null;
      try {
        if (input != null && input.length > 0) {
          stdin.write(input);
          yield* stdin.drain();
        }
      } catch (e) {
        if (!isIgnorableWriteError(e)) throw e;
      }
      stdin.close();
      return null;
    };
    const readAll = (reader: StreamReader | null): FutureSpec<Uint8Array | null> => {
      if (reader === null) {
        const f = new Future<Uint8Array | null>(loop);
        f.setResult(null);
        return f;
      }
      return reader.read(-1);
    };
    return loop.createTask(
      (function* (): Coroutine<[Uint8Array | null, Uint8Array | null]> {
        const fed = loop.createTask(feed());
        const out = readAll(self.stdout);
        const err = readAll(self.stderr);
        yield* fed;
        const stdout = yield* out;
        const stderr = yield* err;
        yield* self.wait();
        return [stdout, stderr];
      })(),
    );
  }

  /** Sends `signal` to the process. @throws ProcessLookupError if it has exited. */
  sendSignal(signal: string | number): void {
    this.#transport.sendSignal(signal);
  }
  /** Sends SIGTERM. @throws ProcessLookupError if it has exited. */
  terminate(): void {
    this.#transport.terminate();
  }
  /** Sends SIGKILL. @throws ProcessLookupError if it has exited. */
  kill(): void {
    this.#transport.kill();
  }
}

function create(
  options: CreateSubprocessOptions,
  start: (
    loop: AbstractEventLoop,
    factory: () => SubprocessStreamProtocol,
    rest: SubprocessOptions,
  ) => FutureSpec<[SubprocessTransport, SubprocessStreamProtocol]>,
): FutureSpec<Process> {
  const { limit = DEFAULT_LIMIT, loop: given, ...rest } = options;
  const loop = given ?? getRunningLoop();
  const io: SubprocessOptions = { stdin: 'inherit', stdout: 'inherit', stderr: 'inherit', ...rest };
  const started = start(loop, () => new SubprocessStreamProtocol(limit, loop), io);
  return loop.createTask(
    (function* (): Coroutine<Process> {
      const [transport, protocol] = yield* started;
      return new Process(transport, protocol, loop);
    })(),
  );
}

/**
 * Starts `program` with `args` (no shell) and resolves to a {@link Process}.
 * @remarks As in CPython, stdin, stdout and stderr default to `'inherit'`; pass `'pipe'` to get streams.
 * @throws whatever `loop.subprocessExec` throws (TypeError for a bad program or args).
 * @example
 * ```ts
 * import { createSubprocessExec, run } from 'pep3156';
 * async function main(): Promise<string> {
 *   const proc = await createSubprocessExec('echo', ['hi'], { stdout: 'pipe' });
 *   const [out] = await proc.communicate();
 *   return new TextDecoder().decode(out ?? new Uint8Array());
 * }
 * console.log(await run(main)); // hi
 * ```
 */
export function createSubprocessExec(
  program: string,
  args: readonly string[] = [],
  options: CreateSubprocessOptions = {},
): FutureSpec<Process> {
  return create(options, (loop, factory, io) => loop.subprocessExec(factory, program, args, io));
}

/**
 * Runs `cmd` through the shell and resolves to a {@link Process}.
 * @remarks stdin, stdout and stderr default to `'inherit'`, as in CPython.
 * @example
 * ```ts
 * import { createSubprocessShell, run } from 'pep3156';
 * async function main(): Promise<number> {
 *   const proc = await createSubprocessShell('ls /no/such/dir 2>/dev/null; exit 3');
 *   return await proc.wait();
 * }
 * console.log(await run(main)); // 3
 * ```
 */
export function createSubprocessShell(
  cmd: string,
  options: CreateSubprocessOptions = {},
): FutureSpec<Process> {
  return create(options, (loop, factory, io) => loop.subprocessShell(factory, cmd, io));
}
