"""Plan over the years: the plan's length, yearly numbers as in a spreadsheet, investments.

At the top, the plan itself (first year, number of years). Then, for one activity
at a time, its revenue lines, cost lines and work lines with one column per year,
and the shortcuts that fill a row at once; the members' hourly cost and capacity
per year; and the investments with their depreciation and grant share per year.
Every edit changes the whole plan and can be undone from the sidebar.
"""

from __future__ import annotations

import streamlit as st

from bm3c.edit.yearly_rows import YearlyRow, activity_rows, member_rows
from bm3c.ui.activity_editor import party_names
from bm3c.ui.i18n import t
from bm3c.ui.investments_editor import investments_section
from bm3c.ui.plan_length import plan_length
from bm3c.ui.state import workspace
from bm3c.ui.widgets import keep_valid
from bm3c.ui.yearly_table import shortcuts, totals_table, yearly_editor

ACTIVITY = "plan.activity"


def activity_tables() -> None:
    """The chosen activity's lines and work, year by year, with the shortcuts."""
    plan = workspace().plan
    ids = [a.id for a in plan.activities]
    if not ids:
        st.info(t("activities.no_activity"))
        return
    names = party_names()
    options = {
        a.id: t("activities.option", name=a.name, carrier=names.get(a.carrier, a.carrier))
        for a in plan.activities
    }
    keep_valid(ACTIVITY, ids)
    chosen = str(
        st.selectbox(t("activities.select"), ids, format_func=options.__getitem__, key=ACTIVITY)
    )
    activity = next(a for a in plan.activities if a.id == chosen)
    st.caption(t("plan_editor.lines_help"))

    members = {m.id: m.name for m in plan.members}

    def who(row: YearlyRow) -> str:
        return members.get(row.label, row.label) if row.path[2] == "work" else row.label

    for side in ("revenues", "costs", "work"):
        rows = activity_rows(plan, chosen, side)
        st.markdown(f"**{t(f'plan_editor.side.{side}')}**")
        if not rows:
            st.caption(t("plan_editor.no_lines"))
            continue
        name = f"plan.{chosen}.{side}"
        what = t(f"plan_editor.what_{side}", name=activity.name)
        yearly_editor(name, rows, who, what)
        if side != "work":
            totals_table(name, chosen, side)
        shortcuts(name, rows, who, what)


def members_table() -> None:
    """Each member's hourly cost and capacity, year by year."""
    plan = workspace().plan
    names = {m.id: m.name for m in plan.members}
    rows = member_rows(plan)

    def who(row: YearlyRow) -> str:
        return names.get(row.label, row.label)

    st.caption(t("plan_editor.members_help"))
    yearly_editor("plan.members", rows, who, t("plan_editor.what_members"))
    shortcuts("plan.members", rows, who, t("plan_editor.what_members"))


st.title(t("nav.plan"))
st.caption(t("plan_editor.intro"))
st.subheader(t("plan_editor.the_plan"))
plan_length()
st.divider()
st.subheader(t("plan_editor.lines"))
activity_tables()
st.divider()
st.subheader(t("plan_editor.members"))
members_table()
st.divider()
st.subheader(t("plan_editor.investments"))
investments_section()
