"""The Scenarios page's editor: names and descriptions, one scenario's changes, deleting one.

A change is shown in words beside it (:func:`~bm3c.ui.scenario_words.change_words`):
names for ids, translated field names and filters, « Slow Fest part » for a leave. The
values a filtered path touches are listed under the table, and a form adds a change
to many lines at once (:mod:`bm3c.ui.scenario_change_form`).
"""

from __future__ import annotations

import streamlit as st

from bm3c.edit.scenarios import (
    ACTIONS,
    change_rows,
    delete_scenario,
    rename_scenarios,
    set_scenario_changes,
)
from bm3c.engine.scenarios import path_segments
from bm3c.model import Scenario
from bm3c.ui.i18n import current_language, t
from bm3c.ui.scenario_change_form import add_change_form, show_targets, targets_of
from bm3c.ui.scenario_words import SHOW_PATHS, change_words
from bm3c.ui.state import workspace
from bm3c.ui.widgets import show_problems, table_editor, try_edit

__all__ = ["FLASH", "SELECTED", "manage_section"]

SELECTED = "scenarios.selected"
CONFIRM_DELETE = "scenarios.confirm_delete"
FLASH = "scenarios.flash"


def manage_section() -> None:
    """Names and descriptions, the changes of one scenario, and its deletion."""
    ws = workspace()
    model = ws.model
    st.header(t("scenarios.manage_title"))
    if not model.scenarios:
        st.info(t("scenarios.none"))
        return
    st.caption(t("scenarios.list_help"))
    table_editor(
        "scenarios.list",
        [
            {"id": s.id, "name": s.name, "description": s.description, "changes": len(s.changes)}
            for s in model.scenarios
        ],
        ["id", "name", "description", "changes"],
        lambda rows: rename_scenarios(model, rows),
        what=t("scenarios.what_renamed"),
        column_config={
            "id": st.column_config.TextColumn(t("scenarios.col_id")),
            "name": st.column_config.TextColumn(t("scenarios.col_name"), required=True),
            "description": st.column_config.TextColumn(t("scenarios.col_description")),
            "changes": st.column_config.NumberColumn(t("scenarios.col_changes")),
        },
        dynamic=False,
        disabled=("id", "changes"),
    )
    names = {s.id: s.name for s in model.scenarios}
    if st.session_state.get(SELECTED) not in names:
        st.session_state.pop(SELECTED, None)
    sid = st.selectbox(
        t("scenarios.selected"), list(names), format_func=names.__getitem__, key=SELECTED
    )
    if sid is None:
        return
    scenario = model.scenario(sid)
    st.subheader(t("scenarios.changes_title", name=scenario.name))
    st.caption(t("scenarios.changes_help"))
    if not scenario.changes:
        st.info(t("scenarios.no_changes"))
    actions = {
        "set": t("scenarios.action_set"),
        "scale": t("scenarios.action_scale"),
        "leave": t("scenarios.action_leave"),
    }
    paths = st.toggle(
        t("scenarios.show_paths"), key=SHOW_PATHS, help=t("scenarios.show_paths_help")
    )
    table_editor(
        f"scenarios.changes.{sid}",
        [row | {"meaning": change_words(model, row)} for row in change_rows(scenario)],
        ["meaning", "action", "value", "path"],
        lambda rows: set_scenario_changes(model, sid, rows, current_language()),
        what=t("scenarios.what_changes", name=scenario.name),
        column_config={
            "action": st.column_config.SelectboxColumn(
                t("scenarios.col_action"),
                options=ACTIONS,
                format_func=lambda action: actions.get(str(action), str(action)),
                default="set",
                required=True,
            ),
            # the file's path is for writing a change by hand: in words by default
            "path": st.column_config.TextColumn(t("scenarios.col_path"), width="large")
            if paths
            else None,
            "value": st.column_config.TextColumn(t("scenarios.col_value")),
            "meaning": st.column_config.TextColumn(t("scenarios.col_meaning"), width="large"),
        },
        disabled=("meaning",),
    )
    filtered_targets(scenario)
    add_change_form(scenario)
    delete_button(sid, scenario.name)


def filtered_targets(scenario: Scenario) -> None:
    """For each change whose path filters items, the values it touches now."""
    for i, change in enumerate(scenario.changes):
        if change.leave is not None or not any(
            seg.startswith("[") for seg in path_segments(change.path)
        ):
            continue
        paths = (change.path,)
        title = t("scenarios.targets_title", row=i + 1, count=len(targets_of(paths)[0]))
        with st.expander(title, icon=":material/filter_alt:"):
            show_targets(paths, f"scenarios.targets.{scenario.id}.{i}")


def delete_button(sid: str, name: str) -> None:
    """Delete the scenario, after a confirmation."""
    ws = workspace()
    if st.button(t("scenarios.delete"), key="scenarios.delete", icon=":material/delete:"):
        st.session_state[CONFIRM_DELETE] = (ws.version, sid)
        st.rerun()
    show_problems("scenarios.delete")
    if st.session_state.get(CONFIRM_DELETE) != (ws.version, sid):
        return
    st.warning(t("scenarios.confirm_delete", name=name), icon=":material/warning:")
    left, right = st.columns(2)
    if left.button(t("scenarios.delete_confirm"), key="scenarios.delete_confirm", type="primary"):
        st.session_state.pop(CONFIRM_DELETE, None)
        if try_edit(
            "scenarios.delete",
            t("scenarios.what_deleted", name=name),
            lambda: delete_scenario(ws.model, sid),
        ):
            st.session_state[FLASH] = t("scenarios.deleted", name=name)
        st.rerun()
    if right.button(t("scenarios.cancel"), key="scenarios.delete_cancel"):
        st.session_state.pop(CONFIRM_DELETE, None)
        st.rerun()
