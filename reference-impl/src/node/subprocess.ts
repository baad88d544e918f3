/**
 * Subprocesses (PEP 3156 § Pipes and Subprocesses, § Subprocess Transports, § Subprocess Protocol)
 * on `node:child_process`: `subprocessExec` / `subprocessShell` and their transport.
 *
 * Protocol calls, in this order (a small grammar):
 * `connectionMade → (pipeDataReceived(1|2) | pipeConnectionLost(0|1|2) | processExited)* → connectionLost(null)`,
 * where `pipeConnectionLost` comes once per pipe, after that pipe's last `pipeDataReceived`,
 * `processExited` once, and `connectionLost(null)` last, only after the exit and every pipe's loss.
 *
 * Differs from CPython: there is no SIGCHLD child watcher; the exit is Node's `'exit'` event of the
 * child. `stderr: 'stdout'` is emulated: the child gets its own stderr pipe, whose data is reported
 * as fd 1 (the relative order of stdout and stderr bytes is kept only per stream).
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';
import { FileNotFoundError, ProcessLookupError, ValueError } from '../exceptions.js';
import type { AbstractEventLoop, ProtocolFactory, StdioOption, SubprocessOptions } from '../spec/events.js';
import type { Future } from '../spec/futures.js';
import type { SubprocessProtocol } from '../spec/protocols.js';
import type { ReadTransport, SubprocessTransport, WriteTransport } from '../spec/transports.js';
import { mapNodeError } from '../transports/errors.js';
import { checkProtocol, guarded } from '../transports/guard.js';
import { ReadPipeTransport, WritePipeTransport } from '../transports/pipes.js';
import { asLoopCallback } from '../transports/socket-transport.js';

type Fd = 0 | 1 | 2;

function nodeStdio(
  name: 'stdin' | 'stdout' | 'stderr',
  value: StdioOption | undefined,
): 'pipe' | 'ignore' | 'inherit' {
  switch (value ?? 'pipe') {
    case 'pipe':
      return 'pipe';
    case 'devnull':
      return 'ignore';
    case 'inherit':
      return 'inherit';
    case 'stdout':
      if (name === 'stderr') return 'pipe';
      throw new ValueError(`${name}: 'stdout' is only allowed for stderr`);
    default:
      throw new ValueError(
        `${name} must be 'pipe', 'devnull', 'inherit' or (stderr only) 'stdout', got ${String(value)}`,
      );
  }
}

function spawnError(error: unknown): Error {
  const mapped = mapNodeError(error);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return new FileNotFoundError(mapped.message, { code, cause: error });
  return mapped;
}

/**
 * The transport of a child process started by `subprocessExec` / `subprocessShell`.
 * @example
 * ```ts
 * import { getRunningLoop, NodeSubprocessTransport, run, SubprocessProtocol } from 'pep3156';
 * class Exit extends SubprocessProtocol {
 *   readonly exited = getRunningLoop().createFuture<void>();
 *   override processExited(): void {
 *     this.exited.setResult(undefined);
 *   }
 * }
 * const code = await run(async () => {
 *   const [transport, protocol] = await getRunningLoop().subprocessShell(() => new Exit(), 'exit 7');
 *   console.log(transport instanceof NodeSubprocessTransport, transport.getPid() > 0); // true true
 *   await protocol.exited;
 *   transport.close();
 *   return transport.getReturncode();
 * });
 * console.log(code); // 7
 * ```
 * @see {@link https://peps.python.org/pep-3156/#subprocess-transports | PEP 3156 § Subprocess Transports}
 */
export class NodeSubprocessTransport implements SubprocessTransport {
  readonly #loop: AbstractEventLoop;
  #protocol: SubprocessProtocol;
  readonly #child: ChildProcess;
  readonly #pipes = new Map<Fd, ReadPipeTransport | WritePipeTransport>();
  /** Pipes (including a merged stderr) whose loss has not been seen yet. */
  #openPipes = 0;
  /** With `stderr: 'stdout'`: how many of stdout and the merged stderr are still open. */
  #stdoutParts = 0;
  #stdoutLossError: Error | null = null;
  #returncode: number | null = null;
  #exited = false;
  #closed = false;
  #finished = false;
  #exitWaiters: (() => void)[] = [];

