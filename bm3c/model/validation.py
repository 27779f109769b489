"""Turn plain data into a :class:`Cooperation`, reporting every problem with its path.

Paths name list items by id where they have one (``members.la-boucle``) and by
position otherwise (``work[1]``), as in ``activities.cafe-cantine.work[1].member``.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from bm3c.errors import InvalidModelError, Problem
from bm3c.model.checks import Draft, find_problems, suggest
from bm3c.model.cooperation import Cooperation, ModelProblems
from bm3c.model.parts import ID_PATTERN

__all__ = [
    "edit_data",
    "locate",
    "model_data",
    "problems_from_validation_error",
    "validate_cooperation",
]

ID_RE = re.compile(ID_PATTERN)
LISTS_BY_ID = frozenset({"members", "actors", "activities", "indicators", "scenarios"})


def validate_cooperation(data: Any, source: str | None = None) -> Cooperation:
    """Validate plain data (parsed YAML or JSON) into a cooperation.

    Raises:
        InvalidModelError: with every problem found, each located by its path. Checks
            across parts (references, duplicates) also run on the well-formed parts of
            a file whose other parts are broken.

    """
    if not isinstance(data, Mapping):
        kind = type(data).__name__ if data is not None else "nothing"
        raise InvalidModelError(
            [
                Problem(
                    "",
                    f"a model file holds a mapping of keys (bm3c, name, members...), found {kind}",
                )
            ],
            source,
        )
    try:
        return Cooperation.model_validate(data)
    except ValidationError as error:
        problems = problems_from_validation_error(error, data)
        if not any(e["type"] == "value_error" and not e["loc"] for e in error.errors()):
            problems += [p for p in find_problems(Draft.salvage(data)) if p not in problems]
        raise InvalidModelError(sorted(set(problems), key=problems.index), source) from None


def problems_from_validation_error(error: ValidationError, data: Any) -> list[Problem]:
    """Located, readable problems from a pydantic error on ``data``."""
    problems: list[Problem] = []
    for detail in error.errors(include_url=False):
        ctx = detail.get("ctx") or {}
        inner = ctx.get("error")
        if isinstance(inner, ModelProblems):
            problems += [Problem(p, m) for p, m in inner.problems]
            continue
        problems.append(Problem(locate(detail["loc"], data), _message(detail, data)))
    return problems


def locate(loc: Sequence[int | str], data: Any) -> str:
    """The dotted path of a pydantic location inside ``data``."""
    path = ""
    node: Any = data
    parent_key: str | int | None = None
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            ident = item.get("id") if isinstance(item, Mapping) else None
            if parent_key in LISTS_BY_ID and isinstance(ident, str) and ID_RE.match(ident):
                path += f".{ident}"
            else:
                path += f"[{part}]"
            node = item
        else:
            path += f".{part}" if path else str(part)
            node = node.get(part) if isinstance(node, Mapping) else None
        parent_key = part
    return path


def _model_at(loc: Sequence[int | str]) -> type[BaseModel] | None:
    """The model class found at a location of a cooperation, if any."""
    annotation: Any = Cooperation
    for part in loc:
        annotation = _unwrap(annotation, isinstance(part, int))
        if isinstance(part, int):
            continue
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = next(
                (f for name, f in annotation.model_fields.items() if part in (name, f.alias)), None
            )
            if field is None:
                return None
            annotation = field.annotation
        elif typing.get_origin(annotation) is dict:
            annotation = typing.get_args(annotation)[1]
    found = _unwrap(annotation, False)
    return found if isinstance(found, type) and issubclass(found, BaseModel) else None


def _unwrap(annotation: Any, into_item: bool) -> Any:
    """Strip Optional/Annotated, and step into a tuple's items when asked."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        elif origin in (tuple, list) and into_item:
            annotation = typing.get_args(annotation)[0]
            into_item = False
        else:
            return annotation


def _keys_of(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


class _Short(str):
    """A value's text cut to a readable length, shown without quotes by repr()."""

    def __repr__(self) -> str:
        return str(self)


def _short(value: Any, limit: int = 80) -> Any:
    """The value itself when short, else its repr cut to ``limit`` characters."""
    text = repr(value)
    if len(text) <= limit:
        return value
    return _Short(text[: limit - 1] + "…")


def _message(detail: ErrorDetails, data: Any) -> str:
    kind = detail["type"]
    loc = detail["loc"]
    ctx = detail.get("ctx") or {}
    got = _short(detail.get("input"))
    field = str(loc[-1]) if loc else ""
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        known = _keys_of(model) if model else []
        return (
            f"unknown key '{field}' " + suggest(field, known) if known else f"unknown key '{field}'"
        )
    if kind == "string_pattern_mismatch":
        if (
            field in ("id", "carrier", "member", "from", "to")
            or "requires" in loc
            or "weights" in loc
        ):
            return (
                f"'{got}' is not a valid id: use lowercase letters, digits and dashes, "
                f"e.g. '{_slug(str(got))}'"
            )
        if "impacts" in loc:
            return f"'{got}' is not a valid impact key: lowercase letters, digits, _ and -"
        if field == "currency":
            return f"'{got}' is not a currency code: three capital letters such as EUR"
        if field == "account":
            return (
                f"'{got}' is not an account number: 2 to 8 digits starting with 6 (a "
                "charge) or 7 (a produit), such as 6132 or 706"
            )
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}, got {got}"
    if kind == "greater_than":
        return f"must be above {ctx.get('gt')}, got {got}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}, got {got}"
    if kind == "literal_error" and field == "bm3c":
        if isinstance(got, str):
            return f"the format version is the number 1, not the text {got!r}"
        return f"format version '{got}' is not supported: this bm3c reads version 1"
    if kind == "literal_error":
        return f"'{got}' is not allowed here: use one of {ctx.get('expected')}"
    if kind in ("float_type", "float_parsing", "int_type", "int_parsing"):
        return f"expected a number, got {got!r}"
    if kind == "finite_number":
        return "must be a finite number"
    if kind == "bool_type":
        return f"expected true or false, got {got!r}"
    if kind == "string_type":
        return f"expected text, got {got!r} (put it in quotes)"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of keys, got {type(got).__name__}"
    if kind in ("tuple_type", "list_type"):
        return f"expected a list, got {type(got).__name__}"
    if kind == "value_error":
        return str(ctx.get("error", detail["msg"]))
    return (
        f"{detail['msg']} (got {got!r})" if not isinstance(got, Mapping | list) else detail["msg"]
    )


def model_data(coop: Cooperation) -> dict[str, Any]:
    """Plain, complete data of a cooperation (defaults included), file keys."""
    return coop.model_dump(mode="json", by_alias=True, exclude_none=True)


def edit_data(coop: Cooperation, mutate: Callable[[dict[str, Any]], None]) -> Cooperation:
    """Apply ``mutate`` to a copy of the model's data and validate the result."""
    data = model_data(coop)
    mutate(data)
    return validate_cooperation(data)
