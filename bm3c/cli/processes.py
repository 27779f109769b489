"""``bm3c serve --processes N``: N app processes on loopback ports behind the sticky proxy.

Each process is the same ``streamlit run`` (:data:`bm3c.cli.serve.SETTINGS`, the
same environment: model, workspace database, workspace) on a free loopback port;
they share a ``server.cookieSecret`` (drawn here, passed in the environment) so
that any of them accepts what another signed. The proxy listens on the public
address at once and answers 503 until a browser's process is ready.

What happens when a process stops: one that was serving is reported on stderr and
started again on a new port (its tabs reconnect to it, with new sessions; their
saved work and drafts are in the database); one that stops before it ever
answered, or does not answer within :data:`READY_S`, is a broken setup, not an
accident: everything stops, exit code 1. Ctrl-C and SIGTERM stop the proxy and
every process (each runs in its own session, so only this one gets Ctrl-C, and on
Linux each is told to stop if this one dies without cleaning up).
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import os
import secrets
import signal
import socket
import sys
import webbrowser
from collections.abc import Mapping

from bm3c.cli.language import say
from bm3c.cli.proxy import HEAD_LIMIT, HEALTH_PATH, Backend, StickyProxy
from bm3c.cli.serve import streamlit_command

__all__ = ["READY_S", "free_port", "health_ok", "network_address", "serve_processes"]

READY_S = 180.0  # N processes importing the app at once on 2 cores take a while
STOP_S = 15.0
#: After a failed restart, the wait before the next try doubles from the first to the most.
RETRY_FIRST_S = 2.0
RETRY_MAX_S = 60.0
EXIT_BROKEN = 1
BACKEND_ARGUMENTS = (
    "--server.headless",
    "true",
    "--logger.hideWelcomeMessage",  # each would print its own loopback URL: bm3c prints one
    "true",
)


def free_port() -> int:
    """A loopback port free at this moment."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def network_address() -> str | None:
    """The address of this machine on the local network (the route out), None without one.

    Connecting a UDP socket sends nothing; it only picks the interface.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            address = str(s.getsockname()[0])
        except OSError:
            return None
    return None if address.startswith("127.") else address


async def health_ok(port: int) -> bool:
    """Whether the process on loopback ``port`` answers ``ok`` at ``/_stcore/health``."""
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return False
    try:
        writer.write(
            f"GET {HEALTH_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
        )
        answer = await asyncio.wait_for(reader.read(), 5)
    except (OSError, TimeoutError):
        return False
    finally:
        writer.close()
    return answer.startswith(b"HTTP/1.1 200") and answer.endswith(b"\r\n\r\nok")


def _die_with_parent() -> None:  # pragma: no cover - runs in the child, between fork and exec
    """Linux: the child gets SIGTERM when this process dies, even by SIGKILL (no orphans)."""
    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(pr_set_pdeathsig, signal.SIGTERM)


class Supervisor:
    """Starts, watches and stops the app processes; runs the proxy in front of them."""

    def __init__(self, count: int, env: Mapping[str, str], lang: str, public_port: int) -> None:
        self.public_port = public_port
        self.env = dict(env)
        self.env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
        self.lang = lang
        self.backends = [Backend(number, free_port()) for number in range(1, count + 1)]
        self.children: dict[int, asyncio.subprocess.Process] = {}
        self.stopping = asyncio.Event()
        self.exit_code = 0

    def say(self, key: str, **values: object) -> None:
        """A line on stderr, in the command's language."""
        print(say(f"serve.{key}", self.lang, **values), file=sys.stderr, flush=True)

    async def start(self, backend: Backend) -> asyncio.subprocess.Process:
        """Start ``backend``'s process on its port (not ready until it answers)."""
        backend.ready = False
        public = ("--browser.serverPort", str(self.public_port))  # the URLs it writes: the proxy's
        command = streamlit_command(
            backend.port, address="127.0.0.1", extra=(*BACKEND_ARGUMENTS, *public)
        )
        child = await asyncio.create_subprocess_exec(
            *command,
            env=self.env,
            start_new_session=True,  # Ctrl-C reaches bm3c only, which stops them in order
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
        self.children[backend.number] = child
        return child

    async def until_ready(self, backend: Backend, child: asyncio.subprocess.Process) -> bool:
        """Wait until ``backend`` answers (True), or its process stops or is too slow (False)."""
        deadline = asyncio.get_running_loop().time() + READY_S
        while not await health_ok(backend.port):
            if self.stopping.is_set():
                return False
            if child.returncode is not None:
                self.say("never_ready", number=backend.number, code=child.returncode)
                return False
            if asyncio.get_running_loop().time() > deadline:
                self.say("too_slow", number=backend.number, seconds=int(READY_S))
                return False
            await asyncio.sleep(0.2)
        backend.ready = True
        return True

    async def keep(self, backend: Backend) -> None:
        """Start ``backend``, then start it again on a new port each time it stops.

        A process that never starts the first time stops everything (a broken setup
        would otherwise restart for ever). Once the workshop runs, a process that
        stops is started again, waiting longer after each failed try (up to
        :data:`RETRY_MAX_S`): the other processes go on serving meanwhile.
        """
        child = await self.start(backend)
        if not await self.until_ready(backend, child):
            if not self.stopping.is_set():
                self.exit_code = EXIT_BROKEN
                self.stopping.set()
            return
        wait = RETRY_FIRST_S
        while not self.stopping.is_set():
            code = await child.wait()
            backend.ready = False
            if self.stopping.is_set():
                return
            self.say("died", number=backend.number, code=code)
            while not self.stopping.is_set():
                backend.port = free_port()
                child = await self.start(backend)
                if await self.until_ready(backend, child):
                    self.say("restarted", number=backend.number)
                    wait = RETRY_FIRST_S
                    break
                with contextlib.suppress(ProcessLookupError):
                    child.kill()
                await child.wait()
                with contextlib.suppress(TimeoutError):  # stopping ends the wait at once
                    await asyncio.wait_for(self.stopping.wait(), wait)
                wait = min(wait * 2, RETRY_MAX_S)

    async def stop_all(self) -> None:
        """Ask every process to stop (SIGTERM), then kill the ones still there after a while."""
        running = [c for c in self.children.values() if c.returncode is None]
        for child in running:
            with contextlib.suppress(ProcessLookupError):
                child.terminate()
        try:
            await asyncio.wait_for(asyncio.gather(*(c.wait() for c in running)), STOP_S)
        except TimeoutError:
            for child in running:
                with contextlib.suppress(ProcessLookupError):
                    child.kill()
            await asyncio.gather(*(c.wait() for c in running))


async def _serve(
    count: int, address: str | None, port: int, env: Mapping[str, str], headless: bool, lang: str
) -> int:
    supervisor = Supervisor(count, env, lang, port)
    proxy = StickyProxy(
        supervisor.backends,
        port,
        unavailable=say("serve.unavailable", lang),
        bad_gateway=say("serve.bad_gateway", lang),
    )
    try:  # listen first: a port already taken is said before any process starts
        server = await asyncio.start_server(
            proxy.handle, host=address or None, port=port, limit=HEAD_LIMIT
        )
    except OSError as error:
        print(
            say("serve.port_taken", lang, address=address or "*", port=port, reason=error.strerror),
            file=sys.stderr,
        )
        return 2
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # Windows: Ctrl-C ends asyncio.run
            loop.add_signal_handler(signum, supervisor.stopping.set)
    supervisor.say("starting", count=count)
    keepers = [asyncio.ensure_future(supervisor.keep(b)) for b in supervisor.backends]
    announce = asyncio.ensure_future(_announce(supervisor, address, port, headless))
    await supervisor.stopping.wait()
    supervisor.say("stopping", count=count)
    server.close()
    announce.cancel()
    await supervisor.stop_all()
    await asyncio.gather(*keepers, announce, return_exceptions=True)
    return supervisor.exit_code


async def _announce(supervisor: Supervisor, address: str | None, port: int, headless: bool) -> None:
    """Once every process is ready: say where the app is; open it in a browser unless headless."""
    while not all(b.ready for b in supervisor.backends):
        await asyncio.sleep(0.2)
    shown = "localhost" if address in (None, "", "0.0.0.0", "::") else address
    url = f"http://{shown}:{port}"
    supervisor.say("ready", count=len(supervisor.backends), url=url)
    lan = network_address() if address in (None, "", "0.0.0.0", "::") else None
    if lan:
        supervisor.say("network", url=f"http://{lan}:{port}")
    screen = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    if not headless and (sys.platform != "linux" or screen):
        webbrowser.open(url)


def serve_processes(
    count: int,
    address: str | None,
    port: int,
    env: Mapping[str, str],
    *,
    headless: bool,
    lang: str,
) -> int:
    """Serve the app on ``count`` processes behind the proxy on ``address:port`` until stopped.

    Returns 0 once stopped by Ctrl-C or SIGTERM, 1 when a process could not start,
    2 when the port cannot be listened on.
    """
    return asyncio.run(_serve(count, address, port, env, headless, lang))
