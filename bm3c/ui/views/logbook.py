"""Logbook (carnet de bord): sessions where each structure self-assesses the cooperation.

Answer on one's own device (hidden from the others), then, once revealed: the
radar, the ranked divergences, each one's stakes, the course over the sessions,
and the model's facts behind each axis. The grid itself is the collective's to edit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

import pandas as pd
import streamlit as st
from altair.utils.schemapi import debug_mode
from sqlalchemy.exc import SQLAlchemyError

from bm3c.errors import Bm3cError
from bm3c.logbook import (
    Answer,
    Fact,
    Grid,
    axis_scores,
    course,
    describe_divergence,
    divergences,
    model_facts,
    question_scores,
    stakes_side_by_side,
    text_of,
)
from bm3c.present.charts_logbook import PALETTE, course_chart, radar_chart
from bm3c.present.logbook_view import (
    answers_of,
    axis_frame,
    grid_of,
    mean_text,
    question_frame,
    session_label,
    sessions_for_course,
)
from bm3c.store import Store
from bm3c.store import logbook as book
from bm3c.store.logbook import LogbookSession
from bm3c.texts.format import escape_markdown
from bm3c.ui.arrival import participant, store
from bm3c.ui.chart_files import altair_chart, vega_lite_chart
from bm3c.ui.i18n import current_language, local_time, t
from bm3c.ui.logbook_grid import current_grid, grid_section
from bm3c.ui.remembered import remembered
from bm3c.ui.state import Workspace, workspace

CHOSEN = "logbook.session"
OPENED = "logbook.session.opened"  # a session just opened, to choose on the next run
T = TypeVar("T")


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


def stored(write: Callable[[], T]) -> T | None:
    """``write()`` to the workspace, or None and the reason on screen when it is refused."""
    try:
        return write()
    except (Bm3cError, SQLAlchemyError) as error:
        st.error(t("logbook.not_saved", reason=str(error)), icon=":material/error:")
        return None


def grid_data(grid: Grid) -> dict[str, object]:
    """The grid as the store keeps it (plain JSON data)."""
    from bm3c.logbook import grid_to_data

    return grid_to_data(grid)


def member_names() -> dict[str, str]:
    """Member id → name, in the model on screen."""
    return {m.id: m.name for m in workspace().model.members}


def answer_section(s: Store, model_id: str, session: LogbookSession, lang: str) -> None:
    """The grid as a form: one's own answer, stored apart, prefilled with one's last one."""
    me = participant()
    names = member_names()
    options: list[str | None] = [None, *names]
    member = st.selectbox(
        t("logbook.answer_as", name=me),
        options,
        format_func=lambda m: t("logbook.personal") if m is None else names[m],
        key=f"logbook.member.{session.number}",
    )
    history = book.answer_history(s, model_id, session.number, me, member)
    last = history[-1] if history else None
    if last is not None:
        st.caption(t("logbook.your_last", when=local_time(last.written_at)))
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
                )
            )
            if saved is None:
                return
            st.success(
                t("logbook.saved_revealed" if session.revealed else "logbook.saved"),
                icon=":material/check_circle:",
            )


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


def hidden_section(s: Store, model_id: str, session: LogbookSession) -> None:
    """Before the reveal: who has answered (never what), and the reveal button."""
    names = member_names()
    answered = book.who_answered(s, model_id, session.number)
    if answered:
        st.info(t("logbook.hidden", count=len(answered)), icon=":material/visibility_off:")
        st.markdown(
            "\n".join(
                "- "
                + t(
                    "logbook.answered_at",
                    who=escape_markdown(f"{names.get(m, m)} — {r}" if m else r),
                    when=local_time(at),
                )
                for r, m, at in answered
            )
        )
    else:
        st.info(t("logbook.nobody_yet"), icon=":material/hourglass_empty:")
    clicked = st.button(
        t("logbook.reveal"),
        help=t("logbook.reveal_help"),
        type="primary",
        icon=":material/visibility:",
        disabled=not answered,
        key=f"logbook.reveal.{session.number}",
    )
    if clicked:
        revealed = stored(lambda: book.reveal(s, model_id, session.number, participant()))
        if revealed is not None:
            st.rerun()


def colours(answers: list[Answer]) -> dict[str, str]:
    """One colour per respondent, the same in every chart of the page."""
    return {a.respondent: PALETTE[i % len(PALETTE)] for i, a in enumerate(answers)}


def radar_section(grid: Grid, answers: list[Answer], lang: str) -> None:
    """Everyone's answers on the radar: all axes, or one axis question by question."""
    texts = {
        "respondent": t("logbook.respondent"),
        "spoke": t("logbook.axis"),
        "score": t("logbook.score"),
    }
    axis_names = {a.id: text_of(a.name, lang) for a in grid.axes}
    shown = st.selectbox(
        t("logbook.radar_of"),
        [None, *grid.axis_ids],
        format_func=lambda a: t("logbook.radar_all") if a is None else axis_names[a],
        key="logbook.radar_axis",
    )
    if shown is None:
        title = t("logbook.radar_title")
        scores = axis_frame(grid, axis_scores(grid, answers), lang)
    else:
        title = t("logbook.radar_axis_title", axis=axis_names[shown])
        scores = question_frame(grid, shown, question_scores(grid, answers), lang)
        texts["spoke"] = t("logbook.question")
    with debug_mode(False):  # the chart's own tests validate it: the page skips that
        radar = radar_chart(scores, title=title, texts=texts, colours=colours(answers))
        spec = radar.to_dict(validate=False)
    vega_lite_chart(spec, width="content", key="logbook.radar", title=title)


