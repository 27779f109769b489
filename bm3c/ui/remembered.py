"""Results kept in the browser tab's session until the model or the language changes.

A rerun (a click, a poll) must not rebuild the value-flow network or re-convert a
large chart: :func:`remembered` keeps the last one under a slot.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable
from typing import Any, TypeVar

import streamlit as st
from altair.utils.schemapi import debug_mode

from bm3c.engine.network import FlowNetwork, filter_network, flow_network
from bm3c.model import Cooperation
from bm3c.present.colours import party_colours
from bm3c.present.graph import value_flow_chart
from bm3c.texts.i18n import translate as text

__all__ = ["flow_chart_spec", "remembered", "session_network"]

T = TypeVar("T")


def remembered(slot: str, key: Hashable, build: Callable[[], T]) -> T:
    """``build()``, kept in the session under ``slot`` until ``key`` changes."""
    name = f"bm3c.remembered.{slot}"
    kept = st.session_state.get(name)
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key:
        value: T = kept[1]
        return value
    value = build()
    st.session_state[name] = (key, value)
    return value


def session_network(model: Cooperation, version: int, lang: str) -> FlowNetwork:
    """The model's value-flow network, built once per model version and language."""
    return remembered(
        "flows.network",
        (version, id(model), lang),
        lambda: flow_network(model, market_name=text("flows.market", lang)),
    )


def flow_chart_spec(
    model: Cooperation,
    version: int,
    lang: str,
    kinds: Collection[str] | None = None,
    node: str | None = None,
    *,
    interactive: bool = True,
    text_scale: float = 1.0,
) -> dict[str, Any]:
    """The Vega-Lite spec of the (filtered) network chart, kept in the session.

    For ``st.vega_lite_chart``: the spec is the Altair chart of
    :func:`value_flow_chart`, converted once instead of on every rerun. Parties
    keep the model's colours however the network is filtered; ``text_scale``
    enlarges the texts (projector mode).
    """
    network = session_network(model, version, lang)
    chosen = None if kinds is None else tuple(sorted(kinds))
    slot = "flows.spec" if interactive else "flows.overview_spec"

    def build() -> dict[str, Any]:
        # Schema validation is half the cost of a large chart; the chart's unit tests
        # validate what this function builds, so the app skips it.
        with debug_mode(False):
            chart = value_flow_chart(
                filter_network(network, chosen, node),
                lang,
                colours=party_colours(model),
                interactive=interactive,
                text_scale=text_scale,
            )
            spec: dict[str, Any] = chart.to_dict(validate=False)
        return spec

    return remembered(slot, (version, id(model), lang, chosen, node, text_scale), build)
