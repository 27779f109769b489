"""What changed between two versions of a model, in words (for history and conflicts)."""

from __future__ import annotations

from typing import Any

from bm3c.edit import model_data
from bm3c.model import Cooperation

__all__ = ["describe_differences"]

# list key -> (field that names an item, how one item is called)
ITEMS = {
    "members": ("id", "member"),
    "actors": ("id", "actor"),
    "activities": ("id", "activity"),
    "indicators": ("id", "indicator"),
    "scenarios": ("id", "scenario"),
    "revenues": ("label", "revenue line"),
    "costs": ("label", "cost line"),
    "flows": ("label", "flow"),
    "work": ("member", "work of"),
}


def describe_differences(before: Cooperation, after: Cooperation) -> list[str]:
    """One sentence per difference, e.g. ``member 'La Boucle': hourly_cost_eur 28 → 30``.

    Items are named by their display name where they have one; lists of plain
    values (``requires``) and settings are compared whole. The order follows the file.
    """
    names = {m.id: m.name for m in (*before.members, *after.members)}
    names |= {a.id: a.name for a in (*before.actors, *after.actors)}
    names |= {a.id: a.name for a in (*before.activities, *after.activities)}
    names |= {s.id: s.name for s in (*before.scenarios, *after.scenarios)}
    names[after.shared_entity.id] = after.shared_entity.name
    found: list[str] = []
    _walk(model_data(before), model_data(after), "", None, names, found)
    return found


def _show(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, str) else str(value)


def _walk(
    old: Any, new: Any, where: str, list_key: str | None, names: dict[str, str], found: list[str]
) -> None:
    prefix = f"{where}: " if where else ""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            if key not in new:
                found.append(f"{prefix}{key} removed (was {_show(old[key])})")
            elif key not in old:
                found.append(f"{prefix}{key} set to {_show(new[key])}")
            elif key in ITEMS and isinstance(old[key], list):
                _walk_items(old[key], new[key], where, key, names, found)
            elif old[key] != new[key]:
                if isinstance(old[key], dict) and isinstance(new[key], dict):
                    inner = f"{where} {key}".strip() if where else key
                    _walk(old[key], new[key], inner, None, names, found)
                else:
                    found.append(f"{prefix}{key} {_show(old[key])} → {_show(new[key])}")


def _walk_items(
    old: list[Any], new: list[Any], where: str, key: str, names: dict[str, str], found: list[str]
) -> None:
    field, noun = ITEMS[key]
    before = {item[field]: item for item in old}
    after = {item[field]: item for item in new}
    of = (f" on {where}" if key == "work" else f" of {where}") if where else ""
    for name, item in after.items():
        label = f"{noun} '{names.get(name, name)}'"
        if name not in before:
            found.append(f"{label}{of} added")
        elif item != before[name]:
            _walk(before[name], item, f"{label}{of}", key, names, found)
    for name in before:
        if name not in after:
            found.append(f"{noun} '{names.get(name, name)}'{of} removed")
