"""Structures page under AppTest: members, shared entity and actors, all edited in the app."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from bm3c.engine import evaluate
from bm3c.io import dump_cooperation, load_cooperation
from bm3c.model.parts import ACTOR_KINDS
from bm3c.model.validation import validate_cooperation
from bm3c.synthetic import synthetic_cooperation
from bm3c.texts.format import money
from bm3c.texts.i18n import catalog
from tests.ui.apptest import EXAMPLES, HALLE, edit_table, open_app, workspace_of

REFERENCE_KINDS = ("carries", "lines", "work", "requires", "flows", "weight", "scenarios")
PASSERELLES = next(p for p in EXAMPLES if p.stem == "passerelles")


def editor(at: AppTest, name: str) -> pd.DataFrame:
    """The table shown by the table editor ``name``."""
    key = at.session_state[f"bm3c.table_key.{name}"]
    frame: pd.DataFrame = next(d for d in at.dataframe if d.key == key).value
    return frame


def texts(at: AppTest) -> str:
    """Every message, caption and markdown text on the page."""
    parts = [
        e.value
        for kind in ("info", "warning", "error", "caption", "markdown")
        for e in at.get(kind)
    ]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_structures_shows_every_member_with_its_engine_cash_result(example: Path) -> None:
    at = open_app(example, page="structures")
    coop = load_cooperation(example)
    ev = evaluate(coop)
    members = editor(at, "structures.members")
    assert list(members["id"]) == [m.id for m in coop.members]
    assert list(members["hourly_cost_eur"]) == [m.hourly_cost_eur for m in coop.members]
    assert list(members["cash_result"]) == [
        money(ev.member(m.id).cash_result_eur, "EUR", "fr") for m in coop.members
    ]
    if coop.actors:
        assert list(editor(at, "structures.actors")["id"]) == [a.id for a in coop.actors]
    assert f"Structure commune : {coop.shared_entity.name}" in [s.value for s in at.subheader]
    reserve = at.number_input(key=f"structures.shared.reserve@{workspace_of(at).version}")
    assert reserve.value == pytest.approx(coop.shared_entity.reserve_fraction * 100)


def add_member(at: AppTest, name: str, hourly_cost: float, ident: str = "") -> AppTest:
    at.text_input(key="structures.add_member.name").input(name)
    at.text_input(key="structures.add_member.id").input(ident)
    at.number_input(key="structures.add_member.hourly_cost_eur").set_value(hourly_cost)
    return at.button(key="structures.add_member.submit").click().run()


def test_adding_a_member_shows_it_here_and_in_the_overview_with_weight_zero() -> None:
    at = open_app(HALLE, page="structures")
    add_member(at, "Atelier vélo", 24.0)
    assert not at.exception
    coop = workspace_of(at).model
    assert coop.member("atelier-velo").hourly_cost_eur == 24.0
    assert coop.sharing.weights is not None and coop.sharing.weights["atelier-velo"] == 0
    assert "atelier-velo" in list(editor(at, "structures.members")["id"])
    assert "Atelier vélo a reçu un poids de 0" in texts(at)
    assert at.text_input(key="structures.add_member.name").value == ""
    at.switch_page("bm3c/ui/views/overview.py").run()
    assert "Atelier vélo" in list(at.dataframe[0].value["Structure"])


def test_a_refused_new_member_keeps_the_model_and_says_why() -> None:
    at = open_app(HALLE, page="structures")
    before = workspace_of(at).model
    add_member(at, "Doublon", 20.0, ident="la-boucle")
    assert workspace_of(at).model == before
    assert "Modification refusée" in texts(at)
    assert "la-boucle" in texts(at)
    assert at.text_input(key="structures.add_member.name").value == "Doublon"


def test_editing_an_hourly_cost_changes_that_members_cash_result() -> None:
    at = open_app(HALLE, page="structures")
    coop = workspace_of(at).model
    position = coop.member_ids.index("la-boucle")
    edit_table(at, "structures.members", edited_rows={position: {"hourly_cost_eur": 35.0}})
    assert not at.exception
    edited = workspace_of(at).model
    assert edited.member("la-boucle").hourly_cost_eur == 35.0
    after = evaluate(edited).member("la-boucle").cash_result_eur
    assert after < evaluate(coop).member("la-boucle").cash_result_eur
    shown = editor(at, "structures.members")["cash_result"][position]
    assert shown == money(after, "EUR", "fr")


def test_a_negative_hourly_cost_is_refused_next_to_the_table() -> None:
    at = open_app(HALLE, page="structures")
    before = workspace_of(at).model
    edit_table(at, "structures.members", edited_rows={0: {"hourly_cost_eur": -3.0}})
    assert workspace_of(at).model == before
    assert "**La Boucle › coût horaire** : doit valoir au moins 0 (saisi : −3)" in at.error[0].value
    assert (
        editor(at, "structures.members")["hourly_cost_eur"][0] == before.members[0].hourly_cost_eur
    )


def test_removing_a_member_lists_what_refers_to_it_and_needs_a_confirmation() -> None:
    at = open_app(HALLE, page="structures")
    before = workspace_of(at).model
    at.selectbox(key="structures.remove_member.choice").set_value("slow-fest")
    at.button(key="structures.remove_member.ask").click().run()
    warning = at.warning[0].value
    assert "Retirer Slow Fest supprime aussi" in warning
    assert "son poids dans la clé de répartition" in warning
    assert workspace_of(at).model == before  # nothing removed yet
    at.button(key="structures.remove_member.cancel").click().run()
    assert workspace_of(at).model == before
    assert not at.warning

    at.button(key="structures.remove_member.ask").click().run()
    at.button(key="structures.remove_member.confirm").click().run()
    assert not at.exception
    coop = workspace_of(at).model
    assert "slow-fest" not in coop.member_ids
    assert not any(w.member == "slow-fest" for a in coop.activities for w in a.work)
    assert "slow-fest" not in list(editor(at, "structures.members")["id"])
    assert "Slow Fest a été retiré." in texts(at)
    assert "Annuler : retrait de Slow Fest" in [b.label for b in at.sidebar.button]


def test_renaming_a_member_id_keeps_its_work_lines() -> None:
    at = open_app(HALLE, page="structures")
    before = workspace_of(at).model
    work = [
        (a.id, w.paid_hours) for a in before.activities for w in a.work if w.member == "r3-bordeaux"
    ]
    at.selectbox(key="structures.rename.choice").set_value("r3-bordeaux")
    at.text_input(key="structures.rename.new_id").input("r3")
    at.button(key="structures.rename.submit").click().run()
    assert not at.exception
    coop = workspace_of(at).model
    assert "r3" in coop.member_ids and "r3-bordeaux" not in coop.member_ids
    assert [
        (a.id, w.paid_hours) for a in coop.activities for w in a.work if w.member == "r3"
    ] == work
    assert evaluate(coop).member("r3").cash_result_eur == pytest.approx(
        evaluate(before).member("r3-bordeaux").cash_result_eur
    )
    assert "Identifiant changé : r3-bordeaux → r3." in texts(at)


def test_an_invalid_new_id_is_refused() -> None:
    at = open_app(HALLE, page="structures")
    before = workspace_of(at).model
    at.selectbox(key="structures.rename.choice").set_value("r3-bordeaux")
    at.text_input(key="structures.rename.new_id").input("R3 Bordeaux")
    at.button(key="structures.rename.submit").click().run()
    assert workspace_of(at).model == before
    assert "Modification refusée" in texts(at)


def test_the_shared_entity_form_changes_the_reserve() -> None:
    at = open_app(PASSERELLES, page="structures")
    version = workspace_of(at).version
    at.number_input(key=f"structures.shared.reserve@{version}").set_value(50.0)
    at.text_input(key=f"structures.shared.legal_form@{version}").input("SCIC")
    at.button(key="structures.shared.submit").click().run()
    assert not at.exception
    coop = workspace_of(at).model
    assert coop.shared_entity.reserve_fraction == 0.5
    assert coop.shared_entity.legal_form == "SCIC"
    assert evaluate(coop).shared_entity.reserve_eur == pytest.approx(
        max(evaluate(coop).shared_entity.result_eur, 0) * 0.5
    )


def test_actors_are_edited_added_and_removed() -> None:
    at = open_app(HALLE, page="structures")
    edit_table(at, "structures.actors", edited_rows={0: {"kind": "public"}})
    assert workspace_of(at).model.actors[0].kind == "public"
    at.text_input(key="structures.add_actor.name").input("Fondation du Bois")
    at.selectbox(key="structures.add_actor.kind").set_value("funder")
    at.button(key="structures.add_actor.submit").click().run()
    assert not at.exception
    assert workspace_of(at).model.actors[-1].id == "fondation-du-bois"
    at.selectbox(key="structures.remove_actor.choice").set_value("fondation-du-bois")
    at.button(key="structures.remove_actor.ask").click().run()
    assert "Rien ne fait référence à Fondation du Bois" in texts(at)
    at.button(key="structures.remove_actor.confirm").click().run()
    assert "fondation-du-bois" not in [a.id for a in workspace_of(at).model.actors]


def test_structures_in_english() -> None:
    at = open_app(HALLE, page="structures", lang="en")
    assert [s.value for s in at.subheader][:1] == ["Members"]
    assert "External actors" in [s.value for s in at.subheader]
    assert "A member is an organisation" in texts(at)
    ev = evaluate(load_cooperation(HALLE))
    assert money(ev.members[0].cash_result_eur, "EUR", "en") in list(
        editor(at, "structures.members")["cash_result"]
    )
    at.selectbox(key="structures.remove_member.choice").set_value("ecoagir")
    at.button(key="structures.remove_member.ask").click().run()
    assert "Removing Ecoagir / Réagir33 also deletes" in at.warning[0].value


def test_the_page_works_on_the_large_synthetic_model(tmp_path: Path) -> None:
    path = tmp_path / "synthetic.yaml"
    path.write_text(dump_cooperation(validate_cooperation(synthetic_cooperation())))
    at = open_app(path, page="structures")
    coop = workspace_of(at).model
    assert len(editor(at, "structures.members")) == len(coop.members)
    edit_table(at, "structures.members", edited_rows={3: {"capacity_hours": 999.0}})
    assert not at.exception
    assert workspace_of(at).model.members[3].capacity_hours == 999.0


def test_texts_built_from_names_exist_in_both_languages() -> None:
    keys = [f"structures.ref.{kind}" for kind in REFERENCE_KINDS]
    keys += [f"structures.actor_kind.{kind}" for kind in ACTOR_KINDS]
    for key in keys:
        assert set(catalog()[key]) == {"fr", "en"}, key