  /** @internal */
  constructor(
    loop: AbstractEventLoop,
    protocol: SubprocessProtocol,
    child: ChildProcess,
    mergeStderr: boolean,
  ) {
    this.#loop = loop;
    this.#protocol = protocol;
    this.#child = child;
    child.on(
      'exit',
      guarded(loop, 'Unexpected error in the exit event of a subprocess', (code, signal) => {
        this.#returncode = code ?? -((signal && constants.signals[signal]) || 0);
        if (loop.isClosed()) return; // exited after the loop was closed: nothing more runs on it
        loop.callSoon(() => {
          this.#exited = true;
          this.#call('processExited');
          for (const wake of this.#exitWaiters.splice(0)) wake();
          this.#maybeFinish();
        });
      }),
    );
    // connectionMade is scheduled before the pipes' own callbacks, so it comes first.
    loop.callSoon(() => this.#call('connectionMade', this));
    const noop = () => {};
    if (child.stdin) {
      this.#openPipes += 1;
      const proto = {
        connectionMade: noop,
        connectionLost: (exc: Error | null) => this.#pipeLost(0, exc),
        pauseWriting: () => this.#call('pauseWriting'),
        resumeWriting: () => this.#call('resumeWriting'),
      };
      this.#pipes.set(0, new WritePipeTransport(loop, child.stdin, proto, noop));
    }
    const reader = (fd: 1 | 2, stream: NonNullable<ChildProcess['stdout']>, reportAs: 1 | 2) => {
      this.#openPipes += 1;
      if (reportAs === 1) this.#stdoutParts += 1;
      const proto = {
        connectionMade: noop,
        dataReceived: (data: Uint8Array) => this.#call('pipeDataReceived', reportAs, data),
        eofReceived: noop,
        connectionLost: (exc: Error | null) => this.#pipeLost(fd, exc, reportAs),
      };
      const transport = new ReadPipeTransport(loop, stream, proto, noop);
      if (fd === reportAs) this.#pipes.set(fd, transport);
      return transport;
    };
    if (child.stdout) reader(1, child.stdout, 1);
    if (child.stderr) reader(2, child.stderr, mergeStderr ? 1 : 2);
  }

  /** The child's process id. */
  getPid(): number {
    return this.#child.pid as number;
  }

  /** The exit code; a negative signal number if a signal ended it; `null` while it runs. */
  getReturncode(): number | null {
    return this.#returncode;
  }

  /** The transport of pipe `fd`: a WriteTransport for 0, ReadTransports for 1 and 2; `null` if none. */
  getPipeTransport(fd: 0 | 1 | 2): ReadTransport | WriteTransport | null {
    return this.#pipes.get(fd) ?? null;
  }

  /**
   * Sends `signal` (a name such as `'SIGINT'` or a number) to the child.
   * @throws {@link ProcessLookupError} if the child already exited.
   */
  sendSignal(signal: string | number): void {
    if (this.#returncode !== null) throw new ProcessLookupError('sendSignal: the process has exited');
    this.#child.kill(signal as NodeJS.Signals | number);
  }

  /** Sends SIGTERM. @throws {@link ProcessLookupError} if the child already exited. */
  terminate(): void {
    this.sendSignal('SIGTERM');
  }

  /** Sends SIGKILL. @throws {@link ProcessLookupError} if the child already exited. */
  kill(): void {
    this.sendSignal('SIGKILL');
  }

  /** Closes the pipes and kills the child if it still runs; `connectionLost(null)` follows its exit. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const pipe of this.#pipes.values()) pipe.close();
    if (this.#returncode === null && this.#child.exitCode === null && this.#child.signalCode === null)
      this.#child.kill('SIGKILL');
  }

  /** Whether `close()` was called. */
  isClosing(): boolean {
    return this.#closed;
  }

  /** `subprocess` is the Node ChildProcess; unknown names give the default. */
  getExtraInfo<T = unknown>(name: string, defaultValue?: T): T | unknown {
    return name === 'subprocess' ? this.#child : defaultValue;
  }

  /** Replaces the protocol. @throws TypeError if `protocol` is not an object. */
  setProtocol(protocol: SubprocessProtocol): void {
    checkProtocol(protocol, 'setProtocol');
    this.#protocol = protocol;
  }

  /** The protocol. */
  getProtocol(): SubprocessProtocol {
    return this.#protocol;
  }

  /** Resolves (through `onExit`) once the child exited and `processExited` was called. @internal */
  _onExit(onExit: () => void): void {
    if (this.#exited) onExit();
    else this.#exitWaiters.push(onExit);
  }

  #pipeLost(fd: Fd, exc: Error | null, reportAs: Fd = fd): void {
    this.#openPipes -= 1;
    if (reportAs === 1) {
      // stdout's loss is reported once, after the merged stderr's data too.
      this.#stdoutLossError ??= exc;
      this.#stdoutParts -= 1;
      if (this.#stdoutParts === 0) this.#call('pipeConnectionLost', 1, this.#stdoutLossError);
    } else this.#call('pipeConnectionLost', fd, exc);
    this.#maybeFinish();
  }

  /**
   * Calls `connectionLost(null)` right after the last of `processExited` and the pipe losses, in the
   * same loop callback (its callers are all loop callbacks): asyncio's `_try_finish` schedules it
   * with `call_soon` beside that last call, so the two run in the same iteration.
   */
  #maybeFinish(): void {
    if (this.#finished || !this.#exited || this.#openPipes > 0) return;
    this.#finished = true;
    this.#call('connectionLost', null);
  }

  #call(method: string, ...args: unknown[]): void {
    const protocol = this.#protocol as unknown as Record<string, ((...a: unknown[]) => unknown) | undefined>;
    const fn = protocol[method];
    if (typeof fn !== 'function') return;
    const error = asLoopCallback(this.#loop, () => {
      fn.apply(protocol, args);
    });
    if (error !== undefined)
      this.#loop.callExceptionHandler({
        message: `Exception in subprocess protocol.${method}()`,
        exception: error,
        transport: this,
        protocol: this.#protocol,
      });
  }
}

