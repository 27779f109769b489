"""The self-assessment grid of the logbook (carnet de bord): axes, questions, levels.

A grid file is YAML or JSON::

    bm3c_grid: 1
    name: {fr: Carnet de bord, en: Logbook}
    axes:
      - id: gouvernance
        name: {fr: Gouvernance des groupements, en: Governance of groupings}
        description: {fr: ..., en: ...}          # optional
        objectives: [{fr: ..., en: ...}]         # optional
        questions:                               # at least one
          - {id: gouvernance-decisions, text: {fr: ..., en: ...}}
        levels:                                  # what 1 to 5 mean on this axis
          1: {fr: ..., en: ...}
          ...
          5: {fr: ..., en: ...}
        model_links: [sharing_rule, reserve]     # keys of bm3c.logbook.facts.FACTS

Every text is a mapping ``{fr: ..., en: ...}``; one language may be left out (the
other stands in for it, see :func:`text_of`). Axis ids are unique among axes and
question ids across the whole grid. A broken grid raises :class:`InvalidGridError`
with every problem at once, each as ``path: message``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails

from bm3c.errors import InvalidModelError, Problem, ProblemsError
from bm3c.logbook.facts import FACTS
from bm3c.logbook.grid_checks import LEVELS, find_grid_problems
from bm3c.model.checks import suggest
from bm3c.model.validation import locate
from bm3c.parsing import parse_data, read_data_file

__all__ = [
    "LEVELS",
    "Axis",
    "Grid",
    "InvalidGridError",
    "Question",
    "Texts",
    "axis_to_data",
    "default_grid",
    "dump_grid",
    "find_grid_problems",
    "grid_to_data",
    "load_grid",
    "parse_grid",
    "slugify",
    "text_of",
    "untranslated_texts",
    "validate_grid",
]

GRID_FILE = Path(__file__).with_name("grid.yaml")
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class InvalidGridError(ProblemsError):
    """A grid file, or a grid edited in the app, is invalid (every problem at once)."""


class _GridProblems(ValueError):
    """Raised inside validation to carry several located problems at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(map(str, problems)))


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Texts(_Part):
    """A text in French and English; one of the two may be left out."""

    fr: Text | None = Field(None, description="The text in French.")
    en: Text | None = Field(None, description="The text in English.")

    @model_validator(mode="after")
    def check_some_language(self) -> Texts:
        """A text is given in at least one language."""
        if self.fr is None and self.en is None:
            raise ValueError("give the text in French (fr) or English (en)")
        return self


def _known_fact(key: str) -> str:
    if key not in FACTS:
        raise ValueError(f"unknown fact '{key}' {suggest(key, FACTS)}")
    return key


class Question(_Part):
    """One question of an axis, answered on the 1-5 scale."""

    id: Slug = Field(description="Unique id across the grid (lowercase slug).")
    text: Texts = Field(description="The question as asked.")


class Axis(_Part):
    """An axis of the accompaniment, with its questions and its 1-5 levels."""

    id: Slug = Field(description="Unique id among axes (lowercase slug).")
    name: Texts = Field(description="The axis's name.")
    description: Texts | None = Field(None, description="What the axis covers.")
    objectives: tuple[Texts, ...] = Field((), description="What the group aims at on this axis.")
    questions: tuple[Question, ...] = Field(min_length=1, description="Questions to rate.")
    levels: dict[int, Texts] = Field(description="What each level 1 to 5 means on this axis.")
    model_links: tuple[Annotated[str, AfterValidator(_known_fact)], ...] = Field(
        (), description="Facts of the economic model that bear on this axis (FACTS keys)."
    )


