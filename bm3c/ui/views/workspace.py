"""Workspace: the saved models, their history, the trash, imports and exports."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from bm3c.edit.differences import describe_differences
from bm3c.errors import Bm3cError, InvalidModelError
from bm3c.io import dump_cooperation, parse_cooperation
from bm3c.model import Cooperation
from bm3c.present.problems import problem_list
from bm3c.store import DEFAULT_WORKSPACE, ModelInfo, Revision, Store, model_slug
from bm3c.ui.arrival import participant, store, store_problem
from bm3c.ui.i18n import current_language, local_time, t
from bm3c.ui.live import load_revision, notify, open_saved
from bm3c.ui.saving import difference_list
from bm3c.ui.state import Workspace, default_model, open_model, workspace

CONFIRM_TRASH = "workspace.confirm_trash"
IMPORT_ID = "workspace.import_id"
IMPORT_FILE = "workspace.import_file_id"  # the upload the id field was filled from
UPLOAD_ROUND = "workspace.upload_round"  # bumped after an import: empties the uploader
SHOWN_DIFFERENCES = 60
RESTORED = re.compile(r"restore revision (\d+)")  # Store.restore's message


def revision_message(message: str) -> str:
    """A revision's message as shown: the store's own "restore revision N" translated."""
    restored = RESTORED.fullmatch(message)
    return t("workspace.restore_message", number=int(restored[1])) if restored else message


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


def history_section(s: Store, ws: Workspace, model_id: str) -> None:
    """Every revision of the open model, what changed, restore and download."""
    revisions = s.history(model_id)
    st.header(t("workspace.history_title", name=ws.model.name), anchor=False)
    st.caption(t("workspace.history_help"))
    newest_first = revisions[::-1]
    st.dataframe(
        pd.DataFrame(
            {
                t("workspace.col_revision"): [r.number for r in newest_first],
                t("workspace.col_when"): [local_time(r.created_at) for r in newest_first],
                t("workspace.col_author"): [r.author for r in newest_first],
                t("workspace.col_message"): [revision_message(r.message) for r in newest_first],
                t("workspace.col_parent"): [
                    t("workspace.parent", number=r.parent) if r.parent else t("workspace.no_parent")
                    for r in newest_first
                ],
            }
        ),
        hide_index=True,
        width="stretch",
        key="workspace.history",
    )
    by_number = {r.number: r for r in revisions}
    changes_part(by_number)
    revision_part(s, ws, model_id, by_number)


def changes_part(by_number: dict[int, Revision]) -> None:
    """Pick two revisions: what changed from the first to the second, in words."""
    st.subheader(t("workspace.changes_title"), anchor=False)
    numbers = list(by_number)
    if len(numbers) < 2:
        st.caption(t("workspace.one_revision"))
        return
    left, right = st.columns(2)
    first = left.selectbox(
        t("workspace.diff_from"), numbers, index=len(numbers) - 2, key="workspace.diff_from"
    )
    second = right.selectbox(
        t("workspace.diff_to"), numbers, index=len(numbers) - 1, key="workspace.diff_to"
    )
    if first is None or second is None or first == second:
        st.caption(t("workspace.diff_same"))
        return
    lines = describe_differences(
        by_number[first].cooperation(), by_number[second].cooperation(), current_language()
    )
    if not lines:
        st.info(t("workspace.diff_none", first=first, second=second))
        return
    st.markdown(t("workspace.diff_count", first=first, second=second, count=len(lines)))
    st.markdown(difference_list(lines, SHOWN_DIFFERENCES))


def revision_part(s: Store, ws: Workspace, model_id: str, by_number: dict[int, Revision]) -> None:
    """Restore one revision (as a new one) or download it."""
    st.subheader(t("workspace.revision_title"), anchor=False)
    numbers = list(by_number)[::-1]
    head = numbers[0]
    number = st.selectbox(
        t("workspace.revision"),
        numbers,
        format_func=lambda n: t(
            "workspace.revision_label",
            number=n,
            when=local_time(by_number[n].created_at),
            who=by_number[n].author,
        ),
        # the labels are in the current language: a key per language, else the browser
        # keeps showing the previous language's label after a switch
        key=f"workspace.revision.{current_language()}",
    )
    if number is None:
        return
    revision = by_number[number]
    if number == head:
        st.caption(t("workspace.restore_latest"))
    else:
        st.caption(t("workspace.restore_help", next=head + 1))
        if ws.unsaved:
            st.warning(t("workspace.restore_unsaved"))
    left, right = st.columns(2)
    if left.button(
        t("workspace.restore_button", number=number),
        key="workspace.restore",
        icon=":material/history:",
        disabled=number == head,
    ):
        restored = s.restore(model_id, number, author=participant())
        # the tab's edits, if any, stay one Undo away (opening afresh would drop them)
        load_revision(ws, restored, t("workspace.undo_restore", number=number))
        notify(t("workspace.restored", number=number, new=restored.number))
        st.rerun()
    right.download_button(
        t("workspace.download", number=number),
        data=lambda: dump_cooperation(revision.cooperation()),  # built on click only
        file_name=f"{model_id}-r{number}.yaml",
        mime="application/x-yaml",
        icon=":material/download:",
        help=t("workspace.download_help"),
        key="workspace.download",
    )


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
