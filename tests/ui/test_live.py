"""Several participants on one workspace (AppTest sessions): saving, conflicts, drafts, arrival."""

from __future__ import annotations

import os

import pytest
from streamlit.testing.v1 import AppTest

from bm3c.edit.cooperation import edit_data, set_work
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.store import Store, StoreBusyError
from bm3c.store.live import find_draft
from bm3c.ui.state import KEY, Workspace
from tests.ui.apptest import APP, HALLE, edit_table, workspace_of

HALLE_COOP = load_cooperation(HALLE)


def the_store() -> Store:
    return Store(os.environ["BM3C_DATABASE_URL"])


def saved_halle() -> Store:
    store = the_store()
    store.save("halle", HALLE_COOP, author="Setup", message="import", parent=None)
    return store


def join(who: str, src: str = "model:halle", page: str | None = None) -> AppTest:
    """A new tab arriving by a link ``?src=...&who=...`` (as after a reload).

    When a tab under that name is connected, the arrival form asks to confirm the
    name; this joins as a user who reloaded would.
    """
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["src"] = src
    at.query_params["who"] = who
    at.session_state["lang"] = "fr"
    at.run()
    if at.title and at.title[0].value == "Bienvenue dans bm3c":
        # that name is connected in another tab: the name is asked again (prefilled)
        assert at.text_input(key="arrival.name").value == who
        at.button[0].click().run()
    if page is not None:
        at.switch_page(f"bm3c/ui/views/{page}.py").run()
    assert not at.exception, at.exception
    return at


def set_hourly_cost(at: AppTest, member: str, cost: float) -> None:
    position = workspace_of(at).model.member_ids.index(member)
    edit_table(at, "structures.members", edited_rows={position: {"hourly_cost_eur": cost}})
    assert not at.exception, at.exception


def click_save(at: AppTest, message: str = "") -> AppTest:
    at.text_input(key="save.message").input(message)
    return at.button(key="save.confirm").click().run()


def beaten_to_it(anne: dict[str, float], bruno: dict[str, float], message: str = "") -> AppTest:
    """Anne and Bruno edit hourly costs from revision 1; Anne saves, then Bruno tries
    (with ``message``).

    Returns Bruno's tab, its save refused and the review panel open.
    """
    tabs = {"Anne": join("Anne", page="structures"), "Bruno": join("Bruno", page="structures")}
    for who, costs in (("Anne", anne), ("Bruno", bruno)):
        for member, cost in costs.items():
            set_hourly_cost(tabs[who], member, cost)
    click_save(tabs["Anne"])
    click_save(tabs["Bruno"], message)
    return tabs["Bruno"]


def markdown_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def hourly_cost(coop: Cooperation, member: str) -> float:
    return coop.member(member).hourly_cost_eur


def test_arriving_asks_for_a_name_then_opens_the_linked_model() -> None:
    saved_halle()
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["src"] = "model:halle"
    at.session_state["lang"] = "fr"
    at.run()
    assert at.title[0].value == "Bienvenue dans bm3c"
    at.button[0].click().run()  # joining without a name is refused
    assert "Indiquez un nom" in at.error[0].value
    at.text_input(key="arrival.name").input("Anne")
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert at.session_state["bm3c.participant"] == "Anne"
    ws = workspace_of(at)
    assert (ws.model_id, ws.base, ws.model) == ("halle", 1, HALLE_COOP)


def test_a_saved_edit_becomes_a_revision_by_its_author() -> None:
    store = saved_halle()
    at = join("Anne", page="structures")
    set_hourly_cost(at, "la-boucle", 31.0)
    click_save(at, "coût horaire")
    assert not at.exception, at.exception
    latest = store.revision("halle")
    assert (latest.number, latest.parent, latest.author, latest.message) == (
        2,
        1,
        "Anne",
        "coût horaire",
    )
    assert hourly_cost(latest.cooperation(), "la-boucle") == 31.0
    assert workspace_of(at).base == 2 and not workspace_of(at).unsaved


def test_a_save_refused_as_busy_says_so_and_keeps_the_edit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = saved_halle()
    at = join("Anne", page="structures")
    set_hourly_cost(at, "la-boucle", 31.0)

    def busy(*args: object, **kwargs: object) -> None:
        raise StoreBusyError("the workspace is busy")

    monkeypatch.setattr(Store, "save", busy)
    click_save(at, "coût horaire")
    assert not at.exception, at.exception
    assert [w.value for w in at.warning if "occupé" in w.value] == [
        "L'espace de travail est occupé par d'autres enregistrements : rien n'a été "
        "enregistré, vos modifications restent ici. Réessayez dans un instant."
    ]
    assert "busy" not in markdown_text(at)
    assert store.revision("halle").number == 1
    assert workspace_of(at).unsaved
    assert hourly_cost(workspace_of(at).model, "la-boucle") == 31.0


