"""What changed between two versions of a model, in words (for history and conflicts)."""

from __future__ import annotations

from typing import Any

from bm3c.edit.cooperation import model_data
from bm3c.model import Cooperation
from bm3c.texts.field_words import field_label, value_words

__all__ = ["describe_differences", "item_label", "model_names"]

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
    "investments": ("id", "investment"),
}

# the words of the sentences, by language; French participles agree with the noun
WORDS = {
    "en": {
        "added": "added",
        "removed": "removed",
        "set": "{field} set: {value}",
        "cleared": "{field} cleared (was: {value})",
        "changed": "{field}: {old} → {new}",
        "item": "{noun} '{name}'",
        "on": " on ",
        "of": " of ",
        "then": ", ",
    },
    "fr": {
        "added": "ajouté",
        "removed": "supprimé",
        "set": "{field} renseigné : {value}",
        "cleared": "{field} effacé (était : {value})",
        "changed": "{field} : {old} → {new}",
        "item": "{noun} « {name} »",
        "on": " sur ",
        "of": " de ",
        "then": ", ",
    },
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
    "investment": "investissement",
}
FEMININE_FR = frozenset({"member", "activity", "revenue line", "cost line"})


def item_label(list_key: str, name: str, owner: str = "", lang: str = "en") -> str:
    """An item in words: ``member 'La Boucle'``, ``work of 'R3' on activity 'Café'`` (or French).

    ``list_key`` is the list the item is in (a key of :data:`ITEMS`), ``owner`` the
    label of the item that holds that list, if any.
    """
    noun = ITEMS[list_key][1]
    words = WORDS.get(lang, WORDS["en"])
    label = words["item"].format(noun=NOUNS_FR[noun] if lang == "fr" else noun, name=name)
    joint = words["on"] if list_key == "work" else words["of"]
    if lang == "fr" and owner.startswith("activité"):
        joint += "l'"  # « de l'activité », « sur l'activité »
        return f"{label}{joint}{owner}"
    return f"{label}{joint}{owner}" if owner else label


def _participle(list_key: str, word: str, lang: str) -> str:
    """« ajouté », « ajoutée » (a structure, an activity, a line): French agreement."""
    participle = WORDS.get(lang, WORDS["en"])[word]
    return participle + "e" if lang == "fr" and ITEMS[list_key][1] in FEMININE_FR else participle


def describe_differences(before: Cooperation, after: Cooperation, lang: str = "en") -> list[str]:
    """One sentence per difference, e.g. « structure « La Boucle », coût horaire : 28 € → 30 € ».

    Items are named by their display name where they have one, fields by their
    label and values as money, hours, shares or names
    (:mod:`bm3c.texts.field_words`); lists of plain values (``requires``) and
    settings are compared whole. The order follows the file.
    """
    names = model_names(before, after, lang=lang)
    found: list[str] = []
    words = _Words(names, lang, after.currency)
    _walk(model_data(before), model_data(after), "", words, found)
    return found


def model_names(*models: Cooperation, lang: str = "fr") -> dict[str, str]:
    """Display names by id (members, actors, activities, scenarios, investments, indicators).

    A later model's names win.

    Indicators (impact keys) read by their label in ``lang``.
    """
    names: dict[str, str] = {}
    for model in models:
        names |= {m.id: m.name for m in model.members}
        names |= {a.id: a.name for a in model.actors}
        names |= {a.id: a.name for a in model.activities}
        names |= {s.id: s.name for s in model.scenarios}
        names |= {inv.id: inv.label for inv in model.investments}
        names |= {i.id: i.label_fr if lang == "fr" else i.label_en for i in model.indicators}
        names[model.shared_entity.id] = model.shared_entity.name
    return names


class _Words:
    """How one comparison words fields and values."""

    def __init__(self, names: dict[str, str], lang: str, currency: str) -> None:
        self.names, self.lang, self.currency = names, lang, currency
        self.words = WORDS.get(lang, WORDS["en"])

    def field(self, key: str) -> str:
        """A field's label, or the name of the id keying a mapping (weights, impacts)."""
        return self.names[key] if key in self.names else field_label(key, self.lang)

    def value(self, key: str, value: Any) -> str:
        return value_words(key, value, self.lang, self.currency, self.names)

    def at(self, where: str, text: str) -> str:
        return f"{where}{self.words['then']}{text}" if where else text


def _walk(old: Any, new: Any, where: str, w: _Words, found: list[str]) -> None:
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return
    for key in [*old, *(k for k in new if k not in old)]:
        field = w.field(key)
        if key not in new:
            found.append(
                w.at(where, w.words["cleared"].format(field=field, value=w.value(key, old[key])))
            )
        elif key not in old:
            found.append(
                w.at(where, w.words["set"].format(field=field, value=w.value(key, new[key])))
            )
        elif key in ITEMS and isinstance(old[key], list):
            _walk_items(old[key], new[key], where, key, w, found)
        elif old[key] != new[key]:
            if isinstance(old[key], dict) and isinstance(new[key], dict):
                inner = f"{where} › {field}" if where else field
                _walk(old[key], new[key], inner, w, found)
            else:
                found.append(
                    w.at(
                        where,
                        w.words["changed"].format(
                            field=field, old=w.value(key, old[key]), new=w.value(key, new[key])
                        ),
                    )
                )


def _walk_items(
    old: list[Any], new: list[Any], where: str, key: str, w: _Words, found: list[str]
) -> None:
    field = ITEMS[key][0]
    before = {item[field]: item for item in old}
    after = {item[field]: item for item in new}
    for name, item in after.items():
        label = item_label(key, w.names.get(name, name), where, w.lang)
        if name not in before:
            found.append(f"{label} {_participle(key, 'added', w.lang)}")
        elif item != before[name]:
            _walk(before[name], item, label, w, found)
    for name in before:
        if name not in after:
            label = item_label(key, w.names.get(name, name), where, w.lang)
            found.append(f"{label} {_participle(key, 'removed', w.lang)}")
