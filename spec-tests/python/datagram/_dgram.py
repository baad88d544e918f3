"""Helpers for the datagram twins: a recording datagram protocol and bounded waits on the loop."""

from __future__ import annotations

import asyncio
import socket
from typing import Any, Callable


class Dgram(asyncio.DatagramProtocol):
    """Records every call, in order, what it received (as text, with the sender) and its errors;
    echoes when ``echo`` (the twin of spec-tests/tests/support/datagram.ts)."""

    def __init__(self) -> None:
        self.events: list[str] = []
        self.got: list[tuple[str, Any]] = []
        self.errors: list[BaseException] = []
        self.lost_with: Any = "not lost"
        self.transport: asyncio.DatagramTransport | None = None
        self.echo = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.events.append("connection_made")
        self.transport = transport  # type: ignore[assignment]

    def datagram_received(self, data: bytes, addr: Any) -> None:
        self.events.append("datagram_received")
        self.got.append((data.decode(), addr))
        if self.echo and self.transport is not None:
            self.transport.sendto(data, addr)

    def error_received(self, exc: Exception) -> None:
        self.events.append("error_received")
        self.errors.append(exc)

    def connection_lost(self, exc: Exception | None) -> None:
        self.events.append("connection_lost")
        self.lost_with = exc

    def is_lost(self) -> bool:
        return "connection_lost" in self.events


async def until(condition: Callable[[], bool], timeout: float = 2.0) -> None:
    """Waits (polling once per millisecond of loop time) until ``condition()`` holds."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not condition():
        if loop.time() > end:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.001)


async def settle(seconds: float = 0.02) -> None:
    """Lets loop time pass (the twin of support/net.ts settle())."""
    await asyncio.sleep(seconds)


async def receiver(proto: Dgram | None = None) -> tuple[asyncio.DatagramTransport, int, Dgram]:
    """A receiving endpoint on loopback, its port and its protocol."""
    proto = proto or Dgram()
    loop = asyncio.get_running_loop()
    t, _ = await loop.create_datagram_endpoint(lambda: proto, local_addr=("127.0.0.1", 0))
    return t, t.get_extra_info("sockname")[1], proto


async def dead_port() -> int:
    """A free loopback UDP port: bound, then closed (dead once connection_lost ran)."""
    t, port, proto = await receiver()
    t.close()
    await until(proto.is_lost)
    return port


def has_ipv6() -> bool:
    """Whether this host has an IPv6 loopback for UDP."""
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False
