"""``bm3c budget FILE``: the budgets of DOMAIN Part 4 in text and JSON.

The cooperation is the hand-worked one of ``tests/engine/test_budget.py``: the
action's charges 11 000 €, produits 26 000 € (16 000 of sales and services,
5 000 from the Region, 5 000 from the Metropole), 86 = 87 = 1 800 €; the Region
finances 39 % of the action with valued volunteering, 45 % without, above its
30 % cap; S's budget is 83 % financed by the Metropole, above its 50 % cap.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bm3c.cli.main import main
from tests.engine.test_budget import model

DOMAIN_KEYS = {
    "party",
    "year",
    "charges",
    "produits",
    "charges_total_eur",
    "produits_total_eur",
    "result_eur",
    "contributions",
}
FUNDER_KEYS = {"id", "year", "amount_eur", "rate", "rate_with_volunteering", "over_max_rate"}


@pytest.fixture
def path(tmp_path: Path) -> Path:
    out = tmp_path / "budget.yaml"
    out.write_text(yaml.safe_dump(model(), allow_unicode=True), encoding="utf-8")
    return out


def test_the_json_has_domain_keys_and_the_hand_worked_figures(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["budget", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [b["party"] for b in data["budgets"]] == ["a", "b", "c", "s", "action"]
    action = data["budgets"][-1]
    assert action.keys() >= DOMAIN_KEYS
    assert action["year"] is None  # a model without plan
    assert action["charges"] == {
        "60": 1000,
        "61": 0,
        "62": 500,
        "63": 0,
        "64": 8500,
        "65": 0,
        "66": 0,
        "67": 0,
        "68": 1000,
    }
    assert action["produits"] == {
        "70": 16000,
        "74": {"metropole": 5000, "region": 5000},
        "75": 0,
        "77": 0,
    }
    assert (action["charges_total_eur"], action["produits_total_eur"]) == (11000, 26000)
    assert action["result_eur"] == 15000
    assert action["contributions"] == {"86": 1800, "87": 1800}
    funders = {f["id"]: f for f in data["funders"]}
    assert funders["region"].keys() >= FUNDER_KEYS
    assert funders["region"]["rate"] == pytest.approx(5000 / 11000)
    assert funders["region"]["rate_with_volunteering"] == pytest.approx(5000 / 12800)
    assert funders["region"]["over_max_rate"] is True
    assert funders["metropole"]["over_max_rate"] is False
    s = next(b for b in data["budgets"] if b["party"] == "s")
    assert [f["id"] for f in s["funders"] if f["over_max_rate"]] == ["metropole"]
    lines = [line for line in s["lines"] if line["side"] == "86"]
    assert sum(line["amount_eur"] for line in lines) == 2800


def test_the_text_reads_as_the_form_in_french(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["budget", str(path), "--party", "action", "--lang", "fr"]) == 0
    out = capsys.readouterr().out.replace("\xa0", " ").replace("\u202f", " ")
    assert "Budget prévisionnel — L'action (la coopération entière)" in out
    assert "64 – Charges de personnel" in out and "8 500,00 €" in out
    assert "Excédent prévisionnel" in out and "15 000,00 €" in out
    assert "Total des produits et du déficit" in out and "26 000,00 €" in out
    assert "Région finance 39 % de l'action (45 % sans le bénévolat valorisé)." in out
    assert "Plafond de 30 % dépassé pour Région : 39 % des charges et du bénévolat valorisé." in out
    assert "Budget prévisionnel — A" not in out  # --party: the action only


def test_a_plan_prints_every_year_unless_one_is_chosen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan.yaml"
    out.write_text(
        yaml.safe_dump(model(plan={"start_year": 2027, "years": 2}), allow_unicode=True),
        encoding="utf-8",
    )
    assert main(["budget", str(out), "--party", "s", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "Provisional budget 2027 — S" in text and "Provisional budget 2028 — S" in text
    assert main(["budget", str(out), "--year", "2028", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {b["year"] for b in data["budgets"]} == {2028}


def test_a_scenario_and_its_name(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["budget", str(path), "--scenario", "sans-b", "--party", "s", "--lang", "fr"]) == 0
    out = capsys.readouterr().out.replace("\xa0", " ").replace("\u202f", " ")
    assert "Budget prévisionnel — S — Sans B" in out
    assert (
        "62 – Autres services extérieurs" in out and "4 100,00 €" in out
    )  # 2 000 + 2 100 replaced


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--party", "x"], "--party x: neither a structure nor the action (a, b, c, s, action)"),
        (["--year", "2031"], "--year 2031: this model has one year only (1)"),
        (["--scenario", "nope"], "nope"),
        (
            ["--scenario", "sans-b", "--party", "b"],
            "--party b: this structure leaves the cooperation in this scenario",
        ),
    ],
)
def test_bad_options_are_refused_in_words(
    path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["budget", str(path), *args, "--lang", "en"]) == 2
    assert message in capsys.readouterr().err