class Grid(_Part):
    """A self-assessment grid: the root of a grid file."""

    bm3c_grid: Literal[1] = Field(description="Format marker and version; 1.")
    name: Texts = Field(description="The grid's name.")
    description: Texts | None = Field(None, description="What the grid is for.")
    axes: tuple[Axis, ...] = Field(min_length=1, description="The axes, in the order shown.")

    @model_validator(mode="after")
    def check_unique_ids_and_complete_levels(self) -> Grid:
        """Ids are unique and every axis describes the five levels: every problem at once."""
        problems = find_grid_problems(self.model_dump())
        if problems:
            raise _GridProblems(problems)
        return self

    @property
    def axis_ids(self) -> tuple[str, ...]:
        """Axis ids in grid order."""
        return tuple(a.id for a in self.axes)

    @property
    def question_ids(self) -> tuple[str, ...]:
        """Question ids in grid order."""
        return tuple(q.id for a in self.axes for q in a.questions)

    def axis(self, axis_id: str) -> Axis:
        """The axis with this id (KeyError when unknown)."""
        for a in self.axes:
            if a.id == axis_id:
                return a
        raise KeyError(axis_id)

    def axis_of(self, question_id: str) -> Axis:
        """The axis a question belongs to (KeyError when unknown)."""
        for a in self.axes:
            if any(q.id == question_id for q in a.questions):
                return a
        raise KeyError(question_id)

    def question(self, question_id: str) -> Question:
        """The question with this id (KeyError when unknown)."""
        return next(q for q in self.axis_of(question_id).questions if q.id == question_id)


def slugify(text: str) -> str:
    """An id's letters from ``text``: ``Qui décide ?`` → ``qui-decide`` (empty if none is left).

    Accents are dropped; whatever is not a lowercase letter or a digit becomes a dash.
    """
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def text_of(texts: Texts | None, lang: str) -> str:
    """The text in ``lang``, else in the other language; empty for no text."""
    if texts is None:
        return ""
    first, second = (texts.en, texts.fr) if lang == "en" else (texts.fr, texts.en)
    return first or second or ""


def validate_grid(data: Any, source: str | None = None) -> Grid:
    """Validate plain data (parsed YAML or JSON) into a grid.

    Raises:
        InvalidGridError: with every problem found, each located by its path.

    """
    if not isinstance(data, Mapping):
        kind = type(data).__name__ if data is not None else "nothing"
        message = f"a grid file holds a mapping of keys (bm3c_grid, name, axes), found {kind}"
        raise InvalidGridError([Problem("", message)], source)
    try:
        return Grid.model_validate(data)
    except ValidationError as error:
        problems: list[Problem] = []
        details = error.errors(include_url=False)
        for detail in details:
            if detail["type"] == "too_short" and _has_broken_items(detail["loc"], details):
                continue  # pydantic counts only the valid items: the broken ones say it all
            inner = (detail.get("ctx") or {}).get("error")
            if isinstance(inner, _GridProblems):
                problems += inner.problems
            else:
                problems.append(Problem(locate(detail["loc"], data), _message(detail)))
        problems += find_grid_problems(data)
        raise InvalidGridError(sorted(set(problems), key=problems.index), source) from None


def _has_broken_items(loc: tuple[int | str, ...], details: Sequence[ErrorDetails]) -> bool:
    return any(len(d["loc"]) > len(loc) and d["loc"][: len(loc)] == loc for d in details)


def parse_grid(text: str | bytes, fmt: str = "yaml", source: str | None = None) -> Grid:
    """Parse and validate a grid file's text (``fmt``: ``yaml`` or ``json``).

    Raises:
        InvalidGridError: a syntax error with its line, or every problem of the grid.

    """
    try:
        data = parse_data(text, fmt, source)
    except InvalidModelError as error:
        raise InvalidGridError(error.problems, source) from None
    return validate_grid(data, source)


def load_grid(path: str | Path) -> Grid:
    """Load a grid file; ``.json`` files are read as JSON, others as YAML.

    Raises:
        InvalidGridError: when the file is missing, unreadable or invalid.

    """
    try:
        data = read_data_file(path)
    except InvalidModelError as error:
        raise InvalidGridError(error.problems, str(path)) from None
    return validate_grid(data, str(path))


@cache
def default_grid() -> Grid:
    """The grid shipped with bm3c: the six axes of the accompaniment, in both languages."""
    return load_grid(GRID_FILE)


def grid_to_data(grid: Grid) -> dict[str, Any]:
    """Plain data of a grid (lists, level numbers as keys), as a grid file holds it."""
    data: dict[str, Any] = _plain(grid.model_dump(exclude_none=True))
    return data


