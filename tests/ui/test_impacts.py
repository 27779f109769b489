"""Impacts page under AppTest, and its pure table helpers."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from bm3c.engine import evaluate
from bm3c.io import load_cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.present.charts_impacts import carrier_frame, indicator_label, quantity, summary_rows
from bm3c.synthetic import synthetic_cooperation
from tests.conftest import build
from tests.ui.apptest import EXAMPLES, HALLE, open_app

LEVELS = {"shared_entity": "Structure commune", "member": "Structure"}


def tables(at: AppTest) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe]


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_impacts_page_shows_the_engine_totals(example: Path) -> None:
    at = open_app(example, page="impacts")
    coop = load_cooperation(example)
    ev = evaluate(coop)
    keys = list(ev.impacts.collective)
    assert keys, "every example declares impacts"
    summary, *per_indicator = tables(at)
    assert list(summary["Indicateur"]) == [indicator_label(coop, k, "fr") for k in keys]
    assert list(summary["Toute la coopération (territoire)"]) == [
        quantity(ev.impacts.collective[k], "fr") for k in keys
    ]
    assert list(summary["Structure commune (collectif)"]) == [
        quantity(ev.impacts.shared_entity(k), "fr") for k in keys
    ]
    assert [tab.label for tab in at.tabs] == [indicator_label(coop, k, "fr") for k in keys]
    assert len(per_indicator) == len(keys)
    assert len(at.get("vega_lite_chart")) == len(keys)
    for key, table in zip(keys, per_indicator, strict=True):
        carriers = ev.impacts.by_carrier[key]
        values = dict(zip(table["Porteur"], table.iloc[:, 2], strict=True))
        assert values[ev.shared_entity.name] == quantity(carriers.get(ev.shared_entity.id, 0), "fr")
        for m in ev.members:
            assert values[m.name] == quantity(carriers.get(m.id, 0), "fr")
    metrics = [m.value for m in at.metric]
    for key in keys:
        unit = next(i.unit for i in coop.indicators if i.id == key)
        assert f"{quantity(ev.impacts.collective[key], 'fr')}\u00a0{unit}" in metrics


def test_impacts_page_in_english() -> None:
    at = open_app(HALLE, page="impacts", lang="en")
    coop = load_cooperation(HALLE)
    assert "Three levels" in at.markdown[0].value
    summary = tables(at)[0]
    assert "Whole cooperation (territory)" in summary.columns
    assert "Tonnes reused" in list(summary["Indicator"])
    assert "Tonnes reused" in [tab.label for tab in at.tabs]
    assert "Share of the total" in tables(at)[1].columns
    ev = evaluate(coop)
    assert list(summary["Whole cooperation (territory)"]) == [
        quantity(v, "en") for v in ev.impacts.collective.values()
    ]


def test_an_undeclared_key_is_shown_by_its_key_and_no_impact_says_so() -> None:
    hall = {
        "id": "hall",
        "name": "Hall",
        "carrier": "commun",
        "impacts": {"arbres_plantes": 12.0, "visitors": 300.0},
    }
    shop = {"id": "shop", "name": "Shop", "carrier": "a", "impacts": {"visitors": 50.5}}
    coop = build(
        activities=[hall, shop],
        indicators=[{"id": "visitors", "label_fr": "Visiteurs", "label_en": "Visitors"}],
    )
    at = open_app(coop, page="impacts")
    summary = tables(at)[0]
    assert list(summary["Indicateur"]) == ["arbres_plantes", "Visiteurs"]
    assert list(summary["Activités des membres"]) == ["0", "50,5"]
    assert list(summary["Toute la coopération (territoire)"]) == ["12", "350,5"]
    assert list(summary["Unité"]) == ["–", "–"]
    empty = open_app(
        build(activities=[{"id": "hall", "name": "Hall", "carrier": "commun"}]), page="impacts"
    )
    assert len(empty.info) == 1 and not empty.dataframe


def test_helpers_by_hand() -> None:
    assert quantity(1234.5, "fr") == "1\u202f234,5"
    assert quantity(1234.5, "en") == "1,234.5"
    assert quantity(207.35999999999996, "en") == "207.36"
    assert quantity(1000.0, "fr") == "1\u202f000"
    assert quantity(0.0, "en") == "0"
    coop = load_cooperation(HALLE)
    ev = evaluate(coop)
    assert indicator_label(coop, "tonnes_reused", "fr") == "Tonnes réemployées"
    assert indicator_label(coop, "tonnes_reused", "en") == "Tonnes reused"
    assert indicator_label(coop, "undeclared", "en") == "undeclared"
    for row in summary_rows(ev, "fr"):
        assert row.members + row.shared_entity == pytest.approx(row.territory)
        frame = carrier_frame(ev, row.key, LEVELS)
        assert len(frame) == len(coop.members) + 1
        assert frame["value"].sum() == pytest.approx(row.territory)
        assert frame["fraction"].sum() == pytest.approx(1)
        assert list(frame["level"])[:2] == ["Structure commune", "Structure"]


def test_impacts_page_on_the_large_synthetic_model() -> None:
    coop = validate_cooperation(synthetic_cooperation())
    at = open_app(coop, page="impacts")
    ev = evaluate(coop)
    assert list(tables(at)[0]["Toute la coopération (territoire)"]) == [
        quantity(v, "fr") for v in ev.impacts.collective.values()
    ]
    times = []
    for _ in range(5):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    assert not at.exception
    print(f"impacts page rerun on the synthetic model: median {statistics.median(times):.3f} s")
