"""The logbook's part of the report: only a revealed session, its radar and its divergences."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bm3c.cli.main import main
from bm3c.export.logbook_summary import logbook_summary
from bm3c.export.report import report_html
from bm3c.io import load_cooperation
from bm3c.logbook import default_grid, grid_to_data
from bm3c.store import Store
from bm3c.store import logbook as book
from tests.conftest import ROOT
from tests.export.test_report import assert_self_contained

HALLE = load_cooperation(ROOT / "examples" / "halle-des-transitions.yaml")
GRID = default_grid()
FIRST, SECOND = GRID.axes[0], GRID.axes[1]


def test_only_the_latest_revealed_session_goes_into_the_report(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'workspace.db'}")
    store.save("halle", HALLE, author="Setup", message="import", parent=None)
    assert logbook_summary(store, "halle", HALLE, "fr") is None  # no session yet
    grid = grid_to_data(GRID)
    for title in ("Atelier 1", "Atelier 2", "Atelier 3"):
        book.open_session(store, "halle", title, date(2026, 11, 27), grid, "Camille")
    q1, q2 = FIRST.questions[0].id, SECOND.questions[0].id
    for session, anne, bruno in ((1, 4, 4), (2, 1, 5), (3, 3, 3)):
        book.record_answer(
            store, "halle", session, respondent="Anne", member="la-boucle", scores={q1: anne, q2: 3}
        )
        book.record_answer(
            store, "halle", session, respondent="Bruno", member=None, scores={q1: bruno, q2: 3}
        )
    assert logbook_summary(store, "halle", HALLE, "fr") is None  # nothing revealed: nothing shown
    book.reveal(store, "halle", 1, "Camille")
    book.reveal(store, "halle", 2, "Camille")  # session 3 stays hidden
    summary = logbook_summary(store, "halle", HALLE, "fr")
    assert summary is not None
    assert summary.session == "2 · 27/11/2026 · Atelier 2"
    assert summary.respondents == ("La Boucle — Anne", "Bruno")
    # the first axis (1 against 5) is ranked before the second (3 and 3)
    assert summary.divergences[0].startswith(FIRST.name.fr)
    assert "de 1 (La Boucle — Anne) à 5 (Bruno)" in summary.divergences[0]
    assert summary.radar_svg.lstrip().startswith("<svg")
    assert "La Boucle — Anne" in summary.radar_svg and "Bruno" in summary.radar_svg
    english = logbook_summary(store, "halle", HALLE, "en")
    assert english is not None and english.divergences[0].startswith(FIRST.name.en or "")


def revealed_logbook(tmp_path: Path) -> Store:
    """Halle saved with one revealed session: Anne (La Boucle) says 1, Bruno says 5."""
    store = Store(f"sqlite:///{tmp_path / 'workspace.db'}")
    store.save("halle", HALLE, author="Setup", message="import", parent=None)
    book.open_session(store, "halle", "Atelier 1", date(2026, 11, 27), grid_to_data(GRID), "C")
    q1 = FIRST.questions[0].id
    book.record_answer(store, "halle", 1, respondent="Anne", member="la-boucle", scores={q1: 1})
    book.record_answer(store, "halle", 1, respondent="Bruno", member=None, scores={q1: 5})
    book.reveal(store, "halle", 1, "C")
    return store


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_report_ends_with_the_logbook_when_given_one(tmp_path: Path, lang: str) -> None:
    store = revealed_logbook(tmp_path)
    summary = logbook_summary(store, "halle", HALLE, lang)
    html = report_html(HALLE, lang, summary)
    assert_self_contained(html)
    section = html[html.index('<section id="logbook">') :]
    assert 'data-chart="logbook-radar"' in section and "<svg" in section
    assert summary is not None and summary.divergences[0] in section.replace("&#39;", "'")
    title = "Le carnet de bord" if lang == "fr" else "The logbook"
    assert f'<a href="#logbook">{title}</a>' in html  # in the contents too
    assert '<section id="logbook">' not in report_html(HALLE, lang)  # none given: none shown


def test_models_report_writes_a_saved_model_s_report_with_its_logbook(tmp_path: Path) -> None:
    store = revealed_logbook(tmp_path)
    out = tmp_path / "compte-rendu.html"
    url = str(store.engine.url)
    assert main(["models", "--database-url", url, "report", "halle", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert '<section id="logbook">' in html and "La Boucle — Anne" in html
    pdf = tmp_path / "compte-rendu.pdf"
    assert main(["models", "--database-url", url, "report", "halle", "-o", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert (
        main(["models", "--database-url", url, "report", "halle", "-o", str(tmp_path / "x")]) == 2
    )
