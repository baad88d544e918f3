// Chapter 1: the event loop runs callbacks. TypeScript twin of 01-first-loop.py.
import { newEventLoop } from 'pep3156';

function hello(name: string): void {
  console.log(`hello ${name}`);
}

const loop = newEventLoop();
loop.callSoon(hello, 'first');
loop.callLater(0.02, hello, 'later');
loop.callSoon(hello, 'second');
loop.callLater(0.04, () => loop.stop());
await loop.runForever(); // JavaScript cannot block: runForever returns a Promise
loop.close();
console.log('loop closed');
