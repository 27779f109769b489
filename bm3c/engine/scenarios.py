"""Scenarios: apply a scenario's changes to the base model, as data, and re-validate.

Paths are dot-separated. List items are addressed by ``id`` (members, actors,
activities, indicators), by ``label`` (revenue and cost lines, flows) or by
``member`` (work lines); ``*`` matches every item or key. ``set`` replaces a
value, ``scale`` multiplies a number. A segment may filter a list's items by one of
their fields, ``revenues[kind=subsidy]`` or ``flows[from=region]`` (several filters
all hold). A path that matches nothing is an error. ``leave`` takes members out:
the cooperation goes on as the group of those who stay (DOMAIN Part 2,
:func:`~bm3c.engine.worlds.reduce_cooperation`), each leaving member with its
result alone.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeGuard

from bm3c.engine.apart import Assumption, alone_assumptions, alone_result
from bm3c.engine.worlds import reduce_cooperation
from bm3c.errors import InvalidModelError, Problem, ScenarioError, UnknownScenarioError
from bm3c.model import Change, Cooperation, Member, Scenario
from bm3c.model.checks import suggest
from bm3c.model.validation import validate_cooperation
from bm3c.model.years import is_plan_model, year_views

__all__ = [
    "Departure",
    "ScenarioWorld",
    "apply_changes",
    "apply_scenario",
    "change_targets",
    "check_scenarios",
    "path_segments",
    "resolve_scenario",
    "scenario_problems",
    "scenario_world",
]

ITEM_KEYS = {
    "members": "id",
    "actors": "id",
    "activities": "id",
    "indicators": "id",
    "revenues": "label",
    "costs": "label",
    "flows": "label",
    "work": "member",
}
WORK_FIELDS = ("paid_hours", "volunteer_hours", "reimbursed")


class _PathError(Exception):
    pass


@dataclass(frozen=True)
class Departure:
    """A member who leaves in a scenario, as the model stood when it left.

    Attributes:
        member: The member.
        alone_eur: Its result alone (DOMAIN Part 2), at that model's hours.
        assumptions: The lines and hours whose ``apart`` decided it.

    """

    member: Member
    alone_eur: float
    assumptions: tuple[Assumption, ...]


@dataclass(frozen=True)
class ScenarioWorld:
    """A scenario applied: the model it describes and the members who left it."""

    model: Cooperation
    departures: tuple[Departure, ...] = ()


def resolve_scenario(coop: Cooperation, scenario: str | Scenario) -> Scenario:
    """The scenario object for an id (or the scenario itself)."""
    if isinstance(scenario, Scenario):
        return scenario
    try:
        return coop.scenario(scenario)
    except KeyError:
        raise UnknownScenarioError(scenario, [s.id for s in coop.scenarios]) from None


def apply_scenario(coop: Cooperation, scenario: str | Scenario) -> Cooperation:
    """The cooperation as the scenario describes it; the base is left untouched.

    The result has no scenarios of its own. Work lines left with no hours are
    dropped, and a line left with no paid hours is no longer reimbursed (unless a
    change set its reimbursed flag, which validation then refuses).

    Raises:
        UnknownScenarioError: when the id is not one of the model's scenarios.
        ScenarioError: when a path matches nothing or the result is invalid; each
            problem names the scenario and the change.

    """
    return scenario_world(coop, scenario).model


def scenario_world(coop: Cooperation, scenario: str | Scenario) -> ScenarioWorld:
    """The scenario applied, with the members who leave in it (see :func:`apply_scenario`)."""
    found = resolve_scenario(coop, scenario)
    return _apply_all(coop, found.changes, f"scenarios.{found.id}")


def apply_changes(
    coop: Cooperation, changes: tuple[Change, ...] | list[Change], where: str = "changes"
) -> Cooperation:
    """Apply ``changes`` in order to a copy of ``coop`` and validate the result."""
    return _apply_all(coop, changes, where).model


def _apply_all(
    coop: Cooperation, changes: tuple[Change, ...] | list[Change], where: str
) -> ScenarioWorld:
    """Apply every change in order; the set and scale changes between two leaves at once."""
    data = coop.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["scenarios"] = []
    problems: list[Problem] = []
    departures: list[Departure] = []
    flagged: set[int] = set()  # work lines whose reimbursed flag a change set explicitly
    for i, change in enumerate(changes):
        at = f"{where}.changes[{i}]"
        if change.leave is not None:
            if not change.leave:
                continue  # nobody leaves
            if problems:
                break  # the model before the leave is not known: report what is wrong so far
            current = _validated(data, flagged, where)
            flagged = set()
            try:
                data, left = _leave(current, change.leave)
            except _PathError as error:
                problems.append(Problem(f"{at}.leave", str(error)))
                break
            departures += left
            continue
        try:
            flagged |= _apply(data, change)
        except _PathError as error:
            problems.append(Problem(at, f"{change.path}: {error}"))
    if problems:
        raise ScenarioError(problems)
    return ScenarioWorld(_validated(data, flagged, where), tuple(departures))


def _validated(data: dict[str, Any], flagged: set[int], where: str) -> Cooperation:
    _settle_work_lines(data, flagged)
    try:
        return validate_cooperation(data)
    except InvalidModelError as error:
        raise ScenarioError(
            [Problem(where, f"leaves the model invalid at {p}") for p in error.problems]
        ) from None


def _leave(coop: Cooperation, leaving: tuple[str, ...]) -> tuple[dict[str, Any], list[Departure]]:
    """The data of the group that stays, and each leaving member alone."""
    members = list(coop.member_ids)
    unknown = [m for m in leaving if m not in members]
    if unknown:
        raise _PathError(f"'{unknown[0]}' is not a member " + suggest(unknown[0], members))
    staying = [m for m in members if m not in leaving]
    if len(staying) < 2:
        raise _PathError(
            f"a cooperation needs two members: at most {len(members) - 2} of the "
            f"{len(members)} can leave"
        )
    assumptions = alone_assumptions(coop)
    left = [
        Departure(coop.member(m), alone_result(coop, m), assumptions[m])
        for m in members
        if m in leaving
    ]
    group = reduce_cooperation(coop, staying)
    data = group.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["scenarios"] = []
    return data, left


def check_scenarios(coop: Cooperation) -> list[Problem]:
    """Every problem of every scenario of ``coop`` (empty when all apply cleanly).

    A plan's scenarios apply to the whole plan (DOMAIN Part 3); one where members
    leave, to each plan year's model (leaving needs one year's numbers).
    """
    problems: list[Problem] = []
    views = year_views(coop) if any(_leaves(s) for s in coop.scenarios) else (coop,)
    for s in coop.scenarios:
        problems += [p for p in scenario_problems(coop, s, views) if p not in problems]
    return problems


def scenario_problems(
    coop: Cooperation, scenario: Scenario, views: tuple[Cooperation, ...] | None = None
) -> tuple[Problem, ...]:
    """The problems of one scenario of ``coop`` (none when it applies cleanly).

    ``views``: the plan's year models, when already made (:func:`year_views`).
    """
    if _leaves(scenario) and is_plan_model(coop):
        models = views if views is not None and len(views) == coop.years else year_views(coop)
    else:
        models = (coop,)
    for i, model in enumerate(models):
        if i and model is models[i - 1]:
            continue  # the same numbers as the year before
        try:
            apply_scenario(model, scenario.id)
        except ScenarioError as error:
            return error.problems
    return ()


def _leaves(scenario: Scenario) -> bool:
    return any(change.leave for change in scenario.changes)


def path_segments(path: str) -> list[str]:
    """A path's segments: split at dots, a filter ``[field=value]`` a segment of its own.

    Dots inside brackets belong to the filter (``flows[label=Prêt 2.0]``).
    """
    segments: list[str] = []
    current, depth = "", 0
    for char in path:
        if char == "[" and depth == 0:
            if current:
                segments.append(current)
            current, depth = "[", 1
            continue
        if char == "]" and depth == 1:
            segments.append(current + "]")
            current, depth = "", 0
            continue
        if char == "." and depth == 0:
            if current:
                segments.append(current)
            current = ""
            continue
        current += char
    if current:
        segments.append(current)
    return segments


def _filters(segment: str) -> dict[str, str]:
    """``[kind=subsidy]`` → ``{"kind": "subsidy"}``."""
    field, equals, value = segment[1:-1].partition("=")
    if not equals or not field.strip():
        raise _PathError(f"'{segment}' is not a filter: write [field=value]")
    return {field.strip(): value.strip()}


def _matches(item: Any, filters: dict[str, str]) -> bool:
    return isinstance(item, dict) and all(
        key in item and _text(item[key]) == value for key, value in filters.items()
    )


def _text(value: Any) -> str:
    """A field's value as a filter writes it (``true``, ``12``, ``12.5``, ``subsidy``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _apply(data: dict[str, Any], change: Change) -> set[int]:
    """Apply one change in place; return the ids of containers whose reimbursed was set."""
    segments = path_segments(change.path)
    creating = change.set is not None
    targets = list(_targets(data, segments, 0, creating, wildcard=False))
    if not targets:
        raise _PathError("matches nothing")
    flagged = set()
    for container, key in targets:
        if change.set is not None:
            container[key] = copy.deepcopy(change.value)
            if key == "reimbursed":
                flagged.add(id(container))
            continue
        current = container.get(key)
        if _is_number_list(current):  # one number per plan year: scale every year
            container[key] = [value * (change.by or 0.0) for value in current]
            continue
        if isinstance(current, bool) or not isinstance(current, int | float):
            raise _PathError(f"cannot scale '{key}': it is {current!r}, not a number")
        container[key] = current * (change.by or 0.0)
    return flagged


