"""The bundled examples: they load, evaluate and match their golden results."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bm3c.engine import check_scenarios, evaluate
from bm3c.io import load_cooperation
from tests.golden.regenerate import GOLDEN, golden_plan, golden_results


def _assert_same(actual: Any, expected: Any, where: str = "") -> None:
    if isinstance(expected, dict):
        assert isinstance(actual, dict) and actual.keys() == expected.keys(), where
        for key in expected:
            _assert_same(actual[key], expected[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), where
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            _assert_same(a, e, f"{where}[{i}]")
    elif isinstance(expected, float):
        assert actual == pytest.approx(expected, rel=1e-9, abs=1e-6), where
    else:
        assert actual == expected, where


def test_example_matches_its_golden_results(example_path: Path) -> None:
    golden = GOLDEN / f"{example_path.stem}.json"
    expected = json.loads(golden.read_text(encoding="utf-8"))
    _assert_same(golden_results(example_path), expected, example_path.stem)


def test_example_plan_matches_its_golden_results(example_path: Path) -> None:
    golden = GOLDEN / f"{example_path.stem}.plan.json"
    plan = golden_plan(example_path)
    assert (plan is None) == (not golden.exists()), "run make golden"
    if plan is not None:
        expected = json.loads(golden.read_text(encoding="utf-8"))
        _assert_same(plan, expected, f"{example_path.stem} (plan)")


def test_example_is_a_real_looking_cooperation(example_path: Path) -> None:
    coop = load_cooperation(example_path)
    assert "illustrati" in (coop.description or "").lower()
    assert len(coop.members) >= 3
    assert any(a.carrier == coop.shared_entity.id for a in coop.activities)
    assert any(a.carrier in coop.member_ids for a in coop.activities)
    assert len(coop.scenarios) >= 3
    assert check_scenarios(coop) == []
    assert any("work" in (c.set or c.scale or "") for s in coop.scenarios for c in s.changes), (
        "one scenario shifts the workload split"
    )


def test_every_scenario_of_an_example_evaluates(example_path: Path) -> None:
    coop = load_cooperation(example_path)
    base = evaluate(coop)
    for s in coop.scenarios:
        ev = evaluate(coop, s.id)
        assert ev.scenario == s.id
        staying = [m for m in ev.members if m.in_cooperation]  # a leaving member is alone
        assert ev.collective.result_eur == pytest.approx(
            sum(m.cash_result_eur for m in staying) + ev.shared_entity.reserve_eur
        )
    assert base.scenario == "base"
