"""The logbook's sentences: the app's text catalog, read without a Streamlit session.

The texts live in ``bm3c/texts/locales/logbook_core.yaml`` (keys ``logbook_core.*``,
French and English). :mod:`bm3c.texts.i18n` is read only when a sentence is
built, so reading a grid or ranking answers never loads Streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from bm3c.texts.format import number

__all__ = ["listing", "names", "say", "score"]


def say(key: str, lang: str, **values: Any) -> str:
    """The catalog's text for ``key`` in ``lang``, with its ``{fields}`` filled."""
    from bm3c.texts.i18n import translate

    return str(translate(key, lang, **values))


def names(items: Sequence[str], lang: str) -> str:
    """Names joined as a person writes them: ``A, B et C`` (fr), ``A, B and C`` (en)."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {say('logbook_core.and', lang)} {items[-1]}"


def listing(items: Sequence[str], lang: str) -> str:
    """Items that may hold commas themselves (amounts in French), joined by semicolons."""
    return say("logbook_core.list_separator", lang).join(items)


def score(value: float, lang: str) -> str:
    """A score or a mean of scores: ``4`` when whole, else one decimal (``4,5`` / ``4.5``)."""
    if math.isnan(value):
        return number(None, lang)
    whole = abs(value - round(value)) < 0.05
    return number(value, lang, 0 if whole else 1)
