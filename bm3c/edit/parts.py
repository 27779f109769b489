"""Pure edits of a model's parts: members, actors, the shared entity, activities and their lines.

Each function returns a new, validated model or raises
:class:`~bm3c.errors.InvalidModelError` with located problems, like
:mod:`bm3c.edit.cooperation`, on which it builds. Edits that could leave a scenario
pointing at nothing either carry the scenario along (a renamed line) or are
refused with the scenario's problem (see :func:`keep_scenarios_valid`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel

from bm3c.edit.cooperation import Data, edit_data, references_to
from bm3c.engine.scenarios import check_scenarios
from bm3c.errors import InvalidModelError, Problem
from bm3c.model import MARKET, Activity, Cooperation, CostLine, RevenueLine
from bm3c.model.parts import FUNDER_KINDS

__all__ = [
    "ACTOR_FIELDS",
    "LINE_FIELDS",
    "MEMBER_FIELDS",
    "Side",
    "add_activity",
    "add_actor",
    "add_member",
    "free_id",
    "keep_scenarios_valid",
    "line_rows",
    "part_rows",
    "references_by_kind",
    "remove_activity",
    "replace_flows",
    "replace_lines",
    "scenario_changes_naming",
    "set_shared_entity",
    "slugify",
    "taken_ids",
    "update_activity",
    "update_actors",
    "update_members",
]

Side = Literal["revenues", "costs"]

MEMBER_FIELDS = (
    "id",
    "name",
    "legal_form",
    "hourly_cost_eur",
    "capacity_hours",
    "volunteer_hour_value_eur",
    "description",
)
ACTOR_FIELDS = ("id", "name", "kind", "max_rate", "counts_volunteering", "description")
LINE_FIELDS: dict[Side, tuple[str, ...]] = {
    "revenues": (
        "label",
        "amount_eur",
        "quantity",
        "unit_price_eur",
        "kind",
        "account",
        "from",
        "description",
    ),
    "costs": (
        "label",
        "amount_eur",
        "quantity",
        "unit_price_eur",
        "kind",
        "account",
        "to",
        "description",
    ),
}
NUMBERS = frozenset(
    {
        "hourly_cost_eur",
        "capacity_hours",
        "volunteer_hour_value_eur",
        "amount_eur",
        "quantity",
        "unit_price_eur",
        "reserve_fraction",
        "max_rate",
    }
)


def slugify(text: str) -> str:
    """A lowercase id from a name: ``"Café Cantine !"`` → ``"cafe-cantine"`` (may be empty)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60]


def taken_ids(coop: Cooperation) -> set[str]:
    """Ids in use: members, shared entity, actors, activities, and the reserved ``market``."""
    return {
        coop.shared_entity.id,
        MARKET,
        *(m.id for m in coop.members),
        *(a.id for a in coop.actors),
        *(a.id for a in coop.activities),
    }


def free_id(coop: Cooperation, name: str, fallback: str = "new") -> str:
    """An unused id made from ``name``: its slug, then ``slug-2``, ``slug-3``... when taken."""
    base = slugify(name) or fallback
    taken = taken_ids(coop)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _clean(row: Mapping[str, Any], fields: Sequence[str]) -> Data:
    """The row's model fields only; blanks dropped (defaults apply), numbers as floats."""
    out: Data = {}
    for key in fields:
        value = row.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if isinstance(value, float) and value != value:  # NaN: an emptied number cell
            continue
        if key in NUMBERS and isinstance(value, int | float) and not isinstance(value, bool):
            value = float(value)
        elif isinstance(value, str):
            value = value.strip()
        out[key] = value
    return out


def _refuse(path: str, message: str) -> InvalidModelError:
    return InvalidModelError([Problem(path, message)])


def add_member(coop: Cooperation, fields: Mapping[str, Any]) -> Cooperation:
    """Append a member. When the model has sharing weights, the new member gets weight 0.

    ``fields`` holds file keys (id, name, hourly_cost_eur...); a blank id is made
    from the name (:func:`free_id`).
    """
    member = _clean(fields, MEMBER_FIELDS)
    if "id" not in member:
        member["id"] = free_id(coop, str(member.get("name", "")), "member")

    def mutate(data: Data) -> None:
        data["members"].append(member)
        weights = data.get("sharing", {}).get("weights")
        if weights is not None:
            weights[member["id"]] = 0.0

    return edit_data(coop, mutate)


def update_members(coop: Cooperation, rows: Sequence[Mapping[str, Any]]) -> Cooperation:
    """The members' fields from table rows, one per member in model order, ids unchanged.

    Raises:
        InvalidModelError: when a row is added, removed or has another id (those
            go through :func:`add_member`, :func:`~bm3c.edit.cooperation.remove_party` and
            :func:`~bm3c.edit.cooperation.rename_id`, which carry every reference along).

    """
    _check_same_ids("members", [m.id for m in coop.members], rows)
    return edit_data(coop, lambda d: d.update(members=[_clean(r, MEMBER_FIELDS) for r in rows]))


