"""Workspace page under AppTest: listing and opening saved models, their history, what
changed, restore, download, import and the trash. Data is prepared and checked through
the same workspace database the app uses (``BM3C_DATABASE_URL``, see conftest)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from bm3c.edit.cooperation import edit_data, set_work
from bm3c.edit.differences import describe_differences
from bm3c.io import dump_cooperation, load_cooperation, parse_cooperation
from bm3c.model import Cooperation
from bm3c.store import Store
from bm3c.store.live import find_draft
from tests.ui.apptest import EXAMPLES, HALLE, open_app, table_with, workspace_of

PASSERELLES = next(p for p in EXAMPLES if p.stem == "passerelles")


def workspace_store() -> Store:
    """The workspace the app of this test works in."""
    return Store(os.environ["BM3C_DATABASE_URL"])


def three_revisions() -> list[Cooperation]:
    """Halle saved by Alice, then Bob changes the café's hours, then Alice the sharing.

    Revision 2 moves R3 Bordeaux onto the café (100 paid hours); revision 3 shares the
    surplus equally: two and one differences respectively.
    """
    first = load_cooperation(HALLE)
    second = set_work(first, "cafe-cantine", "r3-bordeaux", 100, 0)
    third = edit_data(second, lambda d: d["sharing"].update(surplus="equal"))
    s = workspace_store()
    s.save("halle", first, author="Alice", message="premier jet", parent=None)
    s.save("halle", second, author="Bob", message="R3 au café", parent=1)
    s.save("halle", third, author="Alice", message="partage égal", parent=2)
    return [first, second, third]


def open_saved_model(at: AppTest, model_id: str) -> AppTest:
    """Choose a workspace model on the page and open it."""
    at.selectbox(key="workspace.choice").set_value(model_id)
    at.button(key="workspace.open").click().run()
    assert not at.exception, at.exception
    return at


def markdown(at: AppTest) -> str:
    """Every Markdown text of the page, one after the other."""
    return "\n".join(m.value for m in at.markdown)


def test_the_models_saved_beforehand_are_listed() -> None:
    three_revisions()
    workspace_store().save(
        "passerelles", load_cooperation(PASSERELLES), author="Chloé", message="", parent=None
    )
    at = open_app(HALLE, page="workspace")
    assert at.title[0].value == "Espace de travail"
    table = table_with(at, "Identifiant")
    assert list(table["Identifiant"]) == ["halle", "passerelles"]
    assert list(table["Nom"]) == ["La Halle des transitions", "Passerelles"]
    assert list(table["Dernière révision"]) == [3, 1]
    assert list(table["Enregistrée par"]) == ["Alice", "Chloé"]
    assert all(len(v) == len("27/11/2026 14:02") for v in table["Date"])
    assert any("fichier hors de l'espace de travail" in i.value for i in at.info)


def test_an_empty_workspace_says_how_to_fill_it() -> None:
    at = open_app(HALLE, page="workspace")
    assert any("Aucun modèle enregistré" in i.value for i in at.info)
    assert not at.selectbox  # nothing to open, no history
    assert at.main.caption[-1].value == "La corbeille est vide."


def test_opening_a_model_sets_the_tabs_model_origin_and_base() -> None:
    models = three_revisions()
    at = open_saved_model(open_app(PASSERELLES, page="workspace"), "halle")
    ws = workspace_of(at)
    assert (ws.model, ws.loaded) == (models[2], models[2])
    assert (ws.origin, ws.base, ws.model_id) == ("model:halle", 3, "halle")
    assert any("modèle `halle` de l'espace de travail, révision 3" in i.value for i in at.info)
    assert at.button(key="workspace.open").disabled  # it is the open one now


def test_opening_warns_that_unsaved_edits_are_kept_as_a_draft() -> None:
    three_revisions()
    at = open_app(HALLE, page="workspace")
    ws = workspace_of(at)
    edited = set_work(ws.model, "cafe-cantine", "r3-bordeaux", 42, 0)
    ws.replace(edited, "heures")
    at.run()
    (warning,) = [w.value for w in at.warning]
    assert "ne seront pas perdues" in warning
    assert "au nom de Camille" in warning
    open_saved_model(at, "halle")
    assert workspace_of(at).origin == "model:halle"
    draft = find_draft(workspace_store(), f"file:{HALLE.name}", "Camille")
    assert draft is not None
    assert draft.cooperation() == edited


def test_the_history_shows_every_revision() -> None:
    three_revisions()
    at = open_saved_model(open_app(HALLE, page="workspace"), "halle")
    assert "Historique de « La Halle des transitions »" in [h.value for h in at.header]
    table = table_with(at, "Révision")
    assert list(table["Révision"]) == [3, 2, 1]
    assert list(table["Enregistrée par"]) == ["Alice", "Bob", "Alice"]
    assert list(table["Ce qui a changé"]) == ["partage égal", "R3 au café", "premier jet"]
    assert list(table["Faite à partir de"]) == ["révision 2", "révision 1", "(création)"]


def test_what_changed_between_two_revisions() -> None:
    models = three_revisions()
    at = open_saved_model(open_app(HALLE, page="workspace"), "halle")
    assert at.selectbox(key="workspace.diff_from").value == 2
    assert at.selectbox(key="workspace.diff_to").value == 3
    assert "De la révision 2 à la révision 3 : 1 changement." in markdown(at)
    assert (
        "- partage du résultat, règle pour un excédent : Au prorata de l'usage (ristourne)"
        " → À parts égales" in markdown(at)
    )
    at.selectbox(key="workspace.diff_from").set_value(1).run()
    lines = describe_differences(models[0], models[2], "fr")
    assert f"De la révision 1 à la révision 3 : {len(lines)} changements." in markdown(at)
    for line in lines:
        assert f"- {line}" in markdown(at)
    at.selectbox(key="workspace.diff_to").set_value(1).run()
    assert "Choisissez deux révisions différentes." in [c.value for c in at.caption]


def test_restoring_makes_a_new_revision_and_loads_it() -> None:
    models = three_revisions()
    at = open_saved_model(open_app(HALLE, page="workspace"), "halle")
    assert at.button(key="workspace.restore").disabled  # the latest one is selected
    at.selectbox(key="workspace.revision.fr").set_value(1).run()
    assert "enregistrée à nouveau comme révision 4" in " ".join(c.value for c in at.caption)
    at.button(key="workspace.restore").click().run()
    assert not at.exception
    s = workspace_store()
    latest = s.revision("halle")
    assert (latest.number, latest.author, latest.parent) == (4, "Camille", 3)
    assert latest.cooperation() == models[0]
    ws = workspace_of(at)
    assert (ws.model, ws.loaded, ws.base, ws.origin) == (models[0], models[0], 4, "model:halle")
    table = table_with(at, "Révision")
    assert list(table["Révision"]) == [4, 3, 2, 1]
    assert table["Ce qui a changé"][0] == "restauration de la révision 1"
    assert len(s.history("halle")) == 4  # nothing was lost


def test_restoring_keeps_unsaved_edits_one_undo_away() -> None:
    models = three_revisions()
    at = open_saved_model(open_app(HALLE, page="workspace"), "halle")
    ws = workspace_of(at)
    edited = set_work(ws.model, "cafe-cantine", "r3-bordeaux", 42, 0)
    ws.replace(edited, "heures")
    at.selectbox(key="workspace.revision.fr").set_value(2).run()
    assert any("« Annuler »" in w.value for w in at.warning)
    at.button(key="workspace.restore").click().run()
    assert workspace_of(at).model == models[1]
    at.sidebar.button(key="sidebar.undo").click().run()
    assert workspace_of(at).model == edited


Deferred = tuple[Callable[[], Any], str | None, str | None]  # data, file name, MIME type


@pytest.fixture
def deferred_downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Deferred]:
    """What download buttons given a callable would serve, by their deferred file id.

    AppTest drops its media manager after each run, so the callable is kept here.
    """
    kept: dict[str, Deferred] = {}
    original = MediaFileManager.add_deferred

    def add_deferred(
        self: MediaFileManager,
        data_callable: Callable[[], Any],
        mimetype: str | None,
        coordinates: str,
        file_name: str | None = None,
        **kwargs: Any,
    ) -> str:
        file_id = original(self, data_callable, mimetype, coordinates, file_name, **kwargs)
        kept[file_id] = (data_callable, file_name, mimetype)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return kept


def test_downloading_a_revision_gives_its_yaml(deferred_downloads: dict[str, Deferred]) -> None:
    models = three_revisions()
    at = open_saved_model(open_app(HALLE, page="workspace"), "halle")
    at.selectbox(key="workspace.revision.fr").set_value(2).run()
    button = at.download_button(key="workspace.download")
    assert button.label == "Télécharger la révision 2 (YAML)"
    data, file_name, mime = deferred_downloads[button.proto.deferred_file_id]
    assert (file_name, mime) == ("halle-r2.yaml", "application/x-yaml")
    text = data()
    assert text == dump_cooperation(workspace_store().revision("halle", 2).cooperation())
    assert parse_cooperation(text.encode(), "yaml") == models[1]


def test_importing_a_valid_file_creates_a_model_and_opens_it() -> None:
    at = open_app(HALLE, page="workspace")
    content = PASSERELLES.read_bytes()
    at.file_uploader[0].set_value(("passerelles.yaml", content, "application/x-yaml")).run()
    assert any("Fichier lu : **Passerelles**" in s.value for s in at.success)
    assert at.text_input(key="workspace.import_id").value == "passerelles"
    at.text_input(key="workspace.import_id").set_value("passerelles-2027")
    at.button(key="workspace.import").click().run()
    assert not at.exception
    s = workspace_store()
    (revision,) = s.history("passerelles-2027")
    assert (revision.author, revision.message) == ("Camille", "import de passerelles.yaml")
    assert revision.cooperation() == load_cooperation(PASSERELLES)
    ws = workspace_of(at)
    assert (ws.origin, ws.base, ws.plan) == ("model:passerelles-2027", 1, revision.cooperation())
    assert list(table_with(at, "Identifiant")["Identifiant"]) == ["passerelles-2027"]
    assert not at.file_uploader[0].value  # emptied for the next import


def test_an_invalid_file_lists_every_problem() -> None:
    at = open_app(HALLE, page="workspace")
    data = yaml.safe_load(PASSERELLES.read_text(encoding="utf-8"))
    data["members"][0]["hourly_cost_eur"] = -5
    data["activities"][0]["carrier"] = "personne"
    broken = yaml.safe_dump(data, allow_unicode=True).encode()
    at.file_uploader[0].set_value(("broken.yaml", broken, "application/x-yaml")).run()
    assert not at.exception
    (error,) = [e.value for e in at.error]
    assert error.startswith("Ce fichier n'a pas été importé : 2 problèmes à corriger.")
    assert "**ludosens › coût horaire** : doit valoir au moins 0" in error
    assert "› porteur** : porteur inconnu « personne »" in error
    assert "workspace.import" not in [b.key for b in at.button]
    assert workspace_store().list_models() == []


def test_an_existing_id_is_refused() -> None:
    three_revisions()
    at = open_app(HALLE, page="workspace")
    at.file_uploader[0].set_value(("halle.yaml", HALLE.read_bytes(), "application/x-yaml")).run()
    at.text_input(key="workspace.import_id").set_value("halle").run()
    assert any("Un modèle `halle` existe déjà" in e.value for e in at.error)
    assert at.button(key="workspace.import").disabled
    workspace_store().delete("halle")
    at.run()
    assert any("Un modèle `halle` est dans la corbeille" in e.value for e in at.error)
    at.text_input(key="workspace.import_id").set_value("Halle 2").run()
    assert not at.error
    assert "Identifiant retenu : `halle-2`" in [c.value for c in at.caption]
    at.button(key="workspace.import").click().run()
    assert workspace_store().head("halle-2") == 1
    assert workspace_store().head("halle") == 3


def test_trash_and_back() -> None:
    three_revisions()
    at = open_saved_model(open_app(HALLE, page="workspace"), "halle")
    at.button(key="workspace.trash").click().run()
    assert workspace_store().list_models()  # not yet: it asks first
    assert any("Mettre « La Halle des transitions » (`halle`)" in w.value for w in at.warning)
    at.button(key="workspace.trash_cancel").click().run()
    assert [m.id for m in workspace_store().list_models()] == ["halle"]
    at.button(key="workspace.trash").click().run()
    at.button(key="workspace.trash_confirm").click().run()
    assert not at.exception
    s = workspace_store()
    assert s.list_models() == []
    assert [m.id for m in s.list_models(trash=True)] == ["halle"]
    assert workspace_of(at).origin == f"example:{HALLE.name}"  # the starting model
    assert list(table_with(at, "Mis à la corbeille le")["Identifiant"]) == ["halle"]
    at.button(key="workspace.undelete").click().run()
    assert [m.id for m in workspace_store().list_models()] == ["halle"]
    assert workspace_store().list_models(trash=True) == []
    assert at.main.caption[-1].value == "La corbeille est vide."


def test_without_the_workspace_the_page_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BM3C_DATABASE_URL", "sqlite:////nonexistent-dir/for/sure/workspace.db")
    at = open_app(HALLE, page="workspace")
    (warning,) = [w.value for w in at.warning]
    assert warning.startswith("L'espace de travail est indisponible : ")
    assert warning != "L'espace de travail est indisponible : cause inconnue"
    assert "vue d'ensemble" in at.caption[0].value
    assert not at.dataframe


def test_the_page_in_english() -> None:
    three_revisions()
    at = open_saved_model(open_app(HALLE, page="workspace", lang="en"), "halle")
    assert at.title[0].value == "Workspace"
    assert [h.value for h in at.header] == [
        "Models of the workspace",
        "History of 'La Halle des transitions'",
        "Import a file",
        "Trash",
    ]
    assert list(table_with(at, "Revision")["Made from"]) == [
        "revision 2",
        "revision 1",
        "(created)",
    ]
    assert "From revision 2 to revision 3: 1 change." in markdown(at)
    assert at.download_button(key="workspace.download").label == "Download revision 3 (YAML)"
    assert at.button(key="workspace.trash").label == "Put 'La Halle des transitions' in the trash"
    assert all(len(v) == len("2026-11-27 14:02") for v in table_with(at, "Id")["Date"])