def test_the_second_save_gets_the_conflict_and_what_the_other_changed() -> None:
    store = saved_halle()
    bruno = beaten_to_it({"la-boucle": 31.0}, {"slow-fest": 40.0}, "Slow Fest")
    assert not bruno.exception, bruno.exception
    assert store.head("halle") == 2  # refused, not overwritten
    assert any("Quelqu'un d'autre" in s.value for s in bruno.subheader)
    assert any("Anne a enregistré la révision 2" in w.value for w in bruno.warning)
    shown = markdown_text(bruno)
    # what Anne changed, then what Bruno changed, in words
    assert "structure « La Boucle », coût horaire : 28,00\xa0€ → 31,00\xa0€" in shown
    assert "structure « Slow Fest », coût horaire : 30,00\xa0€ → 40,00\xa0€" in shown
    assert any("ne touchent pas les mêmes champs" in s.value for s in bruno.success)

    bruno.button(key="review.apply").click().run()  # re-apply on top and save
    assert not bruno.exception, bruno.exception
    latest = store.revision("halle")
    assert (latest.number, latest.parent, latest.author) == (3, 2, "Bruno")
    assert latest.message == "Slow Fest"  # the refused save's message is kept
    both = latest.cooperation()
    assert (hourly_cost(both, "la-boucle"), hourly_cost(both, "slow-fest")) == (31.0, 40.0)


def test_the_same_field_changed_twice_asks_which_value_to_keep() -> None:
    store = saved_halle()
    bruno = beaten_to_it({"la-boucle": 31.0}, {"la-boucle": 33.0})
    choice = bruno.radio(key="review.2.members[la-boucle].hourly_cost_eur")
    assert choice.options == ["la vôtre : 33,00\xa0€", "la leur : 31,00\xa0€"]
    assert choice.label == "structure « La Boucle », coût horaire"
    assert choice.value is None  # nothing chosen for the user
    assert bruno.button(key="review.apply").disabled
    choice.set_value("theirs").run()
    assert not bruno.button(key="review.apply").disabled
    bruno.button(key="review.apply").click().run()
    assert not bruno.exception, bruno.exception
    assert store.head("halle") == 3
    assert hourly_cost(store.revision("halle").cooperation(), "la-boucle") == 31.0


def test_taking_their_version_keeps_mine_one_undo_away() -> None:
    store = saved_halle()
    bruno = beaten_to_it({"la-boucle": 31.0}, {"la-boucle": 33.0})
    bruno.button(key="review.take").click().run()
    ws = workspace_of(bruno)
    assert (ws.base, hourly_cost(ws.model, "la-boucle"), ws.unsaved) == (2, 31.0, False)
    bruno.sidebar.button(key="sidebar.undo").click().run()
    assert hourly_cost(workspace_of(bruno).model, "la-boucle") == 33.0
    assert store.head("halle") == 2


def test_a_viewing_page_without_edits_follows_the_others_saves() -> None:
    store = saved_halle()
    bruno = join("Bruno")  # on the overview
    store.save(
        "halle",
        set_work(HALLE_COOP, "cafe-cantine", "r3-bordeaux", 100, 0),
        author="Anne",
        message="R3 en cuisine",
        parent=1,
    )
    bruno.run()  # what the once-a-second check does in the browser
    assert not bruno.exception, bruno.exception
    ws = workspace_of(bruno)
    assert ws.base == 2 and ws.model == store.revision("halle").cooperation()


def test_an_editing_page_with_edits_prompts_instead_of_reloading() -> None:
    store = saved_halle()
    bruno = join("Bruno", page="structures")
    set_hourly_cost(bruno, "slow-fest", 40.0)
    store.save(
        "halle",
        set_work(HALLE_COOP, "cafe-cantine", "r3-bordeaux", 100, 0),
        author="Anne",
        message="R3 en cuisine",
        parent=1,
    )
    bruno.run()
    ws = workspace_of(bruno)
    assert ws.base == 1 and hourly_cost(ws.model, "slow-fest") == 40.0  # nothing lost
    assert any("Anne a enregistré ce modèle" in w.value for w in bruno.main.warning)
    bruno.button(key="banner.show").click().run()
    bruno.button(key="review.apply").click().run()  # bring Anne's change in, keep mine
    ws = workspace_of(bruno)
    assert ws.base == 2 and ws.unsaved and store.head("halle") == 2
    assert hourly_cost(ws.model, "slow-fest") == 40.0
    cafe = [a for a in ws.model.activities if a.id == "cafe-cantine"]
    assert cafe == [a for a in store.revision("halle").cooperation().activities if a in cafe]
    assert any(w.member == "r3-bordeaux" and w.paid_hours == 100 for w in cafe[0].work)


