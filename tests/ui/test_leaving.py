"""The "If a member leaves" page under AppTest: the engine's figures for the members
chosen, the main answer in words, the refusal when fewer than two would stay, and
the departure saved as a scenario (undoable)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bm3c.engine import evaluate
from bm3c.engine.leaving import members_leave
from bm3c.io import dump_cooperation, load_cooperation
from bm3c.model import Change, Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.present.leaving_tables import alone_sentences, leaving_sentence
from bm3c.synthetic import synthetic_cooperation
from bm3c.texts.format import escape_markdown, hours, money
from tests.ui.apptest import HALLE, open_app, table_with, workspace_of

CHOOSE = "leaving.members"


def halle_without_leave_scenarios() -> Cooperation:
    """The Halle, without the scenarios in which members leave (so none is saved yet)."""
    coop = load_cooperation(HALLE)
    kept = tuple(s for s in coop.scenarios if all(c.leave is None for c in s.changes))
    return coop.model_copy(update={"scenarios": kept})


def column(at: AppTest, title: str) -> list[str]:
    """The texts of the first table with this column."""
    return [str(v) for v in table_with(at, title)[title]]


def test_nothing_is_shown_before_a_member_is_chosen() -> None:
    at = open_app(HALLE, page="leaving")
    assert at.title[0].value == "Si une structure part"
    assert at.multiselect(key=CHOOSE).value == []
    assert [i.value for i in at.info] == [
        "Choisissez une ou plusieurs structures : la page montre, côte à côte, "
        "la coopération aujourd'hui et sans elles."
    ]
    assert not at.dataframe


def test_without_slow_fest_the_page_shows_the_engines_figures() -> None:
    at = open_app(HALLE, page="leaving")
    at.multiselect(key=CHOOSE).set_value(["slow-fest"]).run()
    assert not at.exception
    coop = load_cooperation(HALLE)
    leaving = members_leave(coop, ["slow-fest"])
    assert at.info[0].value == escape_markdown(leaving_sentence(leaving, "fr"))
    assert at.info[0].value.startswith("Sans Slow Fest, La Halle des transitions perd ")
    activities = {a.id: a.name for a in coop.activities}
    assert leaving.stopped
    assert column(at, "Porteur") and column(at, "Activité")[: len(leaving.stopped)] == [
        activities[a] for a in leaving.stopped
    ]
    assert leaving.replaced
    hours_table = table_with(at, "Prix de l'heure")
    assert list(hours_table["Activité"]) == [r.activity_name for r in leaving.replaced] + ["Total"]
    assert list(hours_table["Heures de"])[:-1] == ["Slow Fest"] * len(leaving.replaced)
    assert list(hours_table["Heures"])[:-1] == [hours(r.hours, "fr") for r in leaving.replaced]
    assert list(hours_table["Prix de l'heure"])[:-1] == [
        money(r.hourly_eur, "EUR", "fr") for r in leaving.replaced
    ]
    assert list(hours_table["Coût"]) == [
        *(money(r.cost_eur, "EUR", "fr") for r in leaving.replaced),
        money(leaving.replacement_cost_eur, "EUR", "fr"),
    ]
    staying = [m for m in coop.members if m.id != "slow-fest"]
    assert column(at, "Structure")[: len(staying)] == [m.name for m in staying]
    assert column(at, "Résultat sans Slow Fest") == [
        money(leaving.without.member(m.id).cash_result_eur, "EUR", "fr") for m in staying
    ]
    assert column(at, "Gain sans Slow Fest") == [
        money(leaving.without.member(m.id).gain_from_cooperation_eur, "EUR", "fr") for m in staying
    ]
    assert column(at, "Résultat seule") == [
        money(leaving.without.member("slow-fest").cash_result_eur, "EUR", "fr")
    ]
    sentences = alone_sentences(leaving, "fr")["slow-fest"]
    assert sentences  # the Halle's rent, concerts and office: Slow Fest's lines with the Halle
    assert "Les hypothèses de son résultat seule : Slow Fest" in [e.label for e in at.expander]
    assert "\n".join(f"- {escape_markdown(s)}" for s in sentences) in [m.value for m in at.markdown]


def test_fewer_than_two_members_staying_is_refused() -> None:
    at = open_app(HALLE, page="leaving")
    at.multiselect(key=CHOOSE).set_value(["slow-fest", "r3-bordeaux", "ecoagir"]).run()
    assert not at.exception
    (message,) = [e.value for e in at.error]
    assert message.startswith("Une coopération a besoin d'au moins deux structures")
    assert "sur les 4 structures, 2 au plus peuvent partir" in message
    assert not at.dataframe
    assert "leaving.save" not in {b.key for b in at.button}


def test_saving_the_departure_as_a_scenario() -> None:
    """The scenario's evaluation is what the page showed; undo takes it back."""
    opened = halle_without_leave_scenarios()
    at = open_app(opened, page="leaving")
    at.multiselect(key=CHOOSE).set_value(["slow-fest"]).run()
    shown = column(at, "Résultat sans Slow Fest")
    at.button(key="leaving.save").click().run()
    assert not at.exception
    model = workspace_of(at).model
    added = model.scenarios[-1]
    assert (added.name, added.changes) == ("Sans Slow Fest", (Change(leave=("slow-fest",)),))
    assert [s.id for s in model.scenarios[:-1]] == [s.id for s in opened.scenarios]
    ev = evaluate(model, added.id)
    staying = [m for m in model.members if m.id != "slow-fest"]
    assert shown == [money(ev.member(m.id).cash_result_eur, "EUR", "fr") for m in staying]
    assert column(at, "Résultat sans Slow Fest") == shown
    assert not ev.member("slow-fest").in_cooperation
    assert any("Scénario « Sans Slow Fest » ajouté" in s.value for s in at.success)
    assert at.button(key="leaving.save").disabled
    assert "Déjà enregistré comme scénario « Sans Slow Fest »." in [c.value for c in at.caption]
    at.sidebar.button(key="sidebar.undo").click().run()
    assert workspace_of(at).model == opened
    assert not at.button(key="leaving.save").disabled


def test_the_page_in_english() -> None:
    at = open_app(HALLE, page="leaving", lang="en")
    assert at.title[0].value == "If a member leaves"
    at.multiselect(key=CHOOSE).set_value(["slow-fest"]).run()
    leaving = members_leave(load_cooperation(HALLE), ["slow-fest"])
    assert at.info[0].value == escape_markdown(leaving_sentence(leaving, "en"))
    assert at.info[0].value.startswith("Without Slow Fest, La Halle des transitions loses ")
    assert "Result without Slow Fest" in table_with(at, "Member").columns


def test_the_large_synthetic_model(tmp_path: Path) -> None:
    """30 members: two leave; the page works; its rerun time is printed."""
    path = tmp_path / "synthetic.yaml"
    coop = validate_cooperation(synthetic_cooperation())
    path.write_text(dump_cooperation(coop), encoding="utf-8")
    at = open_app(path, page="leaving")
    leaving_ids = list(coop.member_ids[:2])
    at.multiselect(key=CHOOSE).set_value(leaving_ids).run()
    assert not at.exception
    leaving = members_leave(coop, leaving_ids)
    assert at.info[0].value == escape_markdown(leaving_sentence(leaving, "fr"))
    times = []
    for _ in range(5):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    print(f"leaving page rerun on the synthetic model: median {statistics.median(times):.3f} s")
