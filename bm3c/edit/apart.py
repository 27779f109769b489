"""Edits of what each member does alone (DOMAIN Part 2): pure functions, new validated models.

A line or money flow between two insiders says, for each side, what that party
does where the other is absent (``apart: {payer: ..., payee: ...}``: ``keep``,
``drop`` or a market amount); a work line says whether its hours are bought on the
market or done without (``apart: replace|drop``) and at what price; the
cooperation gives the default price of a replaced hour. Items are named by the
paths of :class:`~bm3c.engine.apart.Assumption`: ``activities.<id>.costs.<label>``,
``activities.<id>.revenues.<label>``, ``flows.<label>``, ``activities.<id>.work.<member>``.

Each edit raises :class:`~bm3c.errors.InvalidModelError` naming the field (a path
that names nothing, a policy that is not one, a negative or infinite amount)
rather than return an invalid model.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from bm3c.errors import InvalidModelError, Problem
from bm3c.model import Cooperation
from bm3c.model.parts import WORK_APARTS
from bm3c.model.validation import edit_data

__all__ = [
    "SIDES",
    "with_line_policy",
    "with_replacement_hourly_cost",
    "with_work_apart",
    "with_work_replacement_cost",
]

SIDES = ("payer", "payee")
"""The two sides of a line or money flow."""

POLICIES = ("keep", "drop")

Data = dict[str, Any]


def with_line_policy(coop: Cooperation, path: str, side: str, policy: Any) -> Cooperation:
    """The model where ``side`` of the line or money flow at ``path`` follows ``policy``.

    Args:
        coop: The model.
        path: ``activities.<id>.costs.<label>``, ``activities.<id>.revenues.<label>``
            or ``flows.<label>``.
        side: ``payer`` or ``payee``.
        policy: ``keep``, ``drop``, a market amount (a number, 0 or more), or None
            for the default (:func:`bm3c.engine.apart.side_policy`). A line left
            with no policy on either side loses its ``apart``.

    Raises:
        InvalidModelError: at ``<path>`` (nothing there), ``<path>.apart`` (another
            side) or ``<path>.apart.<side>`` (not a policy); and when the line is not
            between two insiders (validation).

    """
    if side not in SIDES:
        raise _refused(f"{path}.apart", f"the side is payer or payee, not {side!r}")
    where = f"{path}.apart.{side}"
    if isinstance(policy, str):
        if policy not in POLICIES:
            raise _refused(where, f"{policy!r} is not a policy: use keep, drop or a market amount")
    elif policy is not None:
        policy = _amount(where, policy, "a market amount")
    _find_line(coop, path)  # refused before copying anything

    def mutate(data: Data) -> None:
        item = _find_line_data(data, path)
        apart = dict(item.get("apart") or {})
        if policy is None:
            apart.pop(side, None)
        else:
            apart[side] = policy
        if apart:
            item["apart"] = apart
        else:
            item.pop("apart", None)

    return edit_data(coop, mutate)


def with_work_apart(coop: Cooperation, path: str, apart: str) -> Cooperation:
    """The model where the hours of the work line at ``path`` are replaced or done without.

    Args:
        coop: The model.
        path: ``activities.<activity id>.work.<member id>``.
        apart: ``replace`` (the carrier buys them on the market) or ``drop``. The
            line's price of a replacement hour, if any, stays.

    Raises:
        InvalidModelError: at ``<path>`` (no such work line) or ``<path>.apart``.

    """
    if apart not in WORK_APARTS:
        raise _refused(f"{path}.apart", f"{apart!r} is not allowed: use replace or drop")

    def mutate(line: Data) -> None:
        line["apart"] = apart

    return _edit_work_line(coop, path, mutate)


def with_work_replacement_cost(coop: Cooperation, path: str, price: float | None) -> Cooperation:
    """The model where one hour replacing the work line at ``path`` costs ``price``.

    None removes the line's own price: the cooperation's applies, else the
    member's hourly cost.

    Raises:
        InvalidModelError: at ``<path>`` (no such work line) or
            ``<path>.replacement_hourly_cost_eur`` (negative, infinite, not a number).

    """
    where = f"{path}.replacement_hourly_cost_eur"
    value = None if price is None else _amount(where, price, "a price")

    def mutate(line: Data) -> None:
        if value is None:
            line.pop("replacement_hourly_cost_eur", None)
        else:
            line["replacement_hourly_cost_eur"] = value

    return _edit_work_line(coop, path, mutate)


def _edit_work_line(coop: Cooperation, path: str, change: Callable[[Data], None]) -> Cooperation:
    activity_id, member_id = _work_address(path)
    if not any(
        a.id == activity_id and any(w.member == member_id for w in a.work) for a in coop.activities
    ):
        raise _refused(path, "no such work line: activities.<activity id>.work.<member id>")

    def mutate(data: Data) -> None:
        activity = next(a for a in data["activities"] if a["id"] == activity_id)
        change(next(w for w in activity["work"] if w["member"] == member_id))

    return edit_data(coop, mutate)


def with_replacement_hourly_cost(coop: Cooperation, price: float | None) -> Cooperation:
    """The model whose default price of one replaced hour is ``price``.

    None removes it: an absent member's hours are then bought at its own hourly
    cost, unless the work line gives a price.

    Raises:
        InvalidModelError: at ``replacement_hourly_cost_eur`` for a negative or
            infinite price, or something that is not a number.

    """
    value = None if price is None else _amount("replacement_hourly_cost_eur", price, "a price")

    def mutate(data: Data) -> None:
        if value is None:
            data.pop("replacement_hourly_cost_eur", None)
        else:
            data["replacement_hourly_cost_eur"] = value

    return edit_data(coop, mutate)


def _refused(path: str, message: str) -> InvalidModelError:
    return InvalidModelError([Problem(path, message)])


def _amount(where: str, value: Any, what: str) -> float:
    """``value`` as a float, or refused at ``where`` (not a number, negative, infinite)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _refused(where, f"{what} is a number, got {value!r}")
    if not math.isfinite(value) or value < 0:
        raise _refused(where, f"{what} is a finite number, 0 or more, got {value!r}")
    return float(value)


