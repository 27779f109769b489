"""``bm3c export``: every format from the command line, and clear refusals."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bm3c.cli.main import main
from bm3c.engine import evaluate
from bm3c.io import load_cooperation
from bm3c.texts.format import money
from tests.conftest import ROOT

HALLE = ROOT / "examples" / "halle-des-transitions.yaml"


def assert_holds_every_cash_result(workbook: bytes, model: Path) -> None:
    """Every member's cash result is a number of the workbook (the file's own tests say where)."""
    book = load_workbook(io.BytesIO(workbook))
    numbers = {
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, float | int)
    }
    for m in evaluate(load_cooperation(model)).members:
        assert any(abs(m.cash_result_eur - n) < 1e-6 for n in numbers), m.id


def test_export_writes_the_workbook_with_the_engine_s_numbers(tmp_path: Path) -> None:
    out = tmp_path / "halle.xlsx"
    assert main(["export", str(HALLE), "-o", str(out)]) == 0  # format from the extension
    assert zipfile.is_zipfile(out)
    assert_holds_every_cash_result(out.read_bytes(), HALLE)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_export_writes_the_report_in_the_language_asked(tmp_path: Path, lang: str) -> None:
    out = tmp_path / "report.html"
    assert main(["export", str(HALLE), "--to", "html", "--lang", lang, "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    ev = evaluate(load_cooperation(HALLE))
    for m in ev.members:
        assert money(m.gain_from_cooperation_eur, ev.currency, lang) in html, m.id
    assert f'lang="{lang}"' in html


def test_export_writes_a_pdf(tmp_path: Path) -> None:
    out = tmp_path / "report"
    assert main(["export", str(HALLE), "--to", "pdf", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_export_writes_each_main_chart_into_a_folder(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "charts"
    assert main(["export", str(HALLE), "--to", fmt, "-o", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        f"{n}.{fmt}"
        for n in ("value-flows", "members-alone-and-within", "activities", "work-load", "scenarios")
    )
    first = (out / names[0]).read_bytes()
    assert first.startswith(b"\x89PNG" if fmt == "png" else b"<svg")


def test_export_refuses_an_unknown_extension_without_a_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(HALLE), "-o", str(tmp_path / "x.doc")]) == 2
    err = capsys.readouterr().err
    assert "--to" in err and "xlsx, html, pdf, budget, png, svg" in err and "x.doc" in err
    assert "Traceback" not in err


def test_export_refuses_an_invalid_model_with_its_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("bm3c: 1\nname: X\nmembers: []\n", encoding="utf-8")
    out = tmp_path / "x.xlsx"
    assert main(["export", str(broken), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "invalid" in err and "shared_entity" in err
    assert not out.exists()


def test_export_says_when_it_cannot_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "missing-folder" / "x.html"
    assert main(["export", str(HALLE), "-o", str(out)]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_export_says_when_the_format_and_the_extension_differ(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    assert main(["export", str(HALLE), "--to", "html", "-o", str(out)]) == 0
    assert "note: writing HTML into" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
