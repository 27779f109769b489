"""The lightweight client of bench/live.py speaks Streamlit's protocol as a browser does."""

from __future__ import annotations

import asyncio

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.streamlit_client import (
    FINISHED,
    FRAGMENT_FINISHED,
    Client,
    alert_texts,
    exception_texts,
    names_revision,
    rerun_message,
    stream_url,
)


def test_stream_url_from_the_app_address() -> None:
    assert stream_url("http://127.0.0.1:8501") == "ws://127.0.0.1:8501/_stcore/stream"
    assert stream_url("https://atelier.example/app/") == "wss://atelier.example/app/_stcore/stream"


def test_first_rerun_names_the_page_and_the_query_string() -> None:
    msg = BackMsg()
    msg.ParseFromString(rerun_message("src=model:m&who=P01", "structures").SerializeToString())
    assert msg.WhichOneof("type") == "rerun_script"
    state = msg.rerun_script
    assert (state.query_string, state.page_name, state.page_script_hash) == (
        "src=model:m&who=P01",
        "structures",
        "",
    )
    assert not state.fragment_id and not state.is_auto_rerun
    assert state.context_info.locale == "fr-FR"
    assert state.HasField("widget_states") and not state.widget_states.widgets


def test_a_fragment_tick_is_an_auto_rerun_of_that_fragment() -> None:
    msg = rerun_message("who=P01", "", "abc", "frag-1", auto=True, cached=frozenset({"h2", "h1"}))
    state = msg.rerun_script
    assert (state.page_script_hash, state.fragment_id, state.is_auto_rerun) == (
        "abc",
        "frag-1",
        True,
    )
    assert list(state.cached_message_hashes) == ["h1", "h2"]


def alert(body: str) -> ForwardMsg:
    msg = ForwardMsg()
    msg.delta.new_element.alert.body = body
    return msg


def test_alerts_and_exceptions_are_read_from_deltas() -> None:
    assert alert_texts(alert("P01 a enregistré ce modèle")) == ["P01 a enregistré ce modèle"]
    shown = ForwardMsg()
    shown.delta.new_element.exception.type = "KeyError"
    shown.delta.new_element.exception.message = "'x'"
    assert exception_texts(shown) == ["KeyError: 'x'"]
    assert alert_texts(shown) == [] and exception_texts(alert("x")) == []
    finished = ForwardMsg()
    finished.script_finished = FINISHED
    assert alert_texts(finished) == [] and exception_texts(finished) == []


def test_the_banner_is_recognised_by_its_revision_number() -> None:
    one = "**P01 a enregistré ce modèle (08/12/2026 00:10, révision 12).**"
    many = "**P01 saved this model (12/08/2026 00:10, revision 12; 3 revisions since yours).**"
    assert names_revision(one, 12) and names_revision(many, 12)
    assert not names_revision(one, 1) and not names_revision(one, 120)
    assert not names_revision("révision 121", 12)


def received(client: Client, msg: ForwardMsg) -> None:
    client._receive(msg.SerializeToString(), 10.0, None)


def test_the_client_follows_the_page_the_query_string_and_the_first_full_run() -> None:
    seen: list[tuple[float, str]] = []
    client = Client(
        "http://h", "structures", "who=P01", on_alert=lambda c, t, x: seen.append((t, x))
    )
    session = ForwardMsg()
    session.new_session.page_script_hash = "page-hash"
    received(client, session)
    info = ForwardMsg()
    info.page_info_changed.query_string = "src=model:m&who=P01"
    received(client, info)
    fragment_done = ForwardMsg()
    fragment_done.script_finished = FRAGMENT_FINISHED
    received(client, fragment_done)
    assert client.loaded_at is None  # a fragment's run is not the page loaded
    done = ForwardMsg()
    done.script_finished = FINISHED
    received(client, done)
    received(client, alert("révision 2"))
    assert (client.loaded_at, client.runs, seen) == (10.0, 2, [(10.0, "révision 2")])
    rerun = BackMsg()
    rerun.ParseFromString(client._rerun())
    assert (rerun.rerun_script.page_script_hash, rerun.rerun_script.page_name) == ("page-hash", "")
    assert rerun.rerun_script.query_string == "src=model:m&who=P01"


def test_a_cached_element_is_announced_then_read_back_from_its_reference() -> None:
    seen: list[str] = []
    client = Client("http://h", "", "", on_alert=lambda c, t, x: seen.append(x))
    big = alert("a long banner")
    big.hash, big.metadata.cacheable = "h1", True
    received(client, big)
    reference = ForwardMsg()
    reference.ref_hash = "h1"
    received(client, reference)
    assert seen == ["a long banner", "a long banner"]
    rerun = BackMsg()
    rerun.ParseFromString(client._rerun())
    assert list(rerun.rerun_script.cached_message_hashes) == ["h1"]
    unknown = ForwardMsg()
    unknown.ref_hash = "h9"
    received(client, unknown)
    assert "never sent" in client.failure


class Socket:
    """What the client sends, kept."""

    def __init__(self) -> None:
        self.sent: list[bytes] = []

    async def send(self, data: bytes) -> None:
        self.sent.append(data)


def test_run_every_fragments_are_ticked_by_the_client_until_stopped() -> None:
    async def scenario() -> tuple[list[BackMsg], int, int]:
        client = Client("http://h", "structures", "who=P01")
        socket = Socket()
        client._socket = socket
        tick = ForwardMsg()
        tick.auto_rerun.fragment_id, tick.auto_rerun.interval = "frag-1", 0.02
        received(client, tick)
        received(client, tick)  # the same interval again: still one timer
        await asyncio.sleep(0.11)
        stop = ForwardMsg()
        stop.stop_auto_rerun.fragment_ids.append("frag-1")
        received(client, stop)
        stopped_at = len(socket.sent)
        await asyncio.sleep(0.06)
        messages = []
        for data in socket.sent:
            msg = BackMsg()
            msg.ParseFromString(data)
            messages.append(msg)
        return messages, stopped_at, len(socket.sent)

    messages, stopped_at, later = asyncio.run(scenario())
    assert 2 <= len(messages) <= 6  # about 5 ticks of 20 ms in 110 ms, one timer only
    assert later == stopped_at  # none after the stop
    assert all(
        m.rerun_script.fragment_id == "frag-1" and m.rerun_script.is_auto_rerun for m in messages
    )