def _line_address(path: str) -> tuple[str | None, str, str]:
    """(activity id or None for a flow, list name, label) of a line's or flow's path."""
    if path.startswith("flows."):
        return None, "flows", path.removeprefix("flows.")
    parts = path.split(".", 3)  # ids have no dot; a label may
    if len(parts) == 4 and parts[0] == "activities" and parts[2] in ("costs", "revenues"):
        return parts[1], parts[2], parts[3]
    raise _refused(
        path,
        "not a line: activities.<id>.costs.<label>, activities.<id>.revenues.<label> "
        "or flows.<label>",
    )


def _work_address(path: str) -> tuple[str, str]:
    parts = path.split(".")
    if len(parts) == 4 and parts[0] == "activities" and parts[2] == "work":
        return parts[1], parts[3]
    raise _refused(path, "not a work line: activities.<activity id>.work.<member id>")


def _find_line(coop: Cooperation, path: str) -> None:
    """Refuse ``path`` unless it names a line or money flow of ``coop``."""
    activity_id, side, label = _line_address(path)
    if activity_id is None:
        found = any(f.label == label for f in coop.flows)
    else:
        activity = next((a for a in coop.activities if a.id == activity_id), None)
        lines = () if activity is None else getattr(activity, side)
        found = any(line.label == label for line in lines)
    if not found:
        raise _refused(path, "no such line or flow in the model")


def _find_line_data(data: Data, path: str) -> Data:
    activity_id, side, label = _line_address(path)
    if activity_id is None:
        items: list[Data] = data["flows"]
    else:
        items = next(a for a in data["activities"] if a["id"] == activity_id)[side]
    return next(item for item in items if item["label"] == label)
