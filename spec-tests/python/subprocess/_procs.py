"""Helpers for the subprocess twins: a subprocess protocol recording every call, bounded waits."""

from __future__ import annotations

import asyncio
from typing import Any, Callable


class Rec(asyncio.SubprocessProtocol):
    """Records every subprocess protocol call (the twin of the TypeScript test's Rec)."""

    def __init__(self) -> None:
        self.events: list[str] = []
        self.out: dict[int, str] = {1: "", 2: ""}
        self.transport: Any = None

    def connection_made(self, transport: Any) -> None:
        self.transport = transport
        self.events.append("connection_made")

    def pipe_data_received(self, fd: int, data: bytes) -> None:
        self.events.append(f"data{fd}")
        self.out[fd] += data.decode()

    def pipe_connection_lost(self, fd: int, exc: BaseException | None) -> None:
        self.events.append(f"lost{fd}")

    def process_exited(self) -> None:
        self.events.append("exited")

    def connection_lost(self, exc: BaseException | None) -> None:
        self.events.append(f"connection_lost:{exc}")

    def is_lost(self) -> bool:
        return any(e.startswith("connection_lost") for e in self.events)


async def until(condition: Callable[[], bool], timeout: float = 3.0) -> None:
    """Waits (polling once per millisecond of loop time) until ``condition()`` holds."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not condition():
        if loop.time() > end:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.001)
