"""``bm3c evaluate`` on a plan over time (DOMAIN Part 3): the plan table, ``--year``, the cash.

Two small plans written here, their figures worked out by hand in each docstring.

The three-year plan (``THREE_YEARS``), members Atelier (a) and Boutique (b), the
shared entity Commun, no reserve, results shared equally:

- Atelier sells 300, 900, 1,500 € and pays 600 € rent: own result -300, 300, 900.
- Boutique pays a 120 € stand every year: own result -120.
- Commun sells 200 € at the market every year: R = 200, a share of 100 € each.
- Results: Atelier -200, 400, 1,000 (cumulated 1,200, break-even 2028); Boutique
  -20 every year (never); Commun 200 (2027); the collective -220, 380, 980 (2028).
- Cash: a share is paid in June of the next year; the rest of a result evenly.
  Atelier: -25 a month in 2027 (low point -300 in 2027-12), +25 a month and 100 in
  June 2028 (100 at the end of 2028), +75 a month and 100 in June 2029 (1,100).
  Boutique starts at 1,000 €: -10 a month, +100 each June from 2028: 880, 860, 840
  at the years' ends, its low point 810 in 2029-05 (before the June share).
  The 2029 shares (100 each) are paid in 2030-06, after the plan.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bm3c.cli.main import main
from bm3c.engine import evaluate, evaluation_to_json
from bm3c.io import load_cooperation
from bm3c.texts.format import money

THREE_YEARS: dict[str, Any] = {
    "bm3c": 1,
    "name": "Trois ans",
    "plan": {"start_year": 2027, "years": 3},
    "shared_entity": {"id": "commun", "name": "Commun"},
    "members": [
        {"id": "a", "name": "Atelier", "hourly_cost_eur": 20.0},
        {"id": "b", "name": "Boutique", "hourly_cost_eur": 30.0},
    ],
    "activities": [
        {
            "id": "ventes",
            "name": "Ventes",
            "carrier": "a",
            "revenues": [{"label": "Ventes", "amount_eur": [300, 900, 1500]}],
            "costs": [{"label": "Loyer", "amount_eur": 600}],
        },
        {
            "id": "stand",
            "name": "Stand",
            "carrier": "b",
            "costs": [{"label": "Stand", "amount_eur": 120}],
        },
        {
            "id": "marche",
            "name": "Marché",
            "carrier": "commun",
            "revenues": [{"label": "Marché", "amount_eur": 200}],
        },
    ],
    "opening_cash_eur": {"b": 1000},
    "scenarios": [
        {
            "id": "sans-marche",
            "name": "Sans le marché",
            "changes": [{"set": "activities.marche.revenues.Marché.amount_eur", "value": 0}],
        }
    ],
}

#: Two years; Atelier's 1,200 € subsidy of each year is paid in month 15 (March of the
#: next year), its 600 € rent evenly; it starts with 500 €.
TWO_YEARS: dict[str, Any] = {
    "bm3c": 1,
    "name": "Deux ans",
    "plan": {"start_year": 2027, "years": 2},
    "shared_entity": {"id": "commun", "name": "Commun"},
    "members": [
        {"id": "a", "name": "Atelier", "hourly_cost_eur": 20.0},
        {"id": "b", "name": "Boutique", "hourly_cost_eur": 30.0},
    ],
    "activities": [
        {
            "id": "atelier",
            "name": "Atelier",
            "carrier": "a",
            "revenues": [
                {
                    "label": "Subvention",
                    "amount_eur": 1200,
                    "kind": "subsidy",
                    "paid": {"month": 15},
                }
            ],
            "costs": [{"label": "Loyer", "amount_eur": 600}],
        }
    ],
    "opening_cash_eur": {"a": 500},
}

#: The three-year plan's first year as a model without plan.
NO_PLAN: dict[str, Any] = {
    key: value for key, value in THREE_YEARS.items() if key not in ("plan", "opening_cash_eur")
} | {
    "activities": [
        {**THREE_YEARS["activities"][0], "revenues": [{"label": "Ventes", "amount_eur": 300}]},
        *THREE_YEARS["activities"][1:],
    ]
}


def write(tmp_path: Path, data: dict[str, Any], name: str = "plan.yaml") -> str:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def cells(line: str) -> list[str]:
    """A text table's row split into its cells (two spaces or more between cells)."""
    return re.split(" {2,}", line.strip())


