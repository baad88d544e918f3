"""CPython asyncio (and uvloop, if importable) running the same workloads as core.bench.ts,
net.bench.ts and http.bench.ts. Usage: python3 bench/python/bench.py <case> [asyncio|uvloop]
[--requests N] (the http cases); prints one JSON line."""
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


# HTTP/1.1 keep-alive "hello": the shape of bench/http/hello-server.ts (readuntil the head, parse the
# request line and headers for keep-alive and Content-Length, write, drain) with the same clients:
# a streams client, and for the net-client cases a Protocol client (what node:net is to Node).
HELLO = b"Hello, world!\n"
GET = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"


class HttpError(Exception):
    def __init__(self, status, reason):
        super().__init__(reason)
        self.status, self.reason = status, reason


def parse_head(head):
    lines = head[:-4].decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or not parts[0] or not parts[1] or parts[2] not in ("HTTP/1.1", "HTTP/1.0"):
        raise HttpError(400, "Bad Request")
    headers = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if not colon or not name or name != name.strip():
            raise HttpError(400, "Bad Request")
        name = name.lower()
        headers[name] = f"{headers[name]}, {value.strip()}" if name in headers else value.strip()
    return parts[0], parts[2], headers


def http_response(status, reason, body, keep_alive):
    date = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime())
    head = (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nDate: {date}\r\n" + ("" if keep_alive else "Connection: close\r\n") + "\r\n"
    )
    return head.encode("latin-1") + body


async def serve_hello(reader, writer):
    try:
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except asyncio.IncompleteReadError:
                return
            except asyncio.LimitOverrunError:
                raise HttpError(431, "Request Header Fields Too Large")
            method, version, headers = parse_head(head)
            if "transfer-encoding" in headers:
                raise HttpError(501, "Not Implemented")
            length = headers.get("content-length", "0")
            if not length.isdigit():
                raise HttpError(400, "Bad Request")
            if int(length):
                await reader.readexactly(int(length))
            tokens = [t.strip() for t in headers.get("connection", "").lower().split(",")]
            keep_alive = "close" not in tokens if version == "HTTP/1.1" else "keep-alive" in tokens
            writer.write(http_response(200, "OK", b"" if method == "HEAD" else HELLO, keep_alive))
            await writer.drain()
            if not keep_alive:
                return
    except HttpError as e:
        writer.write(http_response(e.status, e.reason, e.reason.encode() + b"\n", False))
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


tally = {"ok": 0, "bad": 0}


def check(head, body):
    tally["ok" if head.startswith(b"HTTP/1.1 200 ") and body == HELLO else "bad"] += 1


def content_length(head):
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            return int(line[15:])
    raise ValueError(f"response without Content-Length: {head!r}")


async def streams_http_client(port, requests):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for _ in range(requests):
        writer.write(GET)
        head = await reader.readuntil(b"\r\n\r\n")
        check(head, await reader.readexactly(content_length(head)))
    writer.close()


class HttpClientProtocol(asyncio.Protocol):
    def __init__(self, requests, done):
        self.left, self.done, self.buffer = requests, done, b""

    def connection_made(self, t):
        self.t = t
        t.write(GET)

    def data_received(self, data):
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buffer[: end + 4]
            body_end = len(head) + content_length(head)
            if len(self.buffer) < body_end:
                return
            check(head, self.buffer[len(head) : body_end])
            self.buffer = self.buffer[body_end:]
            self.left -= 1
            if self.left == 0:
                self.t.close()
                self.done.set_result(None)
                return
            self.t.write(GET)


def http_bench(client, conns, requests):
    if len(sys.argv) > 4 and sys.argv[3] == "--requests":
        requests = int(sys.argv[4])
    loop = new_loop()
    per_conn = [requests // conns + (1 if i < requests % conns else 0) for i in range(conns)]

    async def protocol_client(port, n):
        done = loop.create_future()
        await loop.create_connection(lambda: HttpClientProtocol(n, done), "127.0.0.1", port)
        await done

    async def main():
        server = await asyncio.start_server(serve_hello, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        t0 = time.perf_counter()
        one = streams_http_client if client == "streams" else protocol_client
        await asyncio.gather(*(one(port, n) for n in per_conn))
        seconds = time.perf_counter() - t0
        server.close()
        await server.wait_closed()
        return seconds

    cpu0 = time.process_time()
    seconds = loop.run_until_complete(main())
    report(requests, seconds, cpuSeconds=time.process_time() - cpu0, conns=conns, **tally)
    if tally["ok"] != requests:
        sys.exit(1)


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
    "http-streams-client-1conn": lambda: http_bench("streams", 1, 30_000),
    "http-streams-client-50conn": lambda: http_bench("streams", 50, 30_000),
    "http-net-client-1conn": lambda: http_bench("net", 1, 30_000),
    "http-net-client-50conn": lambda: http_bench("net", 50, 30_000),
}

if case not in CASES:
    print(f"unknown case {case}; cases: {', '.join(CASES)}", file=sys.stderr)
    sys.exit(2)
CASES[case]()
