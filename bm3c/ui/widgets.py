"""Widgets shared by the pages: the table editor, problems next to a field, metrics."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from bm3c.edit.cooperation import apply_table_edits
from bm3c.edit.differences import model_names
from bm3c.errors import InvalidModelError
from bm3c.model import Cooperation
from bm3c.present.number_range import range_problem
from bm3c.present.problems import problem_list
from bm3c.ui.i18n import current_language, t
from bm3c.ui.state import commit, commit_plan, refuse, take_problems, workspace

__all__ = [
    "clear_after_success",
    "editor_key",
    "keep_valid",
    "number_field",
    "pending_table_edits",
    "show_model_value",
    "show_problems",
    "table_editor",
    "table_key",
    "try_edit",
]


def editor_key(name: str) -> str:
    """A widget key that changes with every model version (widgets then show the model)."""
    return f"{name}@{workspace().version}"


def table_key(name: str, rows: Sequence[Mapping[str, Any]]) -> str:
    """The widget key of a table editor: it changes only when its own rows change.

    So an edit elsewhere on the page keeps this table's pending edits (a half-typed
    new row, say), while a change of its rows (its own commit, undo) starts it afresh.
    ``bm3c.table_key.<name>`` in the session holds the current key (tests use it).
    """
    digest = hashlib.sha1(json.dumps(list(rows), sort_keys=True, default=str).encode()).hexdigest()[
        :12
    ]
    resets = st.session_state.get(f"bm3c.table_resets.{name}", 0)
    key = f"{name}@{digest}.{resets}"
    st.session_state[f"bm3c.table_key.{name}"] = key
    return key


def pending_table_edits() -> bool:
    """Whether a table editor on the page holds edits not yet in the model.

    A new row half typed, say: reloading the model now would throw it away.
    """
    for name, key in list(st.session_state.items()):
        if str(name).startswith("bm3c.table_key."):
            pending = st.session_state.get(str(key))
            if isinstance(pending, Mapping) and any(pending.get(part) for part in PARTS):
                return True
    return False


PARTS = ("edited_rows", "added_rows", "deleted_rows")


def _reset_table(name: str) -> None:
    """Drop a table editor's pending edits (after they were refused or changed nothing)."""
    counter = f"bm3c.table_resets.{name}"
    st.session_state[counter] = st.session_state.get(counter, 0) + 1


def show_problems(where: str) -> None:
    """Show, right here, why the last edit at ``where`` was refused."""
    problems = take_problems(where)
    if problems:
        names = model_names(workspace().model, lang=current_language())
        st.error(
            t("common.edit_refused") + "\n\n" + problem_list(problems, current_language(), names)
        )


def show_model_value(key: str, value: Any) -> None:
    """Let the widget ``key`` show the model's ``value`` unless the user just changed it.

    The widget is reset to the model whenever the model changed since it was last
    shown (an edit here or elsewhere, an undo, a refused edit), so a widget never
    holds a value the model does not have.
    """
    version = workspace().version
    marker = f"{key}.version"
    if key not in st.session_state or st.session_state.get(marker) != version:
        st.session_state[key] = value
        st.session_state[marker] = version


def try_edit(
    where: str, what: str, make: Callable[[], Cooperation], *, whole_plan: bool = False
) -> bool:
    """Commit the model ``make()`` returns, or keep its problems to show at ``where``.

    ``make`` edits the chosen year's model, or with ``whole_plan`` the whole plan (an
    edit that must reach every year: an id renamed, a party removed).
    """
    try:
        model = make()
    except InvalidModelError as error:
        refuse(where, error)
        return False
    if whole_plan:
        commit_plan(model, what)
    else:
        commit(model, what)
    return True


def table_editor(
    name: str,
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    to_model: Callable[[list[dict[str, Any]]], Cooperation],
    *,
    what: str,
    column_config: Mapping[str, Any] | None = None,
    dynamic: bool = True,
    disabled: Sequence[str] = (),
) -> None:
    """An editable table whose every edit goes through the model, never lost.

    Pending edits in the widget's state are applied to ``rows`` by the pure
    :func:`~bm3c.edit.cooperation.apply_table_edits`, turned into a model by ``to_model`` and
    committed; the editor then re-renders from the model under a new key, so the
    data_editor never sees its own output as input. A refused edit leaves the model
    as it was and its problems appear above the table.
    """
    key = table_key(name, rows)
    pending = st.session_state.get(key)
    incomplete: list[str] = []
    if isinstance(pending, Mapping) and any(
        pending.get(k) for k in ("edited_rows", "added_rows", "deleted_rows")
    ):
        new_rows = apply_table_edits(rows, pending)
        try:
            model = to_model(new_rows)
        except InvalidModelError as error:
            if pending.get("added_rows"):
                # a new row is typed cell by cell: keep it pending until it is complete
                incomplete = [str(p) for p in error.problems]
            else:
                refuse(name, error)
                _reset_table(name)
        else:
            if model == workspace().model:
                _reset_table(name)  # nothing changed: forget the edit, or it would loop
            else:
                commit(model, what)
                st.rerun()
    show_problems(name)
    if incomplete:
        names = model_names(workspace().model, lang=current_language())
        problems = problem_list(incomplete, current_language(), names)
        st.error(f"{t('common.edit_refused')}\n\n{problems}\n\n{t('common.row_incomplete')}")
    frame = pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=list(columns))
    st.data_editor(
        frame,
        key=table_key(name, rows),
        hide_index=True,
        num_rows="dynamic" if dynamic else "fixed",
        column_config=dict(column_config or {}),
        disabled=list(disabled),
        width="stretch",
        placeholder="",  # an empty cell reads better blank than "None"
    )


def number_field(
    label: str,
    *,
    key: str,
    low: float | None = None,
    high: float | None = None,
    unit: str = "",
    place: Any = None,
    **options: Any,
) -> tuple[float | None, bool]:
    """A number input whose out-of-range value is refused in words, right under it.

    Streamlit's own ``min_value``/``max_value`` are not used: with them a value out
    of range is silently replaced (or refused in English). Here the value stays as
    typed and a message in the user's language names the field and the range
    (:func:`~bm3c.present.number_range.range_problem`).

    Returns:
        The value (None when empty) and whether it is within ``low``..``high``;
        the caller commits nothing that is not.

    """
    where = place if place is not None else st
    value = where.number_input(label, key=key, **options)
    if value is None:
        return None, True
    problem = range_problem(label, float(value), current_language(), low=low, high=high, unit=unit)
    if problem:
        where.error(problem, icon=":material/block:")
    return float(value), problem is None


def keep_valid(key: str, options: Sequence[object]) -> None:
    """Forget a remembered choice that the current model no longer offers."""
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]


def clear_after_success(where: str, fields: tuple[str, ...]) -> None:
    """Empty a form's fields once its last submission was accepted."""
    if st.session_state.pop(f"{where}.clear", False):
        for name in fields:
            st.session_state.pop(f"{where}.{name}", None)
