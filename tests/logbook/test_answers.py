"""Answers to a grid: scores per axis, where they diverge, their course over sessions."""

from __future__ import annotations

import math
import pickle
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bm3c.logbook import (
    APART_POINTS,
    LEVELS,
    Answer,
    Divergence,
    Grid,
    InvalidAnswerError,
    Session,
    axis_scores,
    course,
    course_by_respondent,
    default_grid,
    describe_divergence,
    divergences,
    question_scores,
    stakes_side_by_side,
    validate_grid,
)

NB = "\u00a0"  # French typography: a no-break space before ':' and ';'


def grid_of(axes: dict[str, list[str]]) -> Grid:
    """A grid with these axes and question ids; names are the ids, capitalised."""
    return validate_grid(
        {
            "bm3c_grid": 1,
            "name": {"fr": "Grille", "en": "Grid"},
            "axes": [
                {
                    "id": axis,
                    "name": {"fr": NAMES.get(axis, axis), "en": NAMES_EN.get(axis, axis)},
                    "questions": [
                        {"id": q, "text": {"fr": f"{q} ?", "en": f"{q}?"}} for q in questions
                    ],
                    "levels": {n: {"fr": f"Niveau {n}"} for n in LEVELS},
                }
                for axis, questions in axes.items()
            ],
        }
    )


NAMES = {"vision": "Vision commune", "confiance": "Confiance", "gouvernance": "Gouvernance"}
NAMES_EN = {"vision": "Shared vision", "confiance": "Trust", "gouvernance": "Governance"}
GRID = grid_of(
    {
        "vision": ["vision-ecrite", "vision-nous"],
        "confiance": ["confiance-dire"],
        "gouvernance": ["gouvernance-qui", "gouvernance-regles"],
    }
)


def answer(respondent: str, member: str | None = None, **scores: int) -> Answer:
    return Answer(respondent, member, {k.replace("_", "-"): v for k, v in scores.items()})


# Four structures, three axes. Axis scores (mean of the answered questions):
#
#               vision (2 q.)   confiance   gouvernance (2 q.)
#   La Boucle   2, 2 -> 2       1           3, 3 -> 3
#   Slow Fest   4, 5 -> 4.5     5           3, -  -> 3
#   R3 Bordeaux 5, 4 -> 4.5     1           -, -  -> (none)
#   Ecoagir     4, 4 -> 4       5           5, 5 -> 5
#
# confiance: 1, 5, 1, 5: mean 3, spread 4, deviation sqrt(4 * 2² / 4) = 2. Every gap to
#   the others' mean is 8/3 (|1 - 11/3|, |5 - 7/3|): a tie, so no one stands apart.
# vision: 2, 4.5, 4.5, 4: mean 3.75, spread 2.5, deviation sqrt((1.75² + 0.75² + 0.75²
#   + 0.25²) / 4) = sqrt(1.0625). La Boucle is 2 where the others say 13/3 on average:
#   a gap of 7/3 >= 1, larger than Slow Fest's and R3's (|4.5 - 3.5| = 1): apart.
# gouvernance: 3, 3, 5 (R3 answered none): mean 11/3, spread 2, deviation
#   sqrt((4/9 + 4/9 + 16/9) / 3) = sqrt(8/9); Ecoagir at 5 against 3: gap 2, apart.
# Ranked by spread: confiance (4), vision (2.5), gouvernance (2).
ANSWERS = [
    answer(
        "La Boucle",
        "la-boucle",
        vision_ecrite=2,
        vision_nous=2,
        confiance_dire=1,
        gouvernance_qui=3,
        gouvernance_regles=3,
    ),
    answer(
        "Slow Fest",
        "slow-fest",
        vision_ecrite=4,
        vision_nous=5,
        confiance_dire=5,
        gouvernance_qui=3,
    ),
    answer("R3 Bordeaux", "r3-bordeaux", vision_ecrite=5, vision_nous=4, confiance_dire=1),
    answer(
        "Ecoagir",
        "ecoagir",
        vision_ecrite=4,
        vision_nous=4,
        confiance_dire=5,
        gouvernance_qui=5,
        gouvernance_regles=5,
    ),
]


