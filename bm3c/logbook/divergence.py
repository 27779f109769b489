"""Where the answers diverge: the topics to discuss first.

The lessons of the accompaniment: make sure the "we" of the loudest member is
shared by all, and reassess each structure's stakes as the project goes on. So
the axes (or questions) are ranked by how far apart the answers are, and a
respondent who stands clearly apart from the others is named.

**Ranking.** Most divergent first: by spread (highest − lowest score), then by
deviation (population standard deviation), then in grid order. Axes or questions
answered by fewer than two respondents are not ranked: they are left out (nothing
to compare yet).

**Standing apart.** For each respondent, the gap is the distance between its score
and the mean of the *others'* scores. The respondent with the largest gap stands
apart when that gap is at least :data:`APART_POINTS` (one point of the scale) and no
one else has as large a gap. So two respondents who disagree never single either
out, nor do two camps of equal size (1, 1, 5, 5); in (2, 4, 4.5, 4.5) the one at 2
stands apart by 2.33 points.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from bm3c.logbook.answers import Answer, axis_scores, question_scores
from bm3c.logbook.grid import Grid, text_of
from bm3c.logbook.wording import names, say, score

__all__ = ["APART_POINTS", "Divergence", "describe_divergence", "divergences"]

APART_POINTS = 1.0
"""How far (in points of the 1-5 scale) a respondent must be from the others' mean."""

_TIE = 1e-9  # scores are means of small integers: closer than this is equal


@dataclass(frozen=True)
class Divergence:
    """How far apart the answers are on one axis, or on one question.

    Attributes:
        axis: The axis id.
        question: The question id, or None for an axis as a whole.
        mean: Mean score of those who answered.
        spread: Highest minus lowest score (points of the scale).
        deviation: Population standard deviation of the scores.
        low: The lowest score.
        high: The highest score.
        lowest: Respondents at the lowest score, in answer order.
        highest: Respondents at the highest score, in answer order.
        apart: The respondent standing apart from the others (see the module), or None.
        apart_gap: The largest distance between a respondent's score and the others'
            mean, whether or not it makes someone stand apart (0 when all agree).
        answered: How many respondents answered (2 or more).

    """

    axis: str
    question: str | None
    mean: float
    spread: float
    deviation: float
    low: float
    high: float
    lowest: tuple[str, ...]
    highest: tuple[str, ...]
    apart: str | None
    apart_gap: float
    answered: int

    @property
    def apart_score(self) -> float | None:
        """The score of the respondent standing apart (always the lowest or the highest)."""
        if self.apart is None:
            return None
        return self.low if self.apart in self.lowest else self.high

    @property
    def others_mean(self) -> float | None:
        """The mean score of everyone but the respondent standing apart."""
        apart_score = self.apart_score
        if apart_score is None:
            return None
        return (self.mean * self.answered - apart_score) / (self.answered - 1)


def divergences(
    grid: Grid, answers: Sequence[Answer], *, by: Literal["axis", "question"] = "axis"
) -> list[Divergence]:
    """The axes (or questions) ranked from the most to the least divergent answers.

    Args:
        grid: The grid answered.
        answers: One session's answers.
        by: ``axis`` (a respondent's axis score is the mean of its answered questions)
            or ``question``.

    Returns:
        One :class:`Divergence` per axis (or question) answered by two respondents or
        more, ranked as the module describes.

    Raises:
        InvalidAnswerError: when a respondent appears twice.

    """
    if by == "axis":
        table = axis_scores(grid, answers)
        topics: list[tuple[str, str | None]] = [(a.id, None) for a in grid.axes]
    elif by == "question":
        table = question_scores(grid, answers)
        topics = [(a.id, q.id) for a in grid.axes for q in a.questions]
    else:
        raise ValueError(f"by is 'axis' or 'question', not {by!r}")
    found = []
    for order, (axis, question) in enumerate(topics):
        column = table[question or axis].dropna()
        if len(column) >= 2:
            found.append(
                (
                    order,
                    _divergence(axis, question, list(column.index), column.to_numpy(dtype=float)),
                )
            )
    found.sort(key=lambda f: (-round(f[1].spread, 9), -round(f[1].deviation, 9), f[0]))
    return [d for _, d in found]


def _divergence(
    axis: str, question: str | None, respondents: list[str], values: np.ndarray
) -> Divergence:
    n = len(values)
    mean = float(values.mean())
    low, high = float(values.min()), float(values.max())
    gaps = np.abs(values - (values.sum() - values) / (n - 1))
    largest = float(gaps.max())
    farthest = [r for r, g in zip(respondents, gaps, strict=True) if g >= largest - _TIE]
    apart = farthest[0] if len(farthest) == 1 and largest >= APART_POINTS - _TIE else None
    return Divergence(
        axis=axis,
        question=question,
        mean=mean,
        spread=high - low,
        deviation=float(values.std(ddof=0)),
        low=low,
        high=high,
        lowest=tuple(r for r, v in zip(respondents, values, strict=True) if v <= low + _TIE),
        highest=tuple(r for r, v in zip(respondents, values, strict=True) if v >= high - _TIE),
        apart=apart,
        apart_gap=largest,
        answered=n,
    )


def describe_divergence(divergence: Divergence, grid: Grid, lang: str = "fr") -> str:
    """One sentence for the app, in French or English.

    E.g. « Gouvernance des groupements : les réponses vont de 2 à 5 ; La Boucle se
    tient à part (2 quand les autres disent 4,5 en moyenne). »
    """
    d = divergence
    topic = text_of(grid.axis(d.axis).name, lang)
    if d.question is not None:
        question = text_of(grid.question(d.question).text, lang)
        topic = say("logbook_core.divergence.question", lang, axis=topic, question=question)
    k = "logbook_core.divergence"
    if d.spread < _TIE:
        return say(f"{k}.same", lang, topic=topic, score=score(d.mean, lang))
    low, high = score(d.low, lang), score(d.high, lang)
    apart_score, others = d.apart_score, d.others_mean
    if d.apart is not None and apart_score is not None and others is not None:
        return say(
            f"{k}.apart",
            lang,
            topic=topic,
            low=low,
            high=high,
            apart=d.apart,
            score=score(apart_score, lang),
            others=score(others, lang),
        )
    return say(
        f"{k}.range",
        lang,
        topic=topic,
        low=low,
        high=high,
        lowest=names(d.lowest, lang),
        highest=names(d.highest, lang),
        mean=score(d.mean, lang),
    )