def test_unsaved_edits_come_back_after_a_reload() -> None:
    store = saved_halle()
    first = join("Anne", page="structures")
    set_hourly_cost(first, "la-boucle", 31.0)
    draft = find_draft(store, "model:halle", "Anne")
    assert draft is not None and hourly_cost(draft.cooperation(), "la-boucle") == 31.0
    again = join("Anne")  # the same link in a new tab, after the first one closed
    ws = workspace_of(again)
    assert hourly_cost(ws.model, "la-boucle") == 31.0 and ws.unsaved and ws.base == 1
    assert find_draft(store, "model:halle", "Bruno") is None
    other = join("Bruno")  # a draft is its author's only
    assert hourly_cost(workspace_of(other).model, "la-boucle") == 28.0


def test_a_template_is_saved_as_a_new_model_and_the_link_follows() -> None:
    store = the_store()
    at = join("Anne", src="example:halle-des-transitions.yaml")
    assert workspace_of(at).origin == "example:halle-des-transitions.yaml"
    at.text_input(key="save.id").input("notre-halle")
    at.button(key="save.confirm_as").click().run()
    assert not at.exception, at.exception
    assert store.revision("notre-halle").cooperation() == HALLE_COOP
    assert workspace_of(at).origin == "model:notre-halle"
    assert at.query_params["src"] == "model:notre-halle"
    again = join("Bruno", src="example:halle-des-transitions.yaml")
    again.text_input(key="save.id").input("notre-halle")
    again.button(key="save.confirm_as").click().run()
    assert "existe déjà" in again.sidebar.error[0].value


def test_a_protected_workspace_asks_for_its_code() -> None:
    url = os.environ["BM3C_DATABASE_URL"]
    Store.create_workspace(url, "collectif-a", name="Collectif A", code="vélo-cargo-33")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["ws"] = "collectif-a"
    at.query_params["who"] = "Anne"
    at.session_state["lang"] = "fr"
    at.run()
    assert "protégé par un code" in at.info[0].value
    at.text_input(key="arrival.code").input("velo-cargo-33")
    at.button[0].click().run()
    assert "refusé" in at.error[0].value
    assert "bm3c.bm3c.workspace" not in at.session_state
    at.text_input(key="arrival.code").input("vélo-cargo-33")
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert at.session_state["bm3c.store"].workspace == "collectif-a"
    assert "Espace de travail : Collectif A" in [c.value for c in at.sidebar.caption]


def test_an_uploaded_file_survives_a_reload() -> None:
    store = the_store()
    small = set_work(HALLE_COOP, "cafe-cantine", "r3-bordeaux", 100, 0)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[KEY] = Workspace(
        plan=small, source="notre.yaml", loaded=small, origin="upload:notre.yaml"
    )
    at.session_state["lang"] = "fr"
    at.session_state["bm3c.participant"] = "Anne"
    at.run().run()
    draft = find_draft(store, "upload:notre.yaml", "Anne")
    assert draft is not None and draft.cooperation() == small
    again = join("Anne", src="upload:notre.yaml")
    assert workspace_of(again).model == small


def test_undoing_after_taking_their_version_cannot_overwrite_it() -> None:
    store = saved_halle()
    bruno = beaten_to_it({"la-boucle": 31.0}, {"la-boucle": 33.0})
    bruno.button(key="review.take").click().run()
    bruno.sidebar.button(key="sidebar.undo").click().run()  # his edits, on revision 1 again
    assert workspace_of(bruno).base == 1
    click_save(bruno, "mes modifs")
    assert store.head("halle") == 2  # refused: Anne's save stays
    assert any("Quelqu'un d'autre" in s.value for s in bruno.subheader)


def test_a_choice_stays_on_its_field_when_a_third_person_saves_meanwhile() -> None:
    store = saved_halle()
    bruno = beaten_to_it({"slow-fest": 31.0}, {"la-boucle": 40.0, "slow-fest": 33.0})
    bruno.radio(key="review.2.members[slow-fest].hourly_cost_eur").set_value("theirs").run()
    chloe = edit_data(
        store.revision("halle").cooperation(),
        lambda d: next(m for m in d["members"] if m["id"] == "la-boucle").update(
            hourly_cost_eur=45.0
        ),
    )
    store.save("halle", chloe, author="Chloé", message="", parent=2)
    bruno.button(key="review.apply").click().run()  # refused again: Chloé saved revision 3
    assert store.head("halle") == 3
    assert any("Chloé a enregistré la révision 3" in w.value for w in bruno.warning)
    # his choice for Slow Fest is kept; only La Boucle (Chloé's field) is asked now
    bruno.radio(key="review.3.members[la-boucle].hourly_cost_eur").set_value("mine").run()
    bruno.button(key="review.apply").click().run()
    latest = store.revision("halle").cooperation()
    assert store.head("halle") == 4
    assert (hourly_cost(latest, "la-boucle"), hourly_cost(latest, "slow-fest")) == (40.0, 31.0)


