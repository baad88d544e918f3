// Twin of loop-cancel-in-iteration.py: the same trace, line for line.
import { newEventLoop } from 'pep3156';

const loop = newEventLoop();
let it = 0;
const tick = (): void => {
  it += 1;
  if (it < 10) loop.callSoon(tick);
  else loop.stop();
};
const log = (name: string): void => console.log(`${it}: ${name}`);
const py = (b: boolean): string => (b ? 'True' : 'False');

loop.callSoon(tick);
const timer = loop.callLater(0, log, 'timer (cancelled in the same iteration)');
const canceller = (): void => {
  log('canceller cancels the queued callback and the due timer');
  victim.cancel();
  victim.cancel();
  timer.cancel();
  console.log(`${it}: cancelled: ${py(victim.cancelled())} ${py(timer.cancelled())}`);
};
loop.callSoon(canceller);
const victim = loop.callSoon(log, 'victim (never runs)');
const ran = loop.callSoon(log, 'ran');
const after = (): void => {
  ran.cancel();
  console.log(`${it}: cancelling a handle that ran: cancelled=${py(ran.cancelled())}`);
};
loop.callSoon(() => loop.callSoon(after));
await loop.runForever();
loop.close();
