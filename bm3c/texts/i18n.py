"""Texts in French and English: catalogs in ``locales/*.yaml``, one per page or part.

Each catalog maps a key to ``{fr: ..., en: ...}``; :func:`translate` picks a
language. The app's session language lives in :mod:`bm3c.ui.i18n`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bm3c.rules import SHARING_RULES
from bm3c.texts.grammar import agree

__all__ = ["LANGUAGES", "LOCALES", "Text", "catalog", "translate"]

LANGUAGES = ("fr", "en")
LOCALES = Path(__file__).parent / "locales"


@cache
def catalog() -> dict[str, dict[str, str]]:
    """Every text key with its translations: the catalog files and the sharing rules' texts."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(LOCALES.glob("*.yaml")):
        entries: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, texts in entries.items():
            if key in merged:
                raise ValueError(f"{path.name}: text key '{key}' is defined twice")
            merged[key] = texts
    for rule in SHARING_RULES:  # the sharing rules' texts live in their registry
        limit = rule.max_members or ""
        merged[f"sharing.rule.{rule.id}"] = dict(rule.name)
        merged[f"sharing.rule_help.{rule.id}"] = {
            lang: text.format(limit=limit) for lang, text in rule.help.items()
        }
    return merged


class Text(str):
    """A translated text that remembers its key and fields.

    So it can be shown again later in whatever language is current then (the
    description of an undoable edit, say).
    """

    key: str
    values: dict[str, Any]

    def __new__(cls, text: str, key: str, values: dict[str, Any]) -> Text:  # noqa: D102
        made = super().__new__(cls, text)
        made.key, made.values = key, values
        return made

    def __getnewargs__(self) -> tuple[str, str, dict[str, Any]]:  # type: ignore[override]
        """Let copies and pickles (Streamlit makes both) rebuild the text whole."""
        return str(self), self.key, self.values


def translate(key: str, lang: str, **values: Any) -> str:
    """The text for ``key`` in ``lang``, with ``{name}`` fields filled (no session needed).

    A field given a list reads as words (« A, B et C »), and a choice
    ``{field|singular|plural}`` agrees with the field's count or list
    (:mod:`bm3c.texts.grammar`).
    """
    texts = catalog().get(key)
    if texts is None:
        return Text(key, key, values)
    text = texts.get(lang) or texts.get("fr") or key
    if not values:
        return Text(text, key, values)
    chosen, words = agree(text, values, lang)
    return Text(chosen.format(**words), key, values)
