"""Edits of a model's scenarios, as pure functions: each returns a new, validated model.

A scenario is data (``{id, name, description, changes}``) applied to the base by
:func:`~bm3c.engine.scenarios.apply_scenario`; editing one never touches the base.
Every edit here re-validates the model and applies the scenario it touched, so a
change whose path matches nothing is refused (:class:`~bm3c.errors.ScenarioError`,
each problem located at ``scenarios.<id>.changes[i]``) instead of being stored.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bm3c.edit.cooperation import changes_between
from bm3c.engine.scenarios import (
    ITEM_KEYS,
    apply_changes,
    apply_scenario,
    change_targets,
    path_segments,
)
from bm3c.errors import InvalidModelError, Problem
from bm3c.model import Change, Cooperation, Scenario
from bm3c.model.validation import validate_cooperation

__all__ = [
    "ACTIONS",
    "READY_MADE",
    "RecordableEdits",
    "add_scenario",
    "add_scenario_changes",
    "change_rows",
    "changes_from_rows",
    "delete_scenario",
    "parse_value",
    "path_parts",
    "ready_made_paths",
    "recordable_edits",
    "rename_scenarios",
    "save_edits_as_scenario",
    "scenario_id_for",
    "scenario_with",
    "set_scenario_changes",
    "value_text",
]

ACTIONS = ("set", "scale", "leave")
#: Filters the scenario editor offers ready-made, by id: the paths of the amounts they
#: scale (a line gives an amount or a quantity, so both are listed; ``{actor}`` is an
#: actor's id). Scaling both scales each line's total.
READY_MADE: dict[str, tuple[str, ...]] = {
    "subsidies": (
        "activities.*.revenues[kind=subsidy].amount_eur",
        "activities.*.revenues[kind=subsidy].quantity",
    ),
    "actor": (
        "activities.*.revenues[from={actor}].amount_eur",
        "activities.*.revenues[from={actor}].quantity",
        "flows[from={actor}].amount_eur",
    ),
}
Data = dict[str, Any]
FRENCH_NUMBER = re.compile(r"^[+\-−]?\d[\d\s\u202f\u00a0]*(,\d+)?$")
ENGLISH_NUMBER = re.compile(r"^[+\-−]?\d{1,3}(,\d{3})+(\.\d+)?$")


@dataclass(frozen=True)
class RecordableEdits:
    """The edits between a base and a working model, as scenario changes.

    Attributes:
        changes: ``set`` changes that turn the base into the working model; they all
            apply to the base together.
        not_recorded: Edits that no change can express (members, actors, activities,
            lines or flows added or removed, and changes that only make sense with
            them), as paths with the reason in brackets.

    """

    changes: tuple[Change, ...]
    not_recorded: tuple[str, ...]

    @property
    def empty(self) -> bool:
        """True when the working model has no edit at all."""
        return not self.changes and not self.not_recorded


def scenario_id_for(name: str, taken: Iterable[str]) -> str:
    """A scenario id from its name: a lowercase slug, accents dropped, unique among ``taken``.

    ``"Prix +10 %"`` gives ``prix-10``, then ``prix-10-2`` when that one is taken; a
    name with no letter or digit gives ``scenario``.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].rstrip("-")
    slug = slug or "scenario"
    used = set(taken)
    candidate, n = slug, 2
    while candidate in used:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def recordable_edits(base: Cooperation, current: Cooperation) -> RecordableEdits:
    """What of ``current``'s edits since ``base`` a scenario can record (scenarios aside).

    Starts from :func:`~bm3c.edit.cooperation.changes_between`. Changes naming a member, actor or
    activity added since (its work lines, say) are not recorded; when the others do
    not all apply to ``base``, each is tried in order and those that fail are not
    recorded either.
    """
    found, lost = changes_between(base, current)
    added = _ids(current) - _ids(base)
    changes: list[Change] = []
    for change in found:
        if added & set(change.path.split(".")):
            lost.append(f"{change.path} (names a part added since)")
        else:
            changes.append(change)
    kept, failed = _applicable(base, changes)
    lost += [f"{c.path} (does not apply to the model as opened)" for c in failed]
    return RecordableEdits(tuple(kept), tuple(lost))


