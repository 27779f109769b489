"""Overview page and the shared sidebar, under AppTest, for every bundled example."""

from __future__ import annotations

from pathlib import Path

import pytest

from bm3c.edit import set_work
from bm3c.engine import evaluate
from bm3c.io import dump_cooperation, load_cooperation
from bm3c.ui.format import money
from tests.ui.apptest import EXAMPLES, HALLE, open_app, workspace_of


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_overview_shows_the_engine_figures(example: Path) -> None:
    at = open_app(example)
    coop = load_cooperation(example)
    ev = evaluate(coop)
    assert at.title[0].value == coop.name
    metrics = [m.value for m in at.metric]
    assert money(ev.collective.result_eur, "EUR", "fr") in metrics
    assert money(ev.shared_entity.result_eur, "EUR", "fr") in metrics
    assert money(ev.shared_entity.reserve_eur, "EUR", "fr") in metrics
    table = at.dataframe[0].value
    assert list(table["Résultat (trésorerie)"]) == [
        money(m.cash_result_eur, "EUR", "fr") for m in ev.members
    ]
    assert list(table["Gain de la coopération"]) == [
        money(m.gain_from_cooperation_eur, "EUR", "fr") for m in ev.members
    ]
    verdict = at.success if ev.everyone_gains else at.warning
    assert len(verdict) >= 1


def test_switching_language_switches_the_texts() -> None:
    at = open_app(HALLE)
    assert "Résultat du collectif" in [m.label for m in at.metric]
    at.sidebar.segmented_control[0].set_value("en").run()
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert "Collective result" in labels
    ev = evaluate(load_cooperation(HALLE))
    assert money(ev.collective.result_eur, "EUR", "en") in [m.value for m in at.metric]
    assert "Cash result" in at.dataframe[0].value.columns


def test_opening_another_example_replaces_the_model() -> None:
    at = open_app(HALLE)
    target = next(p for p in EXAMPLES if p.stem == "passerelles")
    at.selectbox(key="overview.choice").set_value(f"Exemple : {target.stem}")
    at.button(key="overview.open_button").click().run()
    assert not at.exception
    assert workspace_of(at).model == load_cooperation(target)
    assert at.title[0].value == "Passerelles"


def test_undo_goes_back_to_the_model_before_the_last_edit() -> None:
    at = open_app(HALLE)
    ws = workspace_of(at)
    before = ws.model
    ws.undo_stack.append((before, "heures"))
    ws.model = set_work(before, "cafe-cantine", "r3-bordeaux", 120, 0)
    ws.version += 1
    at.run()
    assert "Annuler : heures" in [b.label for b in at.sidebar.button]
    assert dump_cooperation(ws.model) != dump_cooperation(before)
    at.sidebar.button(key="sidebar.undo").click().run()
    assert not at.exception
    assert workspace_of(at).model == before
    assert "Rien à annuler" in [b.label for b in at.sidebar.button]


def test_the_undo_label_follows_the_language() -> None:
    at = open_app(HALLE)
    ws = workspace_of(at)
    from bm3c.ui.i18n import Text

    ws.undo_stack.append((ws.model, Text("heures de travail", "work.hours_what", {})))
    ws.model = set_work(ws.model, "cafe-cantine", "r3-bordeaux", 120, 0)
    ws.version += 1
    at.run()
    assert "Annuler : heures de travail" in [b.label for b in at.sidebar.button]
    at.sidebar.segmented_control[0].set_value("en").run()
    labels = [b.label for b in at.sidebar.button]
    assert any(label.startswith("Undo: ") and "heures" not in label for label in labels)
