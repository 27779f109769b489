"""Tables and charts of the scenarios page, built from a :class:`~bm3c.engine.Comparison`.

Pure presentation: every text is passed in already translated, numbers are
formatted per language here and nowhere else on the page.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import altair as alt
import pandas as pd
from pandas.io.formats.style import Styler

from bm3c.engine import Comparison
from bm3c.texts.format import MINUS, SYMBOLS, money

__all__ = [
    "SCENARIO_COLOURS",
    "ComparisonTable",
    "column_labels",
    "figure_bars",
    "figure_bars_data",
    "member_table",
    "money_locale",
    "shared_table",
    "signed_money",
    "styled",
]

BASE = "base"
#: The base, then each scenario: dark tones, apart from the parties' colours.
SCENARIO_COLOURS = (
    "#37474F",
    "#1A237E",
    "#004D40",
    "#BF360C",
    "#4A148C",
    "#827717",
    "#880E4F",
    "#3E2723",
)
GAIN_STYLE = "background-color: rgba(26, 127, 55, 0.16); color: #1a7f37; font-weight: 600"
LOSS_STYLE = "background-color: rgba(207, 34, 46, 0.14); color: #cf222e; font-weight: 600"
CENT = 0.005


@dataclass(frozen=True)
class ComparisonTable:
    """A table to show (texts) and the differences to base behind its Δ cells (numbers)."""

    text: pd.DataFrame
    delta: pd.DataFrame  # same shape; NaN where a cell is not a difference


def column_labels(base_label: str, scenarios: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Column titles for the base and each (id, name) scenario, made unique.

    A scenario's name is its title; two scenarios with one name (or a name equal
    to the base's) get their id appended.
    """
    names = [name for _, name in scenarios]
    labels = {BASE: base_label}
    for sid, name in scenarios:
        clash = names.count(name) > 1 or name == base_label
        labels[sid] = f"{name} ({sid})" if clash else name
    return labels


def signed_money(value: float | None, currency: str, lang: str) -> str:
    """A difference in money: ``+1 234,50 €``, ``−12,00 €`` or ``0,00 €``."""
    text = money(value, currency, lang)
    if value is not None and value == value and round(value, 2) > 0:
        return "+" + text
    return text


def member_table(
    comparison: Comparison,
    figure: str,
    labels: Mapping[str, str],
    member_header: str,
    delta_label: str,
    lang: str,
) -> ComparisonTable:
    """Members × (base, each scenario and its Δ) for one money figure, in model order.

    ``delta_label`` is a template with ``{name}`` (e.g. ``"Δ {name}"``).
    """
    currency = comparison.base.currency
    wide = comparison.wide(figure).reindex([m.id for m in comparison.base.members])
    text = pd.DataFrame({member_header: [m.name for m in comparison.base.members]})
    delta = pd.DataFrame({member_header: [float("nan")] * len(text)})
    text[labels[BASE]] = [money(v, currency, lang) for v in wide["base"]]
    delta[labels[BASE]] = float("nan")
    for sid in comparison.scenario_ids:
        title = delta_label.replace("{name}", labels[sid])
        text[labels[sid]] = [money(v, currency, lang) for v in wide[sid]]
        delta[labels[sid]] = float("nan")
        text[title] = [signed_money(v, currency, lang) for v in wide[f"Δ {sid}"]]
        delta[title] = list(wide[f"Δ {sid}"])
    return ComparisonTable(text, delta)


def shared_table(
    comparison: Comparison,
    labels: Mapping[str, str],
    figures: Mapping[str, str],
    header: str,
    delta_label: str,
    gains: tuple[str, str, str],
    lang: str,
) -> ComparisonTable:
    """The shared entity's figures and "everyone gains", per scenario.

    Args:
        comparison: The comparison to show.
        labels: Column titles (:func:`column_labels`).
        figures: Shared-entity figures to show (``result_eur``...) and their row titles.
        header: Title of the first column.
        delta_label: Template of Δ column titles, with ``{name}``.
        gains: Title of the "everyone gains" row, the text for yes, and the text
            for no with ``{names}`` (the members who lose).
        lang: Language of the numbers.

    """
    currency = comparison.base.currency
    rows = list(figures)
    wides = {f: comparison.wide(f, "shared_entity").iloc[0] for f in rows}
    evaluations = {BASE: comparison.base} | {e.scenario: e for e in comparison.scenarios}
    row_title, yes, no = gains

    def verdict(sid: str) -> str:
        ev = evaluations[sid]
        names = ", ".join(m.name for m in ev.members if m.id in ev.losing_members)
        return yes if ev.everyone_gains else no.replace("{names}", names)

    text = pd.DataFrame({header: [figures[f] for f in rows] + [row_title]})
    delta = pd.DataFrame({header: [float("nan")] * len(text)})
    text[labels[BASE]] = [money(wides[f]["base"], currency, lang) for f in rows] + [verdict(BASE)]
    delta[labels[BASE]] = float("nan")
    for sid in comparison.scenario_ids:
        title = delta_label.replace("{name}", labels[sid])
        text[labels[sid]] = [money(wides[f][sid], currency, lang) for f in rows] + [verdict(sid)]
        delta[labels[sid]] = float("nan")
        diffs = [float(wides[f][f"Δ {sid}"]) for f in rows]
        text[title] = [signed_money(d, currency, lang) for d in diffs] + [""]
        delta[title] = [*diffs, float("nan")]
    return ComparisonTable(text, delta)


def styled(table: ComparisonTable) -> Styler:
    """The table's texts, Δ cells tinted green when above base and red when below."""

    def colours(_: pd.DataFrame) -> pd.DataFrame:
        return table.delta.map(
            lambda d: GAIN_STYLE if d > CENT else LOSS_STYLE if d < -CENT else ""
        )

    return table.text.style.apply(colours, axis=None)


def figure_bars_data(
    comparison: Comparison, figure: str, labels: Mapping[str, str], lang: str
) -> pd.DataFrame:
    """Tidy rows (member, scenario, value, amount text) of one member figure, base first."""
    currency = comparison.base.currency
    wide = comparison.wide(figure).reindex([m.id for m in comparison.base.members])
    rows = []
    for sid in (BASE, *comparison.scenario_ids):
        values = wide[sid].to_numpy(dtype=float)
        for m, value in zip(comparison.base.members, values, strict=True):
            if not math.isnan(value):
                rows.append((m.name, labels[sid], float(value), money(value, currency, lang)))
    return pd.DataFrame(rows, columns=["member", "scenario", "value", "amount"])


def money_locale(lang: str, currency: str) -> alt.Locale:
    """The charts' number locale: ``12 000 €`` in French, ``€12,000`` in English."""
    symbol = SYMBOLS.get(currency, currency)
    if lang == "fr":
        return alt.Locale(
            number=alt.NumberLocale(
                decimal=",",
                thousands="\u202f",
                grouping=[3],
                currency=["", f"\u00a0{symbol}"],
                minus=MINUS,
            )
        )
    prefix = len(symbol) == 1
    return alt.Locale(
        number=alt.NumberLocale(
            decimal=".",
            thousands=",",
            grouping=[3],
            currency=[symbol, ""] if prefix else ["", f" {symbol}"],
            minus=MINUS,
        )
    )


def figure_bars(
    data: pd.DataFrame,
    *,
    title: str,
    value_title: str,
    member_title: str,
    scenario_title: str,
    lang: str,
    currency: str,
) -> alt.Chart:
    """Grouped bars: one group per member, one bar per scenario (base first).

    Scenarios take :data:`SCENARIO_COLOURS`, dark tones that no party uses
    (:mod:`bm3c.present.colours`): a colour never names a member here.
    """
    members = list(dict.fromkeys(data["member"]))
    scenarios = list(dict.fromkeys(data["scenario"]))
    chart = (
        alt.Chart(data, title=title, height=420)
        .mark_bar()
        .encode(
            x=alt.X(
                "member:N",
                sort=members,
                title=member_title,
                axis=alt.Axis(labelAngle=0 if len(members) <= 6 else -90, labelLimit=180),
            ),
            xOffset=alt.XOffset("scenario:N", sort=scenarios),
            y=alt.Y("value:Q", title=value_title, axis=alt.Axis(format="$,.0f")),
            color=alt.Color(
                "scenario:N",
                sort=scenarios,
                title=scenario_title,
                scale=alt.Scale(
                    domain=scenarios,
                    range=[
                        SCENARIO_COLOURS[i % len(SCENARIO_COLOURS)] for i in range(len(scenarios))
                    ],
                ),
                legend=alt.Legend(orient="right", labelLimit=260),
            ),
            tooltip=[
                alt.Tooltip("member:N", title=member_title),
                alt.Tooltip("scenario:N", title=scenario_title),
                alt.Tooltip("amount:N", title=value_title),
            ],
        )
    )
    configured: alt.Chart = chart.configure(locale=money_locale(lang, currency))
    return configured
