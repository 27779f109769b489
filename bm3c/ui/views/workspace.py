"""Workspace: the saved models, their history, the trash, imports and exports."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from bm3c.errors import Bm3cError
from bm3c.store import DEFAULT_WORKSPACE, ModelInfo, Store
from bm3c.ui.arrival import participant, store, store_problem
from bm3c.ui.i18n import local_time, t
from bm3c.ui.live import notify, open_saved
from bm3c.ui.state import Workspace, default_model, open_model, workspace
from bm3c.ui.workspace_history import history_section
from bm3c.ui.workspace_import import import_section

CONFIRM_TRASH = "workspace.confirm_trash"


def what_is_open(ws: Workspace) -> None:
    """One line saying what the tab has open and whether it is in the workspace."""
    if ws.model_id is not None:
        text = t("workspace.open_now_model", name=ws.model.name, id=ws.model_id, number=ws.base)
    elif ws.origin.startswith("example:"):
        text = t("workspace.open_now_example", name=ws.model.name)
    else:
        text = t("workspace.open_now_file", name=ws.model.name)
    if ws.unsaved:
        text += " " + t("workspace.unsaved_note")
    st.info(text, icon=":material/description:")


def models_section(s: Store, ws: Workspace, models: list[ModelInfo]) -> None:
    """The workspace's models, and opening one of them."""
    st.header(t("workspace.models_title"), anchor=False)
    if not models:
        st.info(t("workspace.no_models"))
        return
    st.dataframe(
        pd.DataFrame(
            {
                t("workspace.col_name"): [m.name for m in models],
                t("workspace.col_id"): [m.id for m in models],
                t("workspace.col_head"): [m.head for m in models],
                t("workspace.col_author"): [m.saved_by for m in models],
                t("workspace.col_when"): [
                    local_time(m.saved_at) if m.saved_at else "" for m in models
                ],
            }
        ),
        hide_index=True,
        width="stretch",
        key="workspace.models",
    )
    names = {m.id: m.name for m in models}
    ids = list(names)
    chosen = st.selectbox(
        t("workspace.choose"),
        ids,
        index=ids.index(ws.model_id) if ws.model_id in names else 0,
        format_func=lambda i: f"{names[i]} ({i})",
        key="workspace.choice",
    )
    if chosen == ws.model_id:
        st.caption(t("workspace.already_open"))
    elif ws.unsaved:
        st.warning(t("live.unsaved_kept", name=ws.model.name, who=participant()))
    if st.button(
        t("workspace.open_button"),
        key="workspace.open",
        type="primary",
        icon=":material/folder_open:",
        disabled=chosen is None or chosen == ws.model_id,
    ):
        open_saved(s, str(chosen))
        st.session_state.pop("workspace.choice", None)  # shows the open model next time
        st.rerun()


def trash_section(s: Store, ws: Workspace, trashed: list[ModelInfo]) -> None:
    """Put the open model in the trash (after a confirmation); bring one back."""
    st.header(t("workspace.trash_title"), anchor=False)
    st.caption(t("workspace.trash_help"))
    model_id = ws.model_id
    if model_id is None:
        st.caption(t("workspace.trash_nothing_open"))
    elif model_id in {m.id for m in trashed}:
        st.warning(t("workspace.open_in_trash"))
    else:
        trash_button(s, ws, model_id)
    if not trashed:
        st.caption(t("workspace.trash_empty"))
        return
    st.dataframe(
        pd.DataFrame(
            {
                t("workspace.col_name"): [m.name for m in trashed],
                t("workspace.col_id"): [m.id for m in trashed],
                t("workspace.col_head"): [m.head for m in trashed],
                t("workspace.col_deleted"): [
                    local_time(m.deleted_at) if m.deleted_at else "" for m in trashed
                ],
            }
        ),
        hide_index=True,
        width="stretch",
        key="workspace.trash_list",
    )
    names = {m.id: m.name for m in trashed}
    chosen = st.selectbox(
        t("workspace.trash_choose"),
        list(names),
        format_func=lambda i: f"{names[i]} ({i})",
        key="workspace.trash_choice",
    )
    if chosen is not None and st.button(
        t("workspace.undelete_button"),
        key="workspace.undelete",
        icon=":material/restore_from_trash:",
    ):
        s.undelete(chosen)
        notify(t("workspace.undeleted", name=names[chosen]))
        st.rerun()


def trash_button(s: Store, ws: Workspace, model_id: str) -> None:
    """The open model to the trash, once confirmed; the tab then opens the starting model."""
    name = ws.model.name
    if st.button(
        t("workspace.trash_button", name=name), key="workspace.trash", icon=":material/delete:"
    ):
        st.session_state[CONFIRM_TRASH] = model_id
        st.rerun()
    if st.session_state.get(CONFIRM_TRASH) != model_id:
        return
    st.warning(t("workspace.trash_confirm_text", name=name, id=model_id), icon=":material/warning:")
    left, right = st.columns(2)
    if left.button(t("workspace.trash_confirm"), key="workspace.trash_confirm", type="primary"):
        st.session_state.pop(CONFIRM_TRASH, None)
        s.delete(model_id)
        model, source, origin = default_model()
        open_model(model, source, origin=origin)
        notify(t("workspace.trashed", name=name))
        st.rerun()
    if right.button(t("workspace.cancel"), key="workspace.trash_cancel"):
        st.session_state.pop(CONFIRM_TRASH, None)
        st.rerun()


def page(s: Store) -> None:
    """The page when the workspace is available."""
    ws = workspace()
    if s.workspace == DEFAULT_WORKSPACE:
        st.caption(t("workspace.intro_default"))
    else:
        st.caption(t("workspace.intro", workspace=s.name))
    what_is_open(ws)
    models = s.list_models()
    trashed = s.list_models(trash=True)
    models_section(s, ws, models)
    if ws.model_id is not None:
        history_section(s, ws, ws.model_id)
    elif models:
        st.caption(t("workspace.no_history"))
    import_section(s, models, trashed)
    trash_section(s, ws, trashed)


st.title(t("nav.workspace"))
_store = store()
if _store is None:
    st.warning(
        t("workspace.unavailable", problem=store_problem() or t("workspace.unknown_problem")),
        icon=":material/cloud_off:",
    )
    st.caption(t("workspace.unavailable_help"))
else:
    try:
        page(_store)
    except (Bm3cError, SQLAlchemyError) as error:
        st.error(t("workspace.failed", error=str(error).splitlines()[0]))
