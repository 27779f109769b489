"""Arriving in the app: the workspace this tab works in, its access code, the participant's name.

The workspace comes from the link (``?ws=collectif-a``), else ``BM3C_WORKSPACE``, else
the default one; the database from ``BM3C_DATABASE_URL`` (``bm3c serve --database-url``)
or ``models/workspace.db``. The name is asked once per browser: the browser keeps it
(:mod:`bm3c.ui.browser_memory`), so a reload or a new tab never asks again; it is also
put in the link (``?who=``), the fallback of a browser that keeps no cookie.

A name coming from a link only (a link shared with its sender's name in it) is asked
to be confirmed when a tab under that name is connected: it is probably someone else.
The name this browser remembers is never asked again: a reload is the same participant.
"""

from __future__ import annotations

import os
import uuid

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from bm3c.errors import Bm3cError
from bm3c.store import DEFAULT_WORKSPACE, AccessDeniedError, Store, database_url
from bm3c.store.live import connected
from bm3c.ui.browser_memory import NAME_COOKIE, recall, remember
from bm3c.ui.i18n import t

__all__ = ["arrive", "participant", "store", "store_problem", "tab_id", "workspace_id"]

NAME = "bm3c.participant"
STORE = "bm3c.store"
PROBLEM = "bm3c.store_problem"
MAX_NAME = 60


def workspace_id() -> str:
    """The workspace this tab works in."""
    return str(st.query_params.get("ws") or os.environ.get("BM3C_WORKSPACE") or DEFAULT_WORKSPACE)


def tab_id() -> str:
    """A random id for this browser tab (for presence)."""
    if "bm3c.tab" not in st.session_state:
        st.session_state["bm3c.tab"] = uuid.uuid4().hex
    return str(st.session_state["bm3c.tab"])


def participant() -> str:
    """The display name chosen on arrival ("" before)."""
    return str(st.session_state.get(NAME, ""))


def store() -> Store | None:
    """The tab's open workspace, or None when it is unavailable or still locked."""
    found = st.session_state.get(STORE)
    return found if isinstance(found, Store) else None


def store_problem() -> str:
    """Why the workspace is unavailable ("" when it is available)."""
    return str(st.session_state.get(PROBLEM, ""))


def _connected(name: str) -> bool:
    """Whether a tab under ``name`` is connected to this workspace right now."""
    s = store()
    try:
        return s is not None and connected(s, name)
    except SQLAlchemyError:
        return False


def _open(code: str | None) -> bool:
    """Open the workspace; False when it needs a (right) access code."""
    try:
        st.session_state[STORE] = Store(database_url(None), workspace_id(), code=code)
    except AccessDeniedError:
        return False
    except (Bm3cError, SQLAlchemyError, OSError) as error:
        st.session_state[STORE] = None  # the app still works, without saving
        st.session_state[PROBLEM] = str(error).splitlines()[0]
    return True


def arrive() -> bool:
    """Ask for the name (and the access code of a protected workspace) once per tab.

    Returns True when the app can be shown; otherwise the arrival form is on screen.
    """
    locked = STORE not in st.session_state and not _open(None)
    remembered = recall(NAME_COOKIE).strip()[:MAX_NAME]  # this browser's own participant
    name = participant() or remembered or str(st.query_params.get("who", "")).strip()[:MAX_NAME]
    known = bool(participant()) or (bool(remembered) and name == remembered)
    taken = bool(name) and not known and not locked and _connected(name)
    if name and not locked and not taken:
        st.session_state[NAME] = name
        remember(NAME_COOKIE, name)
        return True
    st.title(t("arrival.title"))
    st.markdown(t("arrival.intro"))
    if locked:
        st.info(t("arrival.locked", workspace=workspace_id()))
    if taken:  # a link shared with its sender's name in it, or a reload: ask
        st.info(t("arrival.name_in_use", name=name))
    with st.form("arrival"):
        typed = st.text_input(t("arrival.name"), value=name, max_chars=MAX_NAME, key="arrival.name")
        code = (
            st.text_input(t("arrival.code"), type="password", key="arrival.code")
            if locked
            else None
        )
        if not st.form_submit_button(t("arrival.join"), type="primary"):
            return False
    if not typed.strip():
        st.error(t("arrival.name_missing"))
        return False
    if locked and not _open(code or None):
        st.error(t("arrival.wrong_code"))
        return False
    st.session_state[NAME] = typed.strip()
    remember(NAME_COOKIE, typed.strip())
    st.query_params["who"] = typed.strip()
    st.rerun()
    return True  # not reached: st.rerun() stops the run
