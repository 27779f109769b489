"""What the logbook page shows, from what the store keeps: pure helpers, tested on their own.

Stored answers become :class:`~bm3c.logbook.Answer` objects with a label per
respondent ("La Boucle — Anne"); sessions get a readable label; a session is
analysed with the grid it was answered with.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import pandas as pd

from bm3c.logbook import Answer, Grid, InvalidGridError, default_grid, text_of, validate_grid
from bm3c.store.logbook import LogbookSession, StoredAnswer
from bm3c.texts.format import number

__all__ = [
    "answers_of",
    "axis_frame",
    "grid_of",
    "question_frame",
    "respondent_label",
    "session_label",
    "sessions_for_course",
]


def respondent_label(stored: StoredAnswer, member_names: Mapping[str, str]) -> str:
    """``La Boucle — Anne`` (a structure and who answered for it), or the name alone."""
    if stored.member:
        return f"{member_names.get(stored.member, stored.member)} — {stored.respondent}"
    return stored.respondent


def answers_of(stored: Sequence[StoredAnswer], member_names: Mapping[str, str]) -> list[Answer]:
    """The analysis's answers: one per respondent and structure, each with a unique label."""
    answers: list[Answer] = []
    taken: set[str] = set()
    for s in stored:
        label = respondent_label(s, member_names)
        unique, k = label, 2
        while unique in taken:  # "Anne" and "anne" both answered for the same structure
            unique, k = f"{label} ({k})", k + 1
        taken.add(unique)
        answers.append(Answer(unique, s.member, s.scores, s.stakes, s.expectations))
    return answers


def session_label(session: LogbookSession, lang: str) -> str:
    """``2 · 10/03/2026 · Atelier gouvernance`` (fr) or ``2 · 2026-03-10 · ...`` (en)."""
    day = session.held_on.strftime("%d/%m/%Y" if lang == "fr" else "%Y-%m-%d")
    return f"{session.number} · {day} · {session.title}"


def grid_of(session: LogbookSession) -> Grid:
    """The grid a session was answered with (the shipped one if its copy no longer reads)."""
    try:
        return validate_grid(session.grid)
    except InvalidGridError:
        return default_grid()


def axis_frame(grid: Grid, scores: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Axis scores with the axes' names as columns, for the radar."""
    names = {a.id: text_of(a.name, lang) for a in grid.axes}
    return scores.rename(columns=names)


def question_frame(grid: Grid, axis_id: str, scores: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One axis's question scores, columns titled ``Q1 …`` with the start of the question."""
    axis = grid.axis(axis_id)
    columns = {}
    for k, q in enumerate(axis.questions, start=1):
        text = text_of(q.text, lang)
        short = text if len(text) <= 38 else text[:36].rstrip() + "…"
        columns[q.id] = f"Q{k}. {short}"
    kept = [q.id for q in axis.questions if q.id in scores.columns]
    return scores[kept].rename(columns=columns)


def sessions_for_course(
    revealed: Sequence[tuple[LogbookSession, Sequence[Answer]]], lang: str
) -> list[tuple[str, date, Sequence[Answer]]]:
    """Revealed sessions as the course over time takes them: (label, date, answers)."""
    return [(session_label(s, lang), s.held_on, answers) for s, answers in revealed]


def mean_text(value: float, lang: str) -> str:
    """A mean score: ``3,5`` (fr) or ``3.5`` (en)."""
    return number(value, lang, 1)
