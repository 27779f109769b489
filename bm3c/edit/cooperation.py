"""Edits of a cooperation, as pure functions: each returns a new, validated model.

The app calls these; every one raises :class:`~bm3c.errors.InvalidModelError`
(with located problems) instead of producing an invalid model, so an edit is
either applied whole or refused with a message.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from bm3c.engine.scenarios import ITEM_KEYS
from bm3c.model import Change, Cooperation
from bm3c.model.validation import edit_data, model_data

__all__ = [
    "apply_table_edits",
    "changes_between",
    "edit_data",
    "model_data",
    "references_to",
    "remove_party",
    "rename_id",
    "replace_list",
    "set_work",
]

Data = dict[str, Any]


def replace_list(coop: Cooperation, path: Sequence[str | int], rows: list[Data]) -> Cooperation:
    """Replace the list at ``path`` (e.g. ``["activities", 2, "revenues"]``) by ``rows``."""

    def mutate(data: Data) -> None:
        node: Any = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = rows

    return edit_data(coop, mutate)


def apply_table_edits(rows: Sequence[Mapping[str, Any]], edits: Mapping[str, Any]) -> list[Data]:
    """Rows after a table editor's pending edits, as Streamlit's data_editor reports them.

    ``edits`` holds ``edited_rows`` ({position: {column: value}}), ``added_rows``
    ([{column: value}]) and ``deleted_rows`` ([position]), positions referring to
    ``rows``. Cells set to None or "" are removed from the row, so optional fields
    fall back to their defaults.
    """
    out = [dict(r) for r in rows]
    for position, changes in (edits.get("edited_rows") or {}).items():
        row = out[int(position)]
        for column, value in changes.items():
            row[column] = value
    deleted = {int(p) for p in edits.get("deleted_rows") or []}
    out = [row for i, row in enumerate(out) if i not in deleted]
    out += [dict(r) for r in edits.get("added_rows") or []]
    return [{k: v for k, v in row.items() if not _blank(v)} for row in out]


def _blank(value: Any) -> bool:
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    return isinstance(value, float) and value != value  # NaN from an emptied number cell


def set_work(
    coop: Cooperation,
    activity_id: str,
    member_id: str,
    paid_hours: float,
    volunteer_hours: float,
    reimbursed: bool | None = None,
) -> Cooperation:
    """Set one member's hours on one activity; zero hours remove its work line."""

    def mutate(data: Data) -> None:
        activity = next(a for a in data["activities"] if a["id"] == activity_id)
        lines = activity.setdefault("work", [])
        line = next((w for w in lines if w["member"] == member_id), None)
        if paid_hours == 0 and volunteer_hours == 0:
            activity["work"] = [w for w in lines if w["member"] != member_id]
            return
        if line is None:
            line = {"member": member_id}
            lines.append(line)
        line["paid_hours"] = float(paid_hours)
        line["volunteer_hours"] = float(volunteer_hours)
        if reimbursed is not None:
            line["reimbursed"] = reimbursed
        if paid_hours == 0:
            line["reimbursed"] = False

    return edit_data(coop, mutate)


def references_to(coop: Cooperation, ident: str) -> list[str]:
    """Where a member, actor or shared-entity id is used, in ``path`` form."""
    found: list[str] = []
    for a in coop.activities:
        if a.carrier == ident:
            found.append(f"activities.{a.id}.carrier")
        found += [f"activities.{a.id}.revenues.{r.label}" for r in a.revenues if r.payer == ident]
        found += [f"activities.{a.id}.costs.{c.label}" for c in a.costs if c.payee == ident]
        found += [f"activities.{a.id}.work.{w.member}" for w in a.work if w.member == ident]
        if a.requires and ident in a.requires:
            found.append(f"activities.{a.id}.requires")
    found += [f"flows.{f.label}" for f in coop.flows if ident in (f.source, f.target)]
    if coop.sharing.weights and ident in coop.sharing.weights:
        found.append(f"sharing.weights.{ident}")
    if ident in coop.opening_cash_eur:
        found.append(f"opening_cash_eur.{ident}")
    found += [f"investments.{i.id}" for i in coop.investments if ident in (i.carrier, i.grantor)]
    found += [
        f"scenarios.{s.id}"
        for s in coop.scenarios
        if any(_change_names(c, ident) for c in s.changes)
    ]
    return found


