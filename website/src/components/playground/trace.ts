// The playground's tracer: a loop on pep3156/core that records, for every callback it runs, the
// iteration it ran in, what it was and what it printed. What an entry is comes from what the tracer
// itself knows, never from Function.name (a minifier renames the library's functions):
// - a task step: the tracer made every task's coroutine (createTask wraps it), so it sees each
//   resumption and knows the task, by its name;
// - a callback of the program: its source text is part of the program the reader wrote;
// - anything else was scheduled by the library on its own behalf (a done callback, a sleep's
//   timer, runUntilComplete stopping the loop): a loop-internal callback, named by what it serves.
// Plain data, so it crosses from a Web Worker to the page as it is.
import * as core from 'pep3156/core';

/** The name under which a program finds the package when it imports it (see program.ts). */
export const PACKAGE = '__pep3156__';

export type EntryKind = 'callback' | 'timer' | 'task' | 'internal';

export interface Entry {
  iteration: number;
  kind: EntryKind;
  /** For a callback of the program: its name or its source; for a task step: the task's name. */
  label: string;
  /** For a task step: the task's name. */
  task?: string;
  /** What `print` wrote while it ran. */
  output: string[];
}

type AnyFn = (...args: unknown[]) => unknown;

const MAX_ENTRIES = 2000;

/** A loop that records every callback it runs, in order, with its iteration. */
export class TracingLoop extends core.BaseEventLoop {
  readonly entries: Entry[] = [];
  /** How many entries were dropped after MAX_ENTRIES (a program that runs for long). */
  dropped = 0;
  #current: Entry | null = null;
  readonly #program: string;
  readonly #print: AnyFn;

  /** `program` is the source the reader wrote (as run); `print` the function the program prints with. */
  constructor(program: string, print: AnyFn) {
    super(core.browserHost());
    this.#program = program;
    this.#print = print;
  }

  /** The entry running now, which `print` writes to. */
  get current(): Entry | null {
    return this.#current;
  }

