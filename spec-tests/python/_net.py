"""Loopback helpers shared by the network twins (the Python side of spec-tests/tests/support/net.ts).

Stdlib only. Everything stays on loopback (127.0.0.1, ::1, Unix sockets in a temp dir) and binds
port 0. Coroutine helpers take the loop explicitly, as the TypeScript helpers do, and use only the
loop's public interface, so they run on asyncio and on uvloop alike.

Stable interface (other twin folders import it; add, never change):

- ``Recorder`` / ``EchoRecorder``: protocols that log every callback (``events``) and keep what they
  received (``received``, ``data()``, ``text()``, ``shape()``), with ``lost`` a future set on
  ``connection_lost``.
- ``listen(loop, factory=Recorder, host="127.0.0.1")`` → ``(server, port, accepted)``.
- ``start_echo_server(loop, host="127.0.0.1")`` → ``(server, port, accepted)`` (EchoRecorders).
- ``listen_unix(loop, factory=Recorder)`` → ``(server, path, accepted)``.
- ``until(loop, predicate, seconds=4)``, ``settle(loop, seconds=0.02)``.
- ``unix_path(tag)``, ``remove_unix_paths()``, ``free_port(host)``, ``has_ipv6()``.
- ``CERT_FILE``, ``KEY_FILE`` (a self-signed EC certificate for ``localhost`` and 127.0.0.1, valid
  to 2126), ``server_ssl_context()``, ``client_ssl_context()``.
"""

from __future__ import annotations

import asyncio
import os
import socket
import ssl
import tempfile
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent

#: The test certificate (PEM) and its key: made once with
#: ``openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500
#: -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1`` (the stdlib cannot
#: make certificates; the TypeScript suite makes the same kind with openssl at run time).
CERT_FILE = str(HERE / "_data" / "cert.pem")
KEY_FILE = str(HERE / "_data" / "key.pem")


def server_ssl_context() -> ssl.SSLContext:
    """A server context that presents the test certificate."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(CERT_FILE, KEY_FILE)
    return ctx


def client_ssl_context(verify: bool = True) -> ssl.SSLContext:
    """A client context that trusts the test certificate (or verifies nothing if ``verify`` is false)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if verify:
        ctx.load_verify_locations(CERT_FILE)
    else:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    return ctx


class Recorder(asyncio.Protocol):
    """A protocol that records every call, in order, and keeps what it received."""

    def __init__(self) -> None:
        self.events: list[str] = []
        self.received: list[bytes] = []
        self.transport: Any = None
        self.lost_with: BaseException | None = None
        self.keep_open_on_eof = False
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = asyncio.get_event_loop()
        self.lost: asyncio.Future[None] = loop.create_future()

    def connection_made(self, transport: Any) -> None:
        self.events.append("connection_made")
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.events.append("data_received")
        self.received.append(bytes(data))

    def eof_received(self) -> bool:
        self.events.append("eof_received")
        return self.keep_open_on_eof

    def connection_lost(self, exc: BaseException | None) -> None:
        self.events.append("connection_lost")
        self.lost_with = exc
        if not self.lost.done():
            self.lost.set_result(None)

    def pause_writing(self) -> None:
        self.events.append("pause_writing")

    def resume_writing(self) -> None:
        self.events.append("resume_writing")

    def data(self) -> bytes:
        """Everything received, joined."""
        return b"".join(self.received)

    def text(self) -> str:
        """Everything received, as text."""
        return self.data().decode()

    def shape(self) -> list[str]:
        """The call log with consecutive data_received calls collapsed (chunking is arbitrary)."""
        return [e for i, e in enumerate(self.events) if not (e == "data_received" and i and self.events[i - 1] == e)]


class EchoRecorder(Recorder):
    """A Recorder that writes back everything it receives."""

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(data)


async def listen(
    loop: asyncio.AbstractEventLoop,
    factory: Callable[[], asyncio.BaseProtocol] = Recorder,
    host: str = "127.0.0.1",
    **kwargs: Any,
) -> tuple[asyncio.AbstractServer, int, list[Any]]:
    """A loopback TCP server whose connections get ``factory()`` protocols, kept in ``accepted``."""
    accepted: list[Any] = []

    def make() -> asyncio.BaseProtocol:
        p = factory()
        accepted.append(p)
        return p

    server = await loop.create_server(make, host, 0, **kwargs)
    port = server.sockets[0].getsockname()[1]
    return server, port, accepted


