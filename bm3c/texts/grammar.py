"""Plural and agreement for the catalogue's texts, in French and English.

A text of the catalogue agrees with a count or a list of names by a choice
``{field|singular|plural}``: ``"{count} {count|structure|structures}"``,
``"{names} {names|s'en sort|s'en sortent}"``. The field's value decides: a number
(French: singular below 2, so « 0 structure », « 1,5 heure »; English: singular
for exactly 1 only), or a list of names (its length). A list given as a field's
value reads as words: « A, B et C », "A, B and C".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["AND", "agree", "is_singular", "join_words", "plural"]

AND = {"fr": "et", "en": "and"}
FORM = r"((?:[^{}|]|\{\w+\})*)"  # a form may hold fields: {count|l'autre|les {count} autres}
CHOICE = re.compile(r"\{(\w+)\|" + FORM + r"\|" + FORM + r"\}")


def is_singular(count: float, lang: str) -> bool:
    """Whether ``count`` takes the singular: French below 2 (0 and 1 too), English exactly 1."""
    return abs(count) < 2 if lang == "fr" else abs(count) == 1


def plural(count: float, singular: str, plural_form: str, lang: str) -> str:
    """``singular`` or ``plural_form`` as ``count`` asks in ``lang``."""
    return singular if is_singular(count, lang) else plural_form


def join_words(words: Sequence[str], lang: str) -> str:
    """Words in a sentence: ``A``, ``A et B``, ``A, B et C`` (``A, B and C`` in English)."""
    items = [str(w) for w in words]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {AND.get(lang, AND['en'])} {items[-1]}"


def _count(value: Any) -> float:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, list | tuple):
        return len(value)
    try:
        return float(str(value).replace("\u202f", "").replace(",", "."))
    except ValueError:
        return 2  # an unknown quantity reads as a plural


def agree(text: str, values: Mapping[str, Any], lang: str) -> tuple[str, dict[str, Any]]:
    """``text`` with its ``{field|singular|plural}`` choices made, and its values as words.

    Returns the text ready for :meth:`str.format` and the values, lists joined
    by :func:`join_words`.
    """

    def choose(match: re.Match[str]) -> str:
        field, one, many = match.groups()
        if field not in values:
            return match[0]
        return plural(_count(values[field]), one, many, lang)

    chosen = CHOICE.sub(choose, text)
    words = {
        k: join_words(v, lang) if isinstance(v, list | tuple) else v for k, v in values.items()
    }
    return chosen, words