def _is_number_list(value: Any) -> TypeGuard[list[float]]:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    )


def change_targets(coop: Cooperation, path: str) -> list[tuple[str, object]]:
    """What a change at ``path`` would touch: each target's own path and its current value.

    Each target's path names its items (no ``*``, no filter), so it reads like a
    path written by hand: ``activities.*.revenues[kind=subsidy].amount_eur`` gives
    ``activities.festival.revenues.Subvention culture et transition.amount_eur`` and
    every other subsidy line's amount, in file order. A field a ``set`` would create
    (the hours of a member with no work line yet, an optional field) has the value None.

    Raises:
        ScenarioError: when the path matches nothing or is malformed, with the reason.

    """
    data = coop.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["scenarios"] = []
    try:
        targets = list(_targets(data, path_segments(path), 0, True, wildcard=False))
    except _PathError as error:
        raise ScenarioError([Problem(path, str(error))]) from None
    if not targets:
        raise ScenarioError([Problem(path, "matches nothing")])
    places = _item_paths(data)
    return [(f"{places[id(container)]}{key}", container.get(key)) for container, key in targets]


def _item_paths(data: dict[str, Any]) -> dict[int, str]:
    """The path prefix (``activities.cafe.work.a.``) of every mapping in ``data``, by id."""
    places: dict[int, str] = {}

    def walk(node: Any, prefix: str, parent: str) -> None:
        if isinstance(node, dict):
            places[id(node)] = prefix
            for key, value in node.items():
                walk(value, f"{prefix}{key}.", str(key))
        elif isinstance(node, list) and parent in ITEM_KEYS:
            for item in node:
                if isinstance(item, dict):
                    walk(item, f"{prefix}{item.get(ITEM_KEYS[parent])}.", "")

    walk(data, "", "")
    return places


