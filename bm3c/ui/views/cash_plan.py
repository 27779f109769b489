"""Cash plan: each party's cash month by month, what it needs and when, and when money moves."""

from __future__ import annotations

from typing import Any

import streamlit as st
from altair.utils.schemapi import debug_mode

from bm3c.engine.plan import PlanEvaluation
from bm3c.errors import Bm3cError
from bm3c.present.plan_charts import cash_plan_chart
from bm3c.present.plan_words import balances_table, plan_sentences, still_due_sentences
from bm3c.texts.format import escape_markdown
from bm3c.ui.cash_editors import opening_cash_editor, timing_editor
from bm3c.ui.chart_files import vega_lite_chart
from bm3c.ui.i18n import current_language, t
from bm3c.ui.process_cache import fingerprint
from bm3c.ui.remembered import remembered
from bm3c.ui.scenario_choice import chosen_scenario, scenario_failed
from bm3c.ui.state import workspace

SCENARIO = "cash.scenario"


def chart_spec(plan: PlanEvaluation, scenario: str | None, lang: str) -> dict[str, Any]:
    """The cash plan chart's spec, built once per model, scenario and language."""
    ws = workspace()

    def build() -> dict[str, Any]:
        with debug_mode(False):
            spec: dict[str, Any] = cash_plan_chart(plan, ws.plan, lang).to_dict(validate=False)
        return spec

    return remembered("cash_plan_chart", (fingerprint(ws.plan), scenario, lang), build)


def needs(plan: PlanEvaluation, lang: str) -> None:
    """Each party's need in words, most urgent first, with its months below zero."""
    st.subheader(t("cash.needs_title"))
    for said in plan_sentences(plan, workspace().plan.currency, lang):
        text = escape_markdown(said.need)
        if said.below_zero:
            text += " " + escape_markdown(said.below_zero)
        st.markdown(f"- {text}")


def still_due(plan: PlanEvaluation, lang: str) -> None:
    """What is still received or paid after the plan's last month, party by party."""
    st.subheader(t("cash.due_title"))
    sentences = still_due_sentences(plan, workspace().plan, lang)
    if not sentences:
        st.caption(t("cash.due_none"))
        return
    names = {p.id: p.name for p in plan.parties}
    for party, said in sentences.items():
        st.markdown(
            f"**{escape_markdown(names[party])}**\n"
            + "\n".join(f"- {escape_markdown(s)}" for s in said)
        )


ws = workspace()
lang = current_language()
st.title(t("nav.cash_plan"))
st.caption(t("cash.intro", years=ws.plan.years) if ws.plan.years > 1 else t("cash.intro_one"))
scenario = chosen_scenario(SCENARIO, t("cash.scenario"), t("cash.scenario_help"))
try:
    plan = ws.plan_evaluation(scenario)
except Bm3cError as error:
    st.error(scenario_failed(error, t("cash.scenario_failed")))
    st.stop()
vega_lite_chart(
    chart_spec(plan, scenario, lang),
    key="cash.chart",
    title=t("cash.chart.title"),
    width="stretch",
)
needs(plan, lang)
still_due(plan, lang)
with st.expander(t("cash.balances_title"), expanded=False):
    st.dataframe(
        balances_table(plan, ws.plan.currency, lang),
        hide_index=True,
        width="stretch",
        height=420,
        key="cash.balances",
    )
timing_editor()
st.subheader(t("cash.opening.title"))
st.caption(t("cash.opening.help"))
opening_cash_editor()
