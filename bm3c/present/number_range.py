"""A number typed out of its allowed range, said in words next to the field.

Streamlit's own bounds on a number field keep the old value without a word in
the user's language (or say it in English); the app's fields have no such bounds
and check here instead: the value stays as typed and the message names the
field, the value and the range.
"""

from __future__ import annotations

from bm3c.texts.format import NBSP, number
from bm3c.texts.i18n import translate

__all__ = ["range_problem"]


def _show(value: float, lang: str, unit: str) -> str:
    decimals = 0 if float(value).is_integer() else 2
    text = number(value, lang, decimals)
    if not unit:
        return text
    if unit == "%" and lang == "en":
        return f"{text}%"
    return f"{text}{NBSP}{unit}"


def range_problem(
    field: str,
    value: float,
    lang: str,
    *,
    low: float | None = None,
    high: float | None = None,
    unit: str = "",
) -> str | None:
    """Why ``value`` typed in ``field`` is refused (None: it is within ``low``..``high``).

    ``unit`` is written after the numbers (« 150 % », « −30 h »).
    """
    if (low is None or value >= low) and (high is None or value <= high):
        return None
    values = {"field": field, "value": _show(value, lang, unit)}
    if low is not None and high is not None:
        key = "input.between"
        values |= {"low": _show(low, lang, unit), "high": _show(high, lang, unit)}
    elif low is not None:
        key = "input.at_least_zero" if low == 0 else "input.at_least"
        values["low"] = _show(low, lang, unit)
    else:
        key = "input.at_most"
        values["high"] = _show(high or 0.0, lang, unit)
    return str(translate(key, lang, **values))
