"""Altair charts of the sharing page, and the tidy frames they draw.

Every function is pure: texts (titles, axis and legend labels) come in already
translated, numbers are formatted for the language given, so the charts can be
tested without a running app.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from bm3c.engine import Evaluation
from bm3c.engine.waterfall import ContributionBenefit, WaterfallStep
from bm3c.texts.format import NARROW_NBSP, NBSP, SYMBOLS, money, percent
from bm3c.texts.i18n import translate

__all__ = [
    "alone_and_within_chart",
    "contribution_chart",
    "contribution_frame",
    "cooperation_chart",
    "cooperation_frame",
    "money_axis",
    "percent_axis",
    "waterfall_chart",
    "waterfall_frame",
]

INCREASE, DECREASE, TOTAL = "increase", "decrease", "total"
COLOURS = {INCREASE: "#2e7d32", DECREASE: "#c62828", TOTAL: "#1565c0"}
PAIR = ("#90a4ae", "#1565c0")  # first measure muted, second strong


def money_axis(title: str, currency: str, lang: str) -> alt.Axis:
    """An axis of whole currency amounts, written as :func:`~bm3c.texts.format.money` does."""
    symbol = SYMBOLS.get(currency, currency)
    sign = "(datum.value < 0 ? '−' : '') + "
    if lang == "fr":
        digits = f"replace(format(abs(datum.value), ',.0f'), regexp(',', 'g'), '{NARROW_NBSP}')"
        expr = f"{sign}{digits} + '{NBSP}{symbol}'"
    else:
        digits = "format(abs(datum.value), ',.0f')"
        expr = (
            f"{sign}'{symbol}' + {digits}" if len(symbol) == 1 else f"{sign}{digits} + ' {symbol}'"
        )
    return alt.Axis(title=title, labelExpr=expr)


def percent_axis(title: str, lang: str) -> alt.Axis:
    """An axis of ratios shown as percentages: ``25 %`` (fr) or ``25%`` (en)."""
    if lang == "fr":
        return alt.Axis(title=title, labelExpr=f"format(datum.value * 100, '.0f') + '{NBSP}%'")
    return alt.Axis(title=title, format=".0%")


def waterfall_frame(
    steps: Sequence[WaterfallStep], labels: Mapping[str, str], currency: str, lang: str
) -> pd.DataFrame:
    """One row per bar: label, signed amount, where the bar starts and ends, its direction.

    ``labels`` names every step and the three directions (``increase``, ``decrease``,
    ``total``) in the app's language.
    """
    return pd.DataFrame(
        [
            {
                "step": s.step,
                "label": labels[s.step],
                "amount_eur": s.amount_eur,
                "start_eur": s.start_eur,
                "end_eur": s.end_eur,
                "direction": labels[
                    TOTAL if s.total else (DECREASE if s.amount_eur < 0 else INCREASE)
                ],
                "amount": money(s.amount_eur, currency, lang),
                "running": money(s.end_eur, currency, lang),
            }
            for s in steps
        ]
    )


def waterfall_chart(
    frame: pd.DataFrame,
    *,
    title: str,
    axis_title: str,
    texts: Mapping[str, str],
    currency: str,
    lang: str,
) -> alt.LayerChart:
    """Horizontal bars from each running total to the next, the cash result last, in full.

    ``texts`` names the directions (``increase``, ``decrease``, ``total``), as in
    the frame, and the tooltip fields (``step``, ``amount``, ``running``).
    """
    order = list(frame["label"])
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X("start_eur:Q", axis=money_axis(axis_title, currency, lang)),
            x2="end_eur:Q",
            color=alt.Color(
                "direction:N",
                scale=alt.Scale(domain=[texts[k] for k in COLOURS], range=list(COLOURS.values())),
                legend=alt.Legend(title=None, orient="top"),
            ),
            tooltip=[
                alt.Tooltip("label:N", title=texts["step"]),
                alt.Tooltip("amount:N", title=texts["amount"]),
                alt.Tooltip("running:N", title=texts["running"]),
            ],
        )
    )
    zero = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color="#555").encode(x="x:Q")
    return alt.LayerChart(layer=[bars, zero], title=title, height=alt.Step(24))


def contribution_frame(
    rows: Sequence[ContributionBenefit], measures: tuple[str, str], lang: str
) -> pd.DataFrame:
    """Tidy rows (member, measure, share) for the contribution against benefit chart.

    Members without a share (a total of zero) are drawn at 0 and their text is "–".
    """
    out = []
    for r in rows:
        for measure, share in zip(measures, (r.contribution_share, r.benefit_share), strict=True):
            out.append(
                {
                    "member": r.name,
                    "measure": measure,
                    "share": 0.0 if share is None else share,
                    "text": percent(share, lang, 1),
                }
            )
    return pd.DataFrame(out, columns=["member", "measure", "share", "text"])


def _grouped_bars(
    frame: pd.DataFrame,
    *,
    value: str,
    axis: alt.Axis,
    measures: tuple[str, str],
    title: str,
    tooltips: Sequence[alt.Tooltip],
) -> alt.Chart:
    """Horizontal bars, two per member (one per measure), members in the frame's order."""
    members = list(dict.fromkeys(frame["member"]))
    chart: alt.Chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("member:N", sort=members, title=None, axis=alt.Axis(labelLimit=200)),
            yOffset=alt.YOffset("measure:N", sort=list(measures)),
            x=alt.X(f"{value}:Q", axis=axis),
            color=alt.Color(
                "measure:N",
                scale=alt.Scale(domain=list(measures), range=list(PAIR)),
                legend=alt.Legend(title=None, orient="top"),
            ),
            tooltip=list(tooltips),
        )
        .properties(title=title, height=alt.Step(12))
    )
    return chart


