// Core benchmarks (issue: the core). One case per process: `node --import tsx bench/core.bench.ts <case> <impl>`,
// where impl is `ours` (pep3156) or `node` (the raw Node.js baseline doing the same work).
// Prints one JSON line: { case, impl, ops, seconds, opsPerSec, maxRssMB, extra }.
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  type Coroutine,
  ensureFuture,
  gather,
  newEventLoop,
  Protocol,
  sleep,
  type TimerHandle,
} from 'pep3156';

const [kase, impl] = process.argv.slice(2);

/** CPU time (user + system, this process) when the case began: a loaded machine stretches wall time more. */
let cpuAtStart = 0;
function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function report(ops: number, seconds: number, extra: Record<string, unknown> = {}): void {
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  const cpuSeconds = cpuNow() - cpuAtStart;
  console.log(
    JSON.stringify({
      case: kase,
      impl,
      ops,
      seconds,
      opsPerSec: ops / seconds,
      cpuSeconds,
      maxRssMB,
      ...extra,
    }),
  );
}

const cases: Record<string, Record<string, () => Promise<void>>> = {
  'callbacks-batched': {
    async ours() {
      const N = 1_000_000;
      const loop = newEventLoop();
      let n = 0;
      const cb = () => {
        if (++n === N) loop.stop();
      };
      const t0 = performance.now();
      for (let i = 0; i < N; i++) loop.callSoon(cb);
      await loop.runForever();
      report(N, (performance.now() - t0) / 1000);
      loop.close();
    },
    async node() {
      const N = 1_000_000;
      let n = 0;
      const t0 = performance.now();
      await new Promise<void>((resolve) => {
        const cb = () => {
          if (++n === N) resolve();
        };
        for (let i = 0; i < N; i++) setImmediate(cb);
      });
      report(N, (performance.now() - t0) / 1000);
    },
  },
  'callbacks-chained': {
    async ours() {
      const N = 1_000_000;
      const loop = newEventLoop();
      let n = 0;
      const cb = () => {
        if (++n === N) loop.stop();
        else loop.callSoon(cb);
      };
      const t0 = performance.now();
      loop.callSoon(cb);
      await loop.runForever();
      report(N, (performance.now() - t0) / 1000);
      loop.close();
    },
    async node() {
      const N = 1_000_000;
      let n = 0;
      const t0 = performance.now();
      await new Promise<void>((resolve) => {
        const cb = () => {
          if (++n === N) resolve();
          else setImmediate(cb);
        };
        setImmediate(cb);
      });
      report(N, (performance.now() - t0) / 1000);
    },
  },
  'io-latency-under-load': {
    async ours() {
      // A saturating chain of callbacks runs for 1 s while a loopback client sends a timestamp every
      // 5 ms; the protocol measures how late each one is delivered.
      const loop = newEventLoop();
      let spins = 0;
      let stopAt = 0;
      const spin = () => {
        spins += 1;
        if (performance.now() < stopAt) loop.callSoon(spin);
      };
      const delays: number[] = [];
      class Sink extends Protocol {
        override dataReceived(data: Uint8Array): void {
          const now = performance.now();
          for (const line of Buffer.from(data).toString().split('\n'))
            if (line) delays.push(now - Number(line));
        }
      }
      function* main(): Coroutine<void> {
        const server = yield* loop.createServer(() => new Sink(), '127.0.0.1', 0);
        const [, port] = server.sockets[0].getsockname() as [string, number];
        const client = connect(port, '127.0.0.1');
        client.setNoDelay(true);
        yield* sleep(0.05);
        stopAt = performance.now() + 1000;
        loop.callSoon(spin);
        // The client writes from Node timers, outside the loop, like any external I/O source.
        const timer = setInterval(() => client.write(`${performance.now()}\n`), 5);
        yield* sleep(1.05);
        clearInterval(timer);
        client.destroy();
        server.close();
      }
      const t0 = performance.now();
      await loop.runUntilComplete(main());
      loop.close();
      const sorted = [...delays].sort((a, b) => a - b);
      report(spins, (performance.now() - t0) / 1000, {
        samples: delays.length,
        maxDelayMs: sorted.at(-1),
        p50DelayMs: sorted[Math.floor(sorted.length / 2)],
      });
    },
  },
  timers: {
    async ours() {
      const N = 200_000;
      const loop = newEventLoop();
      let n = 0;
      const cb = () => {
        if (++n === N) loop.stop();
      };
      const t0 = performance.now();
      for (let i = 0; i < N; i++) loop.callLater(Math.random() * 0.05, cb);
      await loop.runForever();
      report(N, (performance.now() - t0) / 1000);
      loop.close();
    },
    async node() {
      const N = 200_000;
      let n = 0;
      const t0 = performance.now();
      await new Promise<void>((resolve) => {
        const cb = () => {
          if (++n === N) resolve();
        };
        for (let i = 0; i < N; i++) setTimeout(cb, Math.random() * 50);
      });
      report(N, (performance.now() - t0) / 1000);
    },
  },
  'timers-cancelled': {
    // The asyncio pattern of timeouts that rarely expire: while the loop runs, 100 batches of 1000
    // timers at 10-50 ms; the next iteration cancels 19 in 20 of the previous batch (its work was
    // done first), so 95 % are cancelled before they are due and 5k fire.
    async ours() {
      const N = 100_000;
      const BATCH = 1000;
      const loop = newEventLoop();
      let fired = 0;
      let scheduled = 0;
      const cb = () => {
        if (++fired === N / 20) loop.stop();
      };
      let previous: TimerHandle[] = [];
      const batch = () => {
        for (let i = 0; i < previous.length; i++) if (i % 20 !== 0) previous[i].cancel();
        if (scheduled === N) return;
        const handles: TimerHandle[] = [];
        for (let i = 0; i < BATCH; i++) handles.push(loop.callLater(0.01 + Math.random() * 0.04, cb));
        scheduled += BATCH;
        previous = handles;
        loop.callSoon(batch);
      };
      const t0 = performance.now();
      loop.callSoon(batch);
      await loop.runForever();
      report(N, (performance.now() - t0) / 1000);
      loop.close();
    },
    async node() {
      const N = 100_000;
      const BATCH = 1000;
      let fired = 0;
      let scheduled = 0;
      const t0 = performance.now();
      await new Promise<void>((resolve) => {
        const cb = () => {
          if (++fired === N / 20) resolve();
        };
        let previous: NodeJS.Timeout[] = [];
        const batch = () => {
          for (let i = 0; i < previous.length; i++) if (i % 20 !== 0) clearTimeout(previous[i]);
          if (scheduled === N) return;
          const handles: NodeJS.Timeout[] = [];
          for (let i = 0; i < BATCH; i++) handles.push(setTimeout(cb, 10 + Math.random() * 40));
          scheduled += BATCH;
          previous = handles;
          setImmediate(batch);
        };
        setImmediate(batch);
      });
      report(N, (performance.now() - t0) / 1000);
    },
  },
  'futures-done': {
    async ours() {
      const N = 1_000_000;
      const loop = newEventLoop();
      function* main(): Coroutine<number> {
        let sum = 0;
        for (let i = 0; i < N; i++) {
          const f = loop.createFuture<number>();
          f.setResult(i);
          sum += yield* f;
        }
        return sum;
      }
      const t0 = performance.now();
      await loop.runUntilComplete(main());
      report(N, (performance.now() - t0) / 1000);
      loop.close();
    },
    async node() {
      const N = 1_000_000;
      const t0 = performance.now();
      let sum = 0;
      for (let i = 0; i < N; i++) sum += await new Promise<number>((r) => r(i));
      report(N, (performance.now() - t0) / 1000, { sum });
    },
  },
  'futures-later': {
    async ours() {
      const N = 1_000_000;
      const loop = newEventLoop();
      const set = (f: { setResult(v: number): void }, v: number) => f.setResult(v);
      function* main(): Coroutine<number> {
        let sum = 0;
        for (let i = 0; i < N; i++) {
          const f = loop.createFuture<number>();
          loop.callSoon(set, f, i);
          sum += yield* f;
        }
        return sum;
      }
      const t0 = performance.now();
      await loop.runUntilComplete(main());
      report(N, (performance.now() - t0) / 1000);
      loop.close();
    },
    async node() {
      const N = 1_000_000;
      const t0 = performance.now();
      let sum = 0;
      for (let i = 0; i < N; i++) sum += await new Promise<number>((r) => setImmediate(r, i));
      report(N, (performance.now() - t0) / 1000, { sum });
    },
  },
  tasks: {
    async ours() {
      const N = 100_000;
      const loop = newEventLoop();
      function* worker(): Coroutine<void> {
        for (let i = 0; i < 10; i++) yield* sleep(0);
      }
      function* main(): Coroutine<void> {
        const tasks = [];
        for (let i = 0; i < N; i++) tasks.push(ensureFuture(worker()));
        yield* gather(...tasks);
      }
      const t0 = performance.now();
      await loop.runUntilComplete(main());
      report(N, (performance.now() - t0) / 1000);
      loop.close();
    },
    async node() {
      const N = 100_000;
      const worker = async () => {
        for (let i = 0; i < 10; i++) await null;
      };
      const t0 = performance.now();
      const all = [];
      for (let i = 0; i < N; i++) all.push(worker());
      await Promise.all(all);
      report(N, (performance.now() - t0) / 1000);
    },
  },
};

const run = cases[kase]?.[impl];
if (!run) {
  console.error(`unknown case/impl: ${kase} ${impl}; cases: ${Object.keys(cases).join(', ')}`);
  process.exit(2);
}
cpuAtStart = cpuNow();
await run();