def test_axis_scores_are_the_means_of_the_answered_questions() -> None:
    scores = axis_scores(GRID, ANSWERS)
    expected = pd.DataFrame(
        {
            "vision": [2.0, 4.5, 4.5, 4.0],
            "confiance": [1.0, 5.0, 1.0, 5.0],
            "gouvernance": [3.0, 3.0, np.nan, 5.0],
        },
        index=pd.Index(["La Boucle", "Slow Fest", "R3 Bordeaux", "Ecoagir"], name="respondent"),
    )
    pd.testing.assert_frame_equal(scores, expected, check_index_type=False)
    by_question = question_scores(GRID, ANSWERS)
    assert list(by_question.columns) == list(GRID.question_ids)
    assert math.isnan(by_question.at["Slow Fest", "gouvernance-regles"])
    assert by_question.at["Ecoagir", "gouvernance-qui"] == 5.0


def test_axes_are_ranked_from_the_most_divergent_with_the_respondent_apart() -> None:
    ranked = divergences(GRID, ANSWERS)
    assert [d.axis for d in ranked] == ["confiance", "vision", "gouvernance"]
    confiance, vision, gouvernance = ranked
    assert confiance == Divergence(
        axis="confiance",
        question=None,
        mean=3.0,
        spread=4.0,
        deviation=2.0,
        low=1.0,
        high=5.0,
        lowest=("La Boucle", "R3 Bordeaux"),
        highest=("Slow Fest", "Ecoagir"),
        apart=None,
        apart_gap=pytest.approx(8 / 3),
        answered=4,
    )
    assert (vision.mean, vision.spread) == (3.75, 2.5)
    assert vision.deviation == pytest.approx(math.sqrt(1.0625))
    assert (vision.lowest, vision.highest) == (("La Boucle",), ("Slow Fest", "R3 Bordeaux"))
    assert (vision.apart, vision.apart_gap) == ("La Boucle", pytest.approx(7 / 3))
    assert (vision.apart_score, vision.others_mean) == (2.0, pytest.approx(13 / 3))
    assert gouvernance.answered == 3
    assert (gouvernance.mean, gouvernance.spread) == (pytest.approx(11 / 3), 2.0)
    assert gouvernance.deviation == pytest.approx(math.sqrt(8 / 9))
    assert (gouvernance.apart, gouvernance.apart_gap) == ("Ecoagir", pytest.approx(2.0))
    assert gouvernance.others_mean == 3.0


def test_questions_are_ranked_with_ties_broken_by_deviation_then_grid_order() -> None:
    # vision-ecrite 2, 4, 5, 4 and vision-nous 2, 5, 4, 4: the same spread (3) and
    # deviation (sqrt(1.1875)), so grid order. gouvernance-regles 3, 5 and
    # gouvernance-qui 3, 3, 5 share spread 2; deviation 1 beats sqrt(8/9).
    ranked = divergences(GRID, ANSWERS, by="question")
    assert [d.question for d in ranked] == [
        "confiance-dire",
        "vision-ecrite",
        "vision-nous",
        "gouvernance-regles",
        "gouvernance-qui",
    ]
    assert [d.axis for d in ranked][-2:] == ["gouvernance", "gouvernance"]
    assert ranked[1].deviation == pytest.approx(math.sqrt(1.1875))
    assert ranked[1].apart == ranked[2].apart == "La Boucle"
    regles = ranked[3]
    assert (regles.answered, regles.deviation, regles.apart) == (2, 1.0, None)
    assert regles.apart_gap == 2.0  # two who disagree: neither stands apart


def test_an_axis_answered_by_fewer_than_two_is_not_ranked() -> None:
    only_one = [ANSWERS[0], answer("Slow Fest", vision_ecrite=4)]
    assert [d.axis for d in divergences(GRID, only_one)] == ["vision"]
    assert divergences(GRID, ANSWERS[:1]) == []
    assert divergences(GRID, []) == []


def test_an_axis_ranks_by_deviation_when_spreads_tie() -> None:
    grid = grid_of({"a": ["a1"], "b": ["b1"], "c": ["c1"]})
    # a: 3, 3, 5 (deviation 0.94); b: 3, 5, 4 (deviation 0.82); c: 2, 4, 4 (0.94, after a)
    answers = [
        answer("X", a1=3, b1=3, c1=2),
        answer("Y", a1=3, b1=5, c1=4),
        answer("Z", a1=5, b1=4, c1=4),
    ]
    assert [d.axis for d in divergences(grid, answers)] == ["a", "c", "b"]


