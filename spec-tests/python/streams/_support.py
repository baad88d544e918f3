"""Helpers of the streams and tls twins (the Python side of what the TypeScript stream tests share).

Stdlib only, loopback only. ``_net`` (shared, read-only here) has the protocols and servers; this
module adds what only the stream twins use.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import tempfile
from typing import Any, Awaitable, Callable

from _net import Recorder, listen, until
from twinlib import error_name


async def outcome(aw: Awaitable[bytes]) -> str:
    """What a read gives: its text, or the name of the error it fails with."""
    try:
        return (await aw).decode()
    except Exception as error:
        return error_name(error)


async def settle_outcome(aw: Awaitable[Any], raw: bool = False) -> Any:
    """'ok' once ``aw`` is done, or the error's name (the error itself when ``raw``)."""
    try:
        await aw
        return "ok"
    except Exception as error:
        return error if raw else error_name(error)


async def one_iteration(loop: asyncio.AbstractEventLoop) -> None:
    """Lets one loop iteration pass (a future resolved by ``call_soon``, as the TypeScript ``until0``)."""
    f = loop.create_future()
    loop.call_soon(f.set_result, None)
    await f


def done_without_waiting(coro: Any) -> tuple[bool, Any]:
    """Runs a coroutine's first step: (True, result) if it finished without suspending."""
    try:
        coro.send(None)
    except StopIteration as stop:
        return True, stop.value
    coro.close()
    return False, None


class Connected:
    """A stream client (``open_connection``) connected to a loopback server of Recorders."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, peer: Any, server: Any):
        self.reader = reader
        self.writer = writer
        self.peer = peer
        self.server = server

    def close(self) -> None:
        self.writer.transport.abort()
        if self.peer.transport is not None:
            self.peer.transport.abort()
        self.server.close()


async def connected(loop: asyncio.AbstractEventLoop, factory: Callable[[], Any] = Recorder) -> Connected:
    """Opens a stream connection to a fresh loopback server whose side is a ``factory()`` protocol."""
    server, port, accepted = await listen(loop, factory)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    await until(loop, lambda: len(accepted) == 1)
    return Connected(reader, writer, accepted[0], server)


_certs: dict[str, tuple[str, str]] = {}


def make_cert(san: str) -> tuple[str, str] | None:
    """(cert file, key file) of a self-signed EC certificate whose subjectAltName is ``san``.

    Made with ``openssl`` once per run, as spec-tests/tests/support/tls.ts ``makeCert`` does (the
    stdlib cannot make certificates); None when openssl is missing (the twin is then skipped).
    """
    if san in _certs:
        return _certs[san]
    if shutil.which("openssl") is None:
        return None
    where = tempfile.mkdtemp(prefix="pep3156-tls-")
    cert, key = os.path.join(where, "cert.pem"), os.path.join(where, "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-days", "1", "-subj", "/CN=localhost", "-addext", f"subjectAltName={san}", "-keyout", key, "-out", cert],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    _certs[san] = (cert, key)
    return _certs[san]
