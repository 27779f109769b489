"""Number formats of the app, in French (``1 234,50 €``) or English (``€1,234.50``)."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "escape_markdown",
    "hours",
    "money",
    "month_name",
    "month_words",
    "month_year",
    "number",
    "percent",
    "when",
]

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
MINUS = "−"
SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF"}


def number(value: float | None, lang: str = "fr", decimals: int = 0) -> str:
    """A number with thousands separators: ``1 234,5`` (fr) or ``1,234.5`` (en)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    rounded = round(value, decimals)
    if rounded == 0:
        rounded = 0.0  # no "-0"
    text = f"{abs(rounded):,.{decimals}f}"
    if lang == "fr":
        text = text.replace(",", NARROW_NBSP).replace(".", ",")
    return (MINUS if rounded < 0 else "") + text


def money(value: float | None, currency: str = "EUR", lang: str = "fr", decimals: int = 2) -> str:
    """Money with its currency: ``1 234,50 €`` (fr), ``€1,234.50`` (en)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    symbol = SYMBOLS.get(currency, currency)
    text = number(abs(value), lang, decimals)
    negative = round(value, decimals) < 0
    if lang == "fr":
        return (MINUS if negative else "") + f"{text}{NBSP}{symbol}"
    if len(symbol) == 1:
        return (MINUS if negative else "") + f"{symbol}{text}"
    return (MINUS if negative else "") + f"{text} {symbol}"


def hours(value: float | None, lang: str = "fr") -> str:
    """Hours: ``1 234 h``."""
    return f"{number(value, lang)}{NBSP}h"


def percent(ratio: float | None, lang: str = "fr", decimals: int = 0) -> str:
    """A ratio as a percentage: ``94 %`` (fr) or ``94%`` (en)."""
    if ratio is None or (isinstance(ratio, float) and math.isnan(ratio)):
        return "–"
    text = number(ratio * 100, lang, decimals)
    return f"{text}{NBSP}%" if lang == "fr" else f"{text}%"


def when(moment: datetime, lang: str = "fr", zone: str | None = None) -> str:
    """A saved moment in the time zone ``zone`` (the reader's; default: the server's).

    ``27/11/2026 14:02`` (fr), ``2026-11-27 14:02`` (en).
    """
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite: naive UTC
    try:
        local = aware.astimezone(ZoneInfo(zone)) if zone else aware.astimezone()
    except (ZoneInfoNotFoundError, ValueError):
        local = aware.astimezone()
    return local.strftime("%d/%m/%Y %H:%M" if lang == "fr" else "%Y-%m-%d %H:%M")


MONTH_NAMES = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def month_name(month: int, lang: str = "fr") -> str:
    """The name of month ``month`` (1-12): ``mai`` (fr), ``May`` (en)."""
    return MONTH_NAMES.get(lang, MONTH_NAMES["fr"])[(month - 1) % 12]


def month_year(label: str) -> tuple[int, str, bool]:
    """A plan month label as (month 1-12, its year, whether that is a calendar year).

    ``"2027-05"`` is (5, "2027", True); a plan without a start year counts its
    months (``"M17"``): (5, "2", False), the plan's second year.
    """
    if label.startswith("M") and label[1:].isdigit():
        index = int(label[1:]) - 1
        return index % 12 + 1, str(index // 12 + 1), False
    year, _, month = label.partition("-")
    return int(month), year, True


def month_words(label: str, lang: str = "fr", *, with_year: bool = True) -> str:
    """A plan month ``"2027-05"`` in words: ``mai 2027`` (fr), ``May 2027`` (en).

    A plan without a start year counts its months (``"M17"``): ``mai, année 2``,
    ``May, year 2``. ``with_year=False`` leaves the year out (``mai``), for the
    first month of a range in the same year.
    """
    month, year, calendar = month_year(label)
    name = month_name(month, lang)
    if not with_year:
        return name
    if calendar:
        return f"{name} {year}"
    return f"{name}, {'année' if lang == 'fr' else 'year'} {year}"


MARKDOWN_SIGNS = "\\`*_{}[]()<>#!|~$"


def escape_markdown(text: str) -> str:
    """``text`` shown as typed by ``st.markdown``: no link, image, emphasis or formula in it.

    A name typed as ``![](http://...)`` stays text (nothing is fetched), and the
    dollar signs of ``$2,500.00`` are money, not the start of a formula.
    """
    return "".join(f"\\{c}" if c in MARKDOWN_SIGNS else c for c in text)
