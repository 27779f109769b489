"""What changed between two versions of a model, in words (for history and conflicts)."""

from __future__ import annotations

from typing import Any

from bm3c.edit.cooperation import model_data
from bm3c.model import Cooperation

__all__ = ["describe_differences", "item_label"]

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

# the words of the sentences, by language (field names and ids stay as in the file)
WORDS = {
    "en": {"added": "added", "removed": "removed", "was": "was", "set to": "set to"},
    "fr": {"added": "ajouté", "removed": "supprimé", "was": "était", "set to": "mis à"},
}
NOUNS_FR = {
    "member": "structure",
    "actor": "acteur",
    "activity": "activité",
    "indicator": "indicateur",
    "scenario": "scénario",
    "revenue line": "ligne de recette",
    "cost line": "ligne de charge",
    "flow": "flux",
    "work of": "travail de",
}


def item_label(list_key: str, name: str, owner: str = "", lang: str = "en") -> str:
    """An item in words: ``member 'La Boucle'``, ``work of 'R3' on activity 'Café'`` (or French).

    ``list_key`` is the list the item is in (a key of :data:`ITEMS`), ``owner`` the
    label of the item that holds that list, if any.
    """
    noun = ITEMS[list_key][1]
    if lang == "fr":
        label = f"{NOUNS_FR[noun]} « {name} »"
        joint = " sur " if list_key == "work" else " de "
    else:
        label = f"{noun} '{name}'"
        joint = " on " if list_key == "work" else " of "
    return f"{label}{joint}{owner}" if owner else label


def describe_differences(before: Cooperation, after: Cooperation, lang: str = "en") -> list[str]:
    """One sentence per difference, e.g. ``member 'La Boucle': hourly_cost_eur 28 → 30``.

    Items are named by their display name where they have one; lists of plain
    values (``requires``) and settings are compared whole. The order follows the
    file. ``lang`` "fr" words the sentences in French (field names stay as they are).
    """
    names = {m.id: m.name for m in (*before.members, *after.members)}
    names |= {a.id: a.name for a in (*before.actors, *after.actors)}
    names |= {a.id: a.name for a in (*before.activities, *after.activities)}
    names |= {s.id: s.name for s in (*before.scenarios, *after.scenarios)}
    names[after.shared_entity.id] = after.shared_entity.name
    found: list[str] = []
    _walk(model_data(before), model_data(after), "", None, names, found, lang)
    return found


def _show(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, str) else str(value)


def _walk(
    old: Any,
    new: Any,
    where: str,
    list_key: str | None,
    names: dict[str, str],
    found: list[str],
    lang: str,
) -> None:
    prefix = f"{where}: " if where else ""
    words = WORDS.get(lang, WORDS["en"])
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            if key not in new:
                found.append(f"{prefix}{key} {words['removed']} ({words['was']} {_show(old[key])})")
            elif key not in old:
                found.append(f"{prefix}{key} {words['set to']} {_show(new[key])}")
            elif key in ITEMS and isinstance(old[key], list):
                _walk_items(old[key], new[key], where, key, names, found, lang)
            elif old[key] != new[key]:
                if isinstance(old[key], dict) and isinstance(new[key], dict):
                    inner = f"{where} {key}".strip() if where else key
                    _walk(old[key], new[key], inner, None, names, found, lang)
                else:
                    found.append(f"{prefix}{key} {_show(old[key])} → {_show(new[key])}")


def _walk_items(
    old: list[Any],
    new: list[Any],
    where: str,
    key: str,
    names: dict[str, str],
    found: list[str],
    lang: str,
) -> None:
    field = ITEMS[key][0]
    words = WORDS.get(lang, WORDS["en"])
    before = {item[field]: item for item in old}
    after = {item[field]: item for item in new}
    for name, item in after.items():
        label = item_label(key, names.get(name, name), where, lang)
        if name not in before:
            found.append(f"{label} {words['added']}")
        elif item != before[name]:
            _walk(before[name], item, label, key, names, found, lang)
    for name in before:
        if name not in after:
            found.append(
                f"{item_label(key, names.get(name, name), where, lang)} {words['removed']}"
            )
