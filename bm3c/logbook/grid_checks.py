"""Checks across the parts of a grid: repeated ids, levels that are not exactly 1 to 5.

They read plain data (parsed YAML or JSON, or a grid's dump) and take whatever
parts are well formed, so they also run on a grid that pydantic refuses for other
reasons: a collective sees every problem of its file at once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from bm3c.errors import Problem

__all__ = [
    "LEVELS",
    "check_for_incomplete_levels",
    "check_for_repeated_ids",
    "find_grid_problems",
]

LEVELS = (1, 2, 3, 4, 5)
"""The levels of the self-assessment scale."""


def find_grid_problems(data: Any) -> list[Problem]:
    """Every problem the checks of this module find, in path order."""
    problems = [*check_for_incomplete_levels(data), *check_for_repeated_ids(data)]
    return sorted(problems, key=lambda p: _path_order(p.path))


def _axes(data: Any) -> list[tuple[int, Mapping[str, Any]]]:
    axes = data.get("axes") if isinstance(data, Mapping) else None
    if not isinstance(axes, list | tuple):
        return []
    return [(i, axis) for i, axis in enumerate(axes) if isinstance(axis, Mapping)]


def check_for_incomplete_levels(data: Any) -> Iterator[Problem]:
    """Each axis describes the levels 1 to 5, and no other."""
    for i, axis in _axes(data):
        levels = axis.get("levels")
        if not isinstance(levels, Mapping):
            continue  # pydantic says what it should be
        given: set[int] = set()
        extra: list[str] = []
        for key in levels:
            try:
                level = int(str(key))  # JSON writes level numbers as text
            except ValueError:
                continue  # pydantic reports the key itself
            if level in LEVELS:
                given.add(level)
            else:
                extra.append(str(key))
        missing = [str(n) for n in LEVELS if n not in given]
        parts = []
        if missing:
            parts.append(f"missing {', '.join(missing)}")
        if extra:
            parts.append(f"{', '.join(extra)} {'is' if len(extra) == 1 else 'are'} not a level")
        if parts:
            yield Problem(f"axes[{i}].levels", f"give the five levels 1 to 5 ({'; '.join(parts)})")


def check_for_repeated_ids(data: Any) -> Iterator[Problem]:
    """Axis ids are unique among axes, question ids across the whole grid.

    Each repeat is reported where it appears again, pointing to the first use.
    """
    axis_ids = [(f"axes[{i}].id", axis.get("id")) for i, axis in _axes(data)]
    question_ids = []
    for i, axis in _axes(data):
        questions = axis.get("questions")
        if isinstance(questions, list | tuple):
            question_ids += [
                (f"axes[{i}].questions[{j}].id", q.get("id"))
                for j, q in enumerate(questions)
                if isinstance(q, Mapping)
            ]
    for located in (axis_ids, question_ids):
        counts = Counter(ident for _, ident in located if isinstance(ident, str))
        first: dict[str, str] = {}
        for path, ident in located:
            if not isinstance(ident, str) or counts[ident] < 2:
                continue
            if ident in first:
                yield Problem(path, f"'{ident}' is used twice (first at {first[ident]})")
            else:
                first[ident] = path


def _path_order(path: str) -> list[tuple[int, int, str]]:
    """Sort key of a path: list positions in number order (``axes[10]`` after ``axes[9]``)."""
    parts = (p for p in re.split(r"[\[\].]+", path) if p)
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts]