def _applicable(base: Cooperation, changes: list[Change]) -> tuple[list[Change], list[Change]]:
    """The changes that apply to ``base`` together, and those that do not.

    Changes that only make sense together (a line's amount, quantity and price; the
    sharing rules and their weights) are tried as a group first, then one by one;
    passes repeat while some change gets in, so the order of changes does not matter.
    """

    def group_of(change: Change) -> str:
        path = change.path
        return "sharing" if path.startswith("sharing.") else path.rsplit(".", 1)[0]

    groups: dict[str, list[Change]] = {}
    for change in changes:
        groups.setdefault(group_of(change), []).append(change)
    kept: list[Change] = []

    def admit(pending: list[list[Change]]) -> list[list[Change]]:
        progress = True
        while pending and progress:
            progress = False
            for group in list(pending):
                try:
                    apply_changes(base, [*kept, *group])
                except InvalidModelError:
                    continue
                kept.extend(group)
                pending.remove(group)
                progress = True
        return pending

    left = admit(list(groups.values()))
    left = admit([[c] for group in left for c in group])
    return [c for c in changes if c in kept], [c for group in left for c in group]


def save_edits_as_scenario(
    base: Cooperation,
    current: Cooperation,
    edits: RecordableEdits,
    name: str,
    description: str | None = None,
) -> tuple[Cooperation, str]:
    """The base's values, ``current``'s scenarios and a new one recording ``edits``.

    Returns the new model and the new scenario's id (from its name, unique). The
    working model thus goes back to the base values; the edits live on as the
    scenario's changes.

    Raises:
        InvalidModelError: when the name is empty or the new scenario does not apply.

    """
    sid = scenario_id_for(name, (s.id for s in current.scenarios))
    data = _data(base)
    data["scenarios"] = [
        *(_scenario_data(s) for s in current.scenarios),
        _new_scenario(sid, name, description, [_change_data(c) for c in edits.changes]),
    ]
    return _checked(data, sid), sid


def add_scenario(
    coop: Cooperation, name: str, description: str | None = None, changes: Sequence[Data] = ()
) -> tuple[Cooperation, str]:
    """The model with one more scenario (id from the name, unique) and that id."""
    sid = scenario_id_for(name, (s.id for s in coop.scenarios))
    data = _data(coop)
    data["scenarios"].append(_new_scenario(sid, name, description, list(changes)))
    return _checked(data, sid), sid


def add_scenario_changes(
    coop: Cooperation, scenario_id: str, changes: Sequence[Data]
) -> Cooperation:
    """The model with ``changes`` (file data) added at the end of a scenario's changes.

    Raises:
        InvalidModelError: (ScenarioError) a path matches nothing or the scenario
            leaves the model invalid.

    """
    data = _data(coop)
    for s in data["scenarios"]:
        if s["id"] == scenario_id:
            s["changes"] = [*s["changes"], *changes]
    return _checked(data, scenario_id)


def ready_made_paths(coop: Cooperation, filter_id: str, actor: str = "") -> tuple[str, ...]:
    """The paths of a ready-made filter (:data:`READY_MADE`) that touch something in ``coop``.

    In :data:`READY_MADE`'s order; empty when none does.

    ``ready_made_paths(halle, "actor", "region")`` gives the amounts of the Region's
    revenue lines and of its money flows, when it has both.
    """
    paths = [p.replace("{actor}", actor) for p in READY_MADE[filter_id]]
    found = []
    for path in paths:
        try:
            change_targets(coop, path)
        except InvalidModelError:
            continue
        found.append(path)
    return tuple(found)


def scenario_with(coop: Cooperation, changes: Sequence[Change]) -> Scenario | None:
    """The first of ``coop``'s scenarios whose changes are exactly ``changes``, if any."""
    wanted = tuple(changes)
    return next((s for s in coop.scenarios if s.changes == wanted), None)


