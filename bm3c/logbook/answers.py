"""Answers to a grid: each structure's scores per session, and their course over time.

Plain data in, pandas tables out; no storage. A respondent is a display label
("La Boucle — Anne"), unique within a session; ``member`` ties it to a member
structure of the model when it speaks for one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from numbers import Integral
from typing import NamedTuple

import numpy as np
import pandas as pd

from bm3c.errors import Bm3cError
from bm3c.logbook.grid import LEVELS, Grid

__all__ = [
    "Answer",
    "InvalidAnswerError",
    "Session",
    "axis_scores",
    "course",
    "course_by_respondent",
    "question_scores",
    "stakes_side_by_side",
]


class InvalidAnswerError(Bm3cError, ValueError):
    """An answer gives a score outside 1-5, or a respondent answers twice in one session."""


@dataclass(frozen=True)
class Answer:
    """One respondent's answers to a grid, in one session.

    Attributes:
        respondent: Display label, unique within a session, e.g. ``La Boucle — Anne``.
        member: Id of the member structure the respondent speaks for, if any.
        scores: Question id → level 1 to 5. A skipped question is left out (or None).
            Scores of questions the grid does not have are ignored by the analysis.
        stakes: What is at stake for the respondent's structure (enjeux), free text.
        expectations: What it expects from the cooperation (attentes), free text.

    Raises:
        InvalidAnswerError: for an empty respondent or a score that is not 1 to 5.

    """

    respondent: str
    member: str | None = None
    scores: Mapping[str, int] = field(default_factory=dict)
    stakes: str = ""
    expectations: str = ""

    def __post_init__(self) -> None:
        if not self.respondent.strip():
            raise InvalidAnswerError("an answer needs a respondent (a name or a structure)")
        kept: dict[str, int] = {}
        for question, value in self.scores.items():
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, Integral) or value not in LEVELS:
                raise InvalidAnswerError(
                    f"{self.respondent}: the score of '{question}' is a level 1 to 5, got {value!r}"
                )
            kept[question] = int(value)
        object.__setattr__(self, "scores", kept)  # a copy: the caller's dict may change

    def __hash__(self) -> int:
        return hash((self.respondent, self.member, frozenset(self.scores.items()), self.stakes))


class Session(NamedTuple):
    """A logbook session: its label, its date and the answers given then."""

    label: str
    held_on: date
    answers: Sequence[Answer]


def _check_unique_respondents(answers: Sequence[Answer]) -> None:
    seen: set[str] = set()
    for a in answers:
        if a.respondent in seen:
            raise InvalidAnswerError(f"'{a.respondent}' answers twice in one session")
        seen.add(a.respondent)


def question_scores(grid: Grid, answers: Sequence[Answer]) -> pd.DataFrame:
    """Respondents × question ids (grid order): each score, NaN where skipped.

    Raises:
        InvalidAnswerError: when a respondent appears twice.

    """
    _check_unique_respondents(answers)
    index = pd.Index([a.respondent for a in answers], name="respondent", dtype=object)
    table = {q: [float(a.scores.get(q, np.nan)) for a in answers] for q in grid.question_ids}
    return pd.DataFrame(table, index=index, columns=list(grid.question_ids), dtype=float)


def axis_scores(grid: Grid, answers: Sequence[Answer]) -> pd.DataFrame:
    """Respondents × axis ids (grid order): the mean of the axis's answered questions.

    NaN where a respondent answered none of the axis's questions.

    Raises:
        InvalidAnswerError: when a respondent appears twice.

    """
    by_question = question_scores(grid, answers)
    table = {
        a.id: by_question[[q.id for q in a.questions]].mean(axis=1, skipna=True) for a in grid.axes
    }
    return pd.DataFrame(table, index=by_question.index, columns=list(grid.axis_ids), dtype=float)


def stakes_side_by_side(answers: Sequence[Answer]) -> pd.DataFrame:
    """Each respondent's stakes and expectations, one row each, in the order given."""
    return pd.DataFrame(
        {
            "respondent": [a.respondent for a in answers],
            "member": [a.member for a in answers],
            "stakes": [a.stakes for a in answers],
            "expectations": [a.expectations for a in answers],
        },
        dtype=object,
    )


COURSE_COLUMNS = ("session", "held_on", "axis", "mean", "min", "max", "answered")
RESPONDENT_COURSE_COLUMNS = ("session", "held_on", "respondent", "member", "axis", "score")


def _by_date(sessions: Iterable[tuple[str, date, Sequence[Answer]]]) -> list[Session]:
    """Sessions ordered by date; sessions held the same day keep the order given."""
    return sorted((Session(*s) for s in sessions), key=lambda s: s.held_on)


def course(grid: Grid, sessions: Iterable[tuple[str, date, Sequence[Answer]]]) -> pd.DataFrame:
    """Each axis across sessions: one row per (session, axis), by date then grid order.

    Columns ``session, held_on, axis, mean, min, max, answered``: the mean, lowest
    and highest of the respondents' axis scores, and how many answered the axis.
    Every axis has a row in every session; one nobody answered has ``answered`` 0
    and NaN figures (a line chart leaves a gap there). ``held_on`` is a datetime
    column (midnight of the session's date), for a time axis.

    Args:
        grid: The grid the answers refer to.
        sessions: ``(label, held_on, answers)`` triples, e.g. :class:`Session`.

    """
    rows = []
    for s in _by_date(sessions):
        scores = axis_scores(grid, s.answers)
        for axis in grid.axis_ids:
            values = scores[axis].dropna()
            rows.append(
                (
                    s.label,
                    s.held_on,
                    axis,
                    float(values.mean()) if len(values) else np.nan,
                    float(values.min()) if len(values) else np.nan,
                    float(values.max()) if len(values) else np.nan,
                    len(values),
                )
            )
    return _frame(
        rows, COURSE_COLUMNS, {"mean": float, "min": float, "max": float, "answered": int}
    )


def course_by_respondent(
    grid: Grid, sessions: Iterable[tuple[str, date, Sequence[Answer]]]
) -> pd.DataFrame:
    """Each respondent's axis scores across sessions, for the course of each structure.

    Columns ``session, held_on, respondent, member, axis, score``; one row per axis a
    respondent answered in a session, by date, then answer order, then grid order.
    Follow a structure by ``member`` when different people answer for it over time.
    """
    rows = []
    for s in _by_date(sessions):
        scores = axis_scores(grid, s.answers)
        for a in s.answers:
            for axis in grid.axis_ids:
                value = float(scores[axis].loc[a.respondent])
                if not np.isnan(value):
                    rows.append((s.label, s.held_on, a.respondent, a.member, axis, value))
    return _frame(rows, RESPONDENT_COURSE_COLUMNS, {"score": float})


def _frame(
    rows: Sequence[tuple[object, ...]], columns: Sequence[str], dtypes: Mapping[str, type]
) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(columns), dtype=object)
    frame = frame.astype({c: dtypes.get(c, object) for c in columns})
    frame["held_on"] = pd.to_datetime(frame["held_on"])  # a time axis for charts
    return frame
