/**
 * How a run's records describe what happened: an error's class, message and top frames, its
 * location in the suite's tests, and expected/actual values on one line when they fit.
 * @module
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_DIR } from './package-info.js';
import { type ErrorInfo, MAX_FRAMES } from './report.js';
import type { WorkerError } from './worker-protocol.js';

/**
 * A value as vitest prints it (one element per line) on one line when it fits in `width`:
 * `[\n  1,\n  2,\n]` → `[ 1, 2 ]`. A value holding a multi-line string stays as it is.
 */
export function compactValue(text: string, width = 100): string {
  if (!text.includes('\n')) return text;
  const lines = text.split('\n').map((l) => l.trim());
  // A line with an odd number of unescaped quotes is inside a multi-line string: joining would change it.
  if (lines.some((l) => (l.replace(/\\./g, '').match(/"/g)?.length ?? 0) % 2 === 1)) return text;
  const one = lines.join(' ').replace(/,\s*(?=[\]}])/g, ' ');
  return one.length <= width ? one : text;
}

/** An error's message, or its class when the message is empty (a bare `CancelledError`). */
export function messageOf(e: WorkerError): string {
  return e.message || `${e.name || 'Error'} (no message)`;
}

/** Frames that belong to vitest, Node or the suite's own machinery: never the implementation's. */
const MACHINERY_FRAME =
  /node:internal|node_modules[\\/](?:vitest|@vitest|vite|tinypool|tinyspy|tsx)[\\/]|^at (?:new Promise|process\.processTicksAndRejections|async Promise\.all)/;

/** The class, message and top frames of an error, as every report shows them. */
export function errorInfo(e: WorkerError): ErrorInfo {
  const own = path.join(PACKAGE_DIR, 'src') + path.sep;
  const built = path.join(PACKAGE_DIR, 'dist') + path.sep;
  const frames = (e.stack ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .map((line) => line.replace(/file:\/\/(\/[^\s():]+)/g, (_, p: string) => decodeURI(p)))
    .filter((line) => !MACHINERY_FRAME.test(line) && !line.includes(own) && !line.includes(built))
    .slice(0, MAX_FRAMES);
  return { name: e.name || 'Error', message: e.message, frames };
}

/** `tests/loop/x.test.ts:12:7` from a stack, when a frame points into the suite's tests. */
export function locationOf(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  for (const line of stack.split('\n')) {
    const m = /\(?((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (!m) continue;
    const file = m[1].startsWith('file:') ? fileURLToPath(m[1]) : m[1];
    if (file.startsWith(PACKAGE_DIR) && /\.test\.[cm]?[jt]s$/.test(file))
      return `${toPosix(path.relative(PACKAGE_DIR, file))}:${m[2]}:${m[3]}`;
  }
  return undefined;
}

const toPosix = (p: string) => p.split(path.sep).join('/');
