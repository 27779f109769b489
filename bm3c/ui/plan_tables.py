"""A table editor whose edits change the whole plan (every year), never losing what was typed.

Like :func:`bm3c.ui.widgets.table_editor`, but an accepted edit is committed with
:func:`~bm3c.ui.state.commit_plan` (the plan, not the chosen year's view), and a
refused edit stays in the table as typed, with its reason above it, until it is
corrected or undone with the table's « Annuler la saisie » button.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from bm3c.edit.cooperation import apply_table_edits
from bm3c.edit.differences import model_names
from bm3c.errors import InvalidModelError
from bm3c.model import Cooperation
from bm3c.present.problems import problem_list
from bm3c.ui.i18n import current_language, t
from bm3c.ui.state import commit_plan, workspace
from bm3c.ui.widgets import PARTS, table_key

__all__ = ["Words", "plan_table_editor", "show_plan_problems"]


Words = Callable[[str, Sequence[Mapping[str, Any]]], str]
"""One refused edit's problem as a line of the list, given the rows as edited."""


def show_plan_problems(
    problems: Sequence[str],
    words: Words | None = None,
    rows: Sequence[Mapping[str, Any]] = (),
) -> None:
    """Why an edit was refused, each problem located in words (``words``: one problem's line)."""
    if not problems:
        return
    lang = current_language()
    if words is None:
        names = model_names(workspace().model, lang=lang)
        listed = problem_list(list(problems), lang, names)
    else:
        listed = "\n".join(words(p, rows) for p in problems)
    st.error(t("common.edit_refused") + "\n\n" + listed, icon=":material/block:")


def _drop_pending(name: str) -> None:
    counter = f"bm3c.table_resets.{name}"
    st.session_state[counter] = st.session_state.get(counter, 0) + 1


def plan_table_editor(
    name: str,
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    to_plan: Callable[[list[dict[str, Any]]], Cooperation],
    *,
    what: str,
    column_config: Mapping[str, Any] | None = None,
    dynamic: bool = False,
    disabled: Sequence[str] = (),
    words: Words | None = None,
) -> None:
    """An editable table of ``rows``; its edits go through ``to_plan`` into the plan.

    The pending edits of the widget are applied to ``rows``
    (:func:`~bm3c.edit.cooperation.apply_table_edits`); the plan ``to_plan`` makes of
    them is committed and the table re-renders from it under a new key. When
    ``to_plan`` refuses them, they stay pending: the table still shows what was typed,
    the reason is shown above it, and a button drops the refused edit.
    """
    key = table_key(name, rows)
    pending = st.session_state.get(key)
    problems: list[str] = []
    edited: list[dict[str, Any]] = []
    if isinstance(pending, Mapping) and any(pending.get(part) for part in PARTS):
        edited = apply_table_edits(rows, pending)
        try:
            plan = to_plan(edited)
        except InvalidModelError as error:
            problems = [str(p) for p in error.problems]
        else:
            if plan == workspace().plan:
                _drop_pending(name)  # nothing changed: forget the edit, or it would loop
            else:
                commit_plan(plan, what)
                st.rerun()
    if problems:
        show_plan_problems(problems, words, edited)
        if st.button(t("plan_editor.drop_edit"), key=f"{name}.drop", icon=":material/undo:"):
            _drop_pending(name)
            st.rerun()
    frame = pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=list(columns))
    st.data_editor(
        frame,
        key=table_key(name, rows),
        hide_index=True,
        num_rows="dynamic" if dynamic else "fixed",
        column_config=dict(column_config or {}),
        disabled=list(disabled),
        width="stretch",
        placeholder="",
    )