def test_the_sentences_name_the_range_and_who_stands_apart() -> None:
    confiance, vision, _ = divergences(GRID, ANSWERS)
    assert describe_divergence(vision, GRID, "fr") == (
        f"Vision commune{NB}: les réponses vont de 2 à 4,5{NB}; La Boucle se tient à part "
        "(2 quand les autres disent 4,3 en moyenne)."
    )
    assert describe_divergence(vision, GRID, "en") == (
        "Shared vision: the answers range from 2 to 4.5; La Boucle stands apart "
        "(2 where the others say 4.3 on average)."
    )
    assert describe_divergence(confiance, GRID, "fr") == (
        f"Confiance{NB}: les réponses vont de 1 (La Boucle et R3 Bordeaux) à 5 "
        "(Slow Fest et Ecoagir), pour une moyenne de 3."
    )
    assert describe_divergence(confiance, GRID, "en") == (
        "Trust: the answers range from 1 (La Boucle and R3 Bordeaux) to 5 "
        "(Slow Fest and Ecoagir), with a mean of 3."
    )
    agreeing = divergences(GRID, [answer("A", confiance_dire=4), answer("B", confiance_dire=4)])
    assert describe_divergence(agreeing[0], GRID, "fr") == f"Confiance{NB}: tout le monde répond 4."
    question = divergences(GRID, ANSWERS, by="question")[0]
    assert describe_divergence(question, GRID, "en").startswith("Trust – “confiance-dire?”: ")


def test_the_loudest_we_example_on_the_shipped_grid() -> None:
    # gouvernance: La Boucle 2, Slow Fest 5, R3 4 -> the others say (5 + 4) / 2 = 4.5
    grid = default_grid()
    answers = [
        Answer("La Boucle", "la-boucle", dict.fromkeys(("gouvernance-decisions",), 2)),
        Answer("Slow Fest", "slow-fest", {"gouvernance-decisions": 5}),
        Answer("R3 Bordeaux", "r3-bordeaux", {"gouvernance-decisions": 4}),
    ]
    (found,) = divergences(grid, answers)
    assert describe_divergence(found, grid, "fr") == (
        f"Gouvernance des groupements{NB}: les réponses vont de 2 à 5{NB}; La Boucle se tient "
        "à part (2 quand les autres disent 4,5 en moyenne)."
    )


def test_answers_refuse_scores_off_the_scale_and_twice_the_same_respondent() -> None:
    for bad in (0, 6, 3.5, True, "4"):
        with pytest.raises(InvalidAnswerError, match="is a level 1 to 5"):
            Answer("La Boucle", scores={"vision-ecrite": bad})
    with pytest.raises(InvalidAnswerError, match="needs a respondent"):
        Answer("  ")
    skipped = Answer("La Boucle", scores={"vision-ecrite": None, "vision-nous": np.int64(3)})
    assert dict(skipped.scores) == {"vision-nous": 3}
    assert pickle.loads(pickle.dumps(skipped)) == skipped  # Streamlit's caches pickle
    assert len({skipped, Answer("La Boucle", scores={"vision-nous": 3})}) == 1
    with pytest.raises(InvalidAnswerError, match="'La Boucle' answers twice in one session"):
        divergences(GRID, [ANSWERS[0], ANSWERS[0]])
    with pytest.raises(ValueError, match="by is 'axis' or 'question'"):
        divergences(GRID, ANSWERS, by="member")


def test_stakes_and_expectations_side_by_side() -> None:
    answers = [
        Answer("La Boucle — Anne", "la-boucle", {}, "Garder la cantine", "Partager la charge"),
        Answer("Slow Fest", "slow-fest", {}, "Un lieu pour le festival", ""),
    ]
    table = stakes_side_by_side(answers)
    assert list(table.columns) == ["respondent", "member", "stakes", "expectations"]
    assert table.to_dict("records")[0] == {
        "respondent": "La Boucle — Anne",
        "member": "la-boucle",
        "stakes": "Garder la cantine",
        "expectations": "Partager la charge",
    }
    assert table["expectations"].tolist() == ["Partager la charge", ""]


