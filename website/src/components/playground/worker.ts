// The playground's Web Worker: compiles the program (TypeScript accepted), runs it on a tracing
// loop, and posts what it prints as it prints it, the timeline in batches, and the end. The page
// terminates the worker when the time budget runs out or the reader presses Stop, so a program
// that never ends (`while (true) {}`, `runForever()` with no stop) cannot freeze the tab.
import { compile } from './program';
import { type Entry, runTraced } from './trace';

export type FromWorker =
  | { type: 'line'; line: string }
  | { type: 'entries'; entries: Entry[] }
  | { type: 'done'; error: string | null; dropped: number };

const MAX_LINES = 2000;

interface WorkerScope {
  onmessage: ((e: MessageEvent<{ code: string }>) => void) | null;
  postMessage(message: FromWorker): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = async (e) => {
  let js: string;
  try {
    js = compile(e.data.code);
  } catch (error) {
    scope.postMessage({ type: 'done', error: `SyntaxError: ${(error as Error).message}`, dropped: 0 });
    return;
  }
  let lines = 0;
  let sent = 0;
  let entries: Entry[] = [];
  // Entries go out once they are complete (all but the one running), every 100 ms.
  const flush = (all: boolean): void => {
    const upTo = all ? entries.length : Math.max(sent, entries.length - 1);
    if (upTo > sent) scope.postMessage({ type: 'entries', entries: entries.slice(sent, upTo) });
    sent = upTo;
  };
  const timer = setInterval(() => flush(false), 100);
  const result = await runTraced(
    js,
    (line) => {
      lines += 1;
      if (lines <= MAX_LINES) scope.postMessage({ type: 'line', line });
      else if (lines === MAX_LINES + 1)
        scope.postMessage({ type: 'line', line: '… (more output not shown)' });
    },
    {},
    (list) => {
      entries = list;
    },
  );
  clearInterval(timer);
  entries = result.entries;
  flush(true);
  scope.postMessage({ type: 'done', error: result.error, dropped: result.dropped });
};