def axis_to_data(axis: Axis) -> dict[str, Any]:
    """Plain data of one axis, as a grid file holds it."""
    data: dict[str, Any] = _plain(axis.model_dump(exclude_none=True))
    return data


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def dump_grid(grid: Grid, fmt: str = "yaml") -> str:
    """A grid file's text, in YAML or JSON; :func:`parse_grid` reads it back."""
    data = grid_to_data(grid)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def untranslated_texts(grid: Grid) -> list[str]:
    """Paths of the texts given in one language only, e.g. ``axes[2].questions[0].text``."""
    located: list[tuple[str, Texts | None]] = [("name", grid.name)]
    located.append(("description", grid.description))
    for i, a in enumerate(grid.axes):
        at = f"axes[{i}]"
        located += [(f"{at}.name", a.name), (f"{at}.description", a.description)]
        located += [(f"{at}.objectives[{j}]", o) for j, o in enumerate(a.objectives)]
        located += [(f"{at}.questions[{j}].text", q.text) for j, q in enumerate(a.questions)]
        located += [(f"{at}.levels[{n}]", a.levels[n]) for n in LEVELS]
    return [path for path, t in located if t is not None and (t.fr is None or t.en is None)]


def _model_at(loc: Sequence[int | str]) -> type[BaseModel] | None:
    """The part of a grid found at a pydantic location, if any."""
    model: type[BaseModel] | None = Grid
    level_key = False  # the part after "levels" is a level number, not a field
    for part in loc:
        if level_key or isinstance(part, int) or part == "[key]":
            level_key = False
            continue
        if model is None or part not in model.model_fields:
            return None
        model = _FIELD_MODELS.get(part)
        level_key = part == "levels"
    return model


_FIELD_MODELS: dict[str, type[BaseModel]] = {
    "name": Texts,
    "description": Texts,
    "objectives": Texts,
    "text": Texts,
    "levels": Texts,
    "axes": Axis,
    "questions": Question,
}


def _message(detail: ErrorDetails) -> str:
    kind = detail["type"]
    loc = detail["loc"]
    ctx = detail.get("ctx") or {}
    got = detail.get("input")
    field = str(loc[-1]) if loc else ""
    if kind == "missing" and field == "bm3c_grid":
        return "required: a grid file starts with 'bm3c_grid: 1'"
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        if model is Texts:
            return f"unknown language '{field}': give the text as fr and/or en"
        known = list(model.model_fields) if model else []
        return f"unknown key '{field}' {suggest(field, known)}" if known else "unknown key"
    if kind == "string_pattern_mismatch":
        slug = slugify(str(got)) or "x"
        return f"'{got}' is not a valid id: use lowercase letters, digits and dashes, e.g. '{slug}'"
    if kind == "string_too_short":
        return "the text is empty: write it, or leave this language out"
    if kind == "string_too_long":
        return f"too long: at most {ctx.get('max_length')} characters"
    if kind == "string_type":
        return f"expected text, got {got!r} (put it in quotes)"
    if kind == "too_short" and field == "questions":
        return "give at least one question"
    if kind == "too_short" and field == "axes":
        return "give at least one axis"
    if kind == "literal_error" and field == "bm3c_grid":
        return f"grid format '{got}' is not supported: this bm3c reads 'bm3c_grid: 1'"
    if kind in ("int_parsing", "int_type", "int_from_float") and "levels" in loc:
        key = loc[-2] if field == "[key]" and len(loc) > 1 else field
        return f"'{key}' is not a level: levels are numbered 1 to 5"
    if kind in ("model_type", "model_attributes_type") and _model_at(loc) is Texts:
        return "give the text in each language as a mapping, e.g. {fr: ..., en: ...}"
    if kind == "dict_type" and field == "levels":
        return "give the levels as a mapping from 1 to 5, e.g. 1: {fr: ..., en: ...}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of keys, got {_kind_of(got)}"
    if kind in ("tuple_type", "list_type"):
        return f"expected a list, got {_kind_of(got)}"
    if kind == "value_error":
        return str(ctx.get("error", detail["msg"]))
    return str(detail["msg"])


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return "text"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__
