"""A lightweight client of a Streamlit app: the browser's side of the protocol, no browser.

It opens ``ws://host/_stcore/stream`` (subprotocol ``streamlit``, as the browser does),
sends the first ``rerun_script`` BackMsg with the page's name, its query string and
the browser's context (locale, time zone), then keeps doing what Streamlit's frontend
does while a tab sits open:

- a ``run_every`` fragment is ticked by the client: the server sends an ``auto_rerun``
  ForwardMsg (interval, fragment id) and the client sends a ``rerun_script`` with that
  fragment id and ``is_auto_rerun`` every interval, until a ``stop_auto_rerun``;
- the query string the app writes (``st.query_params``, a ``page_info_changed``) and
  the page it is on (``new_session``, ``navigation``) are sent back with each rerun;
- elements the server marks cacheable are kept by their hash and announced in the
  next rerun (``cached_message_hashes``), so the server sends a reference instead.

Widget states are sent empty: these clients never touch a widget, and a widget the
client does not name keeps its value on the server (as a browser's untouched one does).
bm3c asks nothing of a browser on arrival that the server waits for: the name comes
from ``?who=``, and the cookie script it sends (``bm3c.ui.browser_memory``) only
matters to the next session of the same browser; so nothing else is emulated.

What the benchmarks read: when the first full run finished (the tab loaded), each
alert's text with the moment it arrived (the "someone saved" banner), the exceptions
the app showed, and why a client failed. bench/live.py runs them in a process of their
own: ``python bench/streamlit_client.py URL --page structures --query who=P01
[--query who=P02 …]`` opens one client per ``--query``, prints JSON lines (each client
loaded or failed, then every new alert) and takes commands on stdin (``report``,
``close I``, ``quit``); so it can also be run by hand against a served app.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

STREAM = "/_stcore/stream"
FINISHED = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY")
FRAGMENT_FINISHED = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_FRAGMENT_RUN_SUCCESSFULLY")


def stream_url(url: str) -> str:
    """The websocket address of the app served at ``url`` (http → ws, https → wss)."""
    parts = urlsplit(url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}{STREAM}"


def rerun_message(
    query_string: str,
    page_name: str = "",
    page_script_hash: str = "",
    fragment_id: str = "",
    *,
    auto: bool = False,
    cached: frozenset[str] = frozenset(),
    locale: str = "fr-FR",
    timezone: str = "Europe/Paris",
) -> BackMsg:
    """The ``rerun_script`` BackMsg the browser sends (a fragment's tick when ``fragment_id``)."""
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query_string
    state.page_name = page_name
    state.page_script_hash = page_script_hash
    state.fragment_id = fragment_id
    state.is_auto_rerun = auto
    state.cached_message_hashes.extend(sorted(cached))
    state.widget_states.SetInParent()  # none: untouched widgets keep their server value
    state.context_info.locale = locale
    state.context_info.timezone = timezone
    state.context_info.url = ""
    return msg


def elements(msg: ForwardMsg) -> Iterator[Element]:
    """The element a ForwardMsg adds to the page (none, or one)."""
    if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
        yield msg.delta.new_element


def alert_texts(msg: ForwardMsg) -> list[str]:
    """The text of the alert (``st.warning``, ``st.info``…) a ForwardMsg shows, if any."""
    return [e.alert.body for e in elements(msg) if e.WhichOneof("type") == "alert"]


def exception_texts(msg: ForwardMsg) -> list[str]:
    """The exception the app shows on the page (``st.exception`` or an uncaught error)."""
    return [
        f"{e.exception.type}: {e.exception.message}"
        for e in elements(msg)
        if e.WhichOneof("type") == "exception"
    ]


def names_revision(text: str, number: int) -> bool:
    """Whether a banner's text names revision ``number`` (French or English catalogue)."""
    return re.search(rf"\b(révision|revision) {number}(?!\d)", text) is not None


@dataclass
class Client:
    """One open tab of the app, as the server sees it."""

    url: str
    page: str
    query: str
    locale: str = "fr-FR"
    on_alert: Callable[[Client, float, str], None] | None = None
    loaded_at: float | None = None
    failure: str = ""
    exceptions: list[str] = field(default_factory=list)
    runs: int = 0  # script runs finished, full and fragment
    page_hash: str = ""
    _cache: dict[str, ForwardMsg] = field(default_factory=dict)
    _ticks: dict[str, tuple[float, asyncio.Task[None]]] = field(default_factory=dict)
    _socket: object = None
    _closing: bool = False

    def _rerun(self, fragment_id: str = "", *, auto: bool = False) -> bytes:
        msg = rerun_message(
            self.query,
            "" if self.page_hash else self.page,
            self.page_hash,
            fragment_id,
            auto=auto,
            cached=frozenset(self._cache),
            locale=self.locale,
        )
        return msg.SerializeToString()

    async def run(self, ready: asyncio.Event | None = None) -> None:
        """Connect, ask for the page, then answer the server until closed."""
        from websockets.asyncio.client import connect
        from websockets.exceptions import ConnectionClosed

        try:
            async with connect(
                stream_url(self.url),
                subprotocols=["streamlit"],  # type: ignore[list-item]
                max_size=None,
                open_timeout=60,
                ping_interval=None,  # the browser sends no pings either
            ) as socket:
                self._socket = socket
                await socket.send(self._rerun())
                async for raw in socket:
                    if isinstance(raw, bytes):
                        self._receive(raw, time.time(), ready)
        except (OSError, ConnectionClosed, TimeoutError) as error:
            if not self._closing:
                self.failure = self.failure or f"connection: {error!r}"
        finally:
            for _, task in self._ticks.values():
                task.cancel()
            if ready is not None:
                ready.set()

    async def close(self) -> None:
        """Close the tab."""
        self._closing = True
        socket = self._socket
        if socket is not None:
            with contextlib.suppress(Exception):
                await socket.close()  # type: ignore[attr-defined]

    def _receive(self, raw: bytes, now: float, ready: asyncio.Event | None) -> None:
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        if msg.WhichOneof("type") == "ref_hash":
            kept = self._cache.get(msg.ref_hash)
            if kept is None:
                self.failure = self.failure or "the server referred to an element never sent"
                return
            msg = kept
        elif msg.metadata.cacheable and msg.hash:
            self._cache[msg.hash] = msg
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.page_hash = msg.new_session.page_script_hash or self.page_hash
        elif kind == "navigation":
            self.page_hash = msg.navigation.page_script_hash or self.page_hash
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "auto_rerun":
            self._tick(msg.auto_rerun.fragment_id, msg.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            for fragment_id in msg.stop_auto_rerun.fragment_ids:
                if fragment_id in self._ticks:
                    self._ticks.pop(fragment_id)[1].cancel()
        elif kind == "script_finished":
            self.runs += 1
            if msg.script_finished == FINISHED and self.loaded_at is None:
                self.loaded_at = now
                if ready is not None:
                    ready.set()
        elif kind == "page_not_found":
            self.failure = self.failure or f"page not found: {self.page}"
        for text in exception_texts(msg):
            self.exceptions.append(text)
        if self.on_alert is not None:
            for text in alert_texts(msg):
                self.on_alert(self, now, text)

    def _tick(self, fragment_id: str, interval: float) -> None:
        """Rerun ``fragment_id`` every ``interval`` seconds, as the browser's timer does."""
        if not fragment_id:
            return
        if fragment_id in self._ticks:
            if self._ticks[fragment_id][0] == interval:
                return
            self._ticks.pop(fragment_id)[1].cancel()

        async def ticking() -> None:
            while True:
                await asyncio.sleep(interval)
                socket = self._socket
                if socket is None:
                    return
                await socket.send(self._rerun(fragment_id, auto=True))  # type: ignore[attr-defined]

        self._ticks[fragment_id] = (interval, asyncio.get_running_loop().create_task(ticking()))


# --- the clients' own process: N clients, driven by the benchmark over stdin/stdout ---


async def _serve_clients(url: str, page: str, queries: list[str], load_timeout: float) -> None:
    """Open one client per query, report on stdout (JSON lines), obey stdin.

    Reports: ``{"loaded": i, "t": …}`` or ``{"failed": i, "why": …}`` per client as it
    loads, ``{"all_loaded": n}`` when every client has loaded or failed, then each new
    alert text ``{"alert": i, "t": …, "text": …}``. Commands on stdin: ``close I``
    (close client I), ``report`` (prints ``{"report": …}``: failures, exceptions,
    runs finished, fragment runs asked for per second), ``quit``.
    """
    seen: dict[int, str] = {}

    def out(record: dict[str, object]) -> None:
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        sys.stdout.flush()

    def alert(client: Client, at: float, text: str) -> None:
        index = clients.index(client)
        if seen.get(index) != text:  # the fragment sends its alert again every second
            seen[index] = text
            out({"alert": index, "t": at, "text": text})

    clients = [Client(url, page, query, on_alert=alert) for query in queries]
    tasks = []
    for index, client in enumerate(clients):  # one after the other, as a room arrives
        ready = asyncio.Event()
        tasks.append(asyncio.create_task(client.run(ready)))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(ready.wait(), load_timeout)
        if client.loaded_at is not None and not client.failure:
            out({"loaded": index, "t": client.loaded_at})
        else:
            client.failure = client.failure or f"not loaded within {load_timeout:.0f} s"
            out({"failed": index, "why": client.failure})
    out({"all_loaded": len(clients)})
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while line := (await reader.readline()).decode().strip():
        command, _, argument = line.partition(" ")
        if command == "close":
            await clients[int(argument)].close()
        elif command == "report":
            out(
                {
                    "report": {
                        "failed": [c.failure for c in clients if c.failure],
                        "exceptions": [e for c in clients for e in c.exceptions],
                        "runs": sum(c.runs for c in clients),
                        "asked": sum(1 / i for c in clients for i, _ in c._ticks.values() if i),
                    }
                }
            )
        elif command == "quit":
            break
    for client in clients:
        await client.close()
    await asyncio.gather(*tasks, return_exceptions=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="the app's address, e.g. http://127.0.0.1:8501")
    parser.add_argument("--page", default="", help="the page's url path (default: the first)")
    parser.add_argument(
        "--query",
        action="append",
        default=[],
        help="one client per --query (its query string, e.g. 'who=P01'); default one client",
    )
    parser.add_argument("--load-timeout", type=float, default=120.0)
    args = parser.parse_args()
    asyncio.run(_serve_clients(args.url, args.page, args.query or ["who=Bench"], args.load_timeout))


if __name__ == "__main__":
    main()
