"""Texts of the app in French and English: catalogs in ``locales/*.yaml``, one per page.

Each catalog maps a key to ``{fr: ..., en: ...}``; :func:`t` picks the session's
language. The language defaults to the browser's (French unless it is not French).
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st
import yaml

from bm3c.ui.format import when

__all__ = [
    "LANGUAGES",
    "Text",
    "catalog",
    "current_language",
    "local_time",
    "retranslate",
    "set_language",
    "t",
    "translate",
]

LANGUAGES = ("fr", "en")
LOCALES = Path(__file__).parent / "locales"


@cache
def catalog() -> dict[str, dict[str, str]]:
    """Every text key with its translations, from all catalog files."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(LOCALES.glob("*.yaml")):
        entries: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, texts in entries.items():
            if key in merged:
                raise ValueError(f"{path.name}: text key '{key}' is defined twice")
            merged[key] = texts
    return merged


def current_language() -> str:
    """The session's language: chosen in the sidebar, else the browser's."""
    lang = st.session_state.get("lang")
    if lang in LANGUAGES:
        return str(lang)
    locale = (st.context.locale or "fr") if hasattr(st, "context") else "fr"
    lang = "en" if not str(locale).lower().startswith("fr") and locale else "fr"
    st.session_state["lang"] = lang
    return lang


def set_language(lang: str) -> None:
    """Choose the session's language."""
    st.session_state["lang"] = lang if lang in LANGUAGES else "fr"


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
    """The text for ``key`` in ``lang``, with ``{name}`` fields filled (no session needed)."""
    texts = catalog().get(key)
    if texts is None:
        return Text(key, key, values)
    text = texts.get(lang) or texts.get("fr") or key
    return Text(text.format(**values) if values else text, key, values)


def t(key: str, **values: Any) -> str:
    """The text for ``key`` in the session's language, with ``{name}`` fields filled."""
    return translate(key, current_language(), **values)


def retranslate(text: str) -> str:
    """``text`` in the current language when it came from :func:`t`, else as it is."""
    return t(text.key, **text.values) if isinstance(text, Text) else text


def local_time(moment: datetime) -> str:
    """A saved moment as the reader reads it: their language, their browser's time zone."""
    zone = getattr(st.context, "timezone", None) if hasattr(st, "context") else None
    return when(moment, current_language(), zone)
