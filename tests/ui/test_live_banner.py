"""The banner when someone else saved, the bare address, the browser's memory (AppTest)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from bm3c.edit.cooperation import set_work
from bm3c.ui.browser_memory import cookie_script
from tests.ui.apptest import APP, workspace_of
from tests.ui.test_live import HALLE_COOP, hourly_cost, join, saved_halle, set_hourly_cost

R3_IN_THE_CAFE = set_work(HALLE_COOP, "cafe-cantine", "r3-bordeaux", 100, 0)


def banner_text(at: AppTest) -> str:
    return "\n".join(w.value for w in at.main.warning)


def test_the_banner_says_who_saved_what_and_reload_keeps_what_was_typed() -> None:
    store = saved_halle()
    bruno = join("Bruno", page="structures")
    set_hourly_cost(bruno, "slow-fest", 40.0)
    assert "a enregistré" not in banner_text(bruno)
    store.save("halle", R3_IN_THE_CAFE, author="Anne", message="R3 en cuisine", parent=1)
    bruno.run()  # the once-a-second check
    text = banner_text(bruno)
    assert "Anne a enregistré ce modèle" in text and "révision 2" in text
    assert "« R3 en cuisine »" in text
    assert "R3 Bordeaux" in text and "Café cantine" in text  # the change, in words
    assert "Vos modifications non enregistrées seront gardées" in text
    assert workspace_of(bruno).base == 1  # nothing reloaded under his feet
    bruno.button(key="banner.reload").click().run()
    ws = workspace_of(bruno)
    assert ws.base == 2 and ws.unsaved
    assert hourly_cost(ws.model, "slow-fest") == 40.0  # what he typed
    cafe = next(a for a in ws.model.activities if a.id == "cafe-cantine")
    assert any(w.member == "r3-bordeaux" and w.paid_hours == 100 for w in cafe.work)  # hers
    assert "a enregistré" not in banner_text(bruno)
    assert any("réappliquées" in str(toast.value) for toast in bruno.toast)


def test_reload_asks_where_both_changed_the_same_field() -> None:
    store = saved_halle()
    bruno = join("Bruno", page="structures")
    set_hourly_cost(bruno, "slow-fest", 40.0)
    theirs = set_work(HALLE_COOP, "cafe-cantine", "r3-bordeaux", 100, 0)
    theirs = theirs.model_copy(
        update={
            "members": tuple(
                m.model_copy(update={"hourly_cost_eur": 33.0}) if m.id == "slow-fest" else m
                for m in theirs.members
            )
        }
    )
    store.save("halle", theirs, author="Anne", message="", parent=1)
    bruno.run()
    bruno.button(key="banner.reload").click().run()
    ws = workspace_of(bruno)
    assert ws.base == 1 and hourly_cost(ws.model, "slow-fest") == 40.0  # nothing changed yet
    assert any("Quelqu'un d'autre" in s.value for s in bruno.subheader)  # the review panel


def test_a_viewing_page_without_edits_takes_the_new_revision_by_itself() -> None:
    store = saved_halle()
    bruno = join("Bruno", page="overview")
    store.save("halle", R3_IN_THE_CAFE, author="Anne", message="", parent=1)
    bruno.run()
    assert workspace_of(bruno).base == 2
    assert "a enregistré" not in banner_text(bruno)


def arrive_at_the_bare_address() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = "fr"
    at.run()
    at.text_input(key="arrival.name").input("Dominique")
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def test_the_bare_address_leads_to_the_models_when_the_workspace_has_some() -> None:
    saved_halle()
    at = arrive_at_the_bare_address()
    assert any(h.value == "Modèles de l'espace de travail" for h in at.header)
    assert workspace_of(at).origin == "example:halle-des-transitions.yaml"  # still reachable
    at.switch_page("bm3c/ui/views/overview.py").run()  # later page changes go where asked
    assert not any(h.value == "Modèles de l'espace de travail" for h in at.header)


def test_the_bare_address_of_an_empty_workspace_opens_the_example() -> None:
    at = arrive_at_the_bare_address()
    assert not any(h.value == "Modèles de l'espace de travail" for h in at.header)
    assert workspace_of(at).origin == "example:halle-des-transitions.yaml"


def test_a_link_to_a_model_is_not_led_elsewhere() -> None:
    saved_halle()
    at = join("Anne")
    assert workspace_of(at).model_id == "halle"
    assert not any(h.value == "Modèles de l'espace de travail" for h in at.header)


def test_the_cookie_script_writes_each_value_quoted_on_the_whole_origin() -> None:
    script = cookie_script({"bm3c_name": "Anne-Cécile </script>", "bm3c_secret": "ab12"}, days=2)
    assert script.startswith("<script>") and script.endswith("</script>")
    assert script.count("</script>") == 1  # a name cannot close the script
    assert "bm3c_name=Anne-C%C3%A9cile%20%3C%2Fscript%3E; path=/; max-age=172800" in script
    assert "bm3c_secret=ab12; path=/" in script