def contribution_chart(
    frame: pd.DataFrame,
    *,
    title: str,
    axis_title: str,
    member_title: str,
    measures: tuple[str, str],
    lang: str,
) -> alt.Chart:
    """Per member, its share of the contributions beside its share of the result."""
    return _grouped_bars(
        frame,
        value="share",
        axis=percent_axis(axis_title, lang),
        measures=measures,
        title=title,
        tooltips=[
            alt.Tooltip("member:N", title=member_title),
            alt.Tooltip("measure:N", title=" "),
            alt.Tooltip("text:N", title=axis_title),
        ],
    )


def cooperation_frame(
    ev: Evaluation, measures: tuple[str, str], currency: str, lang: str
) -> pd.DataFrame:
    """Tidy rows (member, measure, amount) of the stand-alone and the cash result."""
    out = []
    for m in ev.members:
        gain = money(m.gain_from_cooperation_eur, currency, lang)
        for measure, amount in zip(
            measures, (m.stand_alone_result_eur, m.cash_result_eur), strict=True
        ):
            out.append(
                {
                    "member": m.name,
                    "measure": measure,
                    "amount_eur": amount,
                    "amount": money(amount, currency, lang),
                    "gain": gain,
                }
            )
    return pd.DataFrame(out, columns=["member", "measure", "amount_eur", "amount", "gain"])


def cooperation_chart(
    frame: pd.DataFrame,
    *,
    title: str,
    axis_title: str,
    member_title: str,
    gain_title: str,
    measures: tuple[str, str],
    currency: str,
    lang: str,
) -> alt.Chart:
    """Per member, its result alone beside its result within the cooperation."""
    return _grouped_bars(
        frame,
        value="amount_eur",
        axis=money_axis(axis_title, currency, lang),
        measures=measures,
        title=title,
        tooltips=[
            alt.Tooltip("member:N", title=member_title),
            alt.Tooltip("measure:N", title=" "),
            alt.Tooltip("amount:N", title=axis_title),
            alt.Tooltip("gain:N", title=gain_title),
        ],
    )


def alone_and_within_chart(ev: Evaluation, lang: str) -> alt.Chart:
    """Every member's result alone beside its result within the cooperation, texts in ``lang``."""
    cur = ev.currency
    measures = (translate("common.stand_alone", lang), translate("sharing.in_cooperation", lang))
    return cooperation_chart(
        cooperation_frame(ev, measures, cur, lang),
        title=translate("sharing.cooperation_chart", lang),
        axis_title=translate("sharing.amount_axis", lang, currency=cur),
        member_title=translate("common.member", lang),
        gain_title=translate("common.gain", lang),
        measures=measures,
        currency=cur,
        lang=lang,
    )