def section(text: str, title: str) -> list[str]:
    """The lines of the text table under ``title`` (header, rule, rows), up to a blank line."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start + 1 : end]


def test_the_plan_table_gives_each_year_cumulated_and_break_even(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "evaluate", write(tmp_path, THREE_YEARS), "--lang", "en")
    assert code == 0
    table = section(out, "The plan 2027–2029")
    assert cells(table[0]) == ["Party", "2027", "2028", "2029", "Cumulated", "Break-even from"]
    rows = {cells(line)[0]: cells(line)[1:] for line in table[2:]}
    assert rows["Atelier"] == ["−€200.00", "€400.00", "€1,000.00", "€1,200.00", "2028"]
    assert rows["Boutique"] == ["−€20.00", "−€20.00", "−€20.00", "−€60.00", "never"]
    assert rows["Commun (shared entity)"] == ["€200.00", "€200.00", "€200.00", "€600.00", "2027"]
    assert rows["Collective (consolidated)"] == [
        "−€220.00",
        "€380.00",
        "€980.00",
        "€1,140.00",
        "2028",
    ]
    assert rows["Everyone gains"] == ["yes", "yes", "yes"]  # Boutique alone: −120 € a year


def test_the_cash_low_points_say_how_much_and_when(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _, out, _ = run(capsys, "evaluate", write(tmp_path, THREE_YEARS), "--lang", "en")
    table = section(out, "Cash: each party's low point")
    assert cells(table[0]) == [
        "Party",
        "Opening",
        "Low point",
        "Month",
        "Cash needed",
        "Months below zero",
        "After the plan",
    ]
    rows = {cells(line)[0]: cells(line)[1:] for line in table[2:]}
    assert rows["Atelier"] == ["€0.00", "−€300.00", "2027-12", "€300.00", "19", "+€100.00"]
    assert rows["Boutique"] == ["€1,000.00", "€810.00", "2029-05", "€0.00", "0", "+€100.00"]
    assert rows["Commun (shared entity)"][4:] == ["0", "−€200.00"]
    due = section(out, "Still to receive (+) or pay (−) after the plan")
    assert [cells(line) for line in due[2:]] == [
        ["Atelier", "share of the 2029 shared result", "2030-06", "+€100.00"],
        ["Boutique", "share of the 2029 shared result", "2030-06", "+€100.00"],
        ["Commun (shared entity)", "share of the 2029 shared result", "2030-06", "−€200.00"],
    ]


def test_the_plan_is_told_in_french(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _, out, _ = run(capsys, "evaluate", write(tmp_path, THREE_YEARS), "--lang", "fr")
    table = section(out, "Le plan 2027–2029")
    rows = {cells(line)[0]: cells(line)[1:] for line in table[2:]}
    assert rows["Boutique"][-1] == "jamais"
    assert rows["Atelier"][-2:] == [money(1200, "EUR", "fr"), "2028"]
    assert "Trésorerie : point bas de chacun (solde en fin de mois)" in out
    assert out.startswith("Trois ans — situation de base — 2027\n")


@pytest.mark.parametrize("year", ["2028", "2"])
def test_year_chooses_the_year_of_the_one_year_tables(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, year: str
) -> None:
    code, out, _ = run(capsys, "evaluate", write(tmp_path, THREE_YEARS), "--year", year)
    assert code == 0
    assert out.startswith("Trois ans — base — 2028\n")
    members = section(out, "Members (per year)")
    atelier = next(cells(line) for line in members if line.startswith("Atelier"))
    assert atelier[1] == "€400.00"  # its 2028 result, not 2027's −€200.00


@pytest.mark.parametrize("year", ["2028", "2"])
def test_year_chooses_the_top_level_figures_of_the_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, year: str
) -> None:
    path = write(tmp_path, THREE_YEARS)
    _, out, _ = run(capsys, "evaluate", path, "--format", "json", "--year", year)
    data = json.loads(out)
    assert data["year"] == 2028
    assert {m["id"]: m["cash_result_eur"] for m in data["members"]} == {"a": 400.0, "b": -20.0}
    assert data["collective"]["result_eur"] == pytest.approx(380.0)
    assert [y["year"] for y in data["years"]] == [2027, 2028, 2029]  # the plan is whole


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            "--year 2031: not a year of the plan (2027, 2028, 2029, or their number from 1 to 3)",
        ),
        ("fr", "--year 2031 : pas une année du plan (2027, 2028, 2029, ou leur numéro de 1 à 3)"),
    ],
)
def test_a_bad_year_names_the_plans_years(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str, words: str
) -> None:
    code, out, err = run(
        capsys, "evaluate", write(tmp_path, THREE_YEARS), "--year", "2031", "--lang", lang
    )
    assert code == 2
    assert out == ""
    assert words in err
    assert "Traceback" not in err


def test_a_model_without_plan_has_one_year(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, NO_PLAN)
    code, out, err = run(capsys, "evaluate", path, "--year", "2")
    assert (code, out) == (2, "")
    assert "--year 2: this model has one year only (1)" in err
    _, with_year, _ = run(capsys, "evaluate", path, "--year", "1")
    _, without, _ = run(capsys, "evaluate", path)
    assert with_year == without


def test_a_model_without_plan_prints_todays_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, NO_PLAN)
    _, out, _ = run(capsys, "evaluate", path, "--format", "json")
    data = json.loads(out)
    assert data == json.loads(json.dumps(evaluation_to_json(evaluate(load_cooperation(path)))))
    assert not {"plan", "years", "year", "cash_months", "still_due"} & data.keys()


def test_a_model_without_plan_prints_no_plan_table(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _, out, _ = run(capsys, "evaluate", write(tmp_path, NO_PLAN), "--lang", "en")
    assert out.startswith("Trois ans — base\n")
    assert "The plan" not in out
    assert "low point" not in out


def test_csv_cash_gives_a_row_per_month_and_a_column_per_party(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, THREE_YEARS)
    code, out, _ = run(capsys, "evaluate", path, "--format", "csv", "--table", "cash")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["month", "a", "b", "commun"]
    assert [r["month"] for r in rows] == [
        f"{y}-{m:02d}" for y in (2027, 2028, 2029) for m in range(1, 13)
    ]
    by_month = {r["month"]: r for r in rows}
    assert float(by_month["2027-01"]["a"]) == pytest.approx(-25.0)
    assert float(by_month["2027-12"]["a"]) == pytest.approx(-300.0)
    assert float(by_month["2028-06"]["a"]) == pytest.approx(-300 + 6 * 25 + 100)
    assert float(by_month["2028-12"]["a"]) == pytest.approx(100.0)
    assert float(by_month["2029-12"]["a"]) == pytest.approx(1100.0)
    assert float(by_month["2029-05"]["b"]) == pytest.approx(810.0)
    assert float(by_month["2029-12"]["b"]) == pytest.approx(840.0)


def test_csv_cash_follows_the_scenario(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Without the market, Commun has nothing and shares nothing: Atelier ends 2028 at 0 €."""
    path = write(tmp_path, THREE_YEARS)
    args = ("evaluate", path, "--format", "csv", "--table", "cash", "--scenario", "sans-marche")
    _, out, _ = run(capsys, *args)
    by_month = {r["month"]: r for r in csv.DictReader(io.StringIO(out))}
    assert all(float(r["commun"]) == pytest.approx(0.0) for r in by_month.values())
    assert float(by_month["2028-12"]["a"]) == pytest.approx(-300 + 300)
    _, text, _ = run(capsys, "evaluate", path, "--scenario", "sans-marche", "--lang", "en")
    rows = {cells(line)[0]: cells(line)[1:] for line in section(text, "The plan")[2:]}
    assert rows["Atelier"] == ["−€300.00", "€300.00", "€900.00", "€900.00", "2028"]


