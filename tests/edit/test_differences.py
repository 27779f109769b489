"""Differences between two versions of a model, in words."""

from __future__ import annotations

from pathlib import Path

from bm3c.edit.cooperation import edit_data, remove_party, set_work
from bm3c.edit.differences import describe_differences
from bm3c.io import load_cooperation

HALLE = Path(__file__).resolve().parents[2] / "examples" / "halle-des-transitions.yaml"


def test_each_kind_of_difference_is_named_in_words() -> None:
    base = load_cooperation(HALLE)
    edited = set_work(base, "cafe-cantine", "r3-bordeaux", 100, 0)
    edited = set_work(edited, "cafe-cantine", "la-boucle", 650, 50)
    edited = edit_data(
        edited,
        lambda d: (
            d["members"][0].update(hourly_cost_eur=30.0),
            d["sharing"].update(surplus="equal"),
        ),
    )
    lines = describe_differences(base, edited)
    assert lines == [
        "member 'La Boucle', hourly cost: €28.00 → €30.00",
        "work of 'La Boucle' on activity 'Café cantine', paid hours: 700\xa0h → 650\xa0h",
        "work of 'R3 Bordeaux' on activity 'Café cantine' added",
        "sharing of the result, rule for a surplus: By usage (patronage refund) → Equal shares",
    ]
    assert describe_differences(base, base) == []


def test_fields_and_values_read_in_french_words() -> None:
    """No file key in the sentences: « coût horaire : 28,00 € → 30,00 € », names, shares."""
    base = load_cooperation(HALLE)
    edited = edit_data(
        base,
        lambda d: (
            d["members"][0].update(hourly_cost_eur=30.0),
            d["shared_entity"].update(reserve_fraction=0.5),
            d["sharing"].update(surplus="equal"),
        ),
    )
    assert describe_differences(base, edited, "fr") == [
        "structure commune, part mise en réserve : 57,5\xa0% → 50\xa0%",
        "structure « La Boucle », coût horaire : 28,00\xa0€ → 30,00\xa0€",
        "partage du résultat, règle pour un excédent : Au prorata de l'usage (ristourne)"
        " → À parts égales",
    ]


def test_removed_items_are_listed() -> None:
    base = load_cooperation(HALLE)
    lines = describe_differences(base, remove_party(base, "slow-fest"))
    assert "member 'Slow Fest' removed" in lines
    assert "activity 'Festival et concerts éco-conçus (Slow Fest)' removed" in lines
    assert any(line.startswith("flow '") and line.endswith("removed") for line in lines)
    french = describe_differences(base, remove_party(base, "slow-fest"), "fr")
    assert "structure « Slow Fest » supprimée" in french  # agrees with « structure »
    assert "flux « Prêt de matériel son et lumière » supprimé" in french


def test_differences_in_french() -> None:
    halle = load_cooperation(HALLE)
    edited = set_work(halle, "cafe-cantine", "r3-bordeaux", 100, 0)
    assert describe_differences(halle, edited, "fr") == [
        "travail de « R3 Bordeaux » sur l'activité « Café cantine » ajouté"
    ]
    assert describe_differences(halle, edited) == [
        "work of 'R3 Bordeaux' on activity 'Café cantine' added"
    ]
