"""The session's language: chosen in the sidebar, else the browser's.

The catalogue itself is :mod:`bm3c.texts.i18n`; :func:`t` reads it in the
session's language.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import streamlit as st

from bm3c.texts.format import when
from bm3c.texts.i18n import LANGUAGES, Text, translate

__all__ = ["current_language", "local_time", "retranslate", "set_language", "t"]


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
