"""Helpers for the pipes twins: a recording protocol (the twin of support/net.ts Recorder and
protocol/kinds.ts Probe), os.pipe() pairs as file objects, and bounded waits on the loop."""

from __future__ import annotations

import asyncio
import os
from typing import Any, Callable


class Probe(asyncio.Protocol):
    """Records every call, in order, and keeps what it received."""

    def __init__(self) -> None:
        self.events: list[str] = []
        self.received: list[bytes] = []
        self.sizes: list[int] = []
        self.transport: Any = None
        self.lost_with: Any = "not lost"
        self.keep_open_on_eof = False
        self.protocol_at_lost: Any = None

    def connection_made(self, transport: Any) -> None:
        self.events.append("connection_made")
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.events.append("data_received")
        self.sizes.append(len(data))
        self.received.append(bytes(data))

    def eof_received(self) -> bool:
        self.events.append("eof_received")
        return self.keep_open_on_eof

    def connection_lost(self, exc: BaseException | None) -> None:
        self.events.append("connection_lost")
        self.lost_with = exc
        if self.transport is not None:
            self.protocol_at_lost = self.transport.get_protocol()

    def pause_writing(self) -> None:
        self.events.append("pause_writing")

    def resume_writing(self) -> None:
        self.events.append("resume_writing")

    def text(self) -> str:
        return b"".join(self.received).decode()

    def shape(self) -> list[str]:
        """The call log with consecutive data_received calls collapsed (chunking is arbitrary)."""
        return [e for i, e in enumerate(self.events) if not (e == "data_received" and i and self.events[i - 1] == e)]

    def count(self, event: str) -> int:
        return self.events.count(event)

    def is_lost(self) -> bool:
        return "connection_lost" in self.events

    def after_lost(self) -> list[str]:
        if not self.is_lost():
            return []
        return self.events[self.events.index("connection_lost") + 1 :]


def pipe_files() -> tuple[Any, Any]:
    """An os.pipe() as (read file object, write file object), unbuffered."""
    r, w = os.pipe()
    return open(r, "rb", buffering=0), open(w, "wb", buffering=0)


def pattern(n: int, start: int = 0) -> bytes:
    """``n`` bytes of a pattern that shows reordering and loss (i mod 251)."""
    return bytes((start + i) % 251 for i in range(n))


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