def rename_id(coop: Cooperation, old: str, new: str) -> Cooperation:
    """Give a member, actor, activity or the shared entity a new id, everywhere."""

    def swap(value: Any) -> Any:
        return new if value == old else value

    def mutate(data: Data) -> None:
        if data["shared_entity"]["id"] == old:
            data["shared_entity"]["id"] = new
        for key in ("members", "actors", "activities"):
            for item in data.get(key, []):
                item["id"] = swap(item["id"])
        for a in data.get("activities", []):
            a["carrier"] = swap(a["carrier"])
            for line in a.get("revenues", []):
                line["from"] = swap(line.get("from"))
            for line in a.get("costs", []):
                line["to"] = swap(line.get("to"))
            for w in a.get("work", []):
                w["member"] = swap(w["member"])
            if "requires" in a:
                a["requires"] = [swap(m) for m in a["requires"]]
        for f in data.get("flows", []):
            f["from"], f["to"] = swap(f["from"]), swap(f["to"])
        weights = data.get("sharing", {}).get("weights")
        if weights and old in weights:
            weights[new] = weights.pop(old)
        cash = data.get("opening_cash_eur")
        if cash and old in cash:
            cash[new] = cash.pop(old)
        for i in data.get("investments", []):
            i["carrier"], i["from"] = swap(i["carrier"]), swap(i.get("from"))
        for s in data.get("scenarios", []):
            for c in s.get("changes", []):
                if "leave" in c:
                    c["leave"] = [swap(m) for m in _leaving(c)]
                for key in ("set", "scale"):
                    if key in c:
                        c[key] = ".".join(swap(p) for p in c[key].split("."))
                if "set" in c and _names_an_id(c["set"]):
                    value = c.get("value")
                    c["value"] = (
                        [swap(v) for v in value] if isinstance(value, list) else swap(value)
                    )

    return edit_data(coop, mutate)


ID_FIELDS = frozenset({"carrier", "from", "to", "member", "requires"})


def _names_an_id(path: str) -> bool:
    """True when a change at ``path`` sets an id (a carrier, a payer, a member...)."""
    return path.rsplit(".", 1)[-1] in ID_FIELDS


def _change_names(change: Mapping[str, Any] | Change, ident: str) -> bool:
    """True when a scenario change addresses ``ident`` or sets it as a value."""
    if isinstance(change, Change):
        if change.leave is not None:
            return ident in change.leave
        path, value = change.path, change.value if change.set is not None else None
    else:
        if "leave" in change:
            return ident in _leaving(change)
        path = str(change.get("set") or change.get("scale"))
        value = change.get("value") if "set" in change else None
    if ident in path.split("."):
        return True
    if not _names_an_id(path):
        return False
    return ident in value if isinstance(value, list) else value == ident


def _leaving(change: Mapping[str, Any]) -> list[str]:
    """The members a ``leave`` change (as data) takes out: one id or a list."""
    leave = change.get("leave")
    return [leave] if isinstance(leave, str) else list(leave or [])


