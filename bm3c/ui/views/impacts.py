"""Impacts: the cooperation's impact indicators at the structure, collective and territory levels.

First what the three levels mean, then one summary row per indicator, then, per
indicator, its total by carrier (each member and the shared entity) as a bar
chart and a table.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from bm3c.engine import Evaluation
from bm3c.present.charts_impacts import (
    IndicatorSummary,
    carrier_frame,
    impact_chart,
    quantity,
    summary_rows,
)
from bm3c.present.colours import party_colours
from bm3c.texts.format import percent
from bm3c.ui.chart_files import altair_chart, drawn_from
from bm3c.ui.i18n import current_language, t
from bm3c.ui.state import workspace


def summary(ev: Evaluation) -> tuple[IndicatorSummary, ...]:
    """One row per indicator with its total at each level."""
    lang = current_language()
    rows = summary_rows(ev, lang)
    table = pd.DataFrame(
        {
            t("impacts.indicator"): [r.label for r in rows],
            t("impacts.unit"): [r.unit or "–" for r in rows],
            t("impacts.members_level"): [quantity(r.members, lang) for r in rows],
            t("impacts.collective_level"): [quantity(r.shared_entity, lang) for r in rows],
            t("impacts.territory_level"): [quantity(r.territory, lang) for r in rows],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        key="impacts.summary",
        column_config={
            t("impacts.members_level"): st.column_config.TextColumn(
                help=t("impacts.members_level_help")
            ),
            t("impacts.collective_level"): st.column_config.TextColumn(
                help=t("impacts.collective_level_help")
            ),
            t("impacts.territory_level"): st.column_config.TextColumn(
                help=t("impacts.territory_level_help")
            ),
        },
    )
    return rows


def indicator_tab(ev: Evaluation, row: IndicatorSummary) -> None:
    """One indicator: its totals, then its value for every carrier."""
    lang = current_language()
    key, label, unit = row.key, row.label, row.unit
    with_unit = t("impacts.with_unit", label=label, unit=unit) if unit else label
    c1, c2 = st.columns(2)
    c1.metric(
        t("impacts.territory_level"),
        quantity(row.territory, lang) + (f"\u00a0{unit}" if unit else ""),
        help=t("impacts.territory_level_help"),
    )
    c2.metric(
        t("impacts.collective_level"),
        quantity(row.shared_entity, lang) + (f"\u00a0{unit}" if unit else ""),
        help=t("impacts.collective_level_help"),
    )
    levels = {"shared_entity": t("common.shared_entity"), "member": t("common.member")}
    frame = carrier_frame(ev, key, levels)
    chart_col, table_col = st.columns([3, 2])
    with chart_col:
        altair_chart(
            lambda: impact_chart(
                frame,
                title=t("impacts.chart", indicator=label),
                axis_title=with_unit,
                carrier_title=t("common.carrier"),
                level_title=t("impacts.level"),
                level_names=levels,
                lang=lang,
                colours=party_colours(ev.model),
            ),
            key=f"impacts.chart.{key}",
            title=t("impacts.chart", indicator=label),
            content=drawn_from(ev, lang),
        )
    with table_col:
        value = t("impacts.value")
        value_title = t("impacts.with_unit", label=value, unit=unit) if unit else value
        st.dataframe(
            pd.DataFrame(
                {
                    t("common.carrier"): frame["name"],
                    t("impacts.level"): frame["level"],
                    value_title: [quantity(v, lang) for v in frame["value"]],
                    t("impacts.fraction"): [percent(f, lang, 1) for f in frame["fraction"]],
                }
            ),
            hide_index=True,
            width="stretch",
            key=f"impacts.table.{key}",
        )


ws = workspace()
evaluation = ws.evaluation()
st.title(t("impacts.title"))
st.caption(t("impacts.intro"))
st.markdown(t("impacts.levels"))
if not evaluation.impacts.collective:
    st.info(t("impacts.none"), icon=":material/info:")
else:
    indicators = summary(evaluation)
    st.caption(t("impacts.undeclared_hint"))
    for tab, indicator in zip(st.tabs([r.label for r in indicators]), indicators, strict=True):
        with tab:
            indicator_tab(evaluation, indicator)
