"""The logbook's group tab: who has answered until the reveal, then what the answers say.

Once a session is revealed: everyone's answers on a radar, the axes ranked by how
far apart the answers are, each one's stakes and expectations, and each axis's
course over the revealed sessions. One colour per respondent throughout.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from altair.utils.schemapi import debug_mode

from bm3c.logbook import (
    Answer,
    Grid,
    axis_scores,
    course,
    describe_divergence,
    divergences,
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
    sessions_for_course,
)
from bm3c.store import Store
from bm3c.store import logbook as book
from bm3c.store.logbook import LogbookSession
from bm3c.texts.format import escape_markdown
from bm3c.ui.arrival import participant
from bm3c.ui.chart_files import altair_chart, vega_lite_chart
from bm3c.ui.i18n import local_time, t
from bm3c.ui.logbook_answers import member_names, stored

__all__ = ["group_section"]


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
