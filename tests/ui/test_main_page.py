"""The entry page under AppTest: it shows the engine's numbers for every example."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bm3c.engine import evaluate
from bm3c.io import load_cooperation
from bm3c.ui.format import hours, money

ROOT = Path(__file__).resolve().parents[2]
MAIN = str(ROOT / "bm3c" / "ui" / "main.py")


def test_page_shows_the_engine_figures_of_the_chosen_example(
    example_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BM3C_MODEL", str(example_path))
    at = AppTest.from_file(MAIN, default_timeout=30).run()
    assert not at.exception
    coop = load_cooperation(example_path)
    base = evaluate(coop)
    assert at.title[0].value == coop.name
    metrics = [m.value for m in at.metric]
    assert money(base.collective.result_eur, "EUR") in metrics
    assert money(base.shared_entity.result_eur, "EUR") in metrics
    table = at.dataframe[0].value
    assert list(table["Résultat (trésorerie)"]) == [
        money(m.cash_result_eur, "EUR") for m in base.members
    ]

    scenario = coop.scenarios[0]
    at.sidebar.radio[0].set_value(scenario.id).run()
    changed = evaluate(coop, scenario.id)
    assert money(changed.shared_entity.result_eur, "EUR") in [m.value for m in at.metric]


def test_money_and_hours_use_french_conventions() -> None:
    assert money(1234.5, "EUR") == "1\u202f234 €"
    assert money(-12500, "EUR") == "−12\u202f500 €"
    assert money(-0.2, "EUR") == "0 €"
    assert money(10, "CHF") == "10 CHF"
    assert hours(1600) == "1\u202f600 h"
