"""Scenarios: save the current edits as a scenario, compare scenarios, edit or delete them."""

from __future__ import annotations

import streamlit as st

from bm3c.edit.differences import model_names
from bm3c.edit.scenarios import (
    RecordableEdits,
    recordable_edits,
    save_edits_as_scenario,
    value_text,
)
from bm3c.errors import InvalidModelError
from bm3c.present.problems import localize_not_recorded
from bm3c.texts.field_words import path_words as field_path_words
from bm3c.texts.format import escape_markdown
from bm3c.ui.i18n import current_language, t
from bm3c.ui.scenario_comparison import COMPARED, cached, compare_section
from bm3c.ui.scenario_editor import FLASH, SELECTED, manage_section
from bm3c.ui.scenario_words import path_words
from bm3c.ui.state import commit_plan, refuse, workspace
from bm3c.ui.widgets import show_problems

CONFIRM_SAVE = "scenarios.confirm_save"
CLEAR_FORM = "scenarios.clear_form"


def not_recorded_words(text: str) -> str:
    """An edit no change can express, ``members.x (added)``, as « X (ajouté) »."""
    ws, lang = workspace(), current_language()
    path, sep, reason = localize_not_recorded(text, lang).partition(" (")
    names = model_names(ws.loaded, ws.plan, lang=lang)
    where = escape_markdown(field_path_words(path.split("."), lang, names))
    return f"{where} ({reason}" if sep else where


def save_section() -> None:
    """Name the edits made since opening and save them as a new scenario."""
    ws = workspace()
    edits = cached("edits", lambda: recordable_edits(ws.loaded, ws.plan))
    if st.session_state.pop(CLEAR_FORM, False):
        for key in ("scenarios.new_name", "scenarios.new_description"):
            st.session_state.pop(key, None)
    with st.expander(t("scenarios.save_title"), expanded=not edits.empty, icon=":material/save:"):
        st.caption(t("scenarios.save_help"))
        if edits.empty:
            st.info(t("scenarios.no_edits"))
        if edits.changes:
            st.markdown(t("scenarios.edits_count", count=len(edits.changes)))
            st.dataframe(
                {
                    t("scenarios.edit_path"): [
                        path_words(ws.loaded, c.path) for c in edits.changes
                    ],
                    t("scenarios.edit_value"): [value_text(c.value) for c in edits.changes],
                },
                hide_index=True,
                width="stretch",
                key="scenarios.edits",
            )
        if edits.not_recorded:
            st.warning(
                t("scenarios.not_recorded")
                + "\n\n"
                + "\n".join(f"- {not_recorded_words(p)}" for p in edits.not_recorded)
            )
        name = st.text_input(
            t("scenarios.name"), key="scenarios.new_name", help=t("scenarios.name_help")
        )
        description = st.text_area(t("scenarios.description"), key="scenarios.new_description")
        show_problems("scenarios.save")
        label = t("scenarios.create_button") if edits.empty else t("scenarios.save_button")
        if st.button(label, key="scenarios.save", type="primary", icon=":material/save:"):
            if not name.strip():
                refuse("scenarios.save", t("scenarios.name_needed"))
                st.rerun()
            if edits.not_recorded:
                st.session_state[CONFIRM_SAVE] = ws.version
                st.rerun()
            save(edits, name, description)
        if st.session_state.get(CONFIRM_SAVE) == ws.version:
            st.warning(t("scenarios.confirm_save"), icon=":material/warning:")
            left, right = st.columns(2)
            if left.button(t("scenarios.save_anyway"), key="scenarios.save_anyway"):
                st.session_state.pop(CONFIRM_SAVE, None)
                save(edits, name, description)
            if right.button(t("scenarios.cancel"), key="scenarios.save_cancel"):
                st.session_state.pop(CONFIRM_SAVE, None)
                st.rerun()


def save(edits: RecordableEdits, name: str, description: str) -> None:
    """Commit the base values plus a new scenario holding ``edits``, then rerun."""
    ws = workspace()
    try:
        model, sid = save_edits_as_scenario(ws.loaded, ws.plan, edits, name, description)
    except InvalidModelError as error:
        refuse("scenarios.save", error)
        st.rerun()
    commit_plan(model, t("scenarios.what_saved", name=name.strip()))
    compared = st.session_state.get(COMPARED)
    if isinstance(compared, list):
        st.session_state[COMPARED] = [*compared, sid]
    st.session_state[SELECTED] = sid
    st.session_state[FLASH] = t("scenarios.saved", name=name.strip())
    st.session_state[CLEAR_FORM] = True
    st.rerun()


st.title(t("nav.scenarios"))
st.caption(t("scenarios.intro"))
if FLASH in st.session_state:
    st.success(st.session_state.pop(FLASH), icon=":material/check_circle:")
save_section()
compare_section()
manage_section()
