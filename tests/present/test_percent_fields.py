"""Fractions as percentage fields and back (bm3c.present.percent_fields)."""

from __future__ import annotations

from pytest import approx

from bm3c.present.percent_fields import as_fraction, as_percent


def test_a_fraction_shows_as_its_percentage() -> None:
    """0.125 × 100 = 12.5 ; 0 → 0 ; 1 → 100 ; 0.003 × 100 = 0.3."""
    assert as_percent(0.125) == 12.5
    assert as_percent(0.0) == 0.0
    assert as_percent(1.0) == 100.0
    assert as_percent(0.003) == approx(0.3)


def test_binary_noise_is_rounded_away() -> None:
    """0.07 × 100 is 7.000000000000001 in floating point; the field shows 7.0.

    0.123456789 × 100 = 12.3456789, kept to four decimals: 12.3457.
    """
    assert 0.07 * 100 != 7.0
    assert as_percent(0.07) == 7.0
    assert as_percent(0.123456789) == 12.3457


def test_a_typed_percentage_is_the_fraction_the_model_keeps() -> None:
    """12.5 / 100 = 0.125 ; 0 → 0 ; 100 → 1 ; 15 → 0.15 and back to 15."""
    assert as_fraction(12.5) == 0.125
    assert as_fraction(0.0) == 0.0
    assert as_fraction(100.0) == 1.0
    assert as_fraction(15.0) == approx(0.15)
    assert as_percent(as_fraction(15.0)) == 15.0
