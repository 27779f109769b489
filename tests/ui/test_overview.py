"""Overview page and the shared sidebar, under AppTest, for every bundled example."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bm3c.edit.cooperation import set_work
from bm3c.engine import evaluate
from bm3c.io import dump_cooperation, load_cooperation
from bm3c.store import Store
from bm3c.texts.format import money
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
    assert list(table["Résultat"]) == [money(m.cash_result_eur, "EUR", "fr") for m in ev.members]
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
    assert "Result" in at.dataframe[0].value.columns


def test_opening_another_example_replaces_the_model() -> None:
    at = open_app(HALLE)
    target = next(p for p in EXAMPLES if p.stem == "passerelles")
    at.selectbox(key="overview.choice").set_value(("example", target.name))
    at.button(key="overview.open_button").click().run()
    assert not at.exception
    ws = workspace_of(at)
    assert ws.plan == load_cooperation(target)
    assert (ws.origin, ws.base, ws.model_id) == ("example:passerelles.yaml", 0, None)
    assert at.title[0].value == "Passerelles"
    assert "Exemple fourni (lecture seule)" in at.sidebar.caption[0].value


def test_the_workspace_models_come_first_and_open_their_latest_revision() -> None:
    s = Store(os.environ["BM3C_DATABASE_URL"])
    first = load_cooperation(HALLE)
    second = set_work(first, "cafe-cantine", "r3-bordeaux", 100, 0)
    s.save("halle", first, author="Alice", message="", parent=None)
    s.save("halle", second, author="Bob", message="", parent=1)
    at = open_app(HALLE)
    options = at.selectbox(key="overview.choice").options
    assert options[0] == "Espace de travail : La Halle des transitions (halle, révision 2)"
    assert options[1].startswith("Exemple (modèle de départ) : ")
    at.selectbox(key="overview.choice").set_value(("model", "halle"))
    at.button(key="overview.open_button").click().run()
    assert not at.exception
    ws = workspace_of(at)
    assert (ws.model, ws.origin, ws.base) == (second, "model:halle", 2)
    assert at.button(key="overview.open_button").disabled  # it is open already
    assert "Déjà ouvert dans cet onglet." in [c.value for c in at.caption]


def test_an_uploaded_file_opens_with_its_origin() -> None:
    at = open_app(HALLE)
    target = next(p for p in EXAMPLES if p.stem == "passerelles")
    at.file_uploader(key="overview.upload").set_value(
        ("mon-projet.yaml", target.read_bytes(), "application/x-yaml")
    ).run()
    at.button(key="overview.open_upload").click().run()
    assert not at.exception
    ws = workspace_of(at)
    assert (ws.plan, ws.source) == (load_cooperation(target), "mon-projet.yaml")
    # each upload is its own: an old draft of a file with the same name never replaces it
    assert ws.origin.startswith("upload:") and ws.origin.endswith("/mon-projet.yaml")


def test_unsaved_edits_are_said_to_be_kept_as_a_draft() -> None:
    at = open_app(HALLE)
    ws = workspace_of(at)
    ws.replace(set_work(ws.model, "cafe-cantine", "r3-bordeaux", 120, 0), "heures")
    at.run()
    assert any("gardées en brouillon au nom de Camille" in w.value for w in at.warning)


def test_undo_goes_back_to_the_model_before_the_last_edit() -> None:
    at = open_app(HALLE)
    ws = workspace_of(at)
    before = ws.model
    ws.replace(set_work(before, "cafe-cantine", "r3-bordeaux", 120, 0), "heures")
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
    from bm3c.texts.i18n import Text

    ws.replace(
        set_work(ws.model, "cafe-cantine", "r3-bordeaux", 120, 0),
        Text("heures de travail", "work.hours_what", {}),
    )
    at.run()
    assert "Annuler : heures de travail" in [b.label for b in at.sidebar.button]
    at.sidebar.segmented_control[0].set_value("en").run()
    labels = [b.label for b in at.sidebar.button]
    assert any(label.startswith("Undo: ") and "heures" not in label for label in labels)


def test_files_of_models_folder_are_listed_in_the_default_workspace_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from streamlit.testing.v1 import AppTest

    from bm3c.store import Store
    from tests.ui.apptest import APP

    (tmp_path / "notre-projet.yaml").write_text(HALLE.read_text(encoding="utf-8"), "utf-8")
    monkeypatch.setattr("bm3c.ui.live.MODELS", tmp_path)
    at = open_app(HALLE)
    label = "Fichier du dossier models : notre-projet.yaml"
    assert label in at.selectbox(key="overview.choice").options
    Store.create_workspace(os.environ["BM3C_DATABASE_URL"], "collectif-c", name="C", code=None)
    hosted = AppTest.from_file(APP, default_timeout=60)
    hosted.query_params["ws"] = "collectif-c"
    hosted.query_params["who"] = "Anne"
    hosted.session_state["lang"] = "fr"
    hosted.run()
    assert label not in hosted.selectbox(key="overview.choice").options


def test_the_overview_bridges_the_pooled_activities_to_the_shared_entitys_result() -> None:
    """Passerelles: activities −2 710 €, the shared entity +6 250 €; the steps in between."""
    at = open_app(HALLE.parent / "passerelles.yaml")
    bridge = next(d.value for d in at.dataframe if "Étape" in d.value.columns)
    rows = list(zip(bridge["Étape"], bridge["Montant"], strict=True))
    nb, nnb = "\u00a0", "\u202f"
    assert rows[0] == ("Résultat des activités mutualisées", f"−2{nnb}710,00{nb}€")
    assert rows[-1] == ("= Résultat de la structure commune", f"6{nnb}250,00{nb}€")
    assert ("+ cotisations et versements des membres", f"900,00{nb}€") in rows
    assert ("+ subventions et versements d'acteurs extérieurs", f"5{nnb}000,00{nb}€") in rows
    assert ("− mises à disposition refacturées par les membres", f"57{nnb}350,00{nb}€") in rows
    assert not any(amount == f"0,00{nb}€" for _, amount in rows[1:-1])  # zero steps left out
    metric = next(m for m in at.metric if m.label == "Résultat de la structure commune")
    assert metric.value == rows[-1][1]