def divergence_section(grid: Grid, answers: list[Answer], lang: str) -> None:
    """The axes ranked by how far apart the answers are, in sentences and as a table."""
    st.subheader(t("logbook.divergences_title"), help=t("logbook.divergences_help"))
    ranked = divergences(grid, answers)
    if not ranked:
        st.info(t("logbook.not_enough"), icon=":material/info:")
        return
    st.markdown(
        "\n".join(
            f"{k}. {escape_markdown(describe_divergence(d, grid, lang))}"
            for k, d in enumerate(ranked, 1)
        )
    )
    with st.expander(t("logbook.by_question")):
        rows = divergences(grid, answers, by="question")
        table = pd.DataFrame(
            {
                t("logbook.axis"): [text_of(grid.axis(d.axis).name, lang) for d in rows],
                t("logbook.question"): [
                    text_of(grid.question(d.question).text, lang) if d.question else ""
                    for d in rows
                ],
                t("logbook.spread"): [mean_text(d.spread, lang) for d in rows],
                t("logbook.mean"): [mean_text(d.mean, lang) for d in rows],
                t("logbook.apart"): [d.apart or "–" for d in rows],
                t("logbook.answered"): [d.answered for d in rows],
            }
        )
        st.dataframe(table, hide_index=True, width="stretch", key="logbook.by_question_table")


def stakes_section(answers: list[Answer]) -> None:
    """Each respondent's stakes and expectations side by side."""
    st.subheader(t("logbook.stakes_title"))
    frame = stakes_side_by_side(answers)
    table = pd.DataFrame(
        {
            t("logbook.respondent"): frame["respondent"],
            t("logbook.stakes"): frame["stakes"],
            t("logbook.expectations"): frame["expectations"],
        }
    )
    st.table(table.set_index(t("logbook.respondent")))  # long texts wrap: read, not sorted


def course_section(s: Store, model_id: str, grid: Grid, lang: str) -> None:
    """Each axis's mean over the revealed sessions."""
    st.subheader(t("logbook.course_title"), help=t("logbook.course_help"))
    names = member_names()
    revealed = [
        (x, answers_of(book.latest_answers(s, model_id, x.number), names))
        for x in book.sessions(s, model_id)
        if x.revealed
    ]
    if len(revealed) < 2:
        st.caption(t("logbook.course_one"))
        return
    frame = course(grid, sessions_for_course(revealed, lang))
    axis_names = {a.id: text_of(a.name, lang) for a in grid.axes}
    frame = frame.assign(axis=frame["axis"].map(axis_names)).dropna(subset=["mean"])
    texts = {
        "session": t("logbook.session"),
        "axis": t("logbook.axis"),
        "mean": t("logbook.mean"),
        "lowest": t("logbook.course_lowest"),
        "highest": t("logbook.course_highest"),
    }
    title = t("logbook.course_title")
    altair_chart(course_chart(frame, title=title, texts=texts), key="logbook.course", title=title)


def revealed_answers(s: Store, model_id: str, session: LogbookSession) -> list[Answer] | None:
    """Everyone's answers to a revealed session (None while they are hidden)."""
    if not session.revealed:
        return None
    return answers_of(
        book.visible_answers(s, model_id, session.number, participant()), member_names()
    )


def group_section(
    s: Store, model_id: str, session: LogbookSession, answers: list[Answer] | None, lang: str
) -> None:
    """Hidden answers until the reveal; then the radar, divergences, stakes and course."""
    if answers is None:
        hidden_section(s, model_id, session)
        return
    if session.revealed_at is not None:
        when = local_time(session.revealed_at)
        st.caption(t("logbook.revealed", who=session.revealed_by, when=when))
    if not answers:
        st.info(t("logbook.nobody_yet"), icon=":material/hourglass_empty:")
        return
    grid = grid_of(session)
    radar_section(grid, answers, lang)
    divergence_section(grid, answers, lang)
    stakes_section(answers)
    course_section(s, model_id, grid, lang)


def facts_of(ws: Workspace, keys: tuple[str, ...], lang: str) -> list[Fact]:
    """The model's facts ``keys``, worked out once per model version (scenarios are costly).

    The page reruns whenever someone answers: the facts change only with the model.
    """
    return remembered(
        f"logbook.facts.{'.'.join(keys)}",
        (ws.version, id(ws.model), lang),
        lambda: model_facts(ws.evaluation(), keys, lang),
    )


def links_section(
    s: Store,
    model_id: str,
    session: LogbookSession | None,
    answers: list[Answer] | None,
    lang: str,
) -> None:
    """Per axis: the group's mean and spread (once revealed) and the model's facts."""
    st.caption(t("logbook.links_intro"))
    grid = grid_of(session) if session else current_grid(s, model_id)
    ranked = {d.axis: d for d in divergences(grid, answers)} if answers else {}
    ws = workspace()
    for axis in grid.axes:
        st.markdown(f"#### {text_of(axis.name, lang)}")
        seen = ranked.get(axis.id)
        if seen is not None:
            st.caption(
                t(
                    "logbook.links_group",
                    mean=mean_text(seen.mean, lang),
                    spread=mean_text(seen.spread, lang),
                )
            )
        facts = facts_of(ws, axis.model_links, lang)
        if not facts:
            st.caption(t("logbook.no_links"))
        for fact in facts:
            lines = "\n".join(f"- {escape_markdown(line)}" for line in fact.lines)
            st.markdown(f"**{escape_markdown(fact.title)}**\n{lines}")


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