function start<P extends SubprocessProtocol>(
  loop: AbstractEventLoop,
  protocolFactory: ProtocolFactory<P>,
  what: string,
  launch: (
    stdio: ['pipe' | 'ignore' | 'inherit', 'pipe' | 'ignore' | 'inherit', 'pipe' | 'ignore' | 'inherit'],
  ) => ChildProcess,
  options: SubprocessOptions,
): Future<[SubprocessTransport, P]> {
  if (typeof protocolFactory !== 'function')
    throw new TypeError(`${what}: protocolFactory must be a function`);
  const stdio = [
    nodeStdio('stdin', options.stdin),
    nodeStdio('stdout', options.stdout),
    nodeStdio('stderr', options.stderr),
  ] as const;
  const merge = options.stderr === 'stdout';
  if (merge && stdio[1] !== 'pipe') throw new ValueError(`${what}: stderr 'stdout' needs stdout 'pipe'`);
  const future = loop.createFuture<[SubprocessTransport, P]>();
  let child: ChildProcess;
  try {
    child = launch([...stdio]);
  } catch (error) {
    future.setException(spawnError(error));
    return future;
  }
  if (child.pid === undefined) {
    // Node reports a failed spawn (ENOENT, EACCES) asynchronously.
    child.once('error', (error) => {
      if (!loop.isClosed()) loop.callSoon(() => future.done() || future.setException(spawnError(error)));
    });
    return future;
  }
  child.on('error', () => {
    // kill() of an exited child and similar late errors are reported by the methods themselves.
  });
  let protocol: P;
  try {
    protocol = protocolFactory();
    checkProtocol(protocol, 'subprocess');
  } catch (error) {
    child.kill('SIGKILL');
    future.setException(error instanceof Error ? error : new Error(String(error)));
    return future;
  }
  const transport = new NodeSubprocessTransport(loop, protocol, child, merge);
  // Scheduled after connectionMade (FIFO): the Future resolves once connectionMade ran.
  loop.callSoon(() => future.done() || future.setResult([transport, protocol]));
  return future;
}

/**
 * `loop.subprocessExec(protocolFactory, program, args, options)`: runs `program` with `args`
 * (no shell). Resolves to `[transport, protocol]` after `connectionMade`.
 * @throws TypeError if `program` is not a string or `args` not an array of strings;
 *   {@link ValueError} for a bad stdio option. The Future fails with {@link FileNotFoundError}
 *   if `program` does not exist.
 */
export function subprocessExec<P extends SubprocessProtocol>(
  loop: AbstractEventLoop,
  protocolFactory: ProtocolFactory<P>,
  program: string,
  args: readonly string[] = [],
  options: SubprocessOptions = {},
): Future<[SubprocessTransport, P]> {
  if (typeof program !== 'string' || program === '')
    throw new TypeError('subprocessExec: program must be a non-empty string');
  if (!Array.isArray(args) || args.some((a) => typeof a !== 'string'))
    throw new TypeError('subprocessExec: args must be an array of strings');
  return start(
    loop,
    protocolFactory,
    'subprocessExec',
    (stdio) => spawn(program, [...args], { stdio, cwd: options.cwd, env: options.env }),
    options,
  );
}

/**
 * `loop.subprocessShell(protocolFactory, cmd, options)`: runs `cmd` with `/bin/sh -c` (the
 * platform shell). Resolves to `[transport, protocol]` after `connectionMade`.
 * @throws TypeError if `cmd` is not a string; {@link ValueError} for a bad stdio option.
 */
export function subprocessShell<P extends SubprocessProtocol>(
  loop: AbstractEventLoop,
  protocolFactory: ProtocolFactory<P>,
  cmd: string,
  options: SubprocessOptions = {},
): Future<[SubprocessTransport, P]> {
  if (typeof cmd !== 'string') throw new TypeError('subprocessShell: cmd must be a string');
  return start(
    loop,
    protocolFactory,
    'subprocessShell',
    (stdio) => spawn(cmd, { stdio, shell: true, cwd: options.cwd, env: options.env }),
    options,
  );
}