def rename_scenarios(coop: Cooperation, rows: Sequence[Mapping[str, Any]]) -> Cooperation:
    """Give scenarios the ``name`` and ``description`` of the row with their ``id``.

    A row without name is refused (a scenario needs one); a row without description
    removes it. Scenarios with no row are left as they are.
    """
    by_id = {str(r.get("id")): r for r in rows}
    data = _data(coop)
    for s in data["scenarios"]:
        row = by_id.get(s["id"])
        if row is None:
            continue
        s["name"] = row.get("name")
        if s["name"] is None:
            del s["name"]
        if row.get("description"):
            s["description"] = row["description"]
        else:
            s.pop("description", None)
    return validate_cooperation(data)


def delete_scenario(coop: Cooperation, scenario_id: str) -> Cooperation:
    """The model without the scenario ``scenario_id`` (the base is untouched)."""
    data = _data(coop)
    data["scenarios"] = [s for s in data["scenarios"] if s["id"] != scenario_id]
    return validate_cooperation(data)


def set_scenario_changes(
    coop: Cooperation, scenario_id: str, rows: Sequence[Mapping[str, Any]], lang: str = "fr"
) -> Cooperation:
    """Replace a scenario's changes by the table ``rows`` (see :func:`changes_from_rows`).

    Raises:
        InvalidModelError: a row is incomplete, or (ScenarioError) a path matches
            nothing or the scenario leaves the model invalid.

    """
    where = f"scenarios.{scenario_id}"
    changes = changes_from_rows(rows, where, lang)
    data = _data(coop)
    for s in data["scenarios"]:
        if s["id"] == scenario_id:
            s["changes"] = changes
    return _checked(data, scenario_id)


def change_rows(scenario: Scenario) -> list[Data]:
    """A scenario's changes as table rows: ``action`` (set/scale/leave), ``path``, ``value`` (text).

    A leave's row has the path ``members`` and the leaving members' ids as value,
    separated by commas.
    """
    return [_change_row(c) for c in scenario.changes]


def _change_row(c: Change) -> Data:
    if c.leave is not None:
        return {"action": "leave", "path": c.path, "value": ", ".join(c.leave)}
    if c.set is not None:
        return {"action": "set", "path": c.path, "value": value_text(c.value)}
    return {"action": "scale", "path": c.path, "value": value_text(c.by)}


def changes_from_rows(
    rows: Sequence[Mapping[str, Any]], where: str = "changes", lang: str = "fr"
) -> list[Data]:
    """Changes as file data from table rows (``action``, ``path``, ``value`` as text).

    Numbers are read in the table's language (``1 234,5`` in French, ``1,234.5`` in English).

    ``action`` defaults to ``set``; a ``set`` without value sets null (removes an
    optional field); a ``scale`` needs a number; a ``leave`` needs member ids (a list,
    or separated by commas) and no path.

    Raises:
        InvalidModelError: with one problem per incomplete row, at ``where.changes[i]``.

    """
    changes: list[Data] = []
    problems: list[Problem] = []
    for i, row in enumerate(rows):
        at = f"{where}.changes[{i}]"
        action = row.get("action") or "set"
        path = str(row.get("path") or "").strip()
        raw = row.get("value")
        value = parse_value(raw, lang) if isinstance(raw, str) else raw
        if action not in ACTIONS:
            problems.append(Problem(at, f"unknown action '{action}' (use set, scale or leave)"))
        elif action == "leave":
            members = _member_ids(value)
            if members:
                changes.append({"leave": members})
            else:
                problems.append(Problem(at, "leave needs the ids of the members who leave"))
        elif not path:
            problems.append(Problem(at, "a change needs a path, e.g. sharing.surplus"))
        elif action == "scale":
            if isinstance(value, bool) or not isinstance(value, int | float):
                problems.append(Problem(at, f"scale needs a number to multiply by, not {raw!r}"))
            else:
                changes.append({"scale": path, "by": float(value)})
        else:
            changes.append({"set": path, "value": value})
    if problems:
        raise InvalidModelError(problems)
    return changes


