"""The Workspace page's history of the open model: its revisions, what changed, restore, download.

Restoring makes a new revision with an old one's content (the store's "restore
revision N" message is shown translated); the tab's edits stay one Undo away.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from bm3c.edit.differences import describe_differences
from bm3c.io import dump_cooperation
from bm3c.store import Revision, Store
from bm3c.ui.arrival import participant
from bm3c.ui.i18n import current_language, local_time, t
from bm3c.ui.live import load_revision, notify
from bm3c.ui.saving import difference_list
from bm3c.ui.state import Workspace

__all__ = ["history_section"]

SHOWN_DIFFERENCES = 60
RESTORED = re.compile(r"restore revision (\d+)")  # Store.restore's message


def revision_message(message: str) -> str:
    """A revision's message as shown: the store's own "restore revision N" translated."""
    restored = RESTORED.fullmatch(message)
    return t("workspace.restore_message", number=int(restored[1])) if restored else message


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
