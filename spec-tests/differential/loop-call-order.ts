// Twin of loop-call-order.py: the same trace, line for line.
import { newEventLoop } from 'pep3156';

const loop = newEventLoop();
let it = 0;
const tick = (): void => {
  it += 1;
  if (it < 10) loop.callSoon(tick);
};
const log = (name: string): void => console.log(`${it}: ${name}`);
const nested = (): void => {
  log('nested (call_soon from a callback)');
  loop.callSoon(log, 'scheduled by nested');
  loop.callLater(0, log, 'call_later(0) from nested');
};

loop.callSoon(tick);
const now = loop.time();
loop.callLater(0, log, 'call_later(0) first');
loop.callSoon(log, 'call_soon a');
loop.callAt(now, log, 'call_at(now) second');
loop.callSoon(nested);
loop.callAt(now - 1, log, 'call_at(past)');
loop.callSoon(log, 'call_soon b');
const h = loop.callSoon(log, 'cancelled');
h.cancel();
loop.callLater(0.02, () => loop.stop());
await loop.runForever();
loop.close();