def test_csv_of_one_year_tables_follows_the_year(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, THREE_YEARS)
    _, out, _ = run(capsys, "evaluate", path, "--format", "csv", "--year", "2029")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert float(rows["a"]["cash_result_eur"]) == pytest.approx(1000.0)


def test_help_says_what_the_cash_table_is(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["evaluate", "--help", "--lang", "en"])
    out = " ".join(capsys.readouterr().out.split())
    assert "cash: the cash plan, one row per month" in out
    assert "--year YEAR" in out


def test_json_of_a_two_year_plan_by_hand(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Atelier's result is 1,200 − 600 = 600 € each year; its cash moves otherwise.

    Each year, the result less the subsidy moves evenly: −600 € a year, −50 € a month.
    From 500 €: 450 at the end of January 2027, −100 at the end of 2027. The 2027
    subsidy comes in March 2028 (month 15): −150, −200 (the low point, February
    2028), then 950 in March, 500 at the end of 2028. The 2028 subsidy comes in
    March 2029, after the plan: 1,200 € still to receive.
    """
    _, out, _ = run(capsys, "evaluate", write(tmp_path, TWO_YEARS), "--format", "json")
    data = json.loads(out)
    assert data["plan"] == {"start_year": 2027, "years": 2}
    assert data["year"] == 2027
    members = {m["id"]: m for m in data["members"]}
    a = members["a"]
    assert a["cash_result_eur"] == pytest.approx(600.0)
    assert a["break_even_year"] == 2027
    assert a["cash_low"] == {"eur": pytest.approx(-200.0), "month": "2028-02"}
    assert a["cash_needed_eur"] == pytest.approx(200.0)
    assert a["due_after_eur"] == pytest.approx(1200.0)
    assert members["b"]["cash_low"] == {"eur": 0.0, "month": "2027-01"}  # first if tied
    se = data["shared_entity"]
    assert se["break_even_year"] == 2027
    assert se["cash_low"] == {"eur": 0.0, "month": "2027-01"}
    assert [y["year"] for y in data["years"]] == [2027, 2028]
    first, second = data["years"]
    assert first["members"]["a"] == {
        "result_eur": pytest.approx(600.0),
        "cash_flow_eur": pytest.approx(-600.0),
        "cash_end_eur": pytest.approx(-100.0),
    }
    assert second["members"]["a"] == {
        "result_eur": pytest.approx(600.0),
        "cash_flow_eur": pytest.approx(600.0),
        "cash_end_eur": pytest.approx(500.0),
    }
    assert first["members"]["b"] == {"result_eur": 0.0, "cash_flow_eur": 0.0, "cash_end_eur": 0.0}
    assert first["shared_entity"] == {
        "result_eur": 0.0,
        "reserve_eur": 0.0,
        "distributed_eur": 0.0,
        "cash_flow_eur": 0.0,
        "cash_end_eur": 0.0,
    }
    assert first["collective"] == {"result_eur": pytest.approx(600.0)}
    months = data["cash_months"]
    assert [m["month"] for m in months] == [
        f"{y}-{m:02d}" for y in (2027, 2028) for m in range(1, 13)
    ]
    assert list(months[0]["balances"]) == ["a", "b", "commun"]
    assert months[0]["balances"]["a"] == pytest.approx(450.0)
    assert months[11]["balances"]["a"] == pytest.approx(-100.0)
    assert months[13]["balances"]["a"] == pytest.approx(-200.0)
    assert months[14]["balances"]["a"] == pytest.approx(950.0)
    assert months[23]["balances"]["a"] == pytest.approx(500.0)
    assert data["cash_opening_eur"] == {"a": 500.0, "b": 0.0, "commun": 0.0}
    assert data["still_due"] == [
        {
            "party": "a",
            "kind": "line",
            "label": "Subvention",
            "month": "2029-03",
            "eur": pytest.approx(1200.0),
        }
    ]


def test_compare_chooses_the_year_and_adds_the_plan(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Without the market, Atelier makes 300 € in 2028 (no share) and Commun nothing."""
    path = write(tmp_path, THREE_YEARS)
    code, out, _ = run(capsys, "compare", path, "--year", "2028", "--format", "json")
    assert code == 0
    data = json.loads(out)
    atelier = next(e for e in data["entities"] if e["id"] == "a")["figures"]["cash_result_eur"]
    assert atelier["base"] == pytest.approx(400.0)
    assert atelier["values"]["sans-marche"] == pytest.approx(300.0)
    assert data["year"] == 2028
    plans = {p["scenario"]: p["parties"] for p in data["plans"]}
    assert plans["base"]["a"]["results_eur"] == pytest.approx([-200.0, 400.0, 1000.0])
    assert plans["sans-marche"]["a"]["results_eur"] == pytest.approx([-300.0, 300.0, 900.0])
    assert plans["sans-marche"]["commun"]["break_even_year"] == 2027  # 0 € is not a loss
    assert plans["base"]["a"]["cash_low"] == {"eur": pytest.approx(-300.0), "month": "2027-12"}
    _, text, _ = run(capsys, "compare", path, "--lang", "en")
    assert text.startswith("Trois ans — scenarios compared — 2027\n")
    even = section(text, "Over the plan 2027–2029: break-even from")
    assert cells(even[0]) == ["Party", "base", "sans-marche"]
    assert {cells(line)[0]: cells(line)[1:] for line in even[2:]}["Boutique"] == [
        "never",
        "never",
    ]
    low = section(text, "Cash low point (and its month)")
    assert {cells(line)[0]: cells(line)[1:] for line in low[2:]}["Atelier"] == [
        "−€300.00 (2027-12)",
        "−€300.00 (2027-12)",
    ]


def test_compare_without_plan_is_unchanged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, NO_PLAN)
    _, out, _ = run(capsys, "compare", path, "--format", "json")
    assert not {"plan", "plans", "year"} & json.loads(out).keys()
    _, text, _ = run(capsys, "compare", path, "--lang", "en")
    assert text.startswith("Trois ans — scenarios compared\n")
    assert "Over the plan" not in text


