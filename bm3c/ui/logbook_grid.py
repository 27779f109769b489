"""The logbook's grid tab: read the grid, rewrite an axis's questions, add or remove axes.

Each change is validated (:mod:`bm3c.logbook`) and saved as a new version of the
model's grid in the workspace; a refused change shows every problem and saves nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from bm3c.errors import Bm3cError
from bm3c.logbook import (
    Grid,
    InvalidGridError,
    default_grid,
    dump_grid,
    free_slug,
    grid_to_data,
    parse_grid,
    text_of,
    validate_grid,
    with_axis,
    with_questions,
    without_axis,
)
from bm3c.store import Store
from bm3c.store import logbook as book
from bm3c.ui.arrival import participant
from bm3c.ui.chart_files import file_stem
from bm3c.ui.i18n import local_time, t
from bm3c.ui.state import workspace

__all__ = ["current_grid", "grid_section"]

PROBLEMS = "logbook.grid_problems"
ADDED = "logbook.axes_added"  # how many axes this tab added: the add form's key


def current_grid(s: Store, model_id: str) -> Grid:
    """The model's grid: its latest saved version, else the one shipped with bm3c."""
    data = book.current_grid(s, model_id)
    if data is None:
        return default_grid()
    try:
        return validate_grid(data)
    except InvalidGridError:
        return default_grid()


def save(s: Store, model_id: str, make: Callable[[], Grid]) -> None:
    """Save the grid ``make()`` gives, or keep its problems to show above the tab."""
    try:
        grid = make()
    except InvalidGridError as error:
        st.session_state[PROBLEMS] = [str(p) for p in error.problems]
        return
    try:
        number = book.save_grid(s, model_id, grid_to_data(grid), participant())
    except (Bm3cError, SQLAlchemyError) as error:
        st.session_state[PROBLEMS] = [str(error)]
        return
    st.session_state.pop(PROBLEMS, None)
    st.toast(t("logbook.grid_saved", number=number))


def show_problems() -> None:
    """The problems of the last refused change, if any."""
    problems = st.session_state.get(PROBLEMS)
    if problems:
        st.error(
            t("logbook.grid_problems") + "\n" + "\n".join(f"- {p}" for p in problems),
            icon=":material/error:",
        )


def axis_editor(s: Store, model_id: str, grid: Grid, axis_id: str, lang: str) -> None:
    """An axis: its levels, its questions in a table to rewrite, and its removal."""
    axis = grid.axis(axis_id)
    if axis.description:
        st.caption(text_of(axis.description, lang))
    st.markdown("\n".join(f"{k}. {text_of(axis.levels[k], lang)}" for k in sorted(axis.levels)))
    columns = {
        "id": t("logbook.question_id"),
        "fr": t("logbook.question_fr"),
        "en": t("logbook.question_en"),
    }
    rows = pd.DataFrame(
        [{"id": q.id, "fr": q.text.fr or "", "en": q.text.en or ""} for q in axis.questions]
    ).rename(columns=columns)
    # keyed on this axis's questions: a save elsewhere in the grid keeps its pending edits
    content = hashlib.sha1(repr(axis.questions).encode()).hexdigest()[:10]
    edited = st.data_editor(
        rows,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        disabled=[columns["id"]],
        key=f"logbook.questions.{axis_id}.{content}",
    )
    left, right = st.columns(2)
    if left.button(t("logbook.save_questions"), key=f"logbook.save.{axis_id}"):
        named = edited.rename(columns={v: k for k, v in columns.items()})
        plain = [{str(k): v for k, v in row.items()} for row in named.to_dict("records")]
        save(s, model_id, lambda: with_questions(grid, axis_id, plain))
        st.rerun()
    if right.button(
        t("logbook.remove_axis"), key=f"logbook.remove.{axis_id}", disabled=len(grid.axes) < 2
    ):
        save(s, model_id, lambda: without_axis(grid, axis_id))
        st.rerun()


def add_axis_form(s: Store, model_id: str, grid: Grid, lang: str) -> None:
    """A new axis of the collective's own: its name, what it covers, a question, five levels.

    The texts go in the app's language; a refused axis keeps what was typed.
    """
    round_ = st.session_state.get(ADDED, 0)  # a new form (empty) once an axis is added
    with (
        st.expander(t("logbook.add_axis"), icon=":material/add:"),
        st.form(f"logbook.add_axis_form.{round_}"),
    ):
        name = st.text_input(t("logbook.axis_name"), max_chars=200)
        description = st.text_area(t("logbook.axis_description"))
        question = st.text_input(t("logbook.first_question"))
        levels = {k: st.text_input(t("logbook.level_text", level=k)) for k in range(1, 6)}
        if not st.form_submit_button(t("logbook.add")):
            return
        missing = [str(k) for k, text in levels.items() if not text.strip()]
        problems = [
            *([t("logbook.name_missing")] if not name.strip() else []),
            *([t("logbook.question_missing")] if not question.strip() else []),
            *([t("logbook.level_missing", levels=", ".join(missing))] if missing else []),
        ]
        if problems:
            st.error("\n".join(f"- {p}" for p in problems), icon=":material/error:")
            return
        data = {
            "id": free_slug(name, grid.axis_ids),
            "name": {lang: name.strip()},
            "questions": [
                {"id": free_slug(question, grid.question_ids), "text": {lang: question.strip()}}
            ],
            "levels": {k: {lang: v.strip()} for k, v in levels.items()},
        }
        if description.strip():
            data["description"] = {lang: description.strip()}
        save(s, model_id, lambda: with_axis(grid, data))
        if PROBLEMS not in st.session_state:
            st.session_state[ADDED] = round_ + 1
        st.rerun()


def file_section(s: Store, model_id: str, grid: Grid) -> None:
    """The grid as a YAML file to download, and a file to replace it with."""
    left, right = st.columns(2)
    left.download_button(
        t("logbook.grid_download"),
        data=dump_grid(grid),
        file_name=f"{file_stem(workspace().model.name, 'grille')}.yaml",
        mime="application/x-yaml",
        icon=":material/download:",
        key="logbook.grid_download",
    )
    upload = right.file_uploader(t("logbook.grid_upload"), type=["yaml", "yml", "json"])
    if upload is not None and st.session_state.get("logbook.grid_uploaded") != upload.file_id:
        st.session_state["logbook.grid_uploaded"] = upload.file_id
        fmt = "json" if upload.name.lower().endswith(".json") else "yaml"
        try:
            save(s, model_id, lambda: parse_grid(upload.getvalue(), fmt, source=upload.name))
        except Bm3cError as error:  # the file is not YAML or JSON at all
            st.session_state[PROBLEMS] = [str(error)]
        st.rerun()


def grid_section(s: Store, model_id: str, lang: str) -> None:
    """The whole grid tab."""
    st.caption(t("logbook.grid_intro"))
    history = book.grid_history(s, model_id)
    if history:
        number, who, when = history[-1]
        st.caption(t("logbook.grid_version", number=number, who=who, when=local_time(when)))
    else:
        st.caption(t("logbook.grid_shipped"))
    show_problems()
    grid = current_grid(s, model_id)
    for axis in grid.axes:
        with st.expander(text_of(axis.name, lang)):
            axis_editor(s, model_id, grid, axis.id, lang)
    add_axis_form(s, model_id, grid, lang)
    file_section(s, model_id, grid)
