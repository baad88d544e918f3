"""Helpers for the sockets twins (the twin of spec-tests/tests/support/sockets.ts): non-blocking
loopback sockets, connected pairs made with the loop's own sock_connect/sock_accept, bounded waits."""

from __future__ import annotations

import asyncio
import socket
from typing import Any, Callable


class Sockets:
    """Opens loopback sockets and closes them all (the last opened first) in ``close_all``."""

    def __init__(self) -> None:
        self.opened: list[socket.socket] = []

    def new_tcp(self) -> socket.socket:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        self.opened.append(s)
        return s

    def listening(self) -> tuple[socket.socket, int]:
        s = self.new_tcp()
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        return s, s.getsockname()[1]

    def keep(self, s: socket.socket) -> socket.socket:
        self.opened.append(s)
        return s

    async def connected_pair(self, listener: socket.socket, port: int) -> tuple[socket.socket, socket.socket]:
        """``client`` (connected with sock_connect) and ``conn`` (accepted with sock_accept)."""
        loop = asyncio.get_running_loop()
        client = self.new_tcp()
        accepting = asyncio.ensure_future(loop.sock_accept(listener))
        await loop.sock_connect(client, ("127.0.0.1", port))
        conn, _ = await accepting
        self.keep(conn)
        return client, conn

    def close_all(self) -> None:
        for s in reversed(self.opened):
            s.close()
        self.opened.clear()


async def recv_all(sock: socket.socket, total: int, n: int = 65536) -> bytes:
    """Receives from ``sock`` until ``total`` bytes have come (or EOF), checking each call's bound ``n``."""
    loop = asyncio.get_running_loop()
    parts = []
    got = 0
    while got < total:
        chunk = await loop.sock_recv(sock, n)
        if not chunk:
            break
        if len(chunk) > n:
            raise AssertionError(f"sock_recv(sock, {n}) returned {len(chunk)} bytes")
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


async def failure_of(call: Callable[[], Any]) -> BaseException | None:
    """The error of a call that must fail: what it raises, or what its awaitable fails with."""
    try:
        await call()
    except Exception as error:  # noqa: BLE001
        return error
    return None


async def iterations(count: int) -> None:
    """Lets ``count`` loop iterations pass (a ready callback runs once in each)."""
    loop = asyncio.get_running_loop()
    for _ in range(count):
        f = loop.create_future()
        loop.call_soon(f.set_result, None)
        await f


async def until(condition: Callable[[], bool], timeout: float = 3.0) -> None:
    """Waits (polling once per millisecond of loop time) until ``condition()`` holds."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not condition():
        if loop.time() > end:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.001)


async def settle(seconds: float = 0.02) -> None:
    await asyncio.sleep(seconds)
