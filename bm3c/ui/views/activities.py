"""Activities: the view the Business Model Canvas lacks, and each activity's lines.

The shared entity's activities sit beside each member's own activities, with
their results; a bar chart compares every activity's result. Below, one
activity at a time: its name, carrier and description, its revenue and cost
lines in tables, and adding or deleting an activity.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from bm3c.engine.tables import side_totals
from bm3c.present.charts_activities import (
    activity_titles,
    own_activities_table,
    results_chart,
    shared_activities_table,
)
from bm3c.texts.format import money
from bm3c.ui.activity_editor import (
    NOTICE,
    activity_form,
    add_form,
    choose_activity,
    computed_activity,
    delete_activity,
    is_computed,
    lines_editor,
    year_caption,
)
from bm3c.ui.chart_files import altair_chart, drawn_from
from bm3c.ui.i18n import current_language, t
from bm3c.ui.projector import read_only_table
from bm3c.ui.shared_bridge import bridge_section
from bm3c.ui.state import workspace


def side_by_side() -> None:
    """The shared entity's activities on the left, the members' own ones on the right."""
    ws = workspace()
    ev, lang = ws.evaluation(), current_language()
    titles = activity_titles(current_language())
    totals = side_totals(ev)
    # half a 1366 px screen each: who, what and its result; every figure in the expander
    help_config = {
        titles["member"]: st.column_config.TextColumn(width=90),
        titles["activity"]: st.column_config.TextColumn(width=175),
        titles["result"]: st.column_config.TextColumn(width=100, help=t("activities.result_help")),
        titles["hours"]: st.column_config.TextColumn(width=70),
    }
    shared_table = shared_activities_table(ev, lang, titles)
    own_table = own_activities_table(ev, lang, titles)
    brief = [titles["member"], titles["activity"], titles["result"], titles["hours"]]
    shared, own = st.columns(2)
    with shared:
        st.subheader(t("activities.shared_side"))
        st.caption(t("activities.shared_side_help", name=ws.model.shared_entity.name))
        show_side(shared_table, "activities.shared_table", help_config, brief)
        count, total = totals["shared"]
        st.caption(t("activities.total", count=count, total=money(total, ev.currency, lang)))
        with st.expander(
            t("activities.bridge", result=money(ev.shared_entity.result_eur, ev.currency, lang))
        ):
            bridge_section("activities.bridge", title=False)
    with own:
        st.subheader(t("activities.own_side"))
        st.caption(t("activities.own_side_help"))
        show_side(own_table, "activities.own_table", help_config, brief)
        count, total = totals["own"]
        st.caption(t("activities.total", count=count, total=money(total, ev.currency, lang)))
    with st.expander(t("projector.all_figures"), icon=":material/table_view:"):
        wide = help_config | {
            titles["activity"]: st.column_config.TextColumn(width=260),
            titles["member"]: st.column_config.TextColumn(width=110),
        }
        for table, key in ((shared_table, "shared"), (own_table, "own")):
            if not table.empty:
                read_only_table(table, key=f"activities.{key}_all", column_config=wide)


def show_side(
    table: pd.DataFrame, key: str, column_config: dict[str, Any], columns: list[str]
) -> None:
    """One side's table (only the ``columns`` it has), or a note that it has no activity."""
    if table.empty:
        st.caption(t("activities.none"))
        return
    shown = table[[c for c in columns if c in table.columns]]
    read_only_table(shown, key=key, column_config=column_config)


def results() -> None:
    """Each activity's result as a bar, coloured by who carries it."""
    ev = workspace().evaluation()
    if ev.activities:
        lang = current_language()
        titles = activity_titles(lang)
        altair_chart(
            lambda: results_chart(ev, lang, titles),
            key="activities.chart",
            title=titles["title"],
            content=drawn_from(ev, lang),
        )


st.title(t("nav.activities"))
st.caption(t("activities.intro"))
side_by_side()
results()
st.divider()
st.subheader(t("activities.edit"))
if NOTICE in st.session_state:
    st.info(st.session_state.pop(NOTICE), icon=":material/info:")
add_form()
selected = choose_activity()
if selected is not None and is_computed(selected):
    computed_activity(selected)
elif selected is not None:
    year_caption()
    activity_form(selected)
    lines_editor(selected, "revenues")
    lines_editor(selected, "costs")
    delete_activity(selected)
