"""Tables and Altair charts of the impacts page (pure: texts and language come in).

Impact keys are summed by the engine (:class:`~bm3c.engine.ImpactTotals`) at three
levels: per carrier (structure level: each member and the shared entity), for the
shared entity (collective level) and for the whole cooperation (territory level).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import altair as alt
import pandas as pd

from bm3c.engine import Evaluation
from bm3c.model import Cooperation
from bm3c.texts.format import NARROW_NBSP, number

__all__ = [
    "IndicatorSummary",
    "carrier_frame",
    "impact_chart",
    "indicator_label",
    "indicator_unit",
    "number_axis",
    "quantity",
    "summary_rows",
]

SHARED, MEMBER = "shared_entity", "member"
COLOURS = {SHARED: "#1565c0", MEMBER: "#2e7d32"}


def indicator_label(coop: Cooperation, key: str, lang: str) -> str:
    """The declared label of an impact key in ``lang``, or the key itself when undeclared."""
    for indicator in coop.indicators:
        if indicator.id == key:
            return indicator.label_en if lang == "en" else indicator.label_fr
    return key


def indicator_unit(coop: Cooperation, key: str) -> str | None:
    """The declared unit of an impact key, if any."""
    return next((i.unit for i in coop.indicators if i.id == key), None)


def quantity(value: float | None, lang: str) -> str:
    """A quantity with up to two decimals and no trailing zeros: ``1 234,5`` / ``1,234.5``."""
    text = number(value, lang, 2)
    decimal = "," if lang == "fr" else "."
    if decimal in text:
        text = text.rstrip("0").rstrip(decimal)
    return text


@dataclass(frozen=True)
class IndicatorSummary:
    """One impact key's label, unit and total at each level.

    ``members`` sums the members' own activities, ``shared_entity`` the shared
    entity's activities (collective level) and ``territory`` every activity of
    the cooperation: ``members + shared_entity == territory``.
    """

    key: str
    label: str
    unit: str | None
    members: float
    shared_entity: float
    territory: float


def summary_rows(ev: Evaluation, lang: str) -> tuple[IndicatorSummary, ...]:
    """One summary per impact key of the evaluation, sorted by key."""
    coop = ev.model
    rows = []
    for key, total in ev.impacts.collective.items():
        shared = ev.impacts.shared_entity(key)
        rows.append(
            IndicatorSummary(
                key=key,
                label=indicator_label(coop, key, lang),
                unit=indicator_unit(coop, key),
                members=total - shared,
                shared_entity=shared,
                territory=total,
            )
        )
    return tuple(rows)


def carrier_frame(ev: Evaluation, key: str, level_names: Mapping[str, str]) -> pd.DataFrame:
    """One row per carrier (the shared entity first, then every member, by id).

    Columns: ``carrier`` (id), ``name``, ``level`` (``level_names`` of
    ``shared_entity`` or ``member``), ``value`` (0 for a member carrying none of
    it) and ``fraction`` of the cooperation's total (None when that total is 0).
    """
    impacts, se = ev.impacts, ev.shared_entity
    carriers = [(se.id, se.name, SHARED)] + [(m.id, m.name, MEMBER) for m in ev.members]
    return pd.DataFrame(
        [
            {
                "carrier": ident,
                "name": name,
                "level": level_names[level],
                "value": impacts.carried(key, ident),
                "fraction": impacts.fraction(key, ident),
            }
            for ident, name, level in carriers
        ],
        columns=["carrier", "name", "level", "value", "fraction"],
    )


def number_axis(title: str, lang: str) -> alt.Axis:
    """An axis of quantities written in the app's language (``1 234,5`` in French)."""
    if lang == "fr":
        expr = (
            f"replace(replace(format(datum.value, ',~f'), regexp(',', 'g'), '{NARROW_NBSP}'), "
            "'.', ',')"
        )
        return alt.Axis(title=title, labelExpr=expr)
    return alt.Axis(title=title, format=",~f")


def impact_chart(
    frame: pd.DataFrame,
    *,
    title: str,
    axis_title: str,
    carrier_title: str,
    level_title: str,
    level_names: Mapping[str, str],
    lang: str,
    colours: Mapping[str, str] | None = None,
) -> alt.Chart:
    """Horizontal bars of one indicator by carrier, the shared entity in its own colour.

    With ``colours`` (a colour per party id, :func:`~bm3c.present.colours.party_colours`)
    each bar takes its carrier's colour, as on every page; the names on the axis
    say who is who. Without, bars are coloured by level, with a legend.
    """
    shown = frame.assign(text=[quantity(v, lang) for v in frame["value"]])
    colour = alt.Color(
        "level:N",
        scale=alt.Scale(domain=[level_names[k] for k in COLOURS], range=list(COLOURS.values())),
        legend=alt.Legend(title=None, orient="top"),
    )
    if colours is not None:
        carriers = list(shown["carrier"])
        colour = alt.Color(
            "carrier:N",
            scale=alt.Scale(domain=carriers, range=[colours.get(c, "#9E9E9E") for c in carriers]),
            legend=None,
        )
    chart: alt.Chart = (
        alt.Chart(shown)
        .mark_bar()
        .encode(
            y=alt.Y(
                "name:N",
                sort=list(shown["name"]),
                title=None,
                axis=alt.Axis(labelLimit=220, labelOverlap=False),
            ),
            x=alt.X("value:Q", axis=number_axis(axis_title, lang)),
            color=colour,
            tooltip=[
                alt.Tooltip("name:N", title=carrier_title),
                alt.Tooltip("level:N", title=level_title),
                alt.Tooltip("text:N", title=axis_title),
            ],
        )
        .properties(title=title, height=alt.Step(26))
    )
    return chart
