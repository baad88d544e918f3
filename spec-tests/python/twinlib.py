"""Shared helpers for the Python twins of the conformance statements.

A twin is a unittest test method that asserts, on CPython asyncio (or uvloop), the same thing as the
TypeScript test(s) citing one normative statement. It names the statement it checks with
``@statement("<id>")``; the runner (``run_twins.py``) maps results back to statement ids.

Stdlib only: any CPython >= 3.11 runs the twins. The loop under test is chosen by the runner
(``--loop asyncio`` or ``--loop uvloop``); twins never create loops themselves, they use
``self.loop`` (a fresh loop per test) or ``self.run(coro)``.
"""

from __future__ import annotations

import asyncio
import os
import sys
import unittest
from typing import Any, Awaitable, Callable, TypeVar

T = TypeVar("T")

#: "asyncio" or "uvloop"; set by the runner before the twin modules are imported.
LOOP_KIND = os.environ.get("TWIN_LOOP", "asyncio")

#: Seconds a single ``run()`` may take before it is stopped and the test fails.
RUN_TIMEOUT = 10.0


def new_event_loop() -> asyncio.AbstractEventLoop:
    """A fresh loop of the kind under test."""
    if LOOP_KIND == "uvloop":
        import uvloop  # type: ignore[import-not-found]

        return uvloop.new_event_loop()
    return asyncio.new_event_loop()


def statement(*ids: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Marks a test method as the twin of the statement(s) ``ids``."""

    def mark(fn: Callable[..., Any]) -> Callable[..., Any]:
        fn.__statements__ = tuple(getattr(fn, "__statements__", ())) + ids  # type: ignore[attr-defined]
        return fn

    return mark


def requires_python(major: int, minor: int, why: str = "") -> Callable[[T], T]:
    """Skips a twin on a CPython older than ``major.minor`` (reported as skipped, never passed)."""
    return unittest.skipIf(  # type: ignore[return-value]
        sys.version_info < (major, minor), f"needs Python {major}.{minor}+{': ' + why if why else ''}"
    )


class TwinCase(unittest.TestCase):
    """A test case with a fresh event loop per test, closed afterwards."""

    loop: asyncio.AbstractEventLoop

    def setUp(self) -> None:
        self.loop = new_event_loop()
        asyncio.set_event_loop(self.loop)
        self.handled: list[dict[str, Any]] = []

    def tearDown(self) -> None:
        loop = self.loop
        try:
            if not loop.is_closed() and not loop.is_running():
                pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
                for t in pending:
                    t.cancel()
                if pending:
                    loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
                loop.run_until_complete(loop.shutdown_asyncgens())
                loop.close()
        finally:
            asyncio.set_event_loop(None)

    def run_async(self, aw: Awaitable[T], timeout: float = RUN_TIMEOUT) -> T:
        """Runs ``aw`` to completion on ``self.loop``; fails if it takes more than ``timeout`` s.

        The watchdog is a plain ``call_later`` that stops the loop: it adds no task and no
        iteration, so ordering observed inside ``aw`` is exactly the loop's own.
        """
        watchdog = self.loop.call_later(timeout, self.loop.stop)
        try:
            return self.loop.run_until_complete(aw)
        except RuntimeError as error:
            if "Event loop stopped before Future completed" in str(error):
                self.fail(f"did not finish within {timeout} s")
            raise
        finally:
            watchdog.cancel()

    def capture_exceptions(self) -> list[dict[str, Any]]:
        """Records every exception-handler call of ``self.loop`` (and keeps them out of the log)."""
        self.loop.set_exception_handler(lambda _loop, context: self.handled.append(context))
        return self.handled

    def run_for(self, seconds: float) -> None:
        """Runs the loop for ``seconds`` of loop time, then a few more iterations."""

        def stop_soon(left: int = 10) -> None:
            if left > 0:
                self.loop.call_soon(stop_soon, left - 1)
            else:
                self.loop.stop()

        self.loop.call_soon(self.loop.call_later, seconds, stop_soon)
        self.loop.run_forever()


def error_name(error: BaseException | None) -> str:
    """The class name of an error, as the TypeScript tests compare ``error.name``."""
    return type(error).__name__ if error is not None else "None"