def add_actor(coop: Cooperation, fields: Mapping[str, Any]) -> Cooperation:
    """Append an external actor; a blank id is made from its name."""
    actor = _clean(fields, ACTOR_FIELDS)
    if "id" not in actor:
        actor["id"] = free_id(coop, str(actor.get("name", "")), "actor")
    return edit_data(coop, lambda d: d.setdefault("actors", []).append(actor))


def update_actors(coop: Cooperation, rows: Sequence[Mapping[str, Any]]) -> Cooperation:
    """The actors' fields from table rows, one per actor in model order, ids unchanged."""
    _check_same_ids("actors", [a.id for a in coop.actors], rows)
    actors = [_clean(r, ACTOR_FIELDS) for r in rows]
    for actor in actors:  # a cap and counted volunteering are a funder's terms only
        if actor.get("kind", "other") not in FUNDER_KINDS:
            actor.pop("max_rate", None)
            actor.pop("counts_volunteering", None)
    return edit_data(coop, lambda d: d.update(actors=actors))


def _check_same_ids(where: str, ids: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> None:
    given = [str(r.get("id")) for r in rows]
    if given != list(ids):
        raise _refuse(
            where,
            "rows cannot be added, removed or given another id in this table: "
            "use the add, remove or change-id forms, which update every reference",
        )


def set_shared_entity(coop: Cooperation, fields: Mapping[str, Any]) -> Cooperation:
    """Change the shared entity's name, legal form, reserve fraction or description.

    Keys of ``fields`` that are given replace the current values; a blank text
    removes an optional field. The id changes only through ``rename_id``.
    """
    editable = ("name", "legal_form", "reserve_fraction", "description")

    def mutate(data: Data) -> None:
        entity = data["shared_entity"]
        for key in editable:
            if key not in fields:
                continue
            entity.pop(key, None)
            entity.update(_clean({key: fields[key]}, (key,)))

    return edit_data(coop, mutate)


def add_activity(coop: Cooperation, activity_id: str, name: str, carrier: str) -> Cooperation:
    """Append an activity with no lines and no work; a blank id is made from its name."""
    ident = activity_id.strip() or free_id(coop, name, "activity")
    activity = _clean({"id": ident, "name": name, "carrier": carrier}, ("id", "name", "carrier"))
    return edit_data(coop, lambda d: d["activities"].append(activity))


def update_activity(
    coop: Cooperation, activity_id: str, name: str, carrier: str, description: str | None
) -> Cooperation:
    """Change an activity's name, carrier and description (blank description: none)."""

    def mutate(data: Data) -> None:
        activity = _activity(data, activity_id)
        activity["name"] = name.strip()  # a blank name is refused by validation
        activity["carrier"] = carrier
        activity.pop("description", None)
        if description and description.strip():
            activity["description"] = description.strip()

    return keep_scenarios_valid(coop, edit_data(coop, mutate))


def scenario_changes_naming(coop: Cooperation, ident: str) -> list[str]:
    """Scenario changes whose path names ``ident``, as ``"scenario-id: path"``."""
    return [
        f"{s.id}: {c.path}" for s in coop.scenarios for c in s.changes if ident in c.path.split(".")
    ]


def remove_activity(coop: Cooperation, activity_id: str) -> Cooperation:
    """Delete an activity, and the scenario changes that name it."""

    def mutate(data: Data) -> None:
        data["activities"] = [a for a in data["activities"] if a["id"] != activity_id]
        for s in data.get("scenarios", []):
            s["changes"] = [
                c
                for c in s.get("changes", [])
                if activity_id not in str(c.get("set") or c.get("scale")).split(".")
            ]

    return keep_scenarios_valid(coop, edit_data(coop, mutate))


def replace_lines(
    coop: Cooperation, activity_id: str, side: Side, rows: Sequence[Mapping[str, Any]]
) -> Cooperation:
    """An activity's revenue (or cost) lines from table rows.

    A single relabelled line (same number of lines, one label gone and one new)
    keeps its scenario changes: their paths follow the new label. Otherwise an
    edit that leaves a scenario change pointing at nothing is refused. What the
    table does not show of a line (its ``apart`` policies, its payment timing)
    stays with it.
    """
    lines = [_clean(r, LINE_FIELDS[side]) for r in rows]
    old = [line.label for line in _lines(_find(coop, activity_id), side)]
    relabel = _single_relabel(old, [str(line.get("label", "")) for line in lines])

    def mutate(data: Data) -> None:
        before = {line["label"]: line for line in _activity(data, activity_id).get(side, [])}
        for line in lines:
            label = str(line.get("label", ""))
            was = before.get(relabel[0] if relabel and label == relabel[1] else label, {})
            for key, value in was.items():
                if key not in LINE_FIELDS[side]:
                    line.setdefault(key, value)
        _activity(data, activity_id)[side] = lines
        _move_scenario_paths(data, f"activities.{activity_id}.{side}", relabel)

    return keep_scenarios_valid(coop, edit_data(coop, mutate))


def replace_flows(coop: Cooperation, rows: Sequence[Mapping[str, Any]]) -> Cooperation:
    """The model's flows from table rows; scenario changes follow a single relabelled flow.

    An edit that leaves a scenario change pointing at nothing is refused.
    """
    flows = [{k: v for k, v in r.items() if v is not None} for r in rows]
    relabel = _single_relabel(
        [f.label for f in coop.flows], [str(f.get("label", "")) for f in flows]
    )

    def mutate(data: Data) -> None:
        data["flows"] = flows
        _move_scenario_paths(data, "flows", relabel)

    return keep_scenarios_valid(coop, edit_data(coop, mutate))


def _single_relabel(old: Sequence[str], new: Sequence[str]) -> tuple[str, str] | None:
    """(old label, new label) when exactly one item of a list was relabelled."""
    gone, came = set(old) - set(new), set(new) - set(old)
    if len(old) == len(new) and len(gone) == len(came) == 1:
        return gone.pop(), came.pop()
    return None


def _move_scenario_paths(data: Data, prefix: str, relabel: tuple[str, str] | None) -> None:
    """Make scenario changes under ``prefix.<old label>.`` follow the new label."""
    if relabel is None:
        return
    before, after = f"{prefix}.{relabel[0]}.", f"{prefix}.{relabel[1]}."
    for s in data.get("scenarios", []):
        for c in s.get("changes", []):
            for key in ("set", "scale"):
                if key in c and str(c[key]).startswith(before):
                    c[key] = after + str(c[key])[len(before) :]


def keep_scenarios_valid(before: Cooperation, after: Cooperation) -> Cooperation:
    """``after``, unless it breaks a scenario that applied cleanly to ``before``.

    Raises:
        InvalidModelError: with the new scenario problems, located by scenario.

    """
    if not after.scenarios:
        return after
    known = set(check_scenarios(before))
    new = [p for p in check_scenarios(after) if p not in known]
    if new:
        raise InvalidModelError(new)
    return after


def references_by_kind(coop: Cooperation, ident: str) -> dict[str, list[str]]:
    """What refers to a member or actor, grouped and named for people.

    Kinds: ``carries`` (activity names), ``lines`` ("activity — label"),
    ``work`` and ``requires`` (activity names), ``flows`` (labels), ``weight`` (its name),
    ``scenarios`` (scenario names). Kinds with nothing are left out.
    """
    names = {a.id: a.name for a in coop.activities}
    scenarios = {s.id: s.name for s in coop.scenarios}
    grouped: dict[str, list[str]] = {}
    for path in references_to(coop, ident):
        head, _, rest = path.partition(".")
        if head == "activities":
            activity, _, tail = rest.partition(".")
            what, _, label = tail.partition(".")
            if what in ("revenues", "costs"):
                grouped.setdefault("lines", []).append(f"{names[activity]} — {label}")
            else:
                kind = {"carrier": "carries", "work": "work", "requires": "requires"}[what]
                grouped.setdefault(kind, []).append(names[activity])
        elif head == "flows":
            grouped.setdefault("flows", []).append(rest)
        elif head == "sharing":
            party = {m.id: m.name for m in coop.members} | {a.id: a.name for a in coop.actors}
            grouped.setdefault("weight", []).append(party.get(ident, ident))  # its name
        else:
            grouped.setdefault("scenarios", []).append(scenarios.get(rest, rest))
    return grouped


def _find(coop: Cooperation, activity_id: str) -> Activity:
    for a in coop.activities:
        if a.id == activity_id:
            return a
    raise _refuse(f"activities.{activity_id}", f"unknown activity '{activity_id}'")


def _lines(activity: Activity, side: Side) -> tuple[RevenueLine | CostLine, ...]:
    return activity.revenues if side == "revenues" else activity.costs


def _activity(data: Data, activity_id: str) -> Data:
    activity: Data = next(a for a in data["activities"] if a["id"] == activity_id)
    return activity


def part_rows(parts: Sequence[BaseModel], fields: Sequence[str]) -> list[Data]:
    """Rows of model parts for a table editor: every field, file keys, blanks as blanks.

    A missing number is NaN (an empty number cell, never the text "None"); a missing
    text is None. :func:`_clean` drops both when the rows come back.
    """
    rows = []
    for part in parts:
        data = part.model_dump(mode="json", by_alias=True)
        rows.append(
            {f: math.nan if data.get(f) is None and f in NUMBERS else data.get(f) for f in fields}
        )
    return rows


def line_rows(coop: Cooperation, activity_id: str, side: Side) -> list[Data]:
    """An activity's revenue (or cost) lines as table rows (:func:`part_rows`), with totals."""
    lines = _lines(_find(coop, activity_id), side)
    return [
        row | {"total_eur": line.total_eur}
        for row, line in zip(part_rows(lines, LINE_FIELDS[side]), lines, strict=True)
    ]
