r"""Cells every workbook writes the same way: text kept from running as a formula, money.

Text that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a line break, as OWASP lists them) goes in a string cell,
and such text also gets the *quote prefix* style, so that editing the cell later
does not turn it into a formula either. Characters XML cannot hold are shown as
``\x01``-style escapes; text beyond a cell's 32,767 characters ends with `` […]``.
"""

from __future__ import annotations

import re
from typing import Any

from bm3c.texts.format import SYMBOLS

__all__ = ["FORMULA_STARTS", "money_format", "put_text", "sheet_title"]

#: First characters that make a spreadsheet read text as a formula (OWASP, CSV
#: injection), full-width forms included.
FORMULA_STARTS = frozenset("=+-@\t\r\n＝＋－＠")
CELL_MAX_CHARS = 32_767
CUT_MARK = " […]"
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
SHEET_NAME_MAX = 31
#: Characters a sheet name cannot hold, and the one that would need quoting in formulas.
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def money_format(currency: str, lang: str) -> str:
    """The number format of money cells: ``#,##0.00" €"`` (fr), ``"€"#,##0.00`` (en).

    Negative amounts show in red with a minus sign; a currency without a symbol
    of its own shows its code after the amount (``1,234.00 CHF``).
    """
    symbol = SYMBOLS.get(currency, currency)
    body = f'"{symbol}"#,##0.00' if lang != "fr" and len(symbol) == 1 else f'#,##0.00" {symbol}"'
    return f"{body};[Red]-{body}"


def put_text(cell: Any, text: str) -> str:
    """Write text as a string cell, quote-prefixed when it could read as a formula."""
    stored = XML_ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))
    if len(stored) > CELL_MAX_CHARS:
        stored = stored[: CELL_MAX_CHARS - len(CUT_MARK)] + CUT_MARK
    cell.value = stored
    cell.data_type = "s"  # openpyxl reads "=..." as a formula and "#N/A" as an error
    if stored[:1] in FORMULA_STARTS or stored.lstrip()[:1] in FORMULA_STARTS:
        cell.quotePrefix = True
    return stored


def sheet_title(wanted: str, taken: set[str]) -> str:
    """A sheet name from ``wanted``: at most 31 characters, unique among ``taken`` (any case).

    Characters a sheet name cannot hold become ``-``; a straight apostrophe becomes
    the typographic one (’), so that formulas referring to the sheet need no
    doubled quotes. A name already taken gets `` (2)``, `` (3)``…
    """
    base = SHEET_NAME_FORBIDDEN.sub("-", wanted).replace("'", "’").strip() or "-"
    base = base[:SHEET_NAME_MAX]
    lowered = {name.lower() for name in taken}
    title, n = base, 1
    while title.lower() in lowered:
        n += 1
        suffix = f" ({n})"
        title = base[: SHEET_NAME_MAX - len(suffix)] + suffix
    return title
