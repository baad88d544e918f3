// The playground: a small program on pep3156/core (the browser-safe core: loop, futures, tasks,
// locks) that the reader edits and runs in the browser, with its output and a timeline of which
// callback ran in which loop iteration. Props: `code` (the initial program, JavaScript: the names of
// pep3156/core are in scope, `loop` is a fresh loop, the program's value is awaited), `title`, and
// `autoRun` (run once on load: the explanation pages use it as a picture).
import { type ReactNode, useCallback, useEffect, useId, useState } from 'react';
import Timeline from './playground/Timeline';
import { type RunResult, runTraced } from './playground/trace';

type Result = RunResult & { output: string[] };

async function execute(code: string): Promise<Result> {
  const output: string[] = [];
  const result = await runTraced(code, (line) => output.push(line));
  return { ...result, output };
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
          <Timeline entries={result.entries} dropped={result.dropped} />
        </div>
      ) : null}
    </section>
  );
}