  #record(kind: EntryKind, label: string, task?: string): Entry {
    const entry: Entry = { iteration: this.iterationCount, kind, label, output: [] };
    if (task !== undefined) entry.task = task;
    if (this.entries.length < MAX_ENTRIES) this.entries.push(entry);
    else this.dropped += 1;
    return entry;
  }

  /** What a callback is: the program's (by its name or source) or the library's (by its argument). */
  #describe(callback: AnyFn, args: unknown[], timer: boolean): { kind: EntryKind; label: string } {
    if (callback === this.#print) return { kind: timer ? 'timer' : 'callback', label: 'print' };
    const source = Function.prototype.toString.call(callback);
    if (source.length > 0 && this.#program.includes(source)) {
      const label = callback.name ? `${callback.name}()` : abbreviate(source);
      return { kind: timer ? 'timer' : 'callback', label };
    }
    const [first] = args;
    if (core.isFuture(first)) {
      const of = first instanceof core.Task ? first.getName() : 'a future';
      return { kind: 'internal', label: timer ? `timer for ${of}` : `done callback of ${of}` };
    }
    return { kind: 'internal', label: timer ? 'loop-internal timer' : 'loop-internal callback' };
  }

  #wrap(callback: AnyFn, args: unknown[], timer: boolean): AnyFn {
    return (...a: unknown[]) => {
      const { kind, label } = this.#describe(callback, args, timer);
      const previous = this.#current;
      this.#current = this.#record(kind, label);
      try {
        return callback(...a);
      } finally {
        this.#current = previous;
      }
    };
  }

  /** Called by a task's coroutine wrapper each time the task resumes. */
  #stepOf(task: string): Entry {
    const current = this.#current;
    // A task wakes through a loop-internal done callback of the future it awaited: that callback is
    // the task's step. A step from the ready queue runs with no wrapper around it.
    if (current !== null && current.kind === 'internal' && current.output.length === 0) {
      current.kind = 'task';
      current.label = task;
      current.task = task;
      return current;
    }
    return this.#record('task', task, task);
  }

  override callSoon<A extends unknown[]>(callback: (...args: A) => void, ...args: A): core.Handle {
    return super.callSoon(this.#wrap(callback as AnyFn, args, false), ...(args as unknown[]));
  }

  override callLater<A extends unknown[]>(
    delay: number,
    callback: (...args: A) => void,
    ...args: A
  ): core.TimerHandle {
    return super.callLater(delay, this.#wrap(callback as AnyFn, args, true), ...(args as unknown[]));
  }

  override callSoonThreadsafe<A extends unknown[]>(callback: (...args: A) => void, ...args: A): core.Handle {
    return super.callSoonThreadsafe(this.#wrap(callback as AnyFn, args, false), ...(args as unknown[]));
  }

  override callAt<A extends unknown[]>(
    when: number,
    callback: (...args: A) => void,
    ...args: A
  ): core.TimerHandle {
    return super.callAt(when, this.#wrap(callback as AnyFn, args, true), ...(args as unknown[]));
  }

  override createTask<T>(coro: core.TaskBody<T>, options?: { name?: string }): core.Task<T> {
    const holder: { task: core.Task<T> | null } = { task: null };
    const enter = (): (() => void) => {
      const previous = this.#current;
      this.#current = this.#stepOf(holder.task?.getName() ?? 'a task');
      return () => {
        this.#current = previous;
      };
    };
    const task = super.createTask(traced(coro, enter), options);
    holder.task = task;
    return task;
  }
}

/** A coroutine (or a task's function) that calls `enter()` before each resumption, `leave` after. */
function traced<T>(coro: core.TaskBody<T>, enter: () => () => void): core.TaskBody<T> {
  if (typeof coro === 'function') {
    return (() => {
      const leave = enter();
      try {
        return (coro as () => unknown)();
      } finally {
        leave();
      }
    }) as core.TaskBody<T>;
  }
  const gen = coro as Generator<unknown, T, unknown>;
  function* wrapper(): Generator<unknown, T, unknown> {
    let input: { throw: boolean; value: unknown } = { throw: false, value: undefined };
    for (;;) {
      const leave = enter();
      let r: IteratorResult<unknown, T>;
      try {
        r = input.throw ? gen.throw(input.value) : gen.next(input.value);
      } finally {
        leave();
      }
      if (r.done) return r.value;
      try {
        input = { throw: false, value: yield r.value };
      } catch (e) {
        input = { throw: true, value: e };
      }
    }
  }
  return wrapper() as unknown as core.TaskBody<T>;
}

function abbreviate(source: string): string {
  const oneLine = source.replace(/\s+/g, ' ').trim();
  return oneLine.length > 48 ? `${oneLine.slice(0, 47)}…` : oneLine;
}

export interface RunResult {
  entries: Entry[];
  dropped: number;
  error: string | null;
}

/**
 * Runs `program` (JavaScript: the names of pep3156/core are in scope, `loop` is a fresh tracing
 * loop, `print` writes a line, and so do the names of `extra`) and returns its trace. `onOutput`
 * receives each printed line as it is printed; `onStart` the list of entries, which grows as the
 * program runs.
 */
export async function runTraced(
  program: string,
  onOutput: (line: string) => void,
  extra: Record<string, unknown> = {},
  onStart: (entries: Entry[]) => void = () => {},
): Promise<RunResult> {
  let loop: TracingLoop | null = null;
  const print = (...xs: unknown[]): void => {
    const line = xs.map(show).join(' ');
    loop?.current?.output.push(line);
    onOutput(line);
  };
  const traced = new TracingLoop(program, print);
  loop = traced;
  // The program's first newEventLoop() is the traced loop, so a sample that makes its own loop
  // has its timeline too.
  let handed = false;
  const pkg = {
    ...core,
    newEventLoop: (): core.AbstractEventLoop => {
      if (handed) return core.newEventLoop();
      handed = true;
      return traced;
    },
  };
  const scope: Record<string, unknown> = {
    ...pkg,
    [PACKAGE]: pkg,
    loop,
    print,
    console: { log: print, error: print, warn: print, info: print },
    ...extra,
  };
  onStart(loop.entries);
  const names = Object.keys(scope).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
  let error: string | null = null;
  try {
    const body = new Function(...names, `return (async () => {\n${program}\n})();`) as (
      ...xs: unknown[]
    ) => Promise<unknown>;
    await body(...names.map((n) => scope[n]));
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  } finally {
    if (loop.isRunning()) loop.stop();
    else if (!loop.isClosed()) loop.close();
  }
  return { entries: loop.entries, dropped: loop.dropped, error };
}

function show(x: unknown): string {
  if (typeof x === 'string') return x;
  if (x instanceof Error) return `${x.name}: ${x.message}`;
  if (
    Array.isArray(x) ||
    (typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype)
  ) {
    try {
      return JSON.stringify(x);
    } catch {
      return String(x);
    }
  }
  if (typeof x === 'object' && x !== null && typeof (x as { toString?: unknown }).toString === 'function') {
    const s = String(x);
    if (s !== '[object Object]') return s;
  }
  try {
    return JSON.stringify(x) ?? String(x);
  } catch {
    return String(x);
  }
}