def _targets(
    node: Any, segs: list[str], i: int, creating: bool, wildcard: bool
) -> Iterator[tuple[dict[str, Any], str]]:
    """(container, key) pairs a path reaches; wildcards skip items that lack the key."""
    seg = segs[i]
    last = i == len(segs) - 1
    if isinstance(node, dict):
        keys = sorted(node) if seg == "*" else [seg]
        for key in keys:
            if key not in node:
                if last and creating and not wildcard:
                    yield node, key
                elif not wildcard:
                    where = ".".join(segs[:i]) or "the model"
                    raise _PathError(f"no '{key}' in {where} " + suggest(key, node))
                continue
            if last:
                yield node, key
            else:
                yield from _targets(node[key], segs, i + 1, creating, wildcard or seg == "*")
        return
    if isinstance(node, list) and seg.startswith("["):
        filters = _filters(seg)
        chosen = [item for item in node if _matches(item, filters)]
        if not chosen and not wildcard:
            wanted = ", ".join(f"{key} '{value}'" for key, value in filters.items())
            raise _PathError(f"no item with {wanted} in {'.'.join(segs[:i])}")
        for item in chosen:
            if last:
                raise _PathError("points at whole items: set one of their fields")
            yield from _targets(item, segs, i + 1, creating, True)
        return
    if isinstance(node, list):
        parent = segs[i - 1] if i else ""
        field = ITEM_KEYS.get(parent)
        if field is None:
            raise _PathError(f"'{'.'.join(segs[:i])}' is a list of values: set it whole")
        if seg == "*":
            for item in node:
                if not last:
                    yield from _targets(item, segs, i + 1, creating, True)
            return
        # a label may contain dots: take the longest run of segments that names an item
        for end in range(len(segs), i, -1):
            name = ".".join(segs[i:end])
            matches = [item for item in node if isinstance(item, dict) and item.get(field) == name]
            if matches and end == len(segs):
                raise _PathError("points at a whole item: set one of its fields")
            if matches:
                for item in matches:
                    yield from _targets(item, segs, end, creating, wildcard)
                return
        if (
            parent == "work"
            and creating
            and i == len(segs) - 2
            and segs[-1] in WORK_FIELDS
            and not wildcard
        ):
            line: dict[str, Any] = {"member": seg}
            node.append(line)
            yield line, segs[-1]
            return
        if wildcard:
            return
        known = [str(item.get(field)) for item in node if isinstance(item, dict)]
        where = ".".join(segs[:i])
        raise _PathError(f"no item with {field} '{seg}' in {where} " + suggest(seg, known))
    if not wildcard:
        raise _PathError(f"'{'.'.join(segs[:i])}' is a value, it has no '{seg}'")


def _any_hours(value: Any) -> bool:
    """Whether hours (a number, or one per plan year) are above 0 in some year."""
    if isinstance(value, list):
        return any(_any_hours(v) for v in value)
    return bool(value)


def _settle_work_lines(data: dict[str, Any], flagged: set[int]) -> None:
    """Drop work lines left with no hours; unflag reimbursement on lines left unpaid.

    A reimbursed flag that a change set explicitly is kept, so that validation
    reports it rather than it being silently ignored.
    """
    for activity in data.get("activities", []):
        kept = []
        for line in activity.get("work", []):
            paid = _any_hours(line.get("paid_hours"))
            if not paid and not _any_hours(line.get("volunteer_hours")):
                continue
            if not paid and id(line) not in flagged:
                line["reimbursed"] = False
            kept.append(line)
        activity["work"] = kept
