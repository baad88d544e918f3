// Twin of task-step-interleaving.py: the same trace, line for line.
import { type Coroutine, createTask, gather, getRunningLoop, run, sleep } from 'pep3156';

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  let it = 0;
  const tick = (): void => {
    it += 1;
    if (it < 30) loop.callSoon(tick);
  };
  loop.callSoon(tick);
  const fut = loop.createFuture<number>();
  const done = loop.createFuture<string>();
  done.setResult('already');

  function* sleeper(name: string, n: number): Coroutine<string> {
    for (let i = 0; i < n; i++) {
      console.log(`${it}: ${name} step ${i}`);
      yield* sleep(0);
    }
    console.log(`${it}: ${name} ends`);
    return name;
  }

  function* waiter(name: string): Coroutine<void> {
    const already = yield* done;
    console.log(`${it}: ${name} awaited the done future: ${already}`);
    console.log(`${it}: ${name} awaits fut`);
    const value = yield* fut;
    console.log(`${it}: ${name} resumed with ${value}`);
  }

  function* joiner(): Coroutine<void> {
    console.log(`${it}: joiner awaits a`);
    let value = yield* a;
    console.log(`${it}: joiner got ${value}`);
    value = yield* a;
    console.log(`${it}: joiner awaited a again: ${value}`);
  }

  const a = createTask(sleeper('a', 2));
  const w1 = createTask(waiter('w1'));
  const j = createTask(joiner());
  const w2 = createTask(waiter('w2'));
  loop.callSoon(() => console.log(`${it}: callback scheduled after the tasks`));
  console.log(`${it}: main created the tasks`);
  yield* sleep(0);
  console.log(`${it}: main settles fut`);
  loop.callSoon(() => console.log(`${it}: callback scheduled before set_result`));
  fut.setResult(1);
  yield* gather(a, w1, j, w2);
  console.log(`${it}: main done`);
}

await run(main());
