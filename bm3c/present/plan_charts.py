"""Charts of the plan over time (DOMAIN Part 3): the monthly cash plan and the yearly results.

Pure Altair, no Streamlit: the cash plan page, the Overview's plan view and the
report draw the same specs. Each party keeps its colour
(:func:`bm3c.present.colours.party_scale`); texts are translated here for the
language given, money is written as :func:`~bm3c.texts.format.money` does.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from bm3c.engine.plan import PlanEvaluation
from bm3c.model import Cooperation
from bm3c.present.charts_sharing import money_axis
from bm3c.present.colours import party_scale
from bm3c.texts.format import money, month_words
from bm3c.texts.i18n import translate

__all__ = [
    "cash_plan_chart",
    "cash_plan_frame",
    "low_point_frame",
    "yearly_results_chart",
    "yearly_results_frame",
]

CENT = 0.005  # a balance of -0.004 is 0 to the cent


def _month_date(label: str) -> str:
    """A plan month ("2027-05") as the first day of that month, for a time axis."""
    return f"{label}-01"


def cash_plan_frame(plan: PlanEvaluation, currency: str, lang: str) -> pd.DataFrame:
    """One row per party and month: its end-of-month balance, and the part below zero."""
    balances = plan.cash.balances
    rows = []
    for i, party in enumerate(plan.parties):
        for j, month in enumerate(plan.cash.months):
            balance = float(balances[i, j])
            rows.append(
                {
                    "party": party.name,
                    "month": month,
                    "date": _month_date(month) if plan.start_year is not None else None,
                    "index": j + 1,
                    "balance_eur": balance,
                    "below_eur": min(balance, 0.0),
                    "when": month_words(month, lang),
                    "balance": money(balance, currency, lang, 0),
                }
            )
    return pd.DataFrame(rows)


def low_point_frame(plan: PlanEvaluation, currency: str, lang: str) -> pd.DataFrame:
    """One row per party: its cash low point (amount, month) and the label drawn beside it."""
    return pd.DataFrame(
        [
            {
                "party": p.name,
                "month": p.cash_low.month,
                "date": _month_date(p.cash_low.month) if plan.start_year is not None else None,
                "index": p.cash_low.index + 1,
                "balance_eur": p.cash_low.eur,
                "when": month_words(p.cash_low.month, lang),
                "balance": money(p.cash_low.eur, currency, lang, 0),
                "label": f"{money(p.cash_low.eur, currency, lang, 0)}"
                f" ({month_words(p.cash_low.month, lang)})",
                # a label late in the plan goes to the left of its point, inside the chart;
                # only a low point below zero (a need) is labelled, the others are points
                "side": (
                    ""
                    if p.cash_low.eur >= -CENT
                    else "left"
                    if 3 * p.cash_low.index > 2 * len(plan.cash.months)
                    else "right"
                ),
            }
            for p in plan.parties
        ]
    )


def cash_plan_chart(
    plan: PlanEvaluation, coop: Cooperation, lang: str, *, height: int = 380
) -> alt.LayerChart:
    """Each party's end-of-month balance as a line, its low point marked, a rule at zero.

    What lies below zero is shaded in the party's colour, so the months a party
    must find cash stand out. Every low point is a diamond (its amount and month
    in the tooltip); one below zero also carries them as a label (labels of lows
    above zero would pile up on the first months of a plan that never needs cash).
    """
    currency = coop.currency
    frame = cash_plan_frame(plan, currency, lang)
    lows = low_point_frame(plan, currency, lang)
    colour = alt.Color(
        "party:N",
        scale=party_scale(coop, [p.id for p in plan.parties]),
        legend=alt.Legend(
            title=None,
            orient="top",
            columns=4,
            labelLimit=220,
            symbolType="stroke",
            symbolOpacity=1,
            symbolStrokeWidth=3,
        ),
    )
    if plan.start_year is not None:
        x = alt.X(
            "date:T",
            title=translate("cash.chart.month", lang),
            axis=alt.Axis(format="%m/%Y", labelAngle=0, tickCount=len(plan.years) * 2),
        )
    else:
        x = alt.X(
            "index:Q",
            title=translate("cash.chart.month_number", lang),
            axis=alt.Axis(format="d", tickMinStep=1),
            scale=alt.Scale(domain=[1, len(plan.cash.months)], nice=False),
        )
    y = alt.Y(
        "balance_eur:Q", axis=money_axis(translate("cash.chart.balance", lang), currency, lang)
    )
    tooltip = [
        alt.Tooltip("party:N", title=translate("cash.col.party", lang)),
        alt.Tooltip("when:N", title=translate("cash.chart.month", lang)),
        alt.Tooltip("balance:N", title=translate("cash.chart.balance", lang)),
    ]
    base = alt.Chart(frame)
    below = base.mark_area(opacity=0.18).encode(
        x=x, y=alt.Y("below_eur:Q", stack=None), y2=alt.datum(0), color=colour
    )
    lines = base.mark_line(strokeWidth=2).encode(x=x, y=y, color=colour, tooltip=tooltip)
    zero = alt.Chart(pd.DataFrame({"zero": [0.0]})).mark_rule(color="#555").encode(y="zero:Q")
    low_marks = alt.Chart(lows)
    points = low_marks.mark_point(filled=True, size=90, shape="diamond", opacity=1).encode(
        x=x,
        y="balance_eur:Q",
        color=colour,
        tooltip=[
            alt.Tooltip("party:N", title=translate("cash.col.party", lang)),
            alt.Tooltip("label:N", title=translate("cash.col.cash_low", lang)),
        ],
    )
    right = (
        low_marks.mark_text(align="left", dx=7, dy=10, fontSize=11, color="#222")
        .encode(x=x, y="balance_eur:Q", text="label:N")
        .transform_filter(alt.datum.side == "right")
    )
    left = (
        low_marks.mark_text(align="right", dx=-7, dy=10, fontSize=11, color="#222")
        .encode(x=x, y="balance_eur:Q", text="label:N")
        .transform_filter(alt.datum.side == "left")
    )
    chart: alt.LayerChart = (
        alt.layer(below, zero, lines, points, right, left)
        .properties(title=translate("cash.chart.title", lang), height=height)
        .resolve_scale(color="shared")
    )
    return chart


def yearly_results_frame(plan: PlanEvaluation, currency: str, lang: str) -> pd.DataFrame:
    """One row per party and plan year: its result and the results cumulated to that year."""
    return pd.DataFrame(
        [
            {
                "party": p.name,
                "year": str(year),
                "result_eur": result,
                "cumulated_eur": cumulated,
                "result": money(result, currency, lang, 0),
                "cumulated": money(cumulated, currency, lang, 0),
            }
            for p in plan.parties
            for year, result, cumulated in zip(
                plan.calendar_years, p.results, p.cumulated, strict=True
            )
        ]
    )


def yearly_results_chart(plan: PlanEvaluation, coop: Cooperation, lang: str) -> alt.LayerChart:
    """Each party's result per year, bars side by side per year, with a rule at zero."""
    currency = coop.currency
    frame = yearly_results_frame(plan, currency, lang)
    parties = [p.id for p in plan.parties]
    year_title = translate("cash.chart.year", lang)
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("year:N", title=year_title, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("party:N", sort=[p.name for p in plan.parties]),
            y=alt.Y(
                "result_eur:Q",
                axis=money_axis(translate("cash.chart.result", lang), currency, lang),
            ),
            color=alt.Color(
                "party:N",
                scale=party_scale(coop, parties),
                legend=alt.Legend(title=None, orient="top", columns=4, labelLimit=220),
            ),
            tooltip=[
                alt.Tooltip("party:N", title=translate("cash.col.party", lang)),
                alt.Tooltip("year:N", title=year_title),
                alt.Tooltip("result:N", title=translate("cash.chart.result", lang)),
                alt.Tooltip("cumulated:N", title=translate("cash.chart.cumulated", lang)),
            ],
        )
    )
    zero = alt.Chart(pd.DataFrame({"zero": [0.0]})).mark_rule(color="#555").encode(y="zero:Q")
    return alt.LayerChart(
        layer=[bars, zero], title=translate("cash.chart.results_title", lang), height=260
    )