async def start_echo_server(
    loop: asyncio.AbstractEventLoop, host: str = "127.0.0.1", **kwargs: Any
) -> tuple[asyncio.AbstractServer, int, list[Any]]:
    """A loopback TCP server that echoes every byte back (EchoRecorder per connection)."""
    return await listen(loop, EchoRecorder, host, **kwargs)


async def listen_unix(
    loop: asyncio.AbstractEventLoop,
    factory: Callable[[], asyncio.BaseProtocol] = Recorder,
    **kwargs: Any,
) -> tuple[asyncio.AbstractServer, str, list[Any]]:
    """A Unix-socket server (fresh path in a temp dir) whose connections get ``factory()`` protocols."""
    accepted: list[Any] = []

    def make() -> asyncio.BaseProtocol:
        p = factory()
        accepted.append(p)
        return p

    where = unix_path()
    server = await loop.create_unix_server(make, where, **kwargs)
    return server, where, accepted


async def until(loop: asyncio.AbstractEventLoop, predicate: Callable[[], Any], seconds: float = 4.0) -> None:
    """Waits until ``predicate()`` holds, checking every millisecond or so, for at most ``seconds``."""
    deadline = loop.time() + seconds
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.001)


async def settle(loop: asyncio.AbstractEventLoop, seconds: float = 0.02) -> None:
    """Waits ``seconds`` of loop time (to let anything that should not happen have its chance)."""
    f = loop.create_future()
    loop.call_later(seconds, lambda: f.done() or f.set_result(None))
    await f


_unix_dir: str | None = None
_unix_paths: list[str] = []


def unix_path(tag: str = "twin") -> str:
    """A fresh Unix socket path in a private temp dir (short enough for every platform's limit)."""
    global _unix_dir
    if _unix_dir is None or not os.path.isdir(_unix_dir):
        _unix_dir = tempfile.mkdtemp(prefix="pep3156-")
    where = os.path.join(_unix_dir, f"{tag}-{len(_unix_paths)}.sock")
    _unix_paths.append(where)
    return where


def remove_unix_paths() -> None:
    """Removes every socket file ``unix_path`` handed out so far (those already gone are skipped)."""
    for where in _unix_paths:
        try:
            os.unlink(where)
        except OSError:
            pass