# Two sessions, given latest first. Axis scores:
#   Lancement (15/01/2024): vision La Boucle 2, Slow Fest 4 -> mean 3, 2..4, 2 answered;
#     confiance La Boucle 1 only -> 1, 1 answered; gouvernance nobody -> NaN, 0.
#   Bilan (10/06/2024): vision 4 and 4.5 -> 4.25; confiance 3 and 4 -> 3.5;
#     gouvernance La Boucle 3 -> 3, 1 answered.
SESSIONS = [
    Session(
        "Bilan",
        date(2024, 6, 10),
        [
            answer(
                "La Boucle",
                "la-boucle",
                vision_ecrite=4,
                vision_nous=4,
                confiance_dire=3,
                gouvernance_qui=3,
            ),
            answer("Slow Fest", "slow-fest", vision_ecrite=4, vision_nous=5, confiance_dire=4),
        ],
    ),
    (
        "Lancement",
        date(2024, 1, 15),
        [
            answer("La Boucle — Anne", "la-boucle", vision_ecrite=2, confiance_dire=1),
            answer("Slow Fest", "slow-fest", vision_ecrite=4, vision_nous=4),
        ],
    ),
]


def test_the_course_of_each_axis_across_sessions_by_date() -> None:
    table = course(GRID, SESSIONS)
    assert list(table.columns) == ["session", "held_on", "axis", "mean", "min", "max", "answered"]
    rows = [
        (r.session, r.held_on.date(), r.axis, r.mean, r.min, r.max, r.answered)
        for r in table.itertuples()
    ]
    nan = float("nan")
    expected = [
        ("Lancement", date(2024, 1, 15), "vision", 3.0, 2.0, 4.0, 2),
        ("Lancement", date(2024, 1, 15), "confiance", 1.0, 1.0, 1.0, 1),
        ("Lancement", date(2024, 1, 15), "gouvernance", nan, nan, nan, 0),
        ("Bilan", date(2024, 6, 10), "vision", 4.25, 4.0, 4.5, 2),
        ("Bilan", date(2024, 6, 10), "confiance", 3.5, 3.0, 4.0, 2),
        ("Bilan", date(2024, 6, 10), "gouvernance", 3.0, 3.0, 3.0, 1),
    ]
    assert [r[:3] for r in rows] == [e[:3] for e in expected]
    for got, want in zip(rows, expected, strict=True):
        np.testing.assert_equal(got[3:], want[3:])
    assert str(table["held_on"].dtype).startswith("datetime64")
    assert table["answered"].dtype == np.int64


def test_the_course_of_each_respondent_follows_a_structure_by_member() -> None:
    table = course_by_respondent(GRID, SESSIONS)
    assert list(table.columns) == ["session", "held_on", "respondent", "member", "axis", "score"]
    la_boucle = table[table.member == "la-boucle"]
    assert la_boucle[["session", "respondent", "axis", "score"]].values.tolist() == [
        ["Lancement", "La Boucle — Anne", "vision", 2.0],
        ["Lancement", "La Boucle — Anne", "confiance", 1.0],
        ["Bilan", "La Boucle", "vision", 4.0],
        ["Bilan", "La Boucle", "confiance", 3.0],
        ["Bilan", "La Boucle", "gouvernance", 3.0],
    ]
    assert len(table) == 5 + 3  # Slow Fest: vision twice, confiance once


def test_no_session_gives_empty_tables_with_their_columns() -> None:
    assert course(GRID, []).empty and list(course(GRID, []).columns)[-1] == "answered"
    assert course_by_respondent(GRID, []).empty


# --- properties -----------------------------------------------------------------------

QUESTIONS = GRID.question_ids


@st.composite
def sessions_answers(draw: st.DrawFn, min_size: int = 2) -> list[Answer]:
    count = draw(st.integers(min_size, 6))
    answers = []
    for i in range(count):
        scores = draw(st.dictionaries(st.sampled_from(QUESTIONS), st.integers(1, 5)))
        answers.append(Answer(f"Structure {i}", f"s{i}", scores))
    return answers


