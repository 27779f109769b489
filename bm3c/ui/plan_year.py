"""The plan year the pages show, chosen in the sidebar (DOMAIN Part 3)."""

from __future__ import annotations

import streamlit as st

from bm3c.model.years import year_label
from bm3c.ui.i18n import t
from bm3c.ui.state import workspace

__all__ = ["year_selector", "year_words"]

KEY = "sidebar.plan_year"


def year_words() -> str:
    """The chosen year in words for a page's caption: « 2028 (année 2 sur 3) »."""
    ws = workspace()
    plan = ws.plan
    if plan.years == 1:
        return year_label(plan, 0) if plan.plan is not None else ""
    return t(
        "plan.year_of",
        year=year_label(plan, ws.year),
        number=ws.year + 1,
        years=plan.years,
    )


def year_selector() -> None:
    """A year choice in the sidebar when the plan has several years (the first by default)."""
    ws = workspace()
    plan = ws.plan
    if plan.years == 1:
        return
    years = list(range(plan.years))
    if st.session_state.get(KEY) not in years:
        st.session_state[KEY] = min(ws.year, plan.years - 1)
    labels = {  # worded now, in the session's language (format_func may run outside it)
        i: t("plan.year_option", year=year_label(plan, i), number=i + 1, years=plan.years)
        for i in years
    }
    chosen = st.selectbox(
        t("plan.year"), years, key=KEY, format_func=labels.__getitem__, help=t("plan.year_help")
    )
    if chosen != ws.year:
        ws.year = int(chosen)
