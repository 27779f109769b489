"""The live workshop: drafts that survive a reload, who is connected, others' saves.

Every tab checks in once a second (:func:`check_in`: its heartbeat, who else is
here, the model's latest revision number), from the banner fragment at the top of
the page (:mod:`bm3c.ui.live_banner`, which also says when someone else saved); the
sidebar shows who is here from what that check found, every :data:`PRESENCE_SECONDS`.
The check reads the memory of the server process's :class:`~bm3c.store.watch.Watcher`,
which reads the workspace for all the process's tabs at once. A closed tab stops
checking in and leaves the others' list within :data:`~bm3c.store.live.PRESENCE_TIMEOUT`
and one more tick of the watcher and of the sidebar.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from bm3c.errors import Bm3cError
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.store import DEFAULT_DATABASE, DEFAULT_WORKSPACE, Revision, Store
from bm3c.store.live import drop_draft, find_draft, save_draft
from bm3c.store.watch import watcher_for
from bm3c.ui.arrival import participant, store, tab_id, workspace_id
from bm3c.ui.i18n import local_time, t
from bm3c.ui.process_cache import saved_model
from bm3c.ui.state import EXAMPLES, KEY, Workspace, open_model, workspace

__all__ = [
    "MODELS",
    "VIEWING_PAGES",
    "autosave",
    "check_in",
    "load_revision",
    "notices",
    "notify",
    "open_from_link",
    "open_saved",
    "restore_draft",
    "revision_model",
    "status",
    "upload_name",
    "upload_origin",
]

# YAML/JSON files dropped beside the default workspace database (relative to where the
# app was started, like that database)
MODELS = Path(DEFAULT_DATABASE).parent
POLL_SECONDS = 1.0  # the banner's check; also the tab's heartbeat
# the sidebar's "also connected" line: who arrives or leaves need not show within the
# second, and each tab's fragment rerun costs the server a little (thirty tabs...)
PRESENCE_SECONDS = 2.0
VIEWING_PAGES = {"overview", "flows", "sharing", "scenarios", "impacts", "documents"}
OPENED = "bm3c.opened"  # the origin whose draft was looked for
NOTICES = "bm3c.notices"
LATEST = "bm3c.latest"  # the newer revision the once-a-second check found
HERE = "bm3c.here"  # what the last check found: (origin, others connected, in the trash)


def open_saved(s: Store, model_id: str) -> Workspace:
    """Open the latest revision of a workspace model."""
    latest = s.revision(model_id)
    model = saved_model(s, latest)
    return open_model(
        model,
        model.name,
        origin=f"model:{model_id}",
        base=latest.number,
    )


def revision_model(revision: Revision) -> Cooperation:
    """The model of ``revision``, one object for every tab of the process (store open)."""
    s = store()
    return revision.cooperation() if s is None else saved_model(s, revision)


def load_revision(ws: Workspace, revision: Revision, what: str) -> None:
    """Make a newer revision the tab's model; the tab's previous model stays undoable."""
    model = revision_model(revision)
    ws.replace(model, what, loaded=model, base=revision.number)
    ws.source = model.name


def open_from_link() -> None:
    """On a tab's first run, open what its link names (``?src=``), else the default model."""
    if KEY in st.session_state:
        return
    origin = str(st.query_params.get("src", ""))
    kind, _, name = origin.partition(":")
    s = store()
    draft = None
    try:
        if kind == "model" and s is not None:
            open_saved(s, name)
        elif kind == "example" and (EXAMPLES / name).is_file() and "/" not in name:
            open_model(load_cooperation(EXAMPLES / name), name, origin=origin)
        elif kind == "file" and (MODELS / name).is_file() and "/" not in name:
            open_model(load_cooperation(MODELS / name), name, origin=origin)
        elif kind == "upload" and s is not None:
            draft = find_draft(s, origin, participant())
            if draft is not None:  # an upload lives in its uploader's draft only
                open_model(draft.cooperation(), upload_name(origin), origin=origin)
    except (Bm3cError, SQLAlchemyError, OSError):
        pass
    if origin and KEY not in st.session_state:  # a stale or broken link: say so
        notify(t("live.link_failed", link=origin))
    workspace()


def upload_origin(file_name: str) -> str:
    """The origin of an uploaded file: its name, made unique.

    So an old draft never replaces a new upload of a file with the same name.
    """
    return f"upload:{uuid.uuid4().hex[:8]}/{file_name}"


