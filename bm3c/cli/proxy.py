"""A small HTTP/1.1 reverse proxy that keeps each browser on one app process (sticky sessions).

Streamlit keeps a tab's session (its widgets, undo history, uploads and media) in
the process that serves it, and a reconnecting tab finds its session again only
there: every request of one browser must reach the same process. A browser is
given a process on its first request (the ready one with the fewest open tabs,
ties in turn) and a cookie, ``bm3c_process_<port>=<number>``, keeps it there; every
answer names its process in an ``X-Bm3c-Process`` header.

It works on bytes: it reads each request's head to choose the process, then
copies the body and the answer as they come (a large download streams). A
WebSocket upgrade (``/_stcore/stream``) goes through untouched, its subprotocols
(where Streamlit's frontend passes its session) included, then both directions
are copied frame bytes as they are until either side closes, and the other is
closed with it. Each request to a process has its own loopback connection
(``Connection: close``); the browser's connection is kept alive when the answer
says where it ends. ``/_stcore/health`` goes to the browser's process when it is
ready (Streamlit sets its XSRF cookie there, which uploads need); otherwise the
proxy answers: 503 while the browser's process starts (again), and for a request
without the cookie (a monitoring probe), ``ok`` when any process is ready.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = [
    "HEAD_LIMIT",
    "HEALTH_PATH",
    "PROCESS_HEADER",
    "Backend",
    "StickyProxy",
    "choose_backend",
    "cookie_name",
    "framed_plainly",
    "parse_head",
    "process_from_cookie",
]

HEALTH_PATH = "/_stcore/health"
PROCESS_HEADER = "X-Bm3c-Process"
HEAD_LIMIT = 256 * 1024  # bytes of a request's or answer's head (cookies included)
CHUNK = 64 * 1024
IDLE_S = 120.0  # a browser's idle kept-alive connection is closed after this
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection"}
NO_BODY_STATUSES = {204, 304}


def cookie_name(port: int) -> str:
    """The stickiness cookie of the proxy on ``port`` (cookies are shared by a host's ports)."""
    return f"bm3c_process_{port}"


def process_from_cookie(header: str | None, name: str, count: int) -> int | None:
    """The process number (1 to ``count``) that cookie ``name`` of a ``Cookie`` header names.

    None when the header lacks the cookie or its value is not such a number (a
    cookie left by a proxy that ran more processes, say).
    """
    for part in (header or "").split(";"):
        key, sep, value = part.strip().partition("=")
        if sep and key == name:
            value = value.strip().strip('"')
            if value.isdigit() and 1 <= int(value) <= count:
                return int(value)
    return None


def choose_backend(loads: Sequence[int | None], last: int) -> int | None:
    """The index of the process a new browser goes to; None when none is ready.

    Args:
        loads: each process's open tabs, None for a process that is not ready.
        last: the index given last; among the least loaded, the next one after it wins,
            so that browsers arriving together are spread in turn.

    """
    count = len(loads)
    ready = [(load, (i - last - 1) % count, i) for i, load in enumerate(loads) if load is not None]
    return min(ready)[2] if ready else None


@dataclass
class Backend:
    """One app process behind the proxy.

    Attributes:
        number: its number, 1 to N, as the cookie and the header name it.
        port: its loopback port.
        ready: whether it answers (False while it starts or starts again).
        tabs: the WebSockets (open tabs) going to it now.

    """

    number: int
    port: int
    ready: bool = False
    tabs: int = 0


@dataclass
class Head:
    """A request's or an answer's head: its first line's three words and its headers."""

    first: tuple[str, str, str]
    headers: list[tuple[str, str]] = field(default_factory=list)

    def get(self, name: str) -> str | None:
        """The first header ``name`` (any case), else None."""
        lowered = name.lower()
        return next((v for k, v in self.headers if k.lower() == lowered), None)

    def has_token(self, name: str, token: str) -> bool:
        """Whether header ``name``'s comma-separated values (any of them) hold ``token``."""
        lowered = name.lower()
        return any(
            token in (word.strip().lower() for word in v.split(","))
            for k, v in self.headers
            if k.lower() == lowered
        )

    def without(self, names: set[str]) -> list[tuple[str, str]]:
        """The headers but those named (lowercase names)."""
        return [(k, v) for k, v in self.headers if k.lower() not in names]

    def encode(self, headers: list[tuple[str, str]] | None = None) -> bytes:
        """The head as bytes, with ``headers`` instead of its own when given."""
        lines = [" ".join(self.first)] + [
            f"{k}: {v}" for k, v in (self.headers if headers is None else headers)
        ]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def parse_head(raw: bytes) -> Head:
    """A head as read up to its blank line; ValueError when it is not HTTP/1.x."""
    lines = raw.decode("latin-1").split("\r\n")
    words = lines[0].split(" ", 2)
    if len(words) != 3:
        raise ValueError(f"not an HTTP first line: {lines[0]!r}")
    head = Head((words[0], words[1], words[2]))
    for line in lines[1:]:
        if not line:
            continue
        key, sep, value = line.partition(":")
        if not sep or not key.strip():
            raise ValueError(f"not an HTTP header: {line!r}")
        head.headers.append((key.strip(), value.strip()))
    return head


async def _read_head(reader: asyncio.StreamReader) -> Head:
    return parse_head(await reader.readuntil(b"\r\n\r\n"))


async def _copy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> int:
    """Copy bytes until the reader's end, waiting for the writer to take them (backpressure).

    Returns how many bytes were copied.
    """
    copied = 0
    with contextlib.suppress(ConnectionError, OSError):
        while data := await reader.read(CHUNK):
            writer.write(data)
            copied += len(data)
            await writer.drain()
    return copied


def framed_plainly(head: Head) -> bool:
    """Whether a request says its body's length one plain way.

    Refused: ``Transfer-Encoding`` with ``Content-Length`` (the two readings a
    proxy and a server may disagree on), a ``Content-Length`` that is not digits.
    """
    length = head.get("Content-Length")
    return length is None or (length.isdigit() and not head.get("Transfer-Encoding"))


async def _copy_body(
    head: Head, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    """Copy a request's body: ``Content-Length`` bytes, or chunks up to the last one."""
    if head.has_token("Transfer-Encoding", "chunked"):
        while True:
            line = await reader.readuntil(b"\r\n")
            writer.write(line)
            digits = line.split(b";", 1)[0].strip()
            if not digits or any(c not in b"0123456789abcdefABCDEF" for c in digits):
                raise ValueError(f"chunk size {digits!r}")
            size = int(digits, 16)
            if size == 0:
                while (trailer := await reader.readuntil(b"\r\n")) != b"\r\n":
                    writer.write(trailer)
                writer.write(b"\r\n")
                break
            writer.write(await reader.readexactly(size + 2))
            await writer.drain()
    else:
        left = int(head.get("Content-Length") or 0)
        while left > 0:
            data = await reader.readexactly(min(left, CHUNK))
            left -= len(data)
            writer.write(data)
            await writer.drain()
    await writer.drain()


async def _close(writer: asyncio.StreamWriter) -> None:
    writer.close()
    with contextlib.suppress(ConnectionError, OSError):
        await writer.wait_closed()


class StickyProxy:
    """The proxy on one public port in front of ``backends`` (asyncio; one event loop).

    Args:
        backends: the app processes, numbered 1 to N in order.
        port: the public port (it names the cookie).
        unavailable: the text of a 503 answer (a process starting again).
        bad_gateway: the text of a 502 answer (a process that does not answer).

    """

    def __init__(
        self, backends: list[Backend], port: int, unavailable: str, bad_gateway: str
    ) -> None:
        self.backends = backends
        self.cookie = cookie_name(port)
        self.unavailable = unavailable
        self.bad_gateway = bad_gateway
        self.last = -1

    def _assign(self) -> Backend | None:
        loads = [b.tabs if b.ready else None for b in self.backends]
        index = choose_backend(loads, self.last)
        if index is None:
            return None
        self.last = index
        return self.backends[index]

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Serve one browser connection: its requests one after another."""
        try:
            while await self._one_request(reader, writer):
                pass
        except (ConnectionError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        except asyncio.CancelledError:
            pass  # the proxy stops: the connection ends here, quietly (asyncio would log it)
        finally:
            await _close(writer)

    async def _one_request(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> bool:
        """Answer one request; whether the browser's connection stays open for another."""
        try:
            head = await asyncio.wait_for(_read_head(reader), IDLE_S)
        except (TimeoutError, asyncio.IncompleteReadError):
            return False
        except ValueError:
            await self._answer(writer, 400, "Bad Request", "bad request", keep=False)
            return False
        if not framed_plainly(head):
            await self._answer(writer, 400, "Bad Request", "bad request", keep=False)
            return False
        keep = head.first[2] == "HTTP/1.1" and not head.has_token("Connection", "close")
        number = process_from_cookie(head.get("Cookie"), self.cookie, len(self.backends))
        backend = self.backends[number - 1] if number else None
        if head.first[1].split("?", 1)[0] == HEALTH_PATH and not (backend and backend.ready):
            # a browser's own process answers its health (it sets Streamlit's XSRF cookie
            # there, which uploads need); the proxy answers for the others
            ready = backend is None and any(b.ready for b in self.backends)
            await self._answer(writer, *((200, "OK", "ok") if ready else self._busy()), keep=keep)
            return keep
        assigned = backend is None
        backend = backend or self._assign()
        if backend is None or not backend.ready:
            await self._answer(writer, *self._busy(), keep=keep, retry=True)
            return keep
        return await self._forward(head, reader, writer, backend, assigned, keep)

    def _busy(self) -> tuple[int, str, str]:
        return 503, "Service Unavailable", self.unavailable

    async def _answer(
        self,
        writer: asyncio.StreamWriter,
        status: int,
        reason: str,
        text: str,
        *,
        keep: bool,
        retry: bool = False,
    ) -> None:
        body = text.encode("utf-8")
        headers = [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-cache"),
        ]
        if retry:
            headers.append(("Retry-After", "1"))
        if not keep:
            headers.append(("Connection", "close"))
        writer.write(Head(("HTTP/1.1", str(status), reason), headers).encode() + body)
        await writer.drain()

    def _own_headers(self, backend: Backend, assigned: bool) -> list[tuple[str, str]]:
        own = [(PROCESS_HEADER, str(backend.number))]
        if assigned:
            cookie = f"{self.cookie}={backend.number}; Path=/; HttpOnly; SameSite=Lax"
            own.append(("Set-Cookie", cookie))
        return own

    async def _forward(
        self,
        head: Head,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        backend: Backend,
        assigned: bool,
        keep: bool,
    ) -> bool:
        try:
            up_reader, up_writer = await asyncio.open_connection(
                "127.0.0.1", backend.port, limit=HEAD_LIMIT
            )
        except OSError:
            await self._answer(writer, 502, "Bad Gateway", self.bad_gateway, keep=False)
            return False
        try:
            if head.has_token("Upgrade", "websocket"):
                await self._tunnel(head, reader, writer, up_reader, up_writer, backend, assigned)
                return False
            return await self._exchange(
                head, reader, writer, up_reader, up_writer, backend, assigned, keep
            )
        finally:
            await _close(up_writer)

    async def _tunnel(
        self,
        head: Head,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        up_reader: asyncio.StreamReader,
        up_writer: asyncio.StreamWriter,
        backend: Backend,
        assigned: bool,
    ) -> None:
        """A WebSocket: the handshake as it is, then bytes both ways until either side closes."""
        up_writer.write(head.encode())
        await up_writer.drain()
        answer = await _read_head(up_reader)
        writer.write(answer.encode(answer.headers + self._own_headers(backend, assigned)))
        await writer.drain()
        opened = answer.first[1] == "101"
        backend.tabs += opened
        try:
            both = [
                asyncio.ensure_future(_copy(reader, up_writer)),
                asyncio.ensure_future(_copy(up_reader, writer)),
            ]
            _, pending = await asyncio.wait(both, return_when=asyncio.FIRST_COMPLETED)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        finally:
            backend.tabs -= opened

    async def _exchange(
        self,
        head: Head,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        up_reader: asyncio.StreamReader,
        up_writer: asyncio.StreamWriter,
        backend: Backend,
        assigned: bool,
        keep: bool,
    ) -> bool:
        """A plain request: head and body up, the answer down; whether to keep the connection."""
        up_writer.write(head.encode([*head.without(HOP_BY_HOP), ("Connection", "close")]))
        body = asyncio.ensure_future(_copy_body(head, reader, up_writer))
        try:
            try:
                answer = await _read_head(up_reader)
                while answer.first[1].startswith("1"):  # 100 Continue and the like
                    writer.write(answer.encode())
                    answer = await _read_head(up_reader)
            except (asyncio.IncompleteReadError, ValueError):  # it stopped, or spoke nonsense
                await self._answer(writer, 502, "Bad Gateway", self.bad_gateway, keep=False)
                return False
            status = int(answer.first[1]) if answer.first[1].isdigit() else 0
            delimited = (
                head.first[0] == "HEAD"
                or status in NO_BODY_STATUSES
                or answer.has_token("Transfer-Encoding", "chunked")
                or answer.get("Content-Length") is not None
            )
            keep = keep and delimited
            headers = answer.without(HOP_BY_HOP) + self._own_headers(backend, assigned)
            if not keep:
                headers.append(("Connection", "close"))
            writer.write(answer.encode(headers))
            copied = await _copy(up_reader, writer)
            length = answer.get("Content-Length")
            if head.first[0] != "HEAD" and length is not None and length.isdigit():
                keep = keep and copied >= int(length)  # cut short (its process stopped): close
        finally:
            if not body.done():
                body.cancel()  # the process answered before it read the whole body
            await asyncio.gather(body, return_exceptions=True)
        # the browser's next request starts where this one's body ended: only then keep it
        return keep and not body.cancelled() and body.exception() is None
