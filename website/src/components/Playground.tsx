// The playground: a small program on pep3156/core (the browser-safe core: loop, futures, tasks,
// locks) that the reader edits and runs, with its output as it is printed and a timeline of which
// callback ran in which loop iteration. The program runs in a Web Worker with a time budget and a
// Stop button that terminates it, so no program freezes the page; TypeScript is accepted (types
// are stripped). Props: `code` (the initial program: the names of pep3156/core are in scope,
// `loop` is a fresh loop, `print` writes a line, imports of pep3156 work), `title`, `autoRun` (run
// once on load: the explanation pages use it as a picture) and `budget` (seconds, default 5).
import useBaseUrl from '@docusaurus/useBaseUrl';
import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { encodeCode } from './playground/link';
import Timeline from './playground/Timeline';
import type { Entry } from './playground/trace';
import type { FromWorker } from './playground/worker';

type State = 'idle' | 'running' | 'done' | 'stopped';

export default function Playground({
  code,
  title = 'Playground',
  autoRun = false,
  budget = 5,
}: {
  code: string;
  title?: string;
  autoRun?: boolean;
  budget?: number;
}): ReactNode {
  const id = useId();
  const initial = code.trim();
  const [source, setSource] = useState(initial);
  const [lines, setLines] = useState<string[]>([]);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [dropped, setDropped] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [state, setState] = useState<State>('idle');
  const [shared, setShared] = useState<string | null>(null);
  const worker = useRef<Worker | null>(null);
  const deadline = useRef<ReturnType<typeof setTimeout> | null>(null);
  const playgroundUrl = useBaseUrl('/playground');

  const finish = useCallback((next: State, message: string | null) => {
    if (deadline.current !== null) clearTimeout(deadline.current);
    deadline.current = null;
    worker.current?.terminate();
    worker.current = null;
    setError(message);
    setState(next);
  }, []);

  const stop = useCallback(
    (why: string) => {
      if (worker.current !== null) finish('stopped', why);
    },
    [finish],
  );

  const run = useCallback(() => {
    worker.current?.terminate();
    setLines([]);
    setEntries([]);
    setDropped(0);
    setError(null);
    setState('running');
    const w = new Worker(new URL('./playground/worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    w.onmessage = (e: MessageEvent<FromWorker>) => {
      if (worker.current !== w) return;
      const m = e.data;
      if (m.type === 'line') setLines((l) => [...l, m.line]);
      else if (m.type === 'entries') setEntries((l) => [...l, ...m.entries]);
      else {
        setDropped(m.dropped);
        finish('done', m.error);
      }
    };
    w.onerror = (e) => {
      e.preventDefault();
      if (worker.current === w) finish('done', e.message || 'the program failed');
    };
    deadline.current = setTimeout(
      () => stop(`stopped: the program ran for its ${budget} s time budget (a loop that never stops?)`),
      budget * 1000,
    );
    w.postMessage({ code: source });
  }, [source, budget, finish, stop]);

  useEffect(() => () => worker.current?.terminate(), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: run once on load, with the initial code
  useEffect(() => {
    if (autoRun) run();
  }, []);

  const share = (): void => {
    const url = `${window.location.origin}${playgroundUrl}#code=${encodeCode(source)}`;
    setShared(url);
    void navigator.clipboard?.writeText(url).catch(() => {});
  };

  const output = [...lines, ...(error ? [error.startsWith('stopped') ? error : `error: ${error}`] : [])];
  return (
    <section className="playground" aria-label={title} data-state={state}>
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
      <div className="playground__buttons">
        <button
          type="button"
          className="button button--primary playground__run"
          onClick={run}
          disabled={state === 'running'}
        >
          {state === 'running' ? 'Running…' : 'Run'}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => stop('stopped by you')}
          disabled={state !== 'running'}
        >
          Stop
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setSource(initial);
            setShared(null);
          }}
          disabled={source === initial}
        >
          Reset
        </button>
        <button type="button" className="button button--secondary" onClick={share}>
          Share
        </button>
      </div>
      {shared ? (
        <p className="playground__share">
          Link to this program (copied):{' '}
          <a href={shared} data-testid="playground-link">
            open
          </a>
        </p>
      ) : null}
      {state === 'idle' ? null : (
        <div className="playground__result">
          <pre className="playground__output" data-testid="playground-output" aria-live="polite">
            {output.join('\n') || (state === 'running' ? '' : '(no output)')}
          </pre>
          {state === 'running' && entries.length === 0 ? null : (
            <Timeline entries={entries} dropped={dropped} />
          )}
        </div>
      )}
    </section>
  );
}
