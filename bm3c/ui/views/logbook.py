"""Logbook (carnet de bord): sessions where each structure self-assesses the cooperation.

Answer on one's own device (hidden from the others), then, once revealed: the
radar, the ranked divergences, each one's stakes, the course over the sessions,
and the model's facts behind each axis. The grid itself is the collective's to edit.
"""

from __future__ import annotations

from datetime import date

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from bm3c.errors import Bm3cError
from bm3c.logbook import Grid
from bm3c.present.logbook_view import session_label
from bm3c.store import Store
from bm3c.store import logbook as book
from bm3c.store.logbook import LogbookSession
from bm3c.ui.arrival import participant, store
from bm3c.ui.i18n import current_language, t
from bm3c.ui.logbook_answers import answer_section, revealed_answers, stored
from bm3c.ui.logbook_grid import current_grid, grid_section
from bm3c.ui.logbook_group import group_section
from bm3c.ui.logbook_links import links_section
from bm3c.ui.state import workspace

CHOSEN = "logbook.session"
OPENED = "logbook.session.opened"  # a session just opened, to choose on the next run


def choose_session(s: Store, model_id: str, lang: str) -> LogbookSession | None:
    """The session being worked on (the latest by default), and opening a new one."""
    sessions = book.sessions(s, model_id)
    chosen: LogbookSession | None = None
    if OPENED in st.session_state:  # the session opened on the last run: chosen now
        st.session_state[CHOSEN] = st.session_state.pop(OPENED)
    if sessions:
        numbers = [x.number for x in sessions]
        if st.session_state.get(CHOSEN) not in numbers:
            st.session_state[CHOSEN] = numbers[-1]
        labels = {x.number: session_label(x, lang) for x in sessions}
        number = st.selectbox(
            t("logbook.session"), numbers, format_func=labels.__getitem__, key=CHOSEN
        )
        chosen = next(x for x in sessions if x.number == number)
    else:
        st.info(t("logbook.no_session"), icon=":material/info:")
    with (
        st.expander(t("logbook.new_session"), expanded=not sessions),
        st.form("logbook.new_session_form"),
    ):
        today = date.today()
        day = today.strftime("%d/%m/%Y" if lang == "fr" else "%Y-%m-%d")
        title = st.text_input(
            t("logbook.session_title"),
            value=t("logbook.session_title_default", day=day),
            max_chars=200,
        )
        held_on = st.date_input(t("logbook.session_date"), value=today, format="DD/MM/YYYY")
        st.caption(t("logbook.session_uses_grid"))
        if st.form_submit_button(t("logbook.open_session"), icon=":material/add:"):
            if not title.strip():
                st.error(t("logbook.title_missing"), icon=":material/error:")
                return chosen
            grid = current_grid(s, model_id)
            opened = stored(
                lambda: book.open_session(
                    s, model_id, title, held_on, grid_data(grid), participant()
                )
            )
            if opened is not None:
                st.session_state[OPENED] = opened.number
                st.toast(t("logbook.session_opened", number=opened.number))
                st.rerun()
    return chosen


def grid_data(grid: Grid) -> dict[str, object]:
    """The grid as the store keeps it (plain JSON data)."""
    from bm3c.logbook import grid_to_data

    return grid_to_data(grid)


@st.fragment(run_every=2)
def watch(model_id: str, number: int, seen: tuple[bool, int]) -> None:
    """Every two seconds: a reveal or a new answer by someone else reruns the page."""
    s = store()
    if s is None:
        return
    try:
        now = (
            book.session(s, model_id, number).revealed,
            len(book.who_answered(s, model_id, number)),
        )
    except (Bm3cError, SQLAlchemyError):  # a database hiccup: the next tick tries again
        return
    if now != seen:
        st.rerun(scope="app")


ws = workspace()
lang = current_language()
st.title(t("logbook.title"))
st.caption(t("logbook.intro"))
current_store = store()
if current_store is None:
    st.error(t("logbook.no_store"), icon=":material/error:")
elif ws.model_id is None:
    st.info(t("logbook.save_first"), icon=":material/info:")
else:
    chosen = choose_session(current_store, ws.model_id, lang)
    answer_tab, group_tab, links_tab, grid_tab = st.tabs(
        [
            t("logbook.tab_answer"),
            t("logbook.tab_group"),
            t("logbook.tab_links"),
            t("logbook.tab_grid"),
        ]
    )
    shown = revealed_answers(current_store, ws.model_id, chosen) if chosen else None
    if chosen is not None:
        with answer_tab:
            answer_section(current_store, ws.model_id, chosen, lang)
        with group_tab:
            group_section(current_store, ws.model_id, chosen, shown, lang)
        watch(
            ws.model_id,
            chosen.number,
            (chosen.revealed, len(book.who_answered(current_store, ws.model_id, chosen.number))),
        )
    with links_tab:
        links_section(current_store, ws.model_id, chosen, shown, lang)
    with grid_tab:
        grid_section(current_store, ws.model_id, lang)