def test_a_pending_review_does_not_follow_the_tab_to_another_model() -> None:
    store = saved_halle()
    passerelles = load_cooperation(HALLE.parent / "passerelles.yaml")
    store.save("passerelles", passerelles, author="Setup", message="import", parent=None)
    bruno = beaten_to_it({"la-boucle": 31.0}, {"la-boucle": 33.0})
    bruno.switch_page("bm3c/ui/views/workspace.py").run()
    bruno.selectbox(key="workspace.choice").set_value("passerelles").run()
    bruno.button(key="workspace.open").click().run()
    assert workspace_of(bruno).model_id == "passerelles"
    assert not any("Quelqu'un d'autre" in s.value for s in bruno.subheader)
    assert len(store.history("passerelles")) == 1


def test_a_link_carrying_a_connected_name_asks_who_you_are() -> None:
    store = saved_halle()
    anne = join("Anne", page="structures")
    assert anne.query_params["who"] == "Anne"
    other = AppTest.from_file(APP, default_timeout=60)  # the link Anne shared, opened by Bruno
    other.query_params["src"] = "model:halle"
    other.query_params["who"] = "Anne"
    other.session_state["lang"] = "fr"
    other.run()
    assert "déjà connecté·e dans un autre onglet" in other.info[0].value
    other.text_input(key="arrival.name").input("Bruno")
    other.button[0].click().run()
    set_hourly_cost(anne, "la-boucle", 31.0)
    other.switch_page("bm3c/ui/views/structures.py").run()
    set_hourly_cost(other, "slow-fest", 40.0)
    mine, his = find_draft(store, "model:halle", "Anne"), find_draft(store, "model:halle", "Bruno")
    assert mine is not None and hourly_cost(mine.cooperation(), "la-boucle") == 31.0
    assert his is not None and hourly_cost(his.cooperation(), "slow-fest") == 40.0


def test_a_link_to_a_missing_model_says_so() -> None:
    at = join("Anne", src="model:nulle-part")
    assert any("nulle-part" in str(toast.value) for toast in at.toast)
    assert workspace_of(at).origin == "example:halle-des-transitions.yaml"


def test_a_protected_workspace_stays_in_the_link() -> None:
    url = os.environ["BM3C_DATABASE_URL"]
    Store.create_workspace(url, "collectif-b", name="Collectif B", code="vélo-cargo-33")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["ws"] = "collectif-b"
    at.query_params["who"] = "Anne"
    at.session_state["lang"] = "fr"
    at.run()
    at.text_input(key="arrival.code").input("vélo-cargo-33")
    at.button[0].click().run()
    del at.query_params["ws"]  # what the browser does on a page change
    at.run()
    assert at.query_params["ws"] == "collectif-b"


def test_a_half_typed_row_on_a_viewing_page_holds_the_reload_back() -> None:
    store = saved_halle()
    bruno = join("Bruno", page="flows")
    edit_table(bruno, "flows.flows", added_rows=[{"label": "Don de mat"}])  # not complete yet
    assert not workspace_of(bruno).unsaved
    rev2 = edit_data(HALLE_COOP, lambda d: d["flows"][0].update(amount_eur=1234.0))
    store.save("halle", rev2, author="Anne", message="", parent=1)
    bruno.run()  # the once-a-second check: a prompt, not a reload
    assert workspace_of(bruno).base == 1
    key = bruno.session_state["bm3c.table_key.flows.flows"]
    assert bruno.session_state[key]["added_rows"]
    assert any("Anne a enregistré ce modèle" in w.value for w in bruno.main.warning)


def test_a_model_put_in_the_trash_meanwhile_is_said_so_and_takes_no_save() -> None:
    store = saved_halle()
    anne = join("Anne", page="structures")
    set_hourly_cost(anne, "la-boucle", 31.0)
    store.delete("halle")  # Bruno, elsewhere
    anne.run()
    assert any("dans la corbeille" in w.value for w in anne.sidebar.warning)
    click_save(anne)
    assert store.head("halle") == 1
    assert any("dans la corbeille" in e.value for e in anne.sidebar.error)
    assert workspace_of(anne).unsaved  # the edit is still there
