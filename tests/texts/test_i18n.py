"""Every text of the app exists in French and English, and numbers follow each language."""

from __future__ import annotations

import re
from pathlib import Path

from bm3c.texts.format import hours, money, number, percent
from bm3c.texts.i18n import LANGUAGES, catalog

UI = Path(__file__).resolve().parents[2] / "bm3c" / "ui"


def test_every_text_key_has_both_languages_with_the_same_fields() -> None:
    for key, texts in catalog().items():
        assert set(texts) == set(LANGUAGES), key
        fields = [set(re.findall(r"{(\w+)}", texts[lang])) for lang in LANGUAGES]
        assert all(f == fields[0] for f in fields), key
        assert all(texts[lang].strip() for lang in LANGUAGES), key


def test_every_key_used_in_the_code_is_in_the_catalog() -> None:
    used: set[str] = set()
    for path in UI.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""", source))
        used |= {f"nav.{name}" for name in re.findall(r'\("([a-z]+)", ":material', source)}
    missing = sorted(used - catalog().keys())
    assert not missing, missing


def test_money_in_french_and_english() -> None:
    assert money(1234.5, "EUR", "fr") == "1\u202f234,50\u00a0€"
    assert money(1234.5, "EUR", "en") == "€1,234.50"
    assert money(-12500, "EUR", "fr") == "−12\u202f500,00\u00a0€"
    assert money(-12500, "EUR", "en") == "−€12,500.00"
    assert money(-0.001, "EUR", "fr") == "0,00\u00a0€"
    assert money(10, "CHF", "en") == "10.00 CHF"
    assert money(None) == "–"


def test_numbers_hours_and_percentages() -> None:
    assert number(1234567.891, "fr", 2) == "1\u202f234\u202f567,89"
    assert number(1234567.891, "en", 1) == "1,234,567.9"
    assert hours(1600, "fr") == "1\u202f600\u00a0h"
    assert percent(0.935, "fr") == "94\u00a0%"
    assert percent(0.935, "en") == "94%"
    assert percent(None, "en") == "–"
