"""Problems are shown in the app's language: every message of the bad-input corpus in French."""

from __future__ import annotations

from pathlib import Path

import pytest

from bm3c.errors import InvalidModelError
from bm3c.io import load_cooperation
from bm3c.model import find_warnings
from bm3c.present.problems import localize_not_recorded, localize_problem, problem_list
from tests.conftest import build

BROKEN = Path(__file__).resolve().parents[1] / "model" / "broken"


def corpus_problems() -> list[str]:
    found = []
    for path in sorted(BROKEN.iterdir()):
        try:
            load_cooperation(path)
        except InvalidModelError as error:
            found += [str(p) for p in error.problems]
    return found


@pytest.mark.parametrize("text", corpus_problems())
def test_every_problem_of_the_corpus_reads_in_french(text: str) -> None:
    french = localize_problem(text, "fr")
    assert french.replace(" : ", ": ", 1) != text, f"no French for: {text}"
    assert localize_problem(text, "en") == text


def test_paths_ids_and_hints_are_kept() -> None:
    text = (
        "activities.cafe-cantine.work[1].member: unknown member 'slow-fst' "
        "(known: la-boucle, r3, slow-fest; did you mean 'slow-fest'?)"
    )
    assert localize_problem(text, "fr") == (
        "activities.cafe-cantine.work[1].member : membre inconnu « slow-fst » "
        "(connus : la-boucle, r3, slow-fest ; vouliez-vous dire « slow-fest » ?)"
    )
    assert problem_list([text], "fr", {"cafe-cantine": "Café cantine"}).startswith(
        "- **Café cantine › travail › ligne 2 › structure** : membre inconnu"
    )


def test_a_refused_number_names_its_field_and_range_in_words() -> None:
    """« -30 » typed as paid hours: the field in words, the bound and the value in French."""
    text = "activities.cafe.work[0].paid_hours: must be at least 0.0, got -30"
    assert problem_list([text], "fr", {"cafe": "Café"}) == (
        "- **Café › travail › ligne 1 › heures salariées** : doit valoir au moins 0 "
        "(saisi : \u221230)"
    )
    reserve = "shared_entity.reserve_fraction: must be at most 1.0, got 1.5"
    assert problem_list([reserve], "en") == (
        "- **shared entity › share kept as reserve**: must be at most 1.0, got 1.5"
    )


def test_warnings_read_in_french() -> None:
    idle = build(activities=[{"id": "x", "name": "X", "carrier": "a"}])
    for warning in find_warnings(idle):
        assert "ne porte aucune activité" in localize_problem(str(warning), "fr")
    assert localize_not_recorded("members.x (added)", "fr") == "members.x (ajouté)"


def test_game_rule_messages_read_in_french() -> None:
    from bm3c.edit.cooperation import edit_data
    from bm3c.engine import evaluate
    from bm3c.model.validation import validate_cooperation
    from bm3c.synthetic import synthetic_cooperation

    data = synthetic_cooperation(members=19, activities=20, flows=10)
    data["sharing"] = {"surplus": "nucleolus", "deficit": "equal"}
    try:
        validate_cooperation(data)
    except InvalidModelError as error:
        (problem,) = error.problems
        assert "se calcule jusqu'à 18 structures" in localize_problem(str(problem), "fr")
    else:
        raise AssertionError("a 19-member nucleolus was accepted")
    halle = load_cooperation(
        Path(__file__).resolve().parents[2] / "examples" / "halle-des-transitions.yaml"
    )
    ev = evaluate(edit_data(halle, lambda d: d["sharing"].update(surplus="shapley")))
    said = [str(w) for w in ev.warnings if "goes the other way" in w.message]
    assert said, "Halle under Shapley moves money against the shared result"
    assert "va en sens inverse du résultat commun" in localize_problem(said[0], "fr")


def test_a_scenario_path_that_matches_nothing_reads_in_words() -> None:
    text = "scenarios.s.changes[1]: flows[from=atis].amount_eur: no item with from 'atis' in flows"
    assert problem_list([text], "fr", {"s": "Subventions", "atis": "ATIS"}) == (
        "- **Subventions › changements › ligne 2** : flux › venant de atis › montant : "
        "aucun élément où « venant de » vaut « atis » dans flux"
    )
