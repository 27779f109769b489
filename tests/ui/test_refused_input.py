"""A refused value says why next to its field, and nothing else is stored in its place."""

from __future__ import annotations

from tests.ui.apptest import HALLE, edit_table, open_app, workspace_of

NB = "\u00a0"


def test_a_reserve_of_150_percent_is_refused_next_to_the_field_and_stays_typed() -> None:
    at = open_app(HALLE, page="structures")
    before = workspace_of(at).model
    key = f"structures.shared.reserve@{workspace_of(at).version}"
    at.number_input(key=key).set_value(150.0)
    at.button(key="structures.shared.submit").click().run()
    assert not at.exception
    assert workspace_of(at).model == before  # not stored, and not silently kept either:
    assert at.number_input(key=key).value == 150.0  # the typed value is still there
    said = [e.value for e in at.error]
    assert (
        f"Part de l'excédent mise en réserve (%) : 150{NB}% n'est pas accepté, la valeur va de "
        f"0{NB}% à 100{NB}%. Rien n'a été modifié."
    ) in said


def test_a_negative_number_of_hours_is_refused_in_words_not_stored_as_positive() -> None:
    at = open_app(HALLE, page="work")
    before = workspace_of(at).model
    edit_table(at, "work.hours", edited_rows={0: {"paid_hours": -30.0}})
    assert not at.exception
    assert workspace_of(at).model == before  # neither −30 nor 30
    (error,) = [e.value for e in at.error if "travail" in e.value]
    assert "› travail › ligne 1 › heures salariées** : doit valoir au moins 0 (saisi : −30)" in (
        error
    )


def test_a_negative_hourly_cost_in_the_add_form_is_refused_next_to_the_field() -> None:
    at = open_app(HALLE, page="structures")
    before = workspace_of(at).model
    at.text_input(key="structures.add_member.name").input("Nouvelle")
    at.text_input(key="structures.add_member.id").input("nouvelle")
    at.number_input(key="structures.add_member.hourly_cost_eur").set_value(-5.0)
    at.button(key="structures.add_member.submit").click().run()
    assert not at.exception
    assert workspace_of(at).model == before
    assert any(
        "Coût horaire" in e.value and "ne peut pas être négative" in e.value for e in at.error
    )
