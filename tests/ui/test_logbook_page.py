"""The logbook page with several participants (AppTest sessions on one workspace)."""

from __future__ import annotations

import json
import os
from datetime import date

import pyarrow as pa
from streamlit.testing.v1 import AppTest

from bm3c.io import load_cooperation
from bm3c.logbook import default_grid, grid_to_data, validate_grid
from bm3c.store import Store
from bm3c.store import logbook as book
from bm3c.texts.format import escape_markdown
from tests.ui.apptest import HALLE, open_app
from tests.ui.test_live import join

GRID = default_grid()
QUESTIONS = GRID.question_ids


def the_store() -> Store:
    return Store(os.environ["BM3C_DATABASE_URL"])


def saved_halle_with_session() -> Store:
    store = the_store()
    store.save("halle", load_cooperation(HALLE), author="Setup", message="import", parent=None)
    book.open_session(store, "halle", "Atelier 1", date(2026, 11, 27), grid_to_data(GRID), "Setup")
    return store


def answer(at: AppTest, member: str | None, scores: dict[str, int], stakes: str = "") -> AppTest:
    """Fill the answer form as a participant does, and send it."""
    at.selectbox(key="logbook.member.1").set_value(member).run()
    for question, score in scores.items():
        at.radio(key=f"logbook.q.1.{member}.{question}").set_value(score)
    if stakes:
        at.text_area[0].input(stakes)
    submit = next(b for b in at.button if b.label == "Enregistrer ma réponse")
    return submit.click().run()


def chart_specs(at: AppTest) -> list[dict[str, object]]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def chart_data(at: AppTest) -> list[list[dict[str, object]]]:
    """The rows Streamlit sends apart from the specs (its named datasets)."""
    return [
        pa.ipc.open_stream(d.data.data).read_pandas().to_dict("records")
        for chart in at.get("vega_lite_chart")
        for d in chart.proto.datasets
    ]


def editor_key(at: AppTest, axis_id: str) -> str:
    """The key of an axis's questions editor (it changes with the axis's questions)."""
    return next(k for k in at.session_state if k.startswith(f"logbook.questions.{axis_id}."))


def markdown_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_an_unsaved_model_is_asked_to_be_saved_first() -> None:
    at = open_app(page="logbook")
    assert "Enregistrez d'abord ce modèle" in at.info[0].value


def test_a_session_is_opened_from_the_page() -> None:
    store = the_store()
    store.save("halle", load_cooperation(HALLE), author="Setup", message="import", parent=None)
    at = join("Anne", page="logbook")
    assert "Aucune séance" in at.info[0].value
    at.text_input[0].input("Atelier gouvernance")
    next(b for b in at.button if b.label == "Ouvrir la séance").click().run()
    assert not at.exception
    (session,) = book.sessions(store, "halle")
    assert (session.title, session.created_by, session.revealed) == (
        "Atelier gouvernance",
        "Anne",
        False,
    )
    assert validate_grid(session.grid) == GRID  # the session keeps the grid it is answered with


def test_two_participants_answer_in_parallel_and_both_answers_are_kept() -> None:
    store = saved_halle_with_session()
    anne, bruno = join("Anne", page="logbook"), join("Bruno", page="logbook")
    first = {QUESTIONS[0]: 2, QUESTIONS[1]: 3}
    answer(anne, "la-boucle", first, stakes="Un lieu pour nos ateliers")
    answer(bruno, "slow-fest", {QUESTIONS[0]: 5, QUESTIONS[1]: 4})
    assert not anne.exception and not bruno.exception
    kept = book.latest_answers(store, "halle", 1)
    assert [(a.respondent, a.member, a.scores) for a in kept] == [
        ("Anne", "la-boucle", {QUESTIONS[0]: 2, QUESTIONS[1]: 3}),
        ("Bruno", "slow-fest", {QUESTIONS[0]: 5, QUESTIONS[1]: 4}),
    ]
    assert kept[0].stakes == "Un lieu pour nos ateliers"


def test_answers_stay_hidden_until_revealed_then_the_group_sees_everyone() -> None:
    store = saved_halle_with_session()
    anne, bruno = join("Anne", page="logbook"), join("Bruno", page="logbook")
    answer(anne, "la-boucle", {QUESTIONS[0]: 2, QUESTIONS[1]: 2}, stakes="Enjeu secret d'Anne")
    answer(bruno, "slow-fest", {QUESTIONS[0]: 5, QUESTIONS[1]: 5})
    bruno.run()
    # before the reveal: who answered, never what; no radar, no stakes
    text = markdown_text(bruno) + "\n".join(i.value for i in bruno.info)
    assert "Déjà répondu (2)" in text
    assert "La Boucle — Anne" in text and "Slow Fest — Bruno" in text
    assert not chart_specs(bruno)
    assert "Enjeu secret d'Anne" not in str([t.value for t in bruno.table]) + text
    # Bruno's form holds his answer, not Anne's
    assert bruno.radio(key=f"logbook.q.1.slow-fest.{QUESTIONS[0]}").value == 5
    # the facilitator reveals
    next(b for b in anne.button if b.label == "Dévoiler les réponses au groupe").click().run()
    assert book.session(store, "halle", 1).revealed_by == "Anne"
    bruno.run()
    (radar,) = chart_specs(bruno)
    respondents = {
        row["respondent"]
        for data in [*radar.get("datasets", {}).values(), *chart_data(bruno)]
        for row in data
        if "respondent" in row
    }
    assert respondents == {"La Boucle — Anne", "Slow Fest — Bruno"}
    text = markdown_text(bruno)
    first_axis = GRID.axes[0].name.fr
    assert f"1. {first_axis}" in text  # the only axis answered: ranked first
    # as typed: names and brackets are escaped for st.markdown, shown as they are
    assert (
        escape_markdown("les réponses vont de 2 (La Boucle — Anne) à 5 (Slow Fest — Bruno)") in text
    )
    (stakes,) = bruno.table
    assert stakes.value.loc["La Boucle — Anne"].iloc[0] == "Enjeu secret d'Anne"


