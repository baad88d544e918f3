"""CPython asyncio (and uvloop, if importable) running the same workloads as core.bench.ts and
net.bench.ts. Usage: python3 bench/python/bench.py <case> [asyncio|uvloop]; prints one JSON line."""
import asyncio
import json
import random
import resource
import sys
import time

case = sys.argv[1]
impl = sys.argv[2] if len(sys.argv) > 2 else "asyncio"
if impl == "uvloop":
    import uvloop  # noqa: F401 (only when available)

    new_loop = uvloop.new_event_loop
else:
    new_loop = asyncio.new_event_loop

MSG = b"x" * 100


def report(ops, seconds, **extra):
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(dict(case=case, impl=impl, ops=ops, seconds=seconds, opsPerSec=ops / seconds, maxRssMB=rss, **extra)))


def callbacks_batched():
    n = 1_000_000
    loop = new_loop()
    count = [0]

    def cb():
        count[0] += 1
        if count[0] == n:
            loop.stop()

    t0 = time.perf_counter()
    for _ in range(n):
        loop.call_soon(cb)
    loop.run_forever()
    report(n, time.perf_counter() - t0)


def callbacks_chained():
    n = 1_000_000
    loop = new_loop()
    count = [0]

    def cb():
        count[0] += 1
        if count[0] == n:
            loop.stop()
        else:
            loop.call_soon(cb)

    t0 = time.perf_counter()
    loop.call_soon(cb)
    loop.run_forever()
    report(n, time.perf_counter() - t0)


def timers():
    n = 200_000
    loop = new_loop()
    count = [0]

    def cb():
        count[0] += 1
        if count[0] == n:
            loop.stop()

    t0 = time.perf_counter()
    for _ in range(n):
        loop.call_later(random.random() * 0.05, cb)
    loop.run_forever()
    report(n, time.perf_counter() - t0)


def timers_cancelled():
    # 100 batches of 1000 timers at 10-50 ms while the loop runs; the next iteration cancels 19 in
    # 20 of the previous batch, so 95 % are cancelled before they are due and 5k fire.
    n = 100_000
    batch_size = 1000
    loop = new_loop()
    state = dict(fired=0, scheduled=0, previous=[])

    def cb():
        state["fired"] += 1
        if state["fired"] == n // 20:
            loop.stop()

    def batch():
        for i, handle in enumerate(state["previous"]):
            if i % 20 != 0:
                handle.cancel()
        if state["scheduled"] == n:
            return
        state["previous"] = [loop.call_later(0.01 + random.random() * 0.04, cb) for _ in range(batch_size)]
        state["scheduled"] += batch_size
        loop.call_soon(batch)

    t0 = time.perf_counter()
    loop.call_soon(batch)
    loop.run_forever()
    report(n, time.perf_counter() - t0)


def futures_done():
    n = 1_000_000
    loop = new_loop()

    async def main():
        total = 0
        for i in range(n):
            f = loop.create_future()
            f.set_result(i)
            total += await f
        return total

    t0 = time.perf_counter()
    loop.run_until_complete(main())
    report(n, time.perf_counter() - t0)


def futures_later():
    n = 1_000_000
    loop = new_loop()

    async def main():
        total = 0
        for i in range(n):
            f = loop.create_future()
            loop.call_soon(f.set_result, i)
            total += await f
        return total

    t0 = time.perf_counter()
    loop.run_until_complete(main())
    report(n, time.perf_counter() - t0)


def tasks():
    n = 100_000
    loop = new_loop()

    async def worker():
        for _ in range(10):
            await asyncio.sleep(0)

    async def main():
        await asyncio.gather(*[worker() for _ in range(n)])

    t0 = time.perf_counter()
    loop.run_until_complete(main())
    report(n, time.perf_counter() - t0)


class Echo(asyncio.Protocol):
    def connection_made(self, t):
        self.t = t

    def data_received(self, d):
        self.t.write(d)


class Ping(asyncio.Protocol):
    def __init__(self, rounds, done):
        self.rounds, self.done, self.got = rounds, done, 0

    def connection_made(self, t):
        self.t = t
        t.write(MSG)

    def data_received(self, d):
        self.got += len(d)
        while self.got >= len(MSG):
            self.got -= len(MSG)
            self.rounds -= 1
            if self.rounds == 0:
                self.done.set_result(None)
                return
            self.t.write(MSG)


def pingpong(conns, rounds):
    loop = new_loop()

    async def main():
        server = await loop.create_server(Echo, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        dones, ts = [], []
        for _ in range(conns):
            done = loop.create_future()
            t, _ = await loop.create_connection(lambda: Ping(rounds, done), "127.0.0.1", port)
            dones.append(done)
            ts.append(t)
        await asyncio.gather(*dones)
        for t in ts:
            t.close()
        server.close()

    t0 = time.perf_counter()
    loop.run_until_complete(main())
    report(conns * rounds, time.perf_counter() - t0)


def bulk():
    total = 1024 * 1024 * 1024
    chunk = b"x" * 65536
    loop = new_loop()

    async def main():
        done = loop.create_future()
        received = [0]

        class Sink(asyncio.Protocol):
            def data_received(self, d):
                received[0] += len(d)
                if received[0] >= total and not done.done():
                    done.set_result(None)

        server = await loop.create_server(Sink, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        sent = 0
        while sent < total:
            writer.write(chunk)
            sent += len(chunk)
            await writer.drain()
        await done
        writer.close()
        server.close()

    t0 = time.perf_counter()
    loop.run_until_complete(main())
    s = time.perf_counter() - t0
    report(total, s, MBps=total / 1e6 / s)


def streams_pingpong():
    rounds = 100_000
    loop = new_loop()

    async def handle(reader, writer):
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
        writer.close()

    async def main():
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        for _ in range(rounds):
            writer.write(MSG)
            await reader.readexactly(len(MSG))
        writer.close()
        server.close()

    t0 = time.perf_counter()
    loop.run_until_complete(main())
    report(rounds, time.perf_counter() - t0)


CASES = {
    "callbacks-batched": callbacks_batched,
    "callbacks-chained": callbacks_chained,
    "timers": timers,
    "timers-cancelled": timers_cancelled,
    "futures-done": futures_done,
    "futures-later": futures_later,
    "tasks": tasks,
    "tcp-pingpong-1x100k": lambda: pingpong(1, 100_000),
    "tcp-pingpong-50x4k": lambda: pingpong(50, 4_000),
    "tcp-bulk-1GiB": bulk,
    "streams-pingpong-1x100k": streams_pingpong,
}

if case not in CASES:
    print(f"unknown case {case}; cases: {', '.join(CASES)}", file=sys.stderr)
    sys.exit(2)
CASES[case]()
