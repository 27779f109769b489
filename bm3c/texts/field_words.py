"""The model's fields and paths in words, in French or English.

A reader of the app never sees a file key: ``hourly_cost_eur`` reads « coût
horaire », the path ``activities.coordination.revenues.Subvention.amount_eur``
reads « Coordination › recettes › Subvention › montant », and a value reads as
money, hours, a percentage or a name. Every field of the model has a label in
``locales/field_words.yaml`` (a test walks the model to check it).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from bm3c.texts.format import hours, money, number, percent
from bm3c.texts.grammar import join_words
from bm3c.texts.i18n import catalog, translate

__all__ = ["LISTS", "MAPPINGS", "field_label", "path_words", "value_words"]

#: Lists of the model whose items a path names (by id, label or member).
LISTS = (
    "members",
    "actors",
    "activities",
    "revenues",
    "costs",
    "work",
    "flows",
    "indicators",
    "scenarios",
    "investments",
)
#: Mappings of the model whose keys are ids (« poids › La Boucle »).
MAPPINGS = ("weights", "impacts", "opening_cash_eur")
ID_FIELDS = frozenset({"carrier", "member", "from", "to", "requires", "leave"})
FRACTION_FIELDS = frozenset({"reserve_fraction", "fraction"})
YEAR_FIELDS = frozenset({"start_year"})  # a calendar year: 2027, not « 2 027 »
KIND_KEYS = ("activities.kind.{}", "flows.kind.{}", "structures.actor_kind.{}")


def field_label(field: str, lang: str) -> str:
    """A field of the model file in words: ``hourly_cost_eur`` → « coût horaire »."""
    key = f"field.{field}"
    return str(translate(key, lang)) if key in catalog() else field.replace("_", " ")


def _filter_words(part: str, lang: str, names: Mapping[str, str]) -> str:
    """``[kind=subsidy]`` → « de nature Subvention », ``[from=region]`` → « venant de Région »."""
    field, _, value = part[1:-1].partition("=")
    field, value = field.strip(), value.strip()
    if field == "kind":
        return str(translate("scenarios.part.where_kind", lang, value=_kind(value, lang)))
    if field in ("from", "to"):
        return str(translate(f"scenarios.part.where_{field}", lang, value=names.get(value, value)))
    return str(translate("scenarios.part.where", lang, field=field_label(field, lang), value=value))


def path_words(parts: Sequence[str], lang: str, names: Mapping[str, str] | None = None) -> str:
    """A path's parts in words, joined by `` › ``.

    A top list's name is left out before one of its items (« Coordination ›
    recettes › Subvention › montant », not « activités › Coordination › … »);
    ``*`` reads « toutes les activités »; a filter ``[kind=subsidy]`` reads « de
    nature Subvention »; ``#2`` (an item by its position) « ligne 2 »; ids found in
    ``names`` read as names.
    """
    known = names or {}
    words: list[str] = []
    for i, part in enumerate(parts):
        after = parts[i + 1] if i + 1 < len(parts) else None
        if part in MAPPINGS and after == "*":
            words.append(str(translate(f"field.every.{part}", lang)))
            continue
        if part in LISTS and after is not None:
            if after == "*":
                words.append(str(translate(f"field.every.{part}", lang)))
            elif after.startswith(("[", "#")) or i > 0:
                words.append(field_label(part, lang))
            # a top list's item says which list it is in: « Coordination », not
            # « activités › Coordination »
            continue
        if part == "*":
            continue  # said with its list
        if part.startswith("#") and part[1:].isdigit():
            words.append(str(translate("field.item", lang, number=int(part[1:]))))
        elif part.startswith("[") and part.endswith("]"):
            words.append(_filter_words(part, lang, known))
        elif f"field.{part}" in catalog() and (i == 0 or parts[i - 1] not in (*LISTS, *MAPPINGS)):
            words.append(field_label(part, lang))
        else:
            words.append(known.get(part, part))
    return " › ".join(words)


def _kind(value: str, lang: str) -> str:
    for pattern in KIND_KEYS:
        key = pattern.format(value)
        if key in catalog():
            return str(translate(key, lang))
    return value


def value_words(
    field: str,
    value: Any,
    lang: str,
    currency: str = "EUR",
    names: Mapping[str, str] | None = None,
) -> str:
    """A field's value as a reader reads it: money, hours, a share, yes/no, names.

    ``value_words("hourly_cost_eur", 38, "fr")`` → « 38,00 € »;
    ``value_words("reserve_fraction", 0.5, "fr")`` → « 50 % »; ids read as names.
    """
    known = names or {}
    if value is None:
        return str(translate("field.none", lang))
    if isinstance(value, bool):
        return str(translate("field.yes" if value else "field.no", lang))
    if isinstance(value, list | tuple):
        return join_words([value_words(field, v, lang, currency, known) for v in value], lang)
    if isinstance(value, dict):
        label = value.get("name") or value.get("label")
        if label is not None:
            return str(label)
        colon = " : " if lang == "fr" else ": "
        return "; ".join(
            known.get(str(k), field_label(str(k), lang))
            + colon
            + value_words(str(k), v, lang, currency, known)
            for k, v in value.items()
        )
    if isinstance(value, int | float) and not (isinstance(value, float) and math.isnan(value)):
        if field in FRACTION_FIELDS:
            return percent(float(value), lang, 1 if round(value * 100, 1) % 1 else 0)
        if field.endswith("_eur"):
            return money(float(value), currency, lang)
        if field.endswith("hours"):
            return hours(float(value), lang)
        if field in YEAR_FIELDS:
            return str(int(value))
        decimals = 0 if float(value).is_integer() else 2
        return number(float(value), lang, decimals)
    text = str(value)
    if field in ID_FIELDS:
        return known.get(text, text)
    if field in ("kind", "surplus", "deficit"):
        rule = f"sharing.rule.{text}"
        return str(translate(rule, lang)) if rule in catalog() else _kind(text, lang)
    if field in ("payer", "payee", "apart"):
        policy = f"alone.policy.{text}"
        return str(translate(policy, lang)) if policy in catalog() else text
    return text
