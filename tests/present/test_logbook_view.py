"""Pure helpers of the logbook page: labels, answers for the analysis, frames for the radar."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd

from bm3c.logbook import axis_scores, default_grid, grid_to_data, question_scores
from bm3c.present.charts_logbook import radar_frame, spoke_position, wrap
from bm3c.present.logbook_view import (
    answers_of,
    axis_frame,
    grid_of,
    question_frame,
    respondent_label,
    session_label,
)
from bm3c.store.logbook import LogbookSession, StoredAnswer

GRID = default_grid()
NAMES = {"la-boucle": "La Boucle", "slow-fest": "Slow Fest"}
WHEN = datetime(2026, 11, 27, 10, tzinfo=UTC)


def stored(respondent: str, member: str | None, **scores: int) -> StoredAnswer:
    return StoredAnswer(1, 1, respondent, member, dict(scores), "", "", WHEN)


def test_a_respondent_is_named_with_the_structure_it_speaks_for() -> None:
    assert respondent_label(stored("Anne", "la-boucle"), NAMES) == "La Boucle — Anne"
    assert respondent_label(stored("Anne", None), NAMES) == "Anne"
    assert respondent_label(stored("Anne", "partie"), NAMES) == "partie — Anne"  # removed since


def test_answers_get_unique_labels_even_for_names_typed_twice() -> None:
    answers = answers_of(
        [stored("Anne", "la-boucle"), stored("Anne", "la-boucle"), stored("Anne", None)], NAMES
    )
    assert [a.respondent for a in answers] == [
        "La Boucle — Anne",
        "La Boucle — Anne (2)",
        "Anne",
    ]


def test_a_session_reads_as_number_date_and_title() -> None:
    session = LogbookSession(
        2, "Atelier gouvernance", date(2026, 3, 10), grid_to_data(GRID), "Anne", WHEN, None, None
    )
    assert session_label(session, "fr") == "2 · 10/03/2026 · Atelier gouvernance"
    assert session_label(session, "en") == "2 · 2026-03-10 · Atelier gouvernance"
    assert grid_of(session) == GRID
    broken = LogbookSession(3, "x", date(2026, 3, 10), {"axes": 1}, "Anne", WHEN, None, None)
    assert grid_of(broken) == GRID  # a copy that no longer reads: the shipped grid


def test_radar_frames_are_titled_and_closed() -> None:
    first, second = GRID.axes[0], GRID.axes[1]
    q1, q2 = first.questions[0].id, first.questions[1].id
    answers = answers_of(
        [stored("Anne", "la-boucle", **{q1: 2, q2: 4}), stored("Bruno", None, **{q1: 5})], NAMES
    )
    axes = axis_frame(GRID, axis_scores(GRID, answers), "fr")
    assert list(axes.columns)[:2] == [first.name.fr, second.name.fr]
    assert axes.loc["La Boucle — Anne", first.name.fr] == 3.0  # mean of 2 and 4
    questions = question_frame(GRID, first.id, question_scores(GRID, answers), "fr")
    assert str(questions.columns[0]).startswith("Q1. ")
    assert all(len(c) <= 43 for c in questions.columns)
    frame = radar_frame(pd.DataFrame({"a": [4.0], "b": [None], "c": [2.0]}, index=["Anne"]))
    assert list(frame["spoke"]) == ["a", "c", "a"]  # no answer on b: no point there, never 0
    assert list(frame["closing"]) == [False, False, True]
    assert (frame.iloc[0]["x"], frame.iloc[0]["y"]) == (frame.iloc[2]["x"], frame.iloc[2]["y"])
    assert (frame.iloc[0]["x"], frame.iloc[0]["y"]) == (0.0, 4.0)  # the first spoke points up
    assert wrap("Construire et affiner l'horizon coopératif commun") == (
        "Construire et affiner\nl'horizon coopératif\ncommun"
    )
    x, y = spoke_position(1, 4, 2.0)  # a quarter turn clockwise: to the right
    assert (round(x, 6), round(y, 6)) == (2.0, 0.0)
