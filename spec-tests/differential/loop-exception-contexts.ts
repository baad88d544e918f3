// Twin of loop-exception-contexts.py: the same trace, line for line (context keys in Python's
// snake_case: the spec maps source_traceback to sourceTraceback).
import { type ExceptionContext, type Future, type Handle, newEventLoop } from 'pep3156';

const loop = newEventLoop();
const handles = new Map<string, Handle>();
const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const pyList = (items: string[]): string => `[${items.map((s) => `'${s}'`).join(', ')}]`;
const py = (b: boolean): string => (b ? 'True' : 'False');

loop.setExceptionHandler((l, context: ExceptionContext) => {
  const which =
    (context.which as string | undefined) ??
    [...handles].find(([, h]) => h === context.handle)?.[0] ??
    'done callback';
  const exc = context.exception as Error | undefined;
  console.log(
    `${which}: keys=${pyList(Object.keys(context).map(snake).sort())} exception=${exc ? exc.constructor.name : 'None'}` +
      ` loop=${py(l === loop)} message=${py(Boolean(context.message))}`,
  );
});

class KeyError extends Error {}
class LookupError extends Error {}
class ZeroDivisionError extends Error {}
class ValueError extends Error {}
const kinds: Record<string, new (m: string) => Error> = {
  soon: ValueError,
  timer: KeyError,
  threadsafe: LookupError,
};
const fail = (kind: string): void => {
  throw new (kinds[kind] as new (m: string) => Error)(kind);
};

handles.set('soon', loop.callSoon(fail, 'soon'));
loop.callSoon(() => console.log('next callback runs'));
handles.set('timer', loop.callLater(0, fail, 'timer'));
handles.set('threadsafe', loop.callSoonThreadsafe(fail, 'threadsafe'));
const fut: Future<void> = loop.createFuture<void>();
fut.addDoneCallback(() => {
  throw new ZeroDivisionError('done callback');
});
fut.setResult();
loop.callSoon(() => loop.callExceptionHandler({ message: 'custom', which: 'custom', extra: 1 }));
loop.callLater(0.01, () => loop.stop());
await loop.runForever();
console.log('debug mode:');
loop.setDebug(true);
loop.slowCallbackDuration = 100;
handles.set('soon', loop.callSoon(fail, 'soon'));
handles.set('timer', loop.callLater(0, fail, 'timer'));
loop.callLater(0.01, () => loop.stop());
await loop.runForever();
loop.close();
