"""The Overview's plan view: each party's result per year and cumulated, break-even, cash.

Shown when the model has a plan (a ``plan`` key, or more than one year): the
plan table with its « tout le monde y gagne » row, the yearly results chart and
each party's break-even and cash need in words.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from altair.utils.schemapi import debug_mode

from bm3c.present.plan_charts import yearly_results_chart
from bm3c.present.plan_words import plan_sentences, plan_table
from bm3c.texts.format import escape_markdown
from bm3c.ui.chart_files import vega_lite_chart
from bm3c.ui.i18n import current_language, t
from bm3c.ui.process_cache import fingerprint
from bm3c.ui.remembered import remembered
from bm3c.ui.state import workspace

__all__ = ["has_plan", "plan_view_section"]


def has_plan() -> bool:
    """Whether the open model is a plan over time (a ``plan`` key, or several years)."""
    plan = workspace().plan
    return plan.plan is not None or plan.years > 1


def plan_view_section() -> None:
    """« Le plan sur N ans »: the table, the yearly results and the sentences."""
    if not has_plan():
        return
    ws = workspace()
    lang = current_language()
    currency = ws.plan.currency
    plan = ws.plan_evaluation()
    years = ws.plan.years
    st.subheader(t("cash.plan_title", years=years) if years > 1 else t("cash.plan_title_one"))
    st.dataframe(
        plan_table(plan, currency, lang), hide_index=True, width="stretch", key="overview.plan"
    )
    if years == 1:  # one year: its cash low point and need; the results are above
        st.caption(t("cash.plan_help_one"))
        for said in plan_sentences(plan, currency, lang):
            st.markdown(f"- {escape_markdown(said.need)}")
        return
    st.caption(t("cash.plan_help"))

    def build() -> dict[str, Any]:
        with debug_mode(False):
            spec: dict[str, Any] = yearly_results_chart(plan, ws.plan, lang).to_dict(validate=False)
        return spec

    vega_lite_chart(
        remembered("plan_results_chart", (fingerprint(ws.plan), lang), build),
        key="overview.plan_results",
        title=t("cash.chart.results_title"),
        width="stretch",
    )
    for said in plan_sentences(plan, currency, lang):
        st.markdown(f"- {escape_markdown(said.break_even)} {escape_markdown(said.need)}")
