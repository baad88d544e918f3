// The playground: a small program on pep3156/core (the browser-safe core: loop, futures, tasks,
// locks) that the reader edits and runs in the browser, with its output and a timeline of which
// callback ran in which loop iteration. Props: `code` (the initial program, JavaScript: the names of
// pep3156/core are in scope, `loop` is a fresh loop, the program's value is awaited), `title`, and
// `autoRun` (run once on load: the explanation pages use it as a picture).
import * as core from 'pep3156/core';
import { type ReactNode, useCallback, useEffect, useId, useState } from 'react';

interface Step {
  iteration: number;
  label: string;
}

/** A loop that records, for every callback it runs, the iteration it ran in. */
class TracingLoop extends core.BaseEventLoop {
  readonly steps: Step[] = [];
  constructor() {
    super(core.browserHost());
  }
  #wrap(callback: (...args: unknown[]) => void): (...args: unknown[]) => void {
    const name = callback.name.replace(/^#/, '');
    const label = name === 'stepFn' || name === 'wakeupFn' ? 'task step' : name || 'anonymous callback';
    return (...args: unknown[]) => {
      this.steps.push({ iteration: this.iterationCount, label });
      callback(...args);
    };
  }
  override callSoon<A extends unknown[]>(callback: (...args: A) => void, ...args: A): core.Handle {
    return super.callSoon(this.#wrap(callback as (...a: unknown[]) => void), ...(args as unknown[]));
  }
  override callAt<A extends unknown[]>(
    when: number,
    callback: (...args: A) => void,
    ...args: A
  ): core.TimerHandle {
    return super.callAt(when, this.#wrap(callback as (...a: unknown[]) => void), ...(args as unknown[]));
  }
}

type Result = { output: string[]; steps: Step[]; error: string | null };

async function execute(code: string): Promise<Result> {
  const output: string[] = [];
  const loop = new TracingLoop();
  const print = (...xs: unknown[]) => {
    output.push(xs.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' '));
  };
  const scope = { ...core, loop, print, console: { log: print, error: print } };
  const names = Object.keys(scope);
  let error: string | null = null;
  try {
    const body = new Function(...names, `return (async () => {\n${code}\n})();`) as (
      ...xs: unknown[]
    ) => Promise<unknown>;
    await body(...names.map((n) => (scope as Record<string, unknown>)[n]));
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  } finally {
    if (loop.isRunning()) loop.stop();
    else if (!loop.isClosed()) loop.close();
  }
  return { output, steps: loop.steps, error };
}

function Timeline({ steps }: { steps: Step[] }): ReactNode {
  const byIteration = new Map<number, string[]>();
  for (const s of steps) byIteration.set(s.iteration, [...(byIteration.get(s.iteration) ?? []), s.label]);
  if (byIteration.size === 0) return <p>No callbacks ran.</p>;
  return (
    <table className="playground__timeline">
      <caption>Which callback ran in which loop iteration</caption>
      <thead>
        <tr>
          <th scope="col">iteration</th>
          <th scope="col">callbacks, in order</th>
        </tr>
      </thead>
      <tbody>
        {[...byIteration.entries()].map(([iteration, labels]) => (
          <tr key={iteration}>
            <td>{iteration}</td>
            <td>{labels.join(' → ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function Playground({
  code,
  title = 'Playground',
  autoRun = false,
}: {
  code: string;
  title?: string;
  autoRun?: boolean;
}): ReactNode {
  const id = useId();
  const [source, setSource] = useState(code.trim());
  const [result, setResult] = useState<Result | null>(null);
  const [running, setRunning] = useState(false);
  const run = useCallback(async () => {
    setRunning(true);
    setResult(await execute(source));
    setRunning(false);
  }, [source]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: run once on load, with the initial code
  useEffect(() => {
    if (autoRun) void run();
  }, []);
  return (
    <section className="playground" aria-label={title}>
      <label htmlFor={id} className="playground__title">
        {title}
      </label>
      <textarea
        id={id}
        className="playground__editor"
        value={source}
        spellCheck={false}
        rows={Math.min(24, source.split('\n').length + 1)}
        onChange={(e) => setSource(e.target.value)}
      />
      <button
        type="button"
        className="button button--primary playground__run"
        onClick={() => void run()}
        disabled={running}
      >
        {running ? 'Running…' : 'Run'}
      </button>
      {result ? (
        <div className="playground__result">
          <pre className="playground__output" data-testid="playground-output">
            {[...result.output, ...(result.error ? [`error: ${result.error}`] : [])].join('\n') ||
              '(no output)'}
          </pre>
          <Timeline steps={result.steps} />
        </div>
      ) : null}
    </section>
  );
}