@given(sessions_answers(), st.sampled_from(["axis", "question"]))
def test_divergence_figures_are_consistent(answers: list[Answer], by: Any) -> None:
    for d in divergences(GRID, answers, by=by):
        assert d.spread >= 0 and d.deviation >= 0 and d.apart_gap >= 0
        assert d.low - 1e-9 <= d.mean <= d.high + 1e-9
        assert d.spread == pytest.approx(d.high - d.low)
        assert 2 <= d.answered <= len(answers)
        assert d.lowest and d.highest
        if d.apart is not None:
            assert d.apart_gap >= APART_POINTS - 1e-9
            assert d.apart in d.lowest + d.highest
            assert d.others_mean is not None and abs(d.apart_score - d.others_mean) == (
                pytest.approx(d.apart_gap)
            )
    spreads = [round(d.spread, 9) for d in divergences(GRID, answers, by=by)]
    assert spreads == sorted(spreads, reverse=True)


@given(st.dictionaries(st.sampled_from(QUESTIONS), st.integers(1, 5)), st.integers(2, 6))
def test_identical_answers_do_not_diverge(scores: dict[str, int], count: int) -> None:
    answers = [Answer(f"Structure {i}", None, scores) for i in range(count)]
    for by in ("axis", "question"):
        for d in divergences(GRID, answers, by=by):
            assert (d.spread, d.deviation, d.apart, d.apart_gap) == (0, 0, None, 0)
            assert len(d.lowest) == len(d.highest) == count


@given(sessions_answers(), st.randoms(use_true_random=False))
def test_renaming_respondents_does_not_change_the_ranking(answers: list[Answer], rnd: Any) -> None:
    names = [f"Renamed {i}" for i in range(len(answers))]
    rnd.shuffle(names)
    renamed = dict(zip((a.respondent for a in answers), names, strict=True))
    again = [Answer(renamed[a.respondent], a.member, a.scores) for a in answers]
    for by in ("axis", "question"):
        before = divergences(GRID, answers, by=by)
        after = divergences(GRID, again, by=by)
        assert [(d.axis, d.question) for d in after] == [(d.axis, d.question) for d in before]
        for b, a in zip(before, after, strict=True):
            assert (a.mean, a.spread, a.deviation, a.apart_gap) == (
                b.mean,
                b.spread,
                b.deviation,
                b.apart_gap,
            )
            assert a.apart == (renamed[b.apart] if b.apart else None)
            assert a.lowest == tuple(renamed[r] for r in b.lowest)


def with_whole_mean(scores: list[int]) -> list[int]:
    """The scores nudged by one point here and there so that their mean is a whole level.

    The sum is lowered by its remainder modulo n when the scores have room to go down,
    else raised to the next multiple of n (there is always room one way or the other).
    """
    scores, n = sorted(scores), len(scores)
    remainder = sum(scores) % n
    if remainder and sum(scores) - n >= remainder:
        for _ in range(remainder):
            scores[scores.index(max(scores))] -= 1
    elif remainder:
        for _ in range(n - remainder):
            scores[scores.index(min(scores))] += 1
    return scores


@given(st.lists(st.integers(1, 5), min_size=2, max_size=8), sessions_answers())
def test_adding_a_respondent_at_the_mean_never_raises_the_deviation(
    drawn: list[int], others: list[Answer]
) -> None:
    # 'confiance' has one question, so a respondent's axis score is that question's score
    scores = with_whole_mean(drawn)
    mean = sum(scores) // len(scores)
    assert sum(scores) == mean * len(scores) and all(1 <= x <= 5 for x in scores)
    answers = [
        Answer(f"Structure {i}", None, {**dict(other.scores), "confiance-dire": x})
        for i, (x, other) in enumerate(
            zip(scores, [*others, *others, *others, *others], strict=False)
        )
    ]
    middle = Answer("At the mean", None, {"confiance-dire": mean})
    for by in ("axis", "question"):
        before = next(d for d in divergences(GRID, answers, by=by) if d.axis == "confiance")
        after = next(
            d for d in divergences(GRID, [*answers, middle], by=by) if d.axis == "confiance"
        )
        assert after.mean == pytest.approx(before.mean)
        assert after.deviation <= before.deviation + 1e-12
        assert after.spread == before.spread
        assert after.apart in (before.apart, None)
