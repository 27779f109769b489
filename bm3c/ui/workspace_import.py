"""The Workspace page's import: a YAML or JSON file becomes a new model of the workspace.

The file is checked first (every problem listed); the new model's id is proposed
from its name and refused when a model, or one in the trash, already has it.
"""

from __future__ import annotations

import streamlit as st

from bm3c.errors import InvalidModelError
from bm3c.io import parse_cooperation
from bm3c.model import Cooperation
from bm3c.present.problems import problem_list
from bm3c.store import ModelInfo, Store, model_slug
from bm3c.ui.arrival import participant
from bm3c.ui.i18n import current_language, t
from bm3c.ui.live import notify, open_saved

__all__ = ["import_section"]

IMPORT_ID = "workspace.import_id"
IMPORT_FILE = "workspace.import_file_id"  # the upload the id field was filled from
UPLOAD_ROUND = "workspace.upload_round"  # bumped after an import: empties the uploader


def id_problem(ident: str, models: list[ModelInfo], trashed: list[ModelInfo]) -> str | None:
    """Why a new model cannot take the id ``ident`` (None: it can)."""
    if not ident.strip():
        return t("workspace.id_missing")
    model_id = model_slug(ident)
    if model_id in {m.id for m in models}:
        return t("workspace.id_taken", id=model_id)
    if model_id in {m.id for m in trashed}:
        return t("workspace.id_in_trash", id=model_id)
    return None


def import_section(s: Store, models: list[ModelInfo], trashed: list[ModelInfo]) -> None:
    """A YAML or JSON file becomes a new workspace model, then opens."""
    st.header(t("workspace.import_title"), anchor=False)
    st.caption(t("workspace.import_help"))
    uploaded = st.file_uploader(
        t("workspace.import_file"),
        type=["yaml", "yml", "json"],
        key=f"workspace.upload.{st.session_state.get(UPLOAD_ROUND, 0)}",
    )
    if uploaded is None:
        return
    fmt = "json" if uploaded.name.lower().endswith(".json") else "yaml"
    try:
        coop = parse_cooperation(uploaded.getvalue(), fmt, uploaded.name)
    except InvalidModelError as error:
        st.error(
            t("workspace.invalid_file", count=len(error.problems))
            + "\n\n"
            + problem_list([str(p) for p in error.problems], current_language())
        )
        return
    st.success(
        t(
            "workspace.file_ready",
            name=coop.name,
            members=len(coop.members),
            activities=len(coop.activities),
        )
    )
    if st.session_state.get(IMPORT_FILE) != uploaded.file_id:
        st.session_state[IMPORT_FILE] = uploaded.file_id
        st.session_state[IMPORT_ID] = model_slug(coop.name)
    ident = st.text_input(
        t("workspace.import_id"), key=IMPORT_ID, help=t("workspace.import_id_help")
    )
    problem = id_problem(ident, models, trashed)
    if problem:
        st.error(problem)
    elif model_slug(ident) != ident:
        st.caption(t("workspace.id_becomes", id=model_slug(ident)))
    if st.button(
        t("workspace.import_button"),
        key="workspace.import",
        type="primary",
        icon=":material/upload_file:",
        disabled=problem is not None,
    ):
        import_model(s, coop, model_slug(ident), uploaded.name)


def import_model(s: Store, coop: Cooperation, model_id: str, file_name: str) -> None:
    """Save ``coop`` as revision 1 of a new model, open it, empty the uploader."""
    s.save(
        model_id,
        coop,
        author=participant(),
        message=t("workspace.import_message", file=file_name),
        parent=None,  # refused as a conflict if someone took the id meanwhile
    )
    open_saved(s, model_id)
    st.session_state.pop("workspace.choice", None)
    st.session_state[UPLOAD_ROUND] = st.session_state.get(UPLOAD_ROUND, 0) + 1
    notify(t("workspace.imported", name=coop.name, id=model_id))
    st.rerun()
