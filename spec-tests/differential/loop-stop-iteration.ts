// Twin of loop-stop-iteration.py: the same trace, line for line.
import { newEventLoop } from 'pep3156';

const loop = newEventLoop();
let runs = 0;
const log = (name: string): void => console.log(`run ${runs}: ${name}`);
const stopper = (): void => {
  log('stopper calls stop()');
  loop.stop();
  loop.callSoon(log, 'scheduled by stopper');
};

loop.callSoon(log, 'a');
loop.callSoon(stopper);
loop.callSoon(log, 'b (ready before stop)');
loop.callLater(0, log, 'due timer');
runs = 1;
await loop.runForever();
runs = 2;
loop.callSoon(() => {
  log('c');
  loop.callSoon(log, 'd');
  loop.callSoon(() => loop.stop());
});
await loop.runForever();
runs = 3;
loop.stop();
loop.callSoon(() => {
  log('e');
  loop.callSoon(log, 'f (next iteration)');
});
await loop.runForever();
runs = 4;
const fut = loop.createFuture<string>();
loop.callSoon(() => {
  log('g settles fut');
  fut.setResult('value');
  loop.callSoon(log, 'h');
});
loop.callSoon(log, 'i');
console.log(`run_until_complete -> ${await loop.runUntilComplete(fut)}`);
runs = 5;
loop.callSoon(() => loop.stop());
await loop.runForever();
loop.close();
