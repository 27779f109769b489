"""Tables and chart of the activities page: shared and own activities side by side, results.

Pure functions of an evaluation: texts (column titles, chart title) come in as
arguments, numbers go out formatted for the language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd

from bm3c.engine import ActivityResult, Evaluation
from bm3c.present.colours import party_scale
from bm3c.texts.format import NARROW_NBSP, NBSP, SYMBOLS, hours, money
from bm3c.texts.i18n import translate

__all__ = [
    "activity_names",
    "activity_titles",
    "own_activities_table",
    "results_chart",
    "shared_activities_table",
]

FIGURES = ("result", "revenue", "costs", "staff_cost", "hours")


def activity_titles(lang: str) -> dict[str, str]:
    """Column titles of the activity tables and texts of the results chart, in ``lang``."""
    keys = {
        "member": "common.member",
        "activity": "common.activity",
        "carrier": "common.carrier",
        "result": "activities.result",
        "revenue": "activities.revenue",
        "costs": "activities.costs",
        "staff_cost": "activities.staff_cost",
        "hours": "activities.hours",
        "title": "activities.chart_title",
    }
    return {name: translate(key, lang) for name, key in keys.items()}


def activity_names(ev: Evaluation) -> dict[str, str]:
    """A display name per activity id, unique: a repeated name gets its id appended."""
    names = [a.name for a in ev.model.activities]
    return {
        a.id: a.name if names.count(a.name) == 1 else f"{a.name} ({a.id})"
        for a in ev.model.activities
    }


def _row(result: ActivityResult, cur: str, lang: str, labels: Mapping[str, str]) -> dict[str, Any]:
    return {
        labels["result"]: money(result.result_eur, cur, lang),
        labels["revenue"]: money(result.revenue_eur, cur, lang),
        labels["costs"]: money(result.cost_eur, cur, lang),
        labels["staff_cost"]: money(result.staff_cost_eur, cur, lang),
        labels["hours"]: hours(result.hours, lang),
    }


def shared_activities_table(ev: Evaluation, lang: str, labels: Mapping[str, str]) -> pd.DataFrame:
    """The shared entity's activities in model order: name, result, revenue, costs, staff, hours.

    ``labels`` maps ``activity`` and each of :data:`FIGURES` to its column title.
    Hours are paid plus volunteer hours.
    """
    results = {a.id: a for a in ev.activities}
    rows = [
        {labels["activity"]: a.name} | _row(results[a.id], ev.currency, lang, labels)
        for a in ev.model.activities
        if a.carrier == ev.model.shared_entity.id
    ]
    return pd.DataFrame(rows, columns=[labels["activity"], *(labels[f] for f in FIGURES)])


def own_activities_table(ev: Evaluation, lang: str, labels: Mapping[str, str]) -> pd.DataFrame:
    """Each member's own activities, grouped by member in model order, with their figures.

    ``labels`` maps ``member``, ``activity`` and each of :data:`FIGURES` to its column title.
    """
    results = {a.id: a for a in ev.activities}
    rows = [
        {labels["member"]: m.name, labels["activity"]: a.name}
        | _row(results[a.id], ev.currency, lang, labels)
        for m in ev.model.members
        for a in ev.model.activities
        if a.carrier == m.id
    ]
    columns = [labels["member"], labels["activity"], *(labels[f] for f in FIGURES)]
    return pd.DataFrame(rows, columns=columns)


def results_chart(ev: Evaluation, lang: str, labels: Mapping[str, str]) -> alt.Chart:
    """Horizontal bars: each activity's result, best first, in the colour of its carrier.

    Bars are 22 px apart (14 px beyond 40 activities, so that 200 stay on a few screens).

    ``labels`` gives ``title``, ``activity``, ``result`` and ``carrier``.
    """
    coop = ev.model
    carriers = {m.id: m.name for m in coop.members} | {
        coop.shared_entity.id: coop.shared_entity.name
    }
    names = activity_names(ev)
    data = pd.DataFrame(
        [
            {
                "activity": names[a.id],
                "result": a.result_eur,
                "carrier": carriers[a.carrier],
                "result_text": money(a.result_eur, ev.currency, lang),
            }
            for a in ev.activities
        ],
        columns=["activity", "result", "carrier", "result_text"],
    )
    # the parties' own colours (bm3c.present.colours): a member's bars are its colour everywhere
    scale = party_scale(coop, [coop.shared_entity.id, *(m.id for m in coop.members)])
    chart: alt.Chart = (
        alt.Chart(data, title=labels["title"])
        .mark_bar()
        .encode(
            x=alt.X("result:Q", title=labels["result"], axis=_money_axis(ev.currency, lang)),
            y=alt.Y("activity:N", title=None, sort="-x", axis=alt.Axis(labelLimit=280)),
            color=alt.Color(
                "carrier:N",
                title=labels["carrier"],
                scale=scale,
                legend=alt.Legend(orient="bottom", columns=3, labelLimit=320),
            ),
            tooltip=[
                alt.Tooltip("activity:N", title=labels["activity"]),
                alt.Tooltip("carrier:N", title=labels["carrier"]),
                alt.Tooltip("result_text:N", title=labels["result"]),
            ],
        )
        .properties(height=alt.Step(22 if len(data) <= 40 else 14))
    )
    return chart


def _money_axis(currency: str, lang: str) -> alt.Axis:
    """Axis labels as the app writes money: ``12 000 €`` in French, ``€12,000`` in English."""
    symbol = SYMBOLS.get(currency, currency)
    if lang == "fr":
        digits = f"replace(format(datum.value, ',.0f'), regexp(',', 'g'), '{NARROW_NBSP}')"
        expr = f"{digits} + '{NBSP}{symbol}'"
    else:
        expr = f"(datum.value < 0 ? '−' : '') + '{symbol}' + format(abs(datum.value), ',.0f')"
    return alt.Axis(labelExpr=expr)