def remove_party(coop: Cooperation, ident: str) -> Cooperation:
    """Remove a member or actor and everything that refers to it.

    Its own activities, its work lines, the lines and flows it pays or receives,
    its weight, its opening cash, the investments it carries or grants and its
    place in ``requires`` go; scenario changes that name it are dropped (a
    ``leave`` of several members loses only it).
    """

    def mutate(data: Data) -> None:
        gone = {ident} | {a["id"] for a in data.get("activities", []) if a["carrier"] == ident}
        data["members"] = [m for m in data["members"] if m["id"] != ident]
        data["actors"] = [a for a in data.get("actors", []) if a["id"] != ident]
        kept = []
        for a in data.get("activities", []):
            if a["carrier"] == ident:
                continue
            a["revenues"] = [r for r in a.get("revenues", []) if r.get("from") != ident]
            a["costs"] = [c for c in a.get("costs", []) if c.get("to") != ident]
            a["work"] = [w for w in a.get("work", []) if w["member"] != ident]
            if "requires" in a:
                a["requires"] = [m for m in a["requires"] if m != ident]
                if not a["requires"]:
                    del a["requires"]
            kept.append(a)
        data["activities"] = kept
        data["flows"] = [f for f in data.get("flows", []) if ident not in (f["from"], f["to"])]
        weights = data.get("sharing", {}).get("weights")
        if weights:
            weights.pop(ident, None)
        (data.get("opening_cash_eur") or {}).pop(ident, None)
        data["investments"] = [
            i for i in data.get("investments", []) if ident not in (i["carrier"], i.get("from"))
        ]
        for s in data.get("scenarios", []):
            for c in s.get("changes", []):
                if "leave" in c:  # the others still leave; a change left empty goes below
                    c["leave"] = [m for m in _leaving(c) if m != ident]
            s["changes"] = [
                c
                for c in s.get("changes", [])
                if not any(_change_names(c, g) for g in gone) and c.get("leave", True)
            ]

    return edit_data(coop, mutate)


def changes_between(base: Cooperation, current: Cooperation) -> tuple[list[Change], list[str]]:
    """Scenario changes that turn ``base`` into ``current``, and what they cannot express.

    Values are recorded as ``set`` changes on id-, label- and member-addressed paths;
    work lines added or removed become hours set (to 0 when removed). Members,
    actors, activities, lines or flows added or removed cannot be written as
    changes: they are listed in the second result, as paths.
    """
    changes: list[Change] = []
    lost: list[str] = []
    before, after = model_data(base), model_data(current)
    before.pop("scenarios", None)
    after.pop("scenarios", None)
    _diff(before, after, [], changes, lost)
    return changes, lost


def _diff(b: Any, c: Any, path: list[str], changes: list[Change], lost: list[str]) -> None:
    here = ".".join(path)
    if isinstance(b, dict) and isinstance(c, dict):
        for key in [*b, *(k for k in c if k not in b)]:
            if key not in c:
                changes.append(Change(set=".".join([*path, key]), value=None))
            elif key not in b:
                changes.append(Change(set=".".join([*path, key]), value=c[key]))
            else:
                _diff(b[key], c[key], [*path, key], changes, lost)
        return
    field = ITEM_KEYS.get(path[-1]) if path else None
    if isinstance(b, list) and isinstance(c, list) and field is not None:
        old = {item[field]: item for item in b}
        new = {item[field]: item for item in c}
        for name, item in new.items():
            if name in old:
                _diff(old[name], item, [*path, str(name)], changes, lost)
            elif field == "member":
                for key in ("paid_hours", "volunteer_hours", "reimbursed"):
                    changes.append(Change(set=f"{here}.{name}.{key}", value=item.get(key, 0)))
            else:
                lost.append(f"{here}.{name} (added)")
        for name in old.keys() - new.keys():
            if field == "member":
                for key in ("paid_hours", "volunteer_hours"):
                    changes.append(Change(set=f"{here}.{name}.{key}", value=0))
            else:
                lost.append(f"{here}.{name} (removed)")
        return
    if b != c:
        changes.append(Change(set=here, value=c))


def copy_changes(changes: Sequence[Change]) -> list[Data]:
    """Changes as plain data (for storing them back into a scenario)."""
    return [copy.deepcopy(c.model_dump(exclude_none=True)) for c in changes]
