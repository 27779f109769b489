"""``bm3c export FILE --to budget``: the budget for funders alone, end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from bm3c.cli.main import main
from tests.conftest import ROOT

PASSERELLES = ROOT / "examples" / "passerelles.yaml"


def test_export_to_budget_writes_the_budget_workbook_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "budget.xlsx"
    assert main(["export", str(PASSERELLES), "--to", "budget", "--lang", "fr", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "budget.xlsx" in err and "écriture en" not in err  # no « format differs » note
    book = load_workbook(out)
    assert book.sheetnames[0] == "Budget – L’action"
    assert "Financeurs du budget" in book.sheetnames
    assert "Synthèse" not in book.sheetnames  # the budget alone, not the full workbook
    action = book.worksheets[0]
    assert [action.cell(3, c).value for c in (3, 4, 5)] == ["2027", "2028", "2029"]
    assert any(
        cell.data_type == "f" and str(cell.value).startswith("=SUM(")
        for row in action.iter_rows()
        for cell in row
    )


def test_export_to_budget_in_english(tmp_path: Path) -> None:
    out = tmp_path / "budget.xlsx"
    assert main(["export", str(PASSERELLES), "--to", "budget", "--lang", "en", "-o", str(out)]) == 0
    assert load_workbook(out).sheetnames[0] == "Budget – The action"


def test_export_help_names_the_budget(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "fr", "export", "--help"])
    said = capsys.readouterr().out
    assert "budget pour les financeurs" in " ".join(said.split())