def test_the_model_facts_of_each_axis_are_shown() -> None:
    saved_halle_with_session()
    at = join("Anne", page="logbook")
    text = markdown_text(at)
    for axis in GRID.axes:
        assert f"#### {axis.name.fr}" in text
    assert "La Boucle" in text  # the members' figures quoted next to the axes


def test_the_grid_s_questions_are_rewritten_and_a_broken_change_is_refused() -> None:
    store = saved_halle_with_session()
    at = join("Anne", page="logbook")
    axis = GRID.axes[0]
    at.session_state[editor_key(at, axis.id)] = {
        "edited_rows": {0: {"Question (français)": "Notre vision est-elle écrite ?"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    next(b for b in at.button if b.key == f"logbook.save.{axis.id}").click().run()
    assert not at.exception
    saved = book.current_grid(store, "halle")
    assert saved is not None
    assert saved["axes"][0]["questions"][0]["text"]["fr"] == "Notre vision est-elle écrite ?"
    # every question of an axis removed: refused, with the problem named, nothing saved
    at.session_state[editor_key(at, axis.id)] = {
        "edited_rows": {},
        "added_rows": [],
        "deleted_rows": list(range(len(axis.questions))),
    }
    at.run()
    next(b for b in at.button if b.key == f"logbook.save.{axis.id}").click().run()
    assert "La grille n'a pas été enregistrée" in at.error[0].value
    assert "questions" in at.error[0].value
    assert len(book.grid_history(store, "halle")) == 1


def test_the_page_speaks_english() -> None:
    saved_halle_with_session()
    at = join("Anne", page="logbook")
    at.segmented_control(key="sidebar.language").set_value("en").run()
    assert at.title[0].value == "The cooperation's logbook"
    labels = [t.label for t in at.tabs]
    assert labels == ["Answer", "What the group sees", "And in the model?", "The grid"]


def test_a_second_session_is_opened_and_chosen() -> None:
    store = saved_halle_with_session()
    at = join("Anne", page="logbook")
    at.text_input[0].input("Atelier 2")
    next(b for b in at.button if b.label == "Ouvrir la séance").click().run()
    assert not at.exception, at.exception
    assert [s.title for s in book.sessions(store, "halle")] == ["Atelier 1", "Atelier 2"]
    at.run()
    assert at.selectbox(key="logbook.session").value == 2
    # a blank name is refused on the spot, nothing opened
    at.text_input[0].input("   ")
    next(b for b in at.button if b.label == "Ouvrir la séance").click().run()
    assert "Donnez un nom à la séance" in at.error[0].value
    assert len(book.sessions(store, "halle")) == 2


def test_pending_question_edits_survive_a_save_elsewhere_in_the_grid() -> None:
    store = saved_halle_with_session()
    at = join("Anne", page="logbook")
    first, second = GRID.axes[0], GRID.axes[1]
    first_key, second_key = editor_key(at, first.id), editor_key(at, second.id)
    pending = {"edited_rows": {0: {"Question (français)": "Pas encore enregistrée ?"}}}
    at.session_state[first_key] = {**pending, "added_rows": [], "deleted_rows": []}
    at.session_state[second_key] = {
        "edited_rows": {0: {"Question (français)": "Qui s'engage à quoi ?"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    next(b for b in at.button if b.key == f"logbook.save.{second.id}").click().run()
    saved = book.current_grid(store, "halle")
    assert saved is not None and saved["axes"][1]["questions"][0]["text"]["fr"] == (
        "Qui s'engage à quoi ?"
    )
    assert (
        at.session_state[first_key]["edited_rows"]
        == {"0": {"Question (français)": "Pas encore enregistrée ?"}}
        or at.session_state[first_key]["edited_rows"] == pending["edited_rows"]
    )


def test_an_axis_of_the_collective_s_own_is_added_and_a_refused_one_keeps_its_texts() -> None:
    store = saved_halle_with_session()
    at = join("Anne", page="logbook")
    name = next(i for i in at.text_input if i.label == "Nom de l'axe")
    name.input("Place des bénévoles")
    question = next(i for i in at.text_input if i.label == "Première question")
    question.input("Les bénévoles trouvent-ils leur place ?")
    next(b for b in at.button if b.label == "Ajouter").click().run()
    assert "Décrivez les cinq niveaux (il manque : 1, 2, 3, 4, 5)" in at.error[0].value
    assert next(i for i in at.text_input if i.label == "Nom de l'axe").value == (
        "Place des bénévoles"
    )  # what was typed stays
    assert book.current_grid(store, "halle") is None
    for k in range(1, 6):
        next(i for i in at.text_input if i.label == f"Niveau {k}").input(f"Niveau {k} décrit")
    next(b for b in at.button if b.label == "Ajouter").click().run()
    saved = book.current_grid(store, "halle")
    assert saved is not None
    added = saved["axes"][-1]
    assert added["name"] == {"fr": "Place des bénévoles"}
    assert added["questions"][0]["text"] == {"fr": "Les bénévoles trouvent-ils leur place ?"}
    assert next(i for i in at.text_input if i.label == "Nom de l'axe").value == ""  # a new form
