"""The sticky proxy of ``bm3c serve --processes N``: its choices, and real traffic through it.

The traffic tests put the proxy in front of two small fake app processes (asyncio
servers in this process) that answer what they received: which process, the
path, the cookies, the body; one speaks the WebSocket handshake and echoes bytes.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable

import pytest

from bm3c.cli.proxy import (
    PROCESS_HEADER,
    Backend,
    StickyProxy,
    choose_backend,
    cookie_name,
    framed_plainly,
    parse_head,
    process_from_cookie,
)

NAME = cookie_name(8501)

# --- the choices ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "count", "expected"),
    [
        (None, 2, None),
        ("", 2, None),
        (f"{NAME}=2", 2, 2),
        (f"a=b; {NAME}=1; c=d", 2, 1),
        (f'{NAME}="2"', 2, 2),
        (f"{NAME}=3", 2, None),  # left by a proxy that ran more processes
        (f"{NAME}=0", 2, None),
        (f"{NAME}=x", 2, None),
        (f"{NAME}=", 2, None),
        ("bm3c_process_8502=1", 2, None),  # the proxy on another port
        (f"x{NAME}=1", 2, None),
        ("garbage;;==;", 2, None),
    ],
)
def test_process_from_cookie(header: str | None, count: int, expected: int | None) -> None:
    assert process_from_cookie(header, NAME, count) == expected


def test_choose_backend_takes_the_least_loaded_ready_process() -> None:
    assert choose_backend([3, 1, 2], last=-1) == 1
    assert choose_backend([None, 5, 2], last=-1) == 2
    assert choose_backend([0, None], last=0) == 0  # the only ready one, even if given last
    assert choose_backend([None, None], last=0) is None


def test_choose_backend_spreads_ties_in_turn() -> None:
    loads = [0, 0, 0]
    given: list[int] = []
    last = -1
    for _ in range(6):
        index = choose_backend(loads, last)
        assert index is not None
        given.append(index)
        last = index
    assert given == [0, 1, 2, 0, 1, 2]
    assert choose_backend([1, 0, 0], last=1) == 2  # least loaded first, then in turn


def test_parse_head_reads_the_first_line_and_headers_and_refuses_nonsense() -> None:
    head = parse_head(b"GET /a?b=1 HTTP/1.1\r\nHost: x\r\nCookie: k=v\r\n\r\n")
    assert head.first == ("GET", "/a?b=1", "HTTP/1.1")
    assert head.get("host") == "x"
    assert head.get("COOKIE") == "k=v"
    assert head.encode() == b"GET /a?b=1 HTTP/1.1\r\nHost: x\r\nCookie: k=v\r\n\r\n"
    with pytest.raises(ValueError, match="first line"):
        parse_head(b"hello\r\n\r\n")
    with pytest.raises(ValueError, match="header"):
        parse_head(b"GET / HTTP/1.1\r\nno colon here\r\n\r\n")


# --- real traffic through the proxy ----------------------------------------------------------


class FakeApp:
    """A fake app process: answers each request with what it received, then closes."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.requests: list[bytes] = []
        self.closed = asyncio.Event()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        raw = await reader.readuntil(b"\r\n\r\n")
        self.requests.append(raw)
        head = parse_head(raw)
        if head.has_token("Upgrade", "websocket"):
            protocol = (head.get("Sec-WebSocket-Protocol") or "").split(",")[0]
            writer.write(
                b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                b"Connection: Upgrade\r\nSec-WebSocket-Protocol: " + protocol.encode() + b"\r\n\r\n"
            )
            while data := await reader.read(1024):
                writer.write(bytes([self.number]) + data)
                await writer.drain()
            self.closed.set()
        else:
            length = int(head.get("Content-Length") or 0)
            body = await reader.readexactly(length) if length else b""
            if head.has_token("Transfer-Encoding", "chunked"):
                body = await reader.readuntil(b"0\r\n\r\n")
            if head.first[1] == "/big":
                size = 5_000_000
                writer.write(f"HTTP/1.1 200 OK\r\nContent-Length: {size}\r\n\r\n".encode())
                for _ in range(size // 100_000):
                    writer.write(b"x" * 100_000)
                    await writer.drain()
            else:
                text = f"process {self.number} {head.first[1]} cookie={head.get('Cookie')} "
                answer = text.encode() + body
                writer.write(
                    b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: "
                    + str(len(answer)).encode()
                    + b"\r\n\r\n"
                    + answer
                )
        await writer.drain()
        writer.close()


Scenario = Callable[[int, list[FakeApp], list[Backend]], Awaitable[None]]


def run_with_proxy(scenario: Scenario, ready: tuple[bool, ...] = (True, True)) -> None:
    """Two fake apps behind a proxy on a free loopback port; run ``scenario`` against it."""

    async def main() -> None:
        apps = [FakeApp(1), FakeApp(2)]
        servers = [await asyncio.start_server(a.handle, "127.0.0.1", 0) for a in apps]
        backends = [
            Backend(a.number, s.sockets[0].getsockname()[1], ready=r)
            for a, s, r in zip(apps, servers, ready, strict=True)
        ]
        proxy = StickyProxy(backends, 8501, unavailable="starting", bad_gateway="no answer")
        front = await asyncio.start_server(proxy.handle, "127.0.0.1", 0)
        try:
            await asyncio.wait_for(scenario(front.sockets[0].getsockname()[1], apps, backends), 20)
        finally:
            for server in [front, *servers]:
                server.close()

    asyncio.run(main())


async def exchange(
    port: int,
    *requests: bytes,
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None,
) -> list[tuple[dict[str, str], bytes]]:
    """Send ``requests`` one after another on one connection; each answer's headers and body."""
    reader, writer = connection or await asyncio.open_connection("127.0.0.1", port)
    answers = []
    for request in requests:
        writer.write(request)
        head = parse_head(await reader.readuntil(b"\r\n\r\n"))
        headers = {k.lower(): v for k, v in head.headers}
        body = await reader.readexactly(int(headers.get("content-length", 0)))
        answers.append(({"status": head.first[1], **headers}, body))
    if connection is None:
        writer.close()
    return answers


def get(path: str, cookie: str | None = None) -> bytes:
    """A browser's GET, kept alive."""
    lines = [f"GET {path} HTTP/1.1", "Host: workshop.local:8501"]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def test_a_new_browser_gets_a_process_and_a_cookie_that_keeps_it_there() -> None:
    async def scenario(port: int, apps: list[FakeApp], backends: list[Backend]) -> None:
        [(first, body1)] = await exchange(port, get("/"))
        [(second, body2)] = await exchange(port, get("/"))
        assert first[PROCESS_HEADER.lower()] == "1"
        assert first["set-cookie"] == f"{NAME}=1; Path=/; HttpOnly; SameSite=Lax"
        assert second["set-cookie"].startswith(f"{NAME}=2;")  # the next browser, the next one
        assert body1.startswith(b"process 1 / ") and body2.startswith(b"process 2 / ")
        answers = await exchange(port, *(get(f"/p{i}", f"{NAME}=2; other=x") for i in range(3)))
        for i, (headers, body) in enumerate(answers):
            assert body == f"process 2 /p{i} cookie={NAME}=2; other=x ".encode()
            assert headers[PROCESS_HEADER.lower()] == "2"
            assert "set-cookie" not in headers
            assert "connection" not in headers  # kept alive: three answers on one connection
        assert b"Host: workshop.local:8501" in apps[1].requests[-1]
        assert b"Connection: close" in apps[1].requests[-1]

    run_with_proxy(scenario)


def test_request_bodies_go_through_and_the_connection_goes_on_after_them() -> None:
    async def scenario(port: int, apps: list[FakeApp], backends: list[Backend]) -> None:
        post = (
            f"POST /_stcore/upload_file HTTP/1.1\r\nHost: h\r\nCookie: {NAME}=1\r\n"
            "Content-Length: 11\r\n\r\nhello world"
        ).encode()
        chunked = (
            f"POST /c HTTP/1.1\r\nHost: h\r\nCookie: {NAME}=1\r\n"
            "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
        ).encode()
        answers = await exchange(port, post, chunked, get("/after", f"{NAME}=1"))
        assert answers[0][1].endswith(b"hello world")
        assert answers[1][1].endswith(b"5\r\nhello\r\n0\r\n\r\n")
        assert answers[2][1].startswith(b"process 1 /after")

    run_with_proxy(scenario)


def test_a_large_download_arrives_whole() -> None:
    async def scenario(port: int, apps: list[FakeApp], backends: list[Backend]) -> None:
        [(headers, body)] = await exchange(port, get("/big", f"{NAME}=2"))
        assert headers["status"] == "200"
        assert len(body) == 5_000_000
        assert body == b"x" * 5_000_000

    run_with_proxy(scenario)


def test_a_websocket_keeps_its_subprotocols_carries_bytes_both_ways_and_closes_both_sides() -> None:
    async def scenario(port: int, apps: list[FakeApp], backends: list[Backend]) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            (
                "GET /_stcore/stream HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nCookie: {NAME}=2\r\n"
                "Sec-WebSocket-Protocol: streamlit, xsrf-token, session-id\r\n\r\n"
            ).encode()
        )
        head = parse_head(await reader.readuntil(b"\r\n\r\n"))
        assert head.first[1] == "101"
        assert head.get("Sec-WebSocket-Protocol") == "streamlit"
        assert head.get(PROCESS_HEADER) == "2"
        assert b"Sec-WebSocket-Protocol: streamlit, xsrf-token, session-id" in apps[1].requests[0]
        assert backends[1].tabs == 1
        frame = bytes(range(256))  # binary, every byte value
        writer.write(frame)
        assert await reader.readexactly(257) == b"\x02" + frame
        writer.close()  # the browser goes: the app's side closes too
        await asyncio.wait_for(apps[1].closed.wait(), 5)
        for _ in range(50):
            if backends[1].tabs == 0:
                break
            await asyncio.sleep(0.05)
        assert backends[1].tabs == 0

    run_with_proxy(scenario)


