"""If members leave: the sentence and the tables, on a cooperation worked out by hand.

Three members A, B, C (20 €/h) and the shared entity Commun (no reserve, results
shared equally). C carries its own Atelier (3 000 € of sales, 100 visitors); Commun
carries the Café (9 000 € of meals, 50 visitors), where C gives 40 volunteer hours
(replaced at 15 €/h) and B 10 (``apart: drop``: the café does without them).

Today Commun makes 9 000 €, 3 000 € each; C has 6 000 € with its Atelier. Alone,
A and B have 0 and C 3 000 €: each gains 3 000 €. The collective result is 12 000 €.

Without C: the Atelier stops (100 visitors lost); Commun buys C's 40 h at 15 €/h,
600 €, and makes 8 400 €, 4 200 € each for A and B (gain 4 200 €). C alone: 3 000 €,
3 000 € less than its 6 000 € today. The collective result is 8 400 €, 11 400 € with
C's 3 000 € alone.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from bm3c.engine.leaving import Leaving, members_leave
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.present.leaving_tables import (
    alone_sentences,
    alone_table,
    bought_hours,
    impacts_table,
    leaving_names,
    leaving_sentence,
    members_table,
    overall_table,
    replaced_table,
    stopped_table,
)

NBSP, NNBSP = "\u00a0", "\u202f"

SMALL: dict[str, Any] = {
    "bm3c": 1,
    "name": "Petite coop",
    "volunteer_hour_value_eur": 10.0,
    "shared_entity": {"id": "commun", "name": "Commun", "reserve_fraction": 0.0},
    "members": [
        {"id": "a", "name": "A", "hourly_cost_eur": 20.0},
        {"id": "b", "name": "B", "hourly_cost_eur": 20.0},
        {"id": "c", "name": "C", "hourly_cost_eur": 20.0},
    ],
    "activities": [
        {
            "id": "atelier",
            "name": "Atelier",
            "carrier": "c",
            "revenues": [{"label": "Ventes", "amount_eur": 3000.0}],
            "impacts": {"visitors": 100.0},
        },
        {
            "id": "cafe",
            "name": "Café",
            "carrier": "commun",
            "revenues": [{"label": "Repas", "amount_eur": 9000.0}],
            "work": [
                {"member": "c", "volunteer_hours": 40.0, "replacement_hourly_cost_eur": 15.0},
                {"member": "b", "volunteer_hours": 10.0, "apart": "drop"},
            ],
            "impacts": {"visitors": 50.0},
        },
    ],
    "indicators": [
        {"id": "visitors", "label_fr": "Visiteurs", "label_en": "Visitors", "unit": "pers."}
    ],
    "sharing": {"surplus": "equal", "deficit": "equal"},
}


def small(hourly: float = 15.0) -> Cooperation:
    data = copy.deepcopy(SMALL)
    data["activities"][1]["work"][0]["replacement_hourly_cost_eur"] = hourly
    return validate_cooperation(data)


@pytest.fixture
def without_c() -> Leaving:
    return members_leave(small(), ["c"])


def eur(text: str) -> str:
    """French money as the tables write it: ``4 200,00 €``."""
    return text.replace(" ", NNBSP).replace("_", NBSP) + f"{NBSP}€"


def test_the_sentence_when_everyone_who_stays_still_gains(without_c: Leaving) -> None:
    assert leaving_sentence(without_c, "fr") == (
        f"Sans C, Petite coop perd 1 activité et doit acheter 40{NBSP}h (600{NBSP}€) ; "
        "chaque structure qui reste y gagne encore. "
        f"Le résultat collectif passe de 12{NNBSP}000{NBSP}€ à 8{NNBSP}400{NBSP}€."
    )
    assert leaving_sentence(without_c, "en") == (
        "Without C, Petite coop loses 1 activity and must buy 40\u00a0h (€600); "
        "every member that stays still gains from it. "
        "The collective result goes from €12,000 to €8,400."
    )


def test_the_sentence_names_who_loses_in_it_and_by_how_much() -> None:
    """At 300 €/h, C's 40 h cost Commun 12 000 €: it makes −3 000 €, a deficit A and B
    cover 1 500 € each, against 0 alone: each loses 1 500 € in the cooperation."""
    leaving = members_leave(small(300.0), ["c"])
    assert leaving_sentence(leaving, "fr") == (
        f"Sans C, Petite coop perd 1 activité et doit acheter 40{NBSP}h "
        f"(12{NNBSP}000{NBSP}€) ; A y perd 1{NNBSP}500{NBSP}€ et B 1{NNBSP}500{NBSP}€. "
        f"Le résultat collectif passe de 12{NNBSP}000{NBSP}€ à −3{NNBSP}000{NBSP}€."
    )
    assert "; A loses €1,500 in it and B €1,500." in leaving_sentence(leaving, "en")


def test_the_sentence_when_nothing_stops_and_nothing_is_bought() -> None:
    """B's 10 h are done without: nothing to buy, and the Café and Atelier go on."""
    leaving = members_leave(small(), ["b"])
    assert bought_hours(leaving) == 0
    assert leaving_sentence(leaving, "fr").startswith(
        "Sans B, Petite coop garde toutes ses activités et n'a aucune heure à racheter ; "
    )


