"""Charts of the work page: each member's load against its capacity, what-if changes.

Pure functions: texts come in as arguments; money in tooltips and axes is written
as the app writes it (``12 000 €`` in French, ``€12,000`` in English).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from typing import Any

import altair as alt
import pandas as pd

from bm3c.engine import Evaluation
from bm3c.engine.whatif import WhatIf
from bm3c.present.work_tables import signed_money
from bm3c.texts.format import NARROW_NBSP, NBSP, SYMBOLS, hours, percent
from bm3c.texts.i18n import translate

__all__ = [
    "OVERLOAD_RED",
    "chart_spec",
    "delta_chart",
    "delta_data",
    "load_chart",
    "load_data",
    "load_labels",
]

WITHIN_BLUE = "#4c78a8"
OVERLOAD_RED = "#d62728"
GAIN_GREEN = "#2ca02c"


def load_data(ev: Evaluation, lang: str, labels: Mapping[str, str]) -> pd.DataFrame:
    """Two rows per member (paid, volunteer hours) with its capacity and load, for the chart.

    ``labels`` gives ``paid``, ``volunteer`` (the kinds of hours), ``within`` and
    ``overloaded`` (the two statuses).
    """
    rows = []
    for m in ev.members:
        status = labels["overloaded"] if m.overloaded else labels["within"]
        common = {
            "member": m.name,
            "status": status,
            "capacity": m.capacity_hours,
            "total_text": hours(m.hours, lang),
            "capacity_text": "–" if m.capacity_hours is None else hours(m.capacity_hours, lang),
            "load_text": percent(m.load_ratio, lang),
        }
        rows.append(common | {"kind": labels["paid"], "hours": m.paid_hours, "order": 0})
        rows.append(common | {"kind": labels["volunteer"], "hours": m.volunteer_hours, "order": 1})
    columns = [
        "member",
        "status",
        "capacity",
        "total_text",
        "capacity_text",
        "load_text",
        "kind",
        "hours",
        "order",
    ]
    return pd.DataFrame(rows, columns=columns)


def load_labels(lang: str) -> dict[str, str]:
    """The texts of the load chart (title, legends, tooltips) in ``lang``."""
    keys = {
        "title": "work.load_chart_title",
        "hours": "work.hours",
        "member": "common.member",
        "kind": "work.kind",
        "status": "work.status",
        "capacity": "work.capacity",
        "load": "common.load",
        "paid": "work.paid_short",
        "volunteer": "work.volunteer_short",
        "within": "work.within",
        "overloaded": "work.overloaded_status",
    }
    return {name: translate(key, lang) for name, key in keys.items()}


def load_chart(lang: str, labels: Mapping[str, str], members: int) -> alt.LayerChart:
    """Horizontal bars of each member's hours (paid, then volunteer, paler) and its capacity.

    A bar is red when the member is overloaded; a black tick marks its capacity. The
    chart has no data of its own: give it the frame of :func:`load_data`. ``labels``
    gives ``title``, ``hours``, ``member``, ``kind``, ``status``, ``capacity``,
    ``load`` and the texts of :func:`load_data`; ``members`` sets the height.
    """
    y = alt.Y("member:N", title=None, sort=None, axis=alt.Axis(labelLimit=220))
    tooltip = [
        alt.Tooltip("member:N", title=labels["member"]),
        alt.Tooltip("total_text:N", title=labels["hours"]),
        alt.Tooltip("capacity_text:N", title=labels["capacity"]),
        alt.Tooltip("load_text:N", title=labels["load"]),
    ]
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            x=alt.X("sum(hours):Q", title=labels["hours"], axis=_hours_axis(lang)),
            y=y,
            color=alt.Color(
                "status:N",
                title=labels["status"],
                scale=alt.Scale(
                    domain=[labels["within"], labels["overloaded"]],
                    range=[WITHIN_BLUE, OVERLOAD_RED],
                ),
                legend=alt.Legend(orient="bottom"),
            ),
            opacity=alt.Opacity(
                "kind:N",
                title=labels["kind"],
                scale=alt.Scale(domain=[labels["paid"], labels["volunteer"]], range=[1.0, 0.45]),
                legend=alt.Legend(orient="bottom"),
            ),
            order=alt.Order("order:Q"),
            tooltip=tooltip,
        )
    )
    capacity = (
        alt.Chart()
        .transform_filter("datum.order == 0 && isValid(datum.capacity)")
        .mark_tick(color="black", thickness=3, size=18)
        .encode(x="capacity:Q", y=y, tooltip=tooltip)
    )
    return alt.LayerChart(
        layer=[bars, capacity], title=labels["title"], height=max(60, 26 * members)
    )


def delta_data(result: WhatIf, currency: str, lang: str, labels: Mapping[str, str]) -> pd.DataFrame:
    """One row per member: the change of its cash result, its direction and its text.

    ``labels`` gives ``up`` and ``down``.
    """
    return pd.DataFrame(
        [
            {
                "member": m.name,
                "delta": m.cash_result_delta_eur,
                "direction": labels["down"] if m.cash_result_delta_eur < 0 else labels["up"],
                "delta_text": signed_money(m.cash_result_delta_eur, currency, lang),
            }
            for m in result.members
        ],
        columns=["member", "delta", "direction", "delta_text"],
    )


def delta_chart(currency: str, lang: str, labels: Mapping[str, str], members: int) -> alt.Chart:
    """Horizontal bars: how much each member's cash result moves, green up, red down.

    No data of its own: give it the frame of :func:`delta_data`. ``labels`` gives
    ``title``, ``delta``, ``member``, ``up`` and ``down``.
    """
    chart: alt.Chart = (
        alt.Chart(title=labels["title"])
        .mark_bar()
        .encode(
            x=alt.X("delta:Q", title=labels["delta"], axis=_money_axis(currency, lang)),
            y=alt.Y("member:N", title=None, sort=None, axis=alt.Axis(labelLimit=220)),
            color=alt.Color(
                "direction:N",
                scale=alt.Scale(
                    domain=[labels["up"], labels["down"]], range=[GAIN_GREEN, OVERLOAD_RED]
                ),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("member:N", title=labels["member"]),
                alt.Tooltip("delta_text:N", title=labels["delta"]),
            ],
        )
        .properties(height=max(60, 24 * members))
    )
    return chart


def chart_spec(
    kind: str, currency: str, lang: str, labels: Mapping[str, str], members: int
) -> dict[str, Any]:
    """The Vega-Lite spec of the ``load`` or ``delta`` chart, built once per texts and size.

    Altair validates a chart against the whole Vega-Lite schema each time it is
    drawn, which costs tens of milliseconds: these charts change only with their
    texts, so their specs are kept and the data is passed apart. A fresh copy each
    call (Streamlit edits the spec it is given).
    """
    return dict(json.loads(_spec(kind, currency, lang, tuple(labels.items()), members)))


@cache
def _spec(
    kind: str, currency: str, lang: str, labels: tuple[tuple[str, str], ...], members: int
) -> str:
    texts = dict(labels)
    chart = (
        load_chart(lang, texts, members)
        if kind == "load"
        else delta_chart(currency, lang, texts, members)
    )
    spec = chart.to_dict()
    spec.pop("config", None)  # Altair's default theme: fixed view sizes Streamlit does not want
    # Fit the width only: the height stays the plotting area's, whatever the legends and title.
    spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    spec.pop("datasets", None)  # Altair's placeholder for a chart without data
    for part in [spec, *spec.get("layer", [])]:
        part.pop("data", None)  # so that the data given to Streamlit is the chart's
    return json.dumps(spec)


def _grouped(lang: str) -> str:
    """Vega expression of ``datum.value`` with thousands grouped as the language writes them."""
    if lang == "fr":
        return f"replace(format(abs(datum.value), ',.0f'), regexp(',', 'g'), '{NARROW_NBSP}')"
    return "format(abs(datum.value), ',.0f')"


def _hours_axis(lang: str) -> alt.Axis:
    return alt.Axis(labelExpr=f"{_grouped(lang)} + '{NBSP}h'")


def _money_axis(currency: str, lang: str) -> alt.Axis:
    symbol = SYMBOLS.get(currency, currency)
    sign = "(datum.value < 0 ? '−' : '')"
    if lang == "fr":
        return alt.Axis(labelExpr=f"{sign} + {_grouped(lang)} + '{NBSP}{symbol}'")
    return alt.Axis(labelExpr=f"{sign} + '{symbol}' + {_grouped(lang)}")