def test_csv_cash_of_a_model_without_plan_has_twelve_months(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Atelier's −200 € result less its 100 € share moves evenly: −300 € at the end."""
    path = write(tmp_path, NO_PLAN)
    _, out, _ = run(capsys, "evaluate", path, "--format", "csv", "--table", "cash")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["month"] for r in rows] == [f"M{m:02d}" for m in range(1, 13)]
    assert float(rows[-1]["a"]) == pytest.approx(-300.0)


def test_csv_plan_gives_a_row_per_party(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, THREE_YEARS)
    code, out, _ = run(capsys, "evaluate", path, "--format", "csv", "--table", "plan")
    assert code == 0
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert list(rows) == ["a", "b", "commun"]
    a, b = rows["a"], rows["b"]
    assert [float(a[y]) for y in ("2027", "2028", "2029")] == pytest.approx([-200, 400, 1000])
    assert (float(a["cumulated_eur"]), a["break_even_year"]) == (pytest.approx(1200.0), "2028")
    assert (float(a["cash_low_eur"]), a["cash_low_month"]) == (pytest.approx(-300.0), "2027-12")
    assert float(a["cash_needed_eur"]) == pytest.approx(300.0)
    assert b["break_even_year"] == ""  # never
    assert rows["commun"]["shared_entity"] == "True"
