"""The logbook's answers: one's own answer to a session, and everyone's once it is revealed.

An answer is stored apart from the others' (none sees another's before the
reveal) and prefilled with one's last one. "One's own" is the participant's name
from this browser (its secret, :mod:`bm3c.ui.browser_memory`): the same name typed
in another browser neither sees nor replaces it; writing to the workspace shows the
reason on screen when it is refused (:func:`stored`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from bm3c.errors import Bm3cError
from bm3c.logbook import Answer, text_of
from bm3c.present.logbook_view import answers_of, grid_of
from bm3c.store import Store
from bm3c.store import logbook as book
from bm3c.store.logbook import LogbookSession
from bm3c.ui.arrival import participant
from bm3c.ui.browser_memory import browser_secret
from bm3c.ui.i18n import local_time, t
from bm3c.ui.state import workspace

__all__ = ["answer_section", "member_names", "revealed_answers", "stored"]

T = TypeVar("T")


def stored(write: Callable[[], T]) -> T | None:
    """``write()`` to the workspace, or None and the reason on screen when it is refused."""
    try:
        return write()
    except (Bm3cError, SQLAlchemyError) as error:
        st.error(t("logbook.not_saved", reason=str(error)), icon=":material/error:")
        return None


def member_names() -> dict[str, str]:
    """Member id → name, in the model on screen."""
    return {m.id: m.name for m in workspace().model.members}


def answer_section(s: Store, model_id: str, session: LogbookSession, lang: str) -> None:
    """The grid as a form: one's own answer, stored apart, prefilled with one's last one."""
    me, secret = participant(), browser_secret()
    names = member_names()
    options: list[str | None] = [None, *names]
    member = st.selectbox(
        t("logbook.answer_as", name=me),
        options,
        format_func=lambda m: t("logbook.personal") if m is None else names[m],
        key=f"logbook.member.{session.number}",
    )
    history = book.answer_history(s, model_id, session.number, me, member, secret)
    last = history[-1] if history else None
    if last is not None:
        st.caption(t("logbook.your_last", when=local_time(last.written_at)))
    if book.same_name_elsewhere(s, model_id, session.number, me, secret):
        st.info(t("logbook.same_name_elsewhere", name=me), icon=":material/person_alert:")
    if not session.revealed:
        st.caption(t("logbook.private_to_browser"))
    grid = grid_of(session)
    with st.form(f"logbook.answer.{session.number}.{member}"):
        st.caption(t("logbook.skip_help"))
        scores: dict[str, int | None] = {}
        for axis in grid.axes:
            st.markdown(f"#### {text_of(axis.name, lang)}")
            if axis.description:
                st.caption(text_of(axis.description, lang))
            with st.expander(t("logbook.levels")):
                st.markdown(
                    "\n".join(f"{k}. {text_of(axis.levels[k], lang)}" for k in sorted(axis.levels))
                )
            for q in axis.questions:
                before = last.scores.get(q.id) if last else None
                scores[q.id] = st.radio(
                    text_of(q.text, lang),
                    [1, 2, 3, 4, 5],
                    index=None if before is None else before - 1,
                    horizontal=True,
                    key=f"logbook.q.{session.number}.{member}.{q.id}",
                )
        stakes = st.text_area(t("logbook.stakes"), value=last.stakes if last else "")
        expectations = st.text_area(
            t("logbook.expectations"), value=last.expectations if last else ""
        )
        if st.form_submit_button(t("logbook.submit"), type="primary", icon=":material/send:"):
            given = {q: v for q, v in scores.items() if v is not None}
            if not given and not stakes.strip() and not expectations.strip():
                st.warning(t("logbook.no_answer_given"), icon=":material/warning:")
                return
            saved = stored(
                lambda: book.record_answer(
                    s,
                    model_id,
                    session.number,
                    respondent=me,
                    member=member,
                    scores=given,
                    stakes=stakes,
                    expectations=expectations,
                    secret=secret,
                )
            )
            if saved is None:
                return
            st.success(
                t("logbook.saved_revealed" if session.revealed else "logbook.saved"),
                icon=":material/check_circle:",
            )


def revealed_answers(s: Store, model_id: str, session: LogbookSession) -> list[Answer] | None:
    """Everyone's answers to a revealed session (None while they are hidden)."""
    if not session.revealed:
        return None
    return answers_of(
        book.visible_answers(s, model_id, session.number, participant(), browser_secret()),
        member_names(),
    )