def upload_name(origin: str) -> str:
    """The file name of an upload's origin."""
    return origin.removeprefix("upload:").partition("/")[2] or origin


def _restore_draft(ws: Workspace, s: Store) -> None:
    """Bring back this participant's unsaved edits of what the tab just opened."""
    draft = find_draft(s, ws.origin, participant())
    if draft is None:
        return
    model = draft.cooperation()
    if model == ws.plan:
        return
    loaded, base = ws.loaded, ws.base
    if ws.model_id is not None and draft.base and draft.base != ws.base:
        # edits made on an older revision: the live check then offers to bring theirs in
        loaded, base = s.revision(ws.model_id, draft.base).cooperation(), draft.base
    ws.replace(model, t("live.undo_draft"), loaded=loaded, base=base)
    notify(t("live.draft_restored", when=local_time(draft.saved_at)))


def restore_draft() -> None:
    """Before a run shows anything: bring back a draft of what the tab has just opened."""
    ws, s = workspace(), store()
    if s is None or not participant() or st.session_state.get(OPENED) == ws.origin:
        return
    try:
        _restore_draft(ws, s)
    except (Bm3cError, SQLAlchemyError) as error:
        # not marked as looked for: the next run looks again, and autosave waits till then
        st.warning(t("live.autosave_failed", error=str(error).splitlines()[0]))
        return
    st.session_state[OPENED] = ws.origin
    # an upload is kept nowhere else: let the next autosave write it down
    st.session_state["bm3c.autosaved"] = None if ws.origin.startswith("upload:") else ws.version


def autosave() -> None:
    """After each run: keep the tab's unsaved edits as the participant's draft.

    Also writes the open model into the link, so a reload reopens it.
    """
    ws, s, name = workspace(), store(), participant()
    if s is None or not name:
        return
    try:
        if st.session_state.get(OPENED) != ws.origin:
            pass  # opened during this run: the next run looks for its draft first
        elif st.session_state.get("bm3c.autosaved") != ws.version:
            if ws.unsaved or ws.origin.startswith("upload:"):  # an upload is kept nowhere else
                save_draft(s, ws.origin, name, ws.base, ws.plan)
            else:
                drop_draft(s, ws.origin, name)
        st.session_state["bm3c.autosaved"] = ws.version
    except (Bm3cError, SQLAlchemyError) as error:
        st.sidebar.warning(t("live.autosave_failed", error=str(error).splitlines()[0]))
    wanted = {"src": ws.origin, "who": name}
    if s.workspace != DEFAULT_WORKSPACE:  # page changes drop it from the address bar
        wanted["ws"] = s.workspace
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value


def notify(text: str) -> None:
    """Leave a message for the next run to show (a save, a restored draft)."""
    st.session_state[NOTICES] = [*st.session_state.get(NOTICES, []), text]


def notices() -> None:
    """Show the messages left by the previous run."""
    for text in st.session_state.pop(NOTICES, []):
        st.toast(text, icon=":material/check_circle:")


def check_in(s: Store, ws: Workspace) -> int:
    """The once-a-second check: this tab's heartbeat, who else is here, the latest revision.

    Returns the number of the model's latest revision (0 when the tab's model is not
    a workspace model); who else is here and whether the model is in the trash are
    kept for the sidebar (:func:`status`).
    """
    watcher = watcher_for(s)  # the process's: no database access here, but the first time
    watcher.check_in(tab_id(), participant(), ws.origin)
    others = watcher.others(tab_id(), participant(), ws.origin)
    head, trashed = watcher.state(ws.model_id) if ws.model_id else (0, False)
    st.session_state[HERE] = (ws.origin, others, trashed)
    return head


@st.fragment(run_every=PRESENCE_SECONDS)
def status() -> None:
    """Who else is here, and whether the model is in the trash (from the last check-in)."""
    ws, s = workspace(), store()
    if s is None:
        return
    origin, others, trashed = st.session_state.get(HERE, ("", [], False))
    if origin != ws.origin:
        others, trashed = [], False
    me = participant()
    st.caption(
        t("live.with_others", me=me, others=", ".join(others)) if others else t("live.alone", me=me)
    )
    if workspace_id() != DEFAULT_WORKSPACE:  # a hosted collective's own workspace
        st.caption(t("live.workspace", name=s.name))
    if trashed:
        st.warning(t("live.trashed"), icon=":material/delete:")
