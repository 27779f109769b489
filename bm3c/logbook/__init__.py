"""The logbook (carnet de bord): each structure self-assesses the cooperation.

A grid (:mod:`~bm3c.logbook.grid`) lists the axes of the accompaniment, each with
questions rated 1 to 5 and the facts of the economic model that bear on it
(:mod:`~bm3c.logbook.facts`). Answers (:mod:`~bm3c.logbook.answers`) give each
structure's scores per session; :mod:`~bm3c.logbook.divergence` ranks the topics
where they differ most. Pure functions on plain data: no storage, no Streamlit
(sentences read the app's text catalog without a session).
"""

from bm3c.logbook.answers import (
    Answer,
    InvalidAnswerError,
    Session,
    axis_scores,
    course,
    course_by_respondent,
    question_scores,
    stakes_side_by_side,
)
from bm3c.logbook.divergence import APART_POINTS, Divergence, describe_divergence, divergences
from bm3c.logbook.facts import FACTS, Fact, model_facts
from bm3c.logbook.grid import (
    LEVELS,
    Axis,
    Grid,
    InvalidGridError,
    Question,
    Texts,
    default_grid,
    dump_grid,
    grid_to_data,
    load_grid,
    parse_grid,
    text_of,
    untranslated_texts,
    validate_grid,
)
from bm3c.logbook.grid_edit import free_slug, with_axis, with_questions, without_axis

__all__ = [
    "APART_POINTS",
    "FACTS",
    "LEVELS",
    "Answer",
    "Axis",
    "Divergence",
    "Fact",
    "Grid",
    "InvalidAnswerError",
    "InvalidGridError",
    "Question",
    "Session",
    "Texts",
    "axis_scores",
    "course",
    "course_by_respondent",
    "default_grid",
    "describe_divergence",
    "divergences",
    "dump_grid",
    "free_slug",
    "grid_to_data",
    "load_grid",
    "model_facts",
    "parse_grid",
    "question_scores",
    "stakes_side_by_side",
    "text_of",
    "untranslated_texts",
    "validate_grid",
    "with_axis",
    "with_questions",
    "without_axis",
]
