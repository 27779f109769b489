"""Edit a grid in the app: add, replace or remove an axis, rewrite an axis's questions.

Each function returns a new, validated :class:`Grid` or raises
:class:`InvalidGridError` with every problem, located in the whole grid (e.g.
``axes[6].levels: give the five levels 1 to 5 (missing 4)``). The grid given is
never changed.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from bm3c.errors import Problem
from bm3c.logbook.grid import (
    Axis,
    Grid,
    InvalidGridError,
    axis_to_data,
    grid_to_data,
    slugify,
    validate_grid,
)
from bm3c.model.checks import suggest

__all__ = ["free_slug", "with_axis", "with_questions", "without_axis"]

SLUG_LENGTH = 40


def with_axis(grid: Grid, axis: Axis | Mapping[str, Any]) -> Grid:
    """The grid with ``axis`` in place of the axis of the same id, or added at the end.

    Args:
        grid: The grid to edit.
        axis: An axis, or its plain data as in a grid file.

    Raises:
        InvalidGridError: every problem of the axis (or of the grid it makes).

    """
    added = axis_to_data(axis) if isinstance(axis, Axis) else dict(axis)
    data = grid_to_data(grid)
    ids = [a["id"] for a in data["axes"]]
    if added.get("id") in ids:
        data["axes"][ids.index(added["id"])] = added
    else:
        data["axes"].append(added)
    return validate_grid(data)


def without_axis(grid: Grid, axis_id: str) -> Grid:
    """The grid without the axis ``axis_id``.

    Raises:
        InvalidGridError: for an unknown axis, or when it is the grid's only axis.

    """
    if axis_id not in grid.axis_ids:
        message = f"unknown axis '{axis_id}' {suggest(axis_id, grid.axis_ids)}"
        raise InvalidGridError([Problem("axes", message)])
    data = grid_to_data(grid)
    data["axes"] = [a for a in data["axes"] if a["id"] != axis_id]
    return validate_grid(data)


def with_questions(grid: Grid, axis_id: str, rows: Iterable[Mapping[str, Any]]) -> Grid:
    """The grid with the questions of axis ``axis_id`` replaced by ``rows``, in order.

    Args:
        grid: The grid to edit.
        axis_id: The axis whose questions are rewritten.
        rows: ``{id?, fr, en}`` each, as a table editor gives them. A row with no
            text in either language is dropped (an empty or cleared row). A row
            without an id gets one made from its text (:func:`free_slug`); keep
            the ids of existing questions so that past answers still match them.

    Raises:
        InvalidGridError: for an unknown axis, or every problem of the new questions.

    """
    if axis_id not in grid.axis_ids:
        message = f"unknown axis '{axis_id}' {suggest(axis_id, grid.axis_ids)}"
        raise InvalidGridError([Problem("axes", message)])
    kept = [r for r in rows if _text(r.get("fr")) or _text(r.get("en"))]
    taken = {q for a in grid.axes if a.id != axis_id for q in (x.id for x in a.questions)}
    taken |= {str(r["id"]) for r in kept if _text(r.get("id"))}
    questions = []
    for row in kept:
        ident = _text(row.get("id"))
        if not ident:
            ident = free_slug(_text(row.get("fr")) or _text(row.get("en")), taken)
            taken.add(ident)
        texts = {lang: _text(row.get(lang)) for lang in ("fr", "en") if _text(row.get(lang))}
        questions.append({"id": ident, "text": texts})
    data = grid_to_data(grid)
    for axis in data["axes"]:
        if axis["id"] == axis_id:
            axis["questions"] = questions
    return validate_grid(data)


def _text(value: Any) -> str:
    """A cell's text, stripped; empty for None, NaN and blanks (a table editor's empty cells)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def free_slug(text: str, taken: Collection[str] = ()) -> str:
    """An id made from ``text`` that is not in ``taken``: ``Qui décide ?`` → ``qui-decide``.

    Accents are dropped, the id is cut to about 40 characters at a dash, and ``-2``,
    ``-3``... is added when the id is taken.
    """
    slug = slugify(text) or "question"
    if len(slug) > SLUG_LENGTH:
        cut = slug[:SLUG_LENGTH]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate
