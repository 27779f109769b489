"""The ``bm3c`` command: every command and format, exit codes and messages.

Most tests call :func:`bm3c.cli.main` in-process and read stdout/stderr with capsys;
a few run the installed ``bm3c`` console script for real (exit code 2, messages on
stderr, never a traceback). ``serve`` is never allowed to start a server here.

Tests marked xfail(strict) describe the right behaviour where the code is wrong
today; the reason says what to fix.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pandas as pd
import pytest
import yaml

from bm3c.cli import serve
from bm3c.cli.main import main
from bm3c.engine import evaluate
from bm3c.engine.tables import FIGURE_ATTRIBUTES
from bm3c.errors import InvalidModelError
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.parsing import MAX_FILE_BYTES
from bm3c.texts.format import money
from tests.conftest import EXAMPLES, ROOT
from tests.model.test_bad_input import NOT_REFUSED

BROKEN = ROOT / "tests" / "model" / "broken"
HALLE = ROOT / "examples" / "halle-des-transitions.yaml"
PASSERELLES = ROOT / "examples" / "passerelles.yaml"
SEVERAL = BROKEN / "several-mistakes.yaml"
IDLE = BROKEN / "warning-idle-member.yaml"
BM3C = Path(sys.executable).with_name("bm3c")

TOP_KEYS = {
    "cooperation",
    "scenario",
    "currency",
    "members",
    "shared_entity",
    "collective",
    "activities",
    "impacts",
    "checks",
}
MEMBER_KEYS = {
    "id",
    "name",
    "cash_result_eur",
    "stand_alone_result_eur",
    "gain_from_cooperation_eur",
    "economic_result_eur",
    "shared_share_eur",
    "hours_paid",
    "hours_volunteer",
    "volunteer_value_eur",
    "capacity_hours",
    "load_ratio",
}
SHARED_KEYS = {"id", "result_eur", "reserve_eur", "distributed_eur"}
COLLECTIVE_KEYS = {"external_revenue_eur", "external_cost_eur", "staff_cost_eur", "result_eur"}
ACTIVITY_KEYS = {
    "id",
    "carrier",
    "revenue_eur",
    "cost_eur",
    "staff_cost_eur",
    "result_eur",
    "hours_paid",
    "hours_volunteer",
}
OPTIONAL_NUMBERS = {"capacity_hours", "load_ratio"}
THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``bm3c ARGV`` run in-process."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def run_script(*argv: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The installed ``bm3c`` console script, run for real."""
    return subprocess.run(
        [str(BM3C), *map(str, argv)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=ROOT,
    )


def scenario_ids(path: Path) -> list[str]:
    return [s.id for s in load_cooperation(path).scenarios]


def refused_files() -> list[Path]:
    return sorted(p for p in BROKEN.iterdir() if p.name not in NOT_REFUSED and p.name != IDLE.name)


# --- validate ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_validate_valid_file_exits_0(capsys: pytest.CaptureFixture[str], path: Path) -> None:
    coop = load_cooperation(path)
    code, out, err = run(capsys, "validate", path)
    assert code == 0
    assert err == ""
    assert f"{path}: valid" in out
    assert coop.name in out
    assert f"{len(coop.members)} members" in out
    assert f"{len(coop.activities)} activities" in out


def test_validate_all_examples_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", *EXAMPLES)
    assert code == 0
    assert out.count(": valid") == len(EXAMPLES)


@pytest.mark.parametrize("path", refused_files(), ids=lambda p: p.name)
def test_validate_invalid_file_exits_2_listing_every_problem(
    capsys: pytest.CaptureFixture[str], path: Path
) -> None:
    with pytest.raises(InvalidModelError) as caught:
        load_cooperation(path)
    problems = caught.value.problems
    code, out, err = run(capsys, "validate", path)
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    count = len(problems)
    assert lines[0] == f"{path}: invalid, {count} problem{'s' if count > 1 else ''}"
    assert lines[1:] == [f"  {p}" for p in problems]


def test_validate_lists_all_six_problems_of_one_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "validate", SEVERAL)
    assert code == 2
    assert "6 problems" in err
    for expected in (
        "  shared_entity.reserve_fraction: must be at most 1",
        "  members.slow-fest.capacity_hour: unknown key 'capacity_hour'",
        "  activities.cafe-cantine.costs[0].amount_eur: must be at least 0",
        "  activities.recyclerie.carrier: unknown carrier 'r4'",
        "  activities.cafe-cantine.work[1].member: unknown member 'slow-fst'",
        "  flows[0].to: unknown party 'hall'",
    ):
        assert expected in err


def test_validate_mixed_list_reports_each_file_and_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "absent.yaml"
    code, out, err = run(capsys, "validate", PASSERELLES, SEVERAL, HALLE, missing)
    assert code == 2
    assert f"{PASSERELLES}: valid" in out
    assert f"{HALLE}: valid" in out
    assert f"{SEVERAL}: invalid, 6 problems" in err
    assert f"{missing}: invalid, 1 problem" in err
    assert str(SEVERAL) not in out
    assert str(PASSERELLES) not in err


def test_validate_prints_warnings_but_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", IDLE)
    assert code == 0
    assert err == ""
    assert "warning: members.slow-fest: carries no activity and contributes nothing" in out


# --- missing, unreadable and oversized files -----------------------------------------------


@pytest.mark.parametrize(
    "command",
    [["validate"], ["evaluate"], ["evaluate", "--format", "json"], ["compare"], ["serve"]],
    ids=["validate", "evaluate", "evaluate-json", "compare", "serve"],
)
def test_missing_file_exits_2_with_a_clear_message(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    monkeypatch.setattr(serve, "run_one", _no_server)
    missing = tmp_path / "nope.yaml"
    code, out, err = run(capsys, command[0], missing, *command[1:])
    assert code == 2
    assert out == ""
    assert f"{missing}: invalid, 1 problem" in err
    assert "cannot read the file: No such file or directory" in err


def test_directory_instead_of_file_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "evaluate", tmp_path)
    assert code == 2
    assert "cannot read the file" in err


def test_file_over_5_mb_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(IDLE.read_text(encoding="utf-8") + "#" * MAX_FILE_BYTES, encoding="utf-8")
    for command in ("validate", "evaluate", "compare"):
        code, out, err = run(capsys, command, big)
        assert code == 2
        assert out == ""
        assert "5 MB limit" in err


# --- evaluate ------------------------------------------------------------------------------


def test_evaluate_text_shows_names_and_thousands_separators(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ev = evaluate(load_cooperation(HALLE))
    code, out, err = run(capsys, "evaluate", HALLE)
    assert code == 0
    assert err == ""
    assert out.startswith(f"{ev.cooperation} — base")
    assert THOUSANDS.search(out)
    lines = out.splitlines()
    for m in ev.members:
        row = next(line for line in lines if line.startswith(m.name + " "))
        assert money(m.cash_result_eur, ev.currency, "en") in row
        assert money(m.stand_alone_result_eur, ev.currency, "en") in row
    for a in ev.activities:
        result = money(a.result_eur, ev.currency, "en")
        assert any(line.startswith(a.name) and result in line for line in lines)
    assert money(ev.collective.external_revenue_eur, ev.currency, "en") in out
    assert "Everyone gains from the cooperation:" in out
    assert not re.search(r"(?<![\d.,])\d{5,}(?![\d])", out.split("Impacts")[0])


def _numbers_are_json_numbers(obj: dict[str, Any], where: str) -> None:
    """Every figure (money, hours, ratios) of ``obj`` is a JSON number, not text or a bool."""
    for key, value in obj.items():
        if isinstance(value, dict):
            _numbers_are_json_numbers(value, f"{where}.{key}")
        elif key.endswith(("_eur", "_hours", "_ratio")) or key.startswith("hours_"):
            if value is None:
                assert key in OPTIONAL_NUMBERS, f"{where}.{key} is null"
            else:
                assert isinstance(value, int | float), f"{where}.{key} is {value!r}"
                assert not isinstance(value, bool), f"{where}.{key} is {value!r}"


def _evaluate_json(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> dict[str, Any]:
    code, out, err = run(capsys, "evaluate", path, "--format", "json", *extra)
    assert code == 0
    assert err == ""
    data: dict[str, Any] = json.loads(out)
    return data


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_evaluate_json_has_the_documented_keys(
    capsys: pytest.CaptureFixture[str], path: Path
) -> None:
    data = _evaluate_json(capsys, path)
    assert data.keys() >= TOP_KEYS
    assert data["scenario"] == "base"
    assert data["currency"] == "EUR"
    assert data["members"] and data["activities"]
    for m in data["members"]:
        assert m.keys() >= MEMBER_KEYS, MEMBER_KEYS - m.keys()
    assert data["shared_entity"].keys() >= SHARED_KEYS
    assert data["collective"].keys() >= COLLECTIVE_KEYS
    for a in data["activities"]:
        assert a.keys() >= ACTIVITY_KEYS, ACTIVITY_KEYS - a.keys()
    for key, totals in data["impacts"].items():
        assert {"collective", "by_carrier"} <= totals.keys(), key
        assert isinstance(totals["by_carrier"], dict)
    assert isinstance(data["checks"]["everyone_gains"], bool)
    assert isinstance(data["checks"]["warnings"], list)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_evaluate_json_numbers_are_numbers_and_lists_sorted_by_id(
    capsys: pytest.CaptureFixture[str], path: Path
) -> None:
    data = _evaluate_json(capsys, path)
    for m in data["members"]:
        _numbers_are_json_numbers(m, f"members.{m['id']}")
    for a in data["activities"]:
        _numbers_are_json_numbers(a, f"activities.{a['id']}")
    _numbers_are_json_numbers(data["shared_entity"], "shared_entity")
    _numbers_are_json_numbers(data["collective"], "collective")
    for key, totals in data["impacts"].items():
        values = [totals["collective"], *totals["by_carrier"].values()]
        assert all(isinstance(v, int | float) and not isinstance(v, bool) for v in values), key
    for key in ("members", "activities"):
        ids = [item["id"] for item in data[key]]
        assert ids == sorted(ids)


def _assert_json_matches_engine(data: dict[str, Any], coop: Cooperation, sid: str | None) -> None:
    ev = evaluate(coop, sid)
    assert data["scenario"] == (sid or "base")
    assert data["cooperation"] == ev.cooperation
    assert [m["id"] for m in data["members"]] == sorted(m.id for m in ev.members)
    for m in data["members"]:
        expected = ev.member(m["id"])
        for key in MEMBER_KEYS - {"id"}:
            assert m[key] == getattr(expected, FIGURE_ATTRIBUTES.get(key, key)), (
                f"members.{m['id']}.{key}"
            )
    for a in data["activities"]:
        expected_a = ev.activity(a["id"])
        for key in ACTIVITY_KEYS - {"id"}:
            assert a[key] == getattr(expected_a, FIGURE_ATTRIBUTES.get(key, key)), (
                f"activities.{a['id']}.{key}"
            )
    for key in SHARED_KEYS:
        assert data["shared_entity"][key] == getattr(ev.shared_entity, key)
    for key in COLLECTIVE_KEYS:
        assert data["collective"][key] == getattr(ev.collective, key)
    assert data["checks"]["everyone_gains"] == ev.everyone_gains
    for key, total in ev.impacts.collective.items():
        assert data["impacts"][key]["collective"] == total
        assert data["impacts"][key]["by_carrier"] == ev.impacts.by_carrier[key]


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_evaluate_json_numbers_equal_the_engine(
    capsys: pytest.CaptureFixture[str], path: Path
) -> None:
    _assert_json_matches_engine(_evaluate_json(capsys, path), load_cooperation(path), None)


@pytest.mark.parametrize("sid", scenario_ids(HALLE))
def test_evaluate_scenario_json_equals_the_engine(
    capsys: pytest.CaptureFixture[str], sid: str
) -> None:
    data = _evaluate_json(capsys, HALLE, "--scenario", sid)
    _assert_json_matches_engine(data, load_cooperation(HALLE), sid)


def test_evaluate_scenario_text_names_the_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    coop = load_cooperation(PASSERELLES)
    scenario = coop.scenarios[0]
    ev = evaluate(coop, scenario.id)
    code, out, _ = run(capsys, "evaluate", PASSERELLES, "--scenario", scenario.id)
    assert code == 0
    assert out.startswith(f"{coop.name} — {scenario.name}")
    for m in ev.members:
        assert money(m.cash_result_eur, ev.currency, "en") in out


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_evaluate_unknown_scenario_exits_2_listing_known_ids(
    capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    code, out, err = run(capsys, "evaluate", HALLE, "--scenario", "nope", "--format", fmt)
    assert code == 2
    assert out == ""
    assert "unknown scenario 'nope'" in err
    for sid in scenario_ids(HALLE):
        assert sid in err


def _read_csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text))


def test_evaluate_csv_members_one_row_per_member(capsys: pytest.CaptureFixture[str]) -> None:
    coop = load_cooperation(HALLE)
    ev = evaluate(coop)
    code, out, err = run(capsys, "evaluate", HALLE, "--format", "csv")
    assert code == 0
    assert err == ""
    table = _read_csv(out)
    assert list(table["id"]) == sorted(coop.member_ids)
    assert {"name", "cash_result_eur", "gain_from_cooperation_eur"} <= set(table.columns)
    for row in table.itertuples():
        assert row.cash_result_eur == ev.member(row.id).cash_result_eur
        assert row.name == ev.member(row.id).name


def test_evaluate_csv_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    sid = scenario_ids(HALLE)[0]
    ev = evaluate(load_cooperation(HALLE), sid)
    code, out, _ = run(capsys, "evaluate", HALLE, "--scenario", sid, "--format", "csv")
    assert code == 0
    table = _read_csv(out)
    for row in table.itertuples():
        assert row.cash_result_eur == ev.member(row.id).cash_result_eur


def test_evaluate_csv_activities_table(capsys: pytest.CaptureFixture[str]) -> None:
    ev = evaluate(load_cooperation(HALLE))
    code, out, _ = run(capsys, "evaluate", HALLE, "--format", "csv", "--table", "activities")
    assert code == 0
    table = _read_csv(out)
    assert list(table["id"]) == sorted(a.id for a in ev.activities)
    assert set(table.columns) >= ACTIVITY_KEYS
    for row in table.itertuples():
        assert row.result_eur == ev.activity(row.id).result_eur


def test_evaluate_csv_workload_table(capsys: pytest.CaptureFixture[str]) -> None:
    coop = load_cooperation(HALLE)
    code, out, _ = run(capsys, "evaluate", HALLE, "--format", "csv", "--table", "workload")
    assert code == 0
    table = _read_csv(out)
    lines = {(w.member, a.id): w for a in coop.activities for w in a.work}
    assert len(table) == len(lines)
    assert {"member", "activity", "paid_hours", "volunteer_hours"} <= set(table.columns)
    for row in table.itertuples():
        line = lines[(row.member, row.activity)]
        assert (row.paid_hours, row.volunteer_hours) == (line.paid_hours, line.volunteer_hours)


def test_evaluate_csv_impacts_table(capsys: pytest.CaptureFixture[str]) -> None:
    ev = evaluate(load_cooperation(HALLE))
    code, out, _ = run(capsys, "evaluate", HALLE, "--format", "csv", "--table", "impacts")
    assert code == 0
    table = _read_csv(out)
    assert {"indicator", "level", "carrier", "value"} <= set(table.columns)
    expected = sum(len(c) + 1 for c in ev.impacts.by_carrier.values())
    assert len(table) == expected
    collective = table[table.level == "collective"].set_index("indicator")["value"]
    assert collective.to_dict() == ev.impacts.collective


@pytest.mark.parametrize("table", ["workload", "impacts"])
def test_evaluate_csv_has_no_unnamed_column(capsys: pytest.CaptureFixture[str], table: str) -> None:
    code, out, _ = run(capsys, "evaluate", HALLE, "--format", "csv", "--table", table)
    assert code == 0
    header = next(csv.reader(io.StringIO(out)))
    assert all(header), header


def test_evaluate_csv_members_and_activities_have_no_unnamed_column(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for table in ("members", "activities"):
        code, out, _ = run(capsys, "evaluate", HALLE, "--format", "csv", "--table", table)
        assert code == 0
        header = next(csv.reader(io.StringIO(out)))
        assert header[0] == "id" and all(header)


def test_evaluate_invalid_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("text", "json", "csv"):
        code, out, err = run(capsys, "evaluate", SEVERAL, "--format", fmt)
        assert code == 2
        assert out == ""
        assert f"{SEVERAL}: invalid, 6 problems" in err
        assert "activities.recyclerie.carrier: unknown carrier 'r4'" in err


def test_evaluate_json_of_an_overflowing_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(
        capsys, "evaluate", BROKEN / "line-total-overflows.yaml", "--format", "json"
    )
    assert code == 2
    assert "activities.cafe-cantine.revenues[0]" in err


def test_bad_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in ([], ["evaluate", str(HALLE), "--format", "xml"], ["frobnicate"], ["validate"]):
        with pytest.raises(SystemExit) as caught:
            main(argv)
        assert caught.value.code == 2
        _, err = capsys.readouterr()
        assert "usage: bm3c" in err


# --- compare -----------------------------------------------------------------------------


def test_compare_text_default_shows_every_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    coop = load_cooperation(HALLE)
    code, out, err = run(capsys, "compare", HALLE)
    assert code == 0
    assert err == ""
    assert out.startswith(f"{coop.name} — scenarios compared")
    for s in coop.scenarios:
        assert f"{s.id}: {s.name}" in out
    for sid in scenario_ids(HALLE):
        assert f"Δ {sid}" in out
    for m in coop.members:
        assert m.name in out
    assert THOUSANDS.search(out)


def test_compare_text_only_the_asked_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    ids = scenario_ids(HALLE)
    code, out, _ = run(capsys, "compare", HALLE, "--scenarios", f"{ids[2]}, {ids[0]}")
    assert code == 0
    assert f"Δ {ids[0]}" in out and f"Δ {ids[2]}" in out
    for other in ids[1:2] + ids[3:]:
        assert other not in out
    header = next(line for line in out.splitlines() if line.lstrip().startswith("base"))
    assert header.index(ids[2]) < header.index(ids[0])


def _compare_json(capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, Any]:
    code, out, err = run(capsys, "compare", HALLE, "--format", "json", *extra)
    assert code == 0
    assert err == ""
    data: dict[str, Any] = json.loads(out)
    return data


def _assert_compare_matches_engine(data: dict[str, Any], ids: list[str]) -> None:
    coop = load_cooperation(HALLE)
    base = evaluate(coop)
    evs = {sid: evaluate(coop, sid) for sid in ids}
    assert data["cooperation"] == coop.name
    assert [s["id"] for s in data["scenarios"]] == ids
    for s in data["scenarios"]:
        assert s["everyone_gains"] == evs[s["id"]].everyone_gains
    members = {e["id"]: e for e in data["entities"] if e["scope"] == "member"}
    assert sorted(members) == sorted(coop.member_ids)
    for mid, entity in members.items():
        figure = entity["figures"]["cash_result_eur"]
        assert figure["base"] == base.member(mid).cash_result_eur
        for sid, ev in evs.items():
            assert figure["values"][sid] == ev.member(mid).cash_result_eur
            assert figure["differences"][sid] == pytest.approx(
                ev.member(mid).cash_result_eur - base.member(mid).cash_result_eur
            )
    shared = next(e for e in data["entities"] if e["scope"] == "shared_entity")
    for sid, ev in evs.items():
        assert shared["figures"]["result_eur"]["values"][sid] == ev.shared_entity.result_eur


def test_compare_json_default_all(capsys: pytest.CaptureFixture[str]) -> None:
    _assert_compare_matches_engine(_compare_json(capsys), scenario_ids(HALLE))


def test_compare_json_asked_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    ids = scenario_ids(HALLE)
    asked = [ids[1], ids[0]]
    _assert_compare_matches_engine(_compare_json(capsys, "--scenarios", ",".join(asked)), asked)


@pytest.mark.parametrize("asked", [None, 1], ids=["all", "one"])
def test_compare_csv(capsys: pytest.CaptureFixture[str], asked: int | None) -> None:
    ids = scenario_ids(HALLE)
    wanted = ids if asked is None else ids[:asked]
    extra = [] if asked is None else ["--scenarios", ",".join(wanted)]
    code, out, err = run(capsys, "compare", HALLE, "--format", "csv", *extra)
    assert code == 0
    assert err == ""
    table = _read_csv(out)
    assert list(table.columns) == [
        "scope",
        "entity",
        "figure",
        "scenario",
        "value",
        "base",
        "difference",
    ]
    assert set(table.scenario) == set(wanted)
    assert set(table.scope) == {"member", "shared_entity", "collective"}
    assert (table.difference - (table.value - table.base)).abs().max() < 1e-6
    coop = load_cooperation(HALLE)
    cash = table[(table.figure == "cash_result_eur") & (table.scenario == wanted[0])]
    ev = evaluate(coop, wanted[0])
    assert dict(zip(cash.entity, cash.value, strict=True)) == {
        m.id: m.cash_result_eur for m in ev.members
    }


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_compare_unknown_scenario_exits_2_listing_known_ids(
    capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    ids = scenario_ids(HALLE)
    code, out, err = run(capsys, "compare", HALLE, "--scenarios", f"{ids[0]},nope", "--format", fmt)
    assert code == 2
    assert out == ""
    assert "unknown scenario 'nope'" in err
    for sid in ids:
        assert sid in err


def test_compare_invalid_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "compare", BROKEN / "scenario-path-matches-nothing.yaml")
    assert code == 2
    assert out == ""
    assert "scenarios.subvention-perdue.changes[0]:" in err
    assert "did you mean 'Subvention'" in err


# --- schema ------------------------------------------------------------------------------


def _schema(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code, out, err = run(capsys, "schema")
    assert code == 0
    assert err == ""
    data: dict[str, Any] = json.loads(out)
    return data


def _properties(node: Any, where: str = "#") -> list[tuple[str, str, dict[str, Any]]]:
    """Every (where, name, schema) of a property at any level of a JSON Schema."""
    found: list[tuple[str, str, dict[str, Any]]] = []
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            found.append((where, name, prop))
        for key, value in node.items():
            found += _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _properties(value, f"{where}/{i}")
    return found


def test_schema_is_a_valid_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    schema = _schema(capsys)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["type"] == "object"
    assert {"bm3c", "name", "shared_entity", "members"} <= set(schema["required"])


def test_schema_every_property_has_a_description(capsys: pytest.CaptureFixture[str]) -> None:
    props = _properties(_schema(capsys))
    assert len(props) > 50
    missing = [f"{w}: {n}" for w, n, p in props if not str(p.get("description", "")).strip()]
    assert missing == []


def test_schema_money_carries_a_unit(capsys: pytest.CaptureFixture[str]) -> None:
    props = _properties(_schema(capsys))
    money = [(w, n, p) for w, n, p in props if n.endswith("_eur")]
    names = {n for _, n, _ in money}
    assert {"amount_eur", "unit_price_eur", "hourly_cost_eur", "volunteer_hour_value_eur"} <= names
    for where, name, prop in money:
        assert "currency" in str(prop.get("unit", "")), f"{where}: {name} has no money unit"
    numbers = [
        (w, n, p)
        for w, n, p in props
        if "number" in json.dumps({k: v for k, v in p.items() if k in ("type", "anyOf")})
    ]
    for where, name, prop in numbers:
        assert prop.get("unit"), f"{where}: number {name} has no unit"


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_examples_satisfy_the_schema(capsys: pytest.CaptureFixture[str], path: Path) -> None:
    validator = jsonschema.Draft202012Validator(_schema(capsys))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


# --- generate ------------------------------------------------------------------------------


def test_generate_to_a_file_that_validates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_file = tmp_path / "synthetic.yaml"
    code, out, err = run(
        capsys,
        "generate",
        "--members",
        "5",
        "--activities",
        "12",
        "--flows",
        "10",
        "-o",
        out_file,
    )
    assert code == 0
    assert out == ""
    assert f"wrote {out_file}" in err
    code, out, err = run(capsys, "validate", out_file)
    assert code == 0, err
    assert f"{out_file}: valid" in out
    coop = load_cooperation(out_file)
    assert (len(coop.members), len(coop.activities), len(coop.flows)) == (5, 12, 10)
    code, out, err = run(capsys, "evaluate", out_file, "--format", "json")
    assert code == 0, err
    assert len(json.loads(out)["members"]) == 5


def test_generate_to_stdout_is_deterministic_per_seed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sizes = ["--members", "3", "--activities", "4", "--flows", "2"]
    _, first, _ = run(capsys, "generate", *sizes, "--seed", "7")
    _, again, _ = run(capsys, "generate", *sizes, "--seed", "7")
    _, other, _ = run(capsys, "generate", *sizes, "--seed", "8")
    assert first == again
    assert first != other
    path = tmp_path / "g.yaml"
    path.write_text(first, encoding="utf-8")
    assert len(load_cooperation(path).members) == 3


@pytest.mark.parametrize("members", ["1", "0", "-3"])
def test_generate_too_few_members_exits_2(capsys: pytest.CaptureFixture[str], members: str) -> None:
    code, out, err = run(capsys, "generate", "--members", members)
    assert code == 2
    assert out == ""
    assert "members" in err


def test_generate_to_an_unwritable_path_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "missing-dir" / "x.yaml"
    code, _, err = run(capsys, "generate", "--members", "3", "-o", target)
    assert code == 2
    assert str(target) in err


# --- serve (never started) -----------------------------------------------------------------


def _no_server(*args: object, **kwargs: object) -> int:
    raise AssertionError("serve started a server")


def test_serve_invalid_file_exits_2_without_starting(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(serve, "run_one", _no_server)
    code, out, err = run(capsys, "serve", SEVERAL, "--headless")
    assert code == 2
    assert out == ""
    assert f"{SEVERAL}: invalid, 6 problems" in err
    assert "flows[0].to: unknown party 'hall'" in err


def test_serve_valid_file_hands_it_to_the_app(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[list[str], dict[str, str]]] = []

    def record(command: list[str], env: dict[str, str]) -> int:
        calls.append((command, env))
        return 0

    monkeypatch.setattr(serve, "run_one", record)
    code, _, _ = run(capsys, "serve", PASSERELLES, "--port", "8765", "--headless")
    assert code == 0
    [(command, env)] = calls
    assert command[1:4] == ["-m", "streamlit", "run"]
    assert "8765" in command
    assert env["BM3C_MODEL"] == str(PASSERELLES.resolve())


# --- the real console script ----------------------------------------------------------------


def test_script_validate_invalid_exits_2_on_stderr_without_traceback() -> None:
    done = run_script("validate", SEVERAL, PASSERELLES)
    assert done.returncode == 2
    assert "Traceback" not in done.stdout + done.stderr
    assert f"{SEVERAL}: invalid, 6 problems" in done.stderr
    assert "  activities.cafe-cantine.work[1].member: unknown member 'slow-fst'" in done.stderr
    assert f"{PASSERELLES}: valid" in done.stdout
    assert "invalid" not in done.stdout


def test_script_missing_file_and_unknown_scenario_exit_2() -> None:
    done = run_script("evaluate", "no-such-model.yaml")
    assert done.returncode == 2
    assert "no-such-model.yaml: invalid, 1 problem" in done.stderr
    assert "cannot read the file" in done.stderr
    done = run_script("evaluate", HALLE, "--scenario", "nope")
    assert done.returncode == 2
    assert done.stdout == ""
    assert "unknown scenario 'nope' (known: " in done.stderr
    assert "Traceback" not in done.stderr


def test_script_evaluate_json() -> None:
    done = run_script("evaluate", PASSERELLES, "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout).keys() >= TOP_KEYS


def test_script_serve_invalid_file_exits_2_without_starting() -> None:
    done = run_script("serve", BROKEN / "unknown-carrier.yaml", "--headless", timeout=60)
    assert done.returncode == 2
    assert "activities.recyclerie.carrier: unknown carrier 'r4'" in done.stderr
    assert "streamlit" not in (done.stdout + done.stderr).lower()
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(
            ("validate", BROKEN / name),
            id=name,
            marks=pytest.mark.xfail(strict=True, reason=f"{name} {why}"),
        )
        for name, why in sorted(NOT_REFUSED.items())
    ]
    + [
        pytest.param(
            ("evaluate", BROKEN / "line-total-overflows.yaml", "--format", "json"),
            id="evaluate-overflow-json",
        ),
        pytest.param(
            ("generate", "--members", "1"),
            id="generate-one-member",
        ),
    ],
)
def test_script_never_shows_a_traceback(argv: tuple[str | Path, ...]) -> None:
    done = run_script(*argv)
    assert "Traceback" not in done.stderr
    assert done.returncode == 2
    assert done.stderr.strip()
