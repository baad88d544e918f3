// Twin of sync-condition-wait-for.py: the same trace, line for line.
import { Condition, type Coroutine, getRunningLoop, run, sleep } from 'pep3156';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 40) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const cond = new Condition();
  let value = 0;

  const predicate = (): number | false => {
    console.log(`${it}: predicate sees ${value}, locked=${cond.locked() ? 'True' : 'False'}`);
    return value >= 2 && value;
  };

  function* checker(): Coroutine<void> {
    yield* cond.with(function* () {
      const r = yield* cond.waitFor(predicate);
      console.log(`${it}: checker got ${r}`);
    });
  }

  const t = loop.createTask(checker());
  for (let i = 0; i < 3; i++) {
    yield* sleep(0);
    yield* cond.with(function* () {
      value += 1;
      cond.notifyAll();
      console.log(`${it}: main set ${value}`);
    });
  }
  yield* t;
  console.log(`${it}: done`);
}

await run(main());