def test_health_goes_to_a_ready_browsers_process_and_is_answered_by_the_proxy_otherwise() -> None:
    async def scenario(port: int, apps: list[FakeApp], backends: list[Backend]) -> None:
        health = "/_stcore/health"
        [(h1, b1), (h2, b2), (h3, b3)] = await exchange(
            port, get(health), get(health, f"{NAME}=1"), get(health, f"{NAME}=2")
        )
        assert (h1["status"], b1) == ("200", b"ok")  # a probe: the proxy answers, a process is up
        assert "set-cookie" not in h1  # and gives it no process
        assert h2["status"] == "200"  # the browser's process answers (it sets Streamlit's cookie)
        assert b2 == f"process 1 {health} cookie={NAME}=1 ".encode()
        assert (h3["status"], b3) == ("503", b"starting")  # process 2 is not ready
        [(page, body)] = await exchange(port, get("/", f"{NAME}=2"))
        assert (page["status"], page["retry-after"], body) == ("503", "1", b"starting")
        assert len(apps[0].requests) == 1
        assert apps[1].requests == []
        answers = await exchange(port, get("/"), get("/"))
        assert [h[PROCESS_HEADER.lower()] for h, _ in answers] == ["1", "1"]  # the ready one

    run_with_proxy(scenario, ready=(True, False))


