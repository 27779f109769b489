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
        "member 'La Boucle': hourly_cost_eur 28 → 30",
        "work of 'La Boucle' on activity 'Café cantine': paid_hours 700 → 650",
        "work of 'R3 Bordeaux' on activity 'Café cantine' added",
        "sharing: surplus 'by_usage' → 'equal'",
    ]
    assert describe_differences(base, base) == []


def test_removed_items_are_listed() -> None:
    base = load_cooperation(HALLE)
    lines = describe_differences(base, remove_party(base, "slow-fest"))
    assert "member 'Slow Fest' removed" in lines
    assert "activity 'Festival et concerts éco-conçus (Slow Fest)' removed" in lines
    assert any(line.startswith("flow '") and line.endswith("removed") for line in lines)


def test_differences_in_french() -> None:
    halle = load_cooperation(HALLE)
    edited = set_work(halle, "cafe-cantine", "r3-bordeaux", 100, 0)
    assert describe_differences(halle, edited, "fr") == [
        "travail de « R3 Bordeaux » sur activité « Café cantine » ajouté"
    ]
    assert describe_differences(halle, edited) == [
        "work of 'R3 Bordeaux' on activity 'Café cantine' added"
    ]
