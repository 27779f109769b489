"""Fractions the model keeps (0 to 1) as the percentages a form field shows (0 to 100)."""

from __future__ import annotations

__all__ = ["as_fraction", "as_percent"]


def as_percent(fraction: float) -> float:
    """``fraction × 100``, for a percentage field: 0.125 → 12.5.

    Rounded to four decimals so that binary noise never shows (0.07 × 100 is
    7.000000000000001 in floating point; the field shows 7).
    """
    return round(fraction * 100, 4)


def as_fraction(percent: float) -> float:
    """``percent / 100``: what a percentage field typed as 12.5 means in the model (0.125)."""
    return percent / 100