def test_a_process_that_does_not_answer_gives_a_502() -> None:
    async def scenario(port: int, apps: list[FakeApp], backends: list[Backend]) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            backends[0].port = s.getsockname()[1]  # nothing listens there
        [(headers, body)] = await exchange(port, get("/", f"{NAME}=1"))
        assert (headers["status"], body) == ("502", b"no answer")

    run_with_proxy(scenario)


def test_nonsense_gets_a_400() -> None:
    async def scenario(port: int, apps: list[FakeApp], backends: list[Backend]) -> None:
        [(headers, _)] = await exchange(port, b"HELLO\r\n\r\n")
        assert headers["status"] == "400"

    run_with_proxy(scenario)


@pytest.mark.parametrize(
    ("headers", "plain"),
    [
        ("", True),
        ("Content-Length: 12\r\n", True),
        ("Transfer-Encoding: chunked\r\n", True),
        ("Content-Length: -5\r\n", False),
        ("Content-Length: 0x10\r\n", False),
        ("Content-Length: 1_0\r\n", False),
        ("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", False),
    ],
)
def test_a_request_must_say_its_length_one_plain_way(headers: str, plain: bool) -> None:
    head = parse_head(f"POST /upload HTTP/1.1\r\nHost: x\r\n{headers}\r\n".encode())
    assert framed_plainly(head) is plain