def test_several_members_are_named_together() -> None:
    data = copy.deepcopy(SMALL)
    data["members"].append({"id": "d", "name": "D", "hourly_cost_eur": 20.0})
    leaving = members_leave(validate_cooperation(data), ["c", "b"])
    assert leaving.leaving == ("b", "c")
    assert leaving_names(leaving, "fr") == "B et C"
    assert leaving_names(leaving, "en") == "B and C"


def test_the_members_who_stay_today_and_without(without_c: Leaving) -> None:
    table = members_table(without_c, "fr")
    assert table.text.to_dict("list") == {
        "Structure": ["A", "B"],
        "Résultat aujourd'hui": [eur("3 000,00")] * 2,
        "Résultat sans C": [eur("4 200,00")] * 2,
        "Écart de résultat": ["+" + eur("1 200,00")] * 2,
        "Gain aujourd'hui": [eur("3 000,00")] * 2,
        "Gain sans C": [eur("4 200,00")] * 2,
        "Écart de gain": ["+" + eur("1 200,00")] * 2,
    }
    assert list(table.delta["Écart de gain"]) == pytest.approx([1200, 1200])
    assert table.delta["Résultat sans C"].isna().all()


def test_the_shared_entity_and_the_collective_result(without_c: Leaving) -> None:
    table = overall_table(without_c, "fr")
    assert table.text.to_dict("list") == {
        "Indicateur": [
            "Résultat de Commun",
            "Résultat collectif de la coopération",
            "Y compris ce que font seules les structures qui partent",
        ],
        "Aujourd'hui": [eur("9 000,00"), eur("12 000,00"), eur("12 000,00")],
        "Sans C": [eur("8 400,00"), eur("8 400,00"), eur("11 400,00")],
        "Écart": [f"−{eur('600,00')}", f"−{eur('3 600,00')}", f"−{eur('600,00')}"],
    }


def test_the_activities_that_stop_and_the_impacts_lost(without_c: Leaving) -> None:
    assert stopped_table(without_c, "fr").to_dict("list") == {
        "Activité": ["Atelier"],
        "Porteur": ["C"],
    }
    assert impacts_table(without_c, "en").to_dict("list") == {
        "Indicator": ["Visitors (pers.)"],
        "Today": ["150"],
        "Without C": ["50"],
        "Lost": ["100"],
    }


def test_the_hours_to_replace_with_their_total(without_c: Leaving) -> None:
    assert replaced_table(without_c, "fr").to_dict("list") == {
        "Activité": ["Café", "Total"],
        "Heures de": ["C", ""],
        "Achetées par": ["Commun", ""],
        "Heures": [f"40{NBSP}h", f"40{NBSP}h"],
        "Prix de l'heure": [eur("15,00"), ""],
        "Coût": [eur("600,00"), eur("600,00")],
    }


def test_hours_done_without_say_so_and_are_not_bought() -> None:
    table = replaced_table(members_leave(small(), ["b"]), "en")
    assert table.to_dict("list") == {
        "Activity": ["Café", "Total"],
        "Hours of": ["B", ""],
        "Bought by": ["Commun", ""],
        "Hours": ["10\u00a0h", "0\u00a0h"],
        "Price per hour": ["not replaced", ""],
        "Cost": ["€0.00", "€0.00"],
    }


def test_what_the_leaving_member_has_alone(without_c: Leaving) -> None:
    table = alone_table(without_c, "fr")
    assert table.text.to_dict("list") == {
        "Structure": ["C"],
        "Résultat seule": [eur("3 000,00")],
        "Résultat dans la coopération aujourd'hui": [eur("6 000,00")],
        "Écart en partant": [f"−{eur('3 000,00')}"],
    }
    assert alone_sentences(without_c, "fr") == {"c": ()}  # no line with another insider


def test_the_assumptions_of_a_leaving_member_in_words() -> None:
    """C rents a room from Commun for 1 200 €: alone, it rents one on the market."""
    data = copy.deepcopy(SMALL)
    data["activities"][0]["costs"] = [
        {"label": "Salle", "amount_eur": 1200.0, "to": "commun", "kind": "rent"}
    ]
    (sentence,) = alone_sentences(members_leave(validate_cooperation(data), ["c"]), "fr")["c"]
    assert "« Salle »" in sentence
    assert "Commun" in sentence