def free_port(host: str = "127.0.0.1") -> int:
    """A loopback port nothing listens on right now (bound then released)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def has_ipv6() -> bool:
    """Whether ::1 can be bound here."""
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


# --- Stream kinds (the Python side of spec-tests/tests/protocol/kinds.ts) ---------------------------


class Probe(Recorder):
    """A Recorder that also keeps the size of every data_received chunk."""

    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[int] = []

    def data_received(self, data: bytes) -> None:
        self.sizes.append(len(data) if isinstance(data, (bytes, bytearray, memoryview)) else -1)
        super().data_received(data)

    def count(self, event: str) -> int:
        """How many times ``event`` was called."""
        return self.events.count(event)

    def after_lost(self) -> list[str]:
        """The calls that came after the first connection_lost."""
        if "connection_lost" not in self.events:
            return []
        return self.events[self.events.index("connection_lost") + 1 :]

    def is_lost(self) -> bool:
        """Whether connection_lost was called."""
        return "connection_lost" in self.events


class Buffered(asyncio.BufferedProtocol):
    """A BufferedProtocol that records its calls like Probe does (a 5-byte buffer).

    Not a Probe subclass: an object that is both an ``asyncio.Protocol`` and a ``BufferedProtocol``
    is fed through ``data_received`` by uvloop; this one is only a BufferedProtocol.
    """

    def __init__(self) -> None:
        Recorder.__init__(self)  # type: ignore[arg-type]
        self.sizes: list[int] = []
        self.buffer = bytearray(5)
        self.hints: list[Any] = []

    connection_made = Recorder.connection_made
    eof_received = Recorder.eof_received
    connection_lost = Recorder.connection_lost
    pause_writing = Recorder.pause_writing
    resume_writing = Recorder.resume_writing
    data = Recorder.data
    text = Recorder.text
    count = Probe.count
    after_lost = Probe.after_lost
    is_lost = Probe.is_lost

    def data_received(self, data: bytes) -> None:  # never called on a BufferedProtocol
        self.events.append("data_received")

    def get_buffer(self, sizehint: int) -> memoryview:
        self.events.append("get_buffer")
        self.hints.append(sizehint)
        # A view, as the TypeScript Buffered returns a Uint8Array: CPython's TLS layer fills the
        # buffer in several reads through buf[offset:], which copies a bytearray (the bytes read
        # into the copy are lost) but not a memoryview.
        return memoryview(self.buffer)

    def buffer_updated(self, nbytes: int) -> None:
        self.events.append("buffer_updated")
        self.received.append(bytes(self.buffer[:nbytes]))


def pattern(n: int, start: int = 0) -> bytes:
    """``n`` bytes of a pattern that shows reordering and loss ((start + i) mod 251)."""
    block = bytes(range(251))
    first = start % 251
    out = (block[first:] + block * (n // 251 + 2))[:n]
    return out


def is_pattern(received: list[bytes], n: int) -> bool:
    """Whether ``received`` (chunks) joins to exactly ``pattern(n)``."""
    return b"".join(received) == pattern(n)


class Listener:
    """A loopback listener of one kind: ``accepted`` protocols, ``connect(client)``, ``stop()``."""

    def __init__(self, server: asyncio.AbstractServer, accepted: list[Any], connect: Callable[[Any], Any]) -> None:
        self.server = server
        self.accepted = accepted
        self._connect = connect

    async def connect(self, client: Any) -> Any:
        """Connects ``client`` and returns its transport once connection_made has run."""
        transport, _ = await self._connect(client)
        return transport

    def stop(self) -> None:
        """Closes the listening server (the connections are the test's to close)."""
        self.server.close()


class StreamKind:
    """One stream transport kind: ``name`` (``tcp``, ``unix``, ``tls``) and ``can_write_eof``."""

    def __init__(self, name: str, can_write_eof: bool) -> None:
        self.name = name
        self.can_write_eof = can_write_eof

    async def listen(self, loop: asyncio.AbstractEventLoop, factory: Callable[[], Any]) -> Listener:
        accepted: list[Any] = []

        def counting() -> Any:
            p = factory()
            accepted.append(p)
            return p

        if self.name == "tcp":
            srv = await loop.create_server(counting, "127.0.0.1", 0)
            port = srv.sockets[0].getsockname()[1]
            return Listener(srv, accepted, lambda c: loop.create_connection(lambda: c, "127.0.0.1", port))
        if self.name == "unix":
            where = unix_path()
            srv = await loop.create_unix_server(counting, where)
            return Listener(srv, accepted, lambda c: loop.create_unix_connection(lambda: c, where))
        srv = await loop.create_server(counting, "127.0.0.1", 0, ssl=server_ssl_context())
        port = srv.sockets[0].getsockname()[1]
        return Listener(
            srv,
            accepted,
            lambda c: loop.create_connection(
                lambda: c, "127.0.0.1", port, ssl=client_ssl_context(), server_hostname="localhost"
            ),
        )


TCP = StreamKind("tcp", True)
UNIX = StreamKind("unix", True)
TLS = StreamKind("tls", False)


class Pair:
    """Both ends of one connection, each with its transport and protocol, and their listener."""

    def __init__(self, client: Any, client_transport: Any, server: Any, server_transport: Any, listener: Listener):
        self.client = client
        self.client_transport = client_transport
        self.server = server
        self.server_transport = server_transport
        self.listener = listener


async def pair(kind: StreamKind, loop: asyncio.AbstractEventLoop, client: Any, server: Any) -> Pair:
    """Connects ``client`` to a fresh server of ``kind`` whose first connection gets ``server``;
    returns once both ends have seen connection_made."""
    first = [True]

    def factory() -> Any:
        if not first[0]:
            return Probe()
        first[0] = False
        return server

    listener = await kind.listen(loop, factory)
    client_transport = await listener.connect(client)
    await until(loop, lambda: getattr(server, "transport", None) is not None)
    return Pair(client, client_transport, server, server.transport, listener)


class quiet_asyncio_log:
    """Keeps asyncio's own log warnings (e.g. "socket.send() raised exception." for writes after
    the end, which a twin makes on purpose) out of the run's output while the block runs."""

    def __enter__(self) -> None:
        import logging

        self._logger = logging.getLogger("asyncio")
        self._level = self._logger.level
        self._logger.setLevel(logging.ERROR)

    def __exit__(self, *exc: Any) -> None:
        self._logger.setLevel(self._level)
