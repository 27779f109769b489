"""Results built once per server process, for every tab showing the same model.

A rerun (a click, a poll, a save reaching thirty tabs) must not rebuild the
value-flow network or re-convert a large chart: :func:`remembered` keeps them in the
process's bounded cache (:mod:`bm3c.ui.process_cache`), under a slot and a key that
names what they are built from: the model's :func:`~bm3c.ui.process_cache.fingerprint`
(its content, never a tab's own counters), the language, the choices made.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable
from typing import Any, TypeVar

from altair.utils.schemapi import debug_mode

from bm3c.engine.network import FlowNetwork, filter_network, flow_network
from bm3c.model import Cooperation
from bm3c.present.colours import party_colours
from bm3c.present.graph import value_flow_chart
from bm3c.texts.i18n import translate as text
from bm3c.ui.process_cache import fingerprint, shared

__all__ = ["flow_chart_spec", "remembered", "session_network"]

T = TypeVar("T")


def remembered(slot: str, key: Hashable, build: Callable[[], T]) -> T:
    """``build()``, once per process for ``slot`` and ``key`` (a key naming content)."""
    return shared(("remembered", slot, key), build)


def session_network(model: Cooperation, lang: str) -> FlowNetwork:
    """The model's value-flow network, built once per model content and language."""
    return remembered(
        "flows.network",
        (fingerprint(model), lang),
        lambda: flow_network(model, market_name=text("flows.market", lang)),
    )


def flow_chart_spec(
    model: Cooperation,
    lang: str,
    kinds: Collection[str] | None = None,
    node: str | None = None,
    *,
    interactive: bool = True,
    text_scale: float = 1.0,
) -> dict[str, Any]:
    """The Vega-Lite spec of the (filtered) network chart, built once per process.

    For ``st.vega_lite_chart``: the spec is the Altair chart of
    :func:`value_flow_chart`, converted once instead of on every rerun. Parties
    keep the model's colours however the network is filtered; ``text_scale``
    enlarges the texts (projector mode).
    """
    network = session_network(model, lang)
    chosen = None if kinds is None else tuple(sorted(kinds))
    slot = "flows.spec" if interactive else "flows.overview_spec"
    key = (fingerprint(model), lang, chosen, node, text_scale)

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

    return remembered(slot, key, build)