def _member_ids(value: Any) -> list[str]:
    """Member ids from a cell: a list, or text with ids separated by commas."""
    items = value if isinstance(value, list) else str(value or "").split(",")
    return [str(item).strip() for item in items if str(item).strip()]


def value_text(value: Any) -> str:
    """A change's value as editable text; :func:`parse_value` reads it back unchanged."""
    if isinstance(value, str):
        return value if parse_value(value) == value else json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return json.dumps(value, ensure_ascii=False)


def parse_value(text: str, lang: str = "fr") -> Any:
    """A value typed in a table cell, read back as data.

    A number in the language's format (``1 234,5`` in French, ``1,234.5`` in English),
    else JSON (``12.5``, ``true``, ``null``, ``"2024"``, ``["a", "b"]``), else the
    text itself (``equal``, a label).
    """
    stripped = text.strip()
    if lang == "en":
        if ENGLISH_NUMBER.match(stripped):
            return parse_value(stripped.replace(",", "").replace("−", "-"), "json")
    elif lang == "fr" and FRENCH_NUMBER.match(stripped):
        digits = re.sub(r"[\s\u202f\u00a0]", "", stripped).replace(",", ".").replace("−", "-")
        number = float(digits)
        return int(number) if number.is_integer() and "," not in stripped else number
    try:
        value = json.loads(stripped)
    except ValueError:
        return stripped
    if isinstance(value, float) and not math.isfinite(value):
        return stripped
    return value


def path_parts(coop: Cooperation, path: str) -> list[str]:
    """A change's path as readable parts: ids of members, actors and activities become names.

    ``activities.cafe-cantine.work.la-boucle.paid_hours`` gives
    ``["activities", "Café cantine", "work", "La Boucle", "paid_hours"]``. A filter is
    a part of its own, the party it names by its name:
    ``flows[from=region].amount_eur`` gives
    ``["flows", "[from=Région Nouvelle-Aquitaine]", "amount_eur"]``.
    """
    names = {m.id: m.name for m in coop.members}
    names |= {a.id: a.name for a in coop.actors}
    names |= {a.id: a.name for a in coop.activities}
    names[coop.shared_entity.id] = coop.shared_entity.name
    segments = path_segments(path)
    out: list[str] = []
    for i, seg in enumerate(segments):
        parent = segments[i - 1] if i else ""
        named = parent in ITEM_KEYS and ITEM_KEYS[parent] in ("id", "member")
        if seg.startswith("[") and seg.endswith("]"):
            field, equals, value = seg[1:-1].partition("=")
            named_value = names.get(value.strip(), value.strip())
            out.append(f"[{field.strip()}={named_value}]" if equals else seg)
        else:
            out.append(names.get(seg, seg) if named or parent == "weights" else seg)
    return out


def _ids(coop: Cooperation) -> set[str]:
    ids = {m.id for m in coop.members} | {a.id for a in coop.actors}
    return ids | {a.id for a in coop.activities}


def _data(coop: Cooperation) -> Data:
    data = coop.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["scenarios"] = [_scenario_data(s) for s in coop.scenarios]
    return data


def _scenario_data(s: Scenario) -> Data:
    # exclude_none would drop the value of a `set ... value: null` change
    out: Data = {"id": s.id, "name": s.name, "changes": [_change_data(c) for c in s.changes]}
    if s.description is not None:
        out["description"] = s.description
    return out


def _change_data(c: Change) -> Data:
    if c.leave is not None:
        return {"leave": list(c.leave)}
    if c.set is not None:
        return {"set": c.set, "value": c.value}
    return {"scale": c.scale, "by": c.by}


def _new_scenario(sid: str, name: str, description: str | None, changes: list[Data]) -> Data:
    out: Data = {"id": sid, "name": name.strip(), "changes": changes}
    if description and description.strip():
        out["description"] = description.strip()
    return out


def _checked(data: Data, scenario_id: str) -> Cooperation:
    """Validate ``data`` and apply the scenario ``scenario_id`` to make sure it works."""
    coop = validate_cooperation(data)
    apply_scenario(coop, scenario_id)
    return coop
