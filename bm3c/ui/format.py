"""Number formats for the app (French conventions)."""

from __future__ import annotations

__all__ = ["hours", "money"]

NARROW_NBSP = "\u202f"


def money(value: float, currency: str) -> str:
    """``1 234 €`` with a narrow no-break space and a true minus sign."""
    rounded = round(value)
    text = f"{abs(rounded):,}".replace(",", NARROW_NBSP)
    sign = "−" if rounded < 0 else ""
    return f"{sign}{text} {'€' if currency == 'EUR' else currency}"


def hours(value: float) -> str:
    """``1 234 h``."""
    return f"{round(value):,}".replace(",", NARROW_NBSP) + " h"
