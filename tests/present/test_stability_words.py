"""Is a sharing stable, in words: the findings the Fairness page and the report both show."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from bm3c.fairness.stability import least_core
from bm3c.present.charts_fairness import join_names
from bm3c.present.stability_words import Finding, Phrase, stability_findings
from bm3c.texts.format import money
from bm3c.texts.i18n import LANGUAGES, catalog, translate

Array = np.ndarray
ABC = ("Atelier", "Boutique", "Cantine")


def three_partners() -> Array:
    """A (bit 0), B (bit 1), C (bit 2).

    v(A) = 10, v(B) = 20, v(C) = 0; v(AB) = 40, v(AC) = 35, v(BC) = 25; v(ABC) = 60.
    Least core (see tests/fairness/test_summary.py): ε = −2.5, so the core is not empty
    and the best split leaves every group at least 2.5 beyond what it makes alone.
    """
    return np.array([0.0, 10, 20, 40, 0, 35, 25, 60])


def majority() -> Array:
    """Any two of three make 60, each alone 0, all three 60 too.

    Each pair needs x_i + x_j ≥ 60 − ε; adding the three pairs, 2 × 60 ≥ 180 − 3ε,
    so ε = 20 > 0 (at x = (20, 20, 20) every pair is 20 short): the core is empty.
    """
    return np.array([0.0, 0, 0, 60, 0, 60, 60, 60])


def by_topic(findings: list[Finding]) -> dict[str, Finding]:
    assert [f.topic for f in findings] == ["rational", "core", "least_core"]
    return {f.topic: f for f in findings}


def test_a_member_below_its_alone_value_is_named_with_the_amounts() -> None:
    """x = (4, 31, 25): A gets 4 where it makes 10 alone, 6 short; B and C get at least
    their 20 and 0.

    Groups that would leave (gain v(S) − x(S)): A alone 10 − 4 = 6, A+C 35 − 29 = 6,
    A+B 40 − 35 = 5; B+C 25 − 56 < 0. Largest gain first, ties in bitmask order: A, A+C, A+B.
    """
    v = three_partners()
    findings = by_topic(
        stability_findings(v, np.array([4.0, 31, 25]), ABC, least_core(v), nucleolus_up_to=3)
    )
    rational = findings["rational"]
    assert (rational.tone, rational.sentence) == ("warn", Phrase("fairness.rational_no"))
    [short] = rational.bullets
    assert short == Phrase(
        "fairness.below_alone",
        names={"name": "Atelier"},
        amounts={"received": 4.0, "alone": 10.0, "short": 6.0},
    )
    core = findings["core"]
    assert (core.tone, core.sentence.key) == ("warn", "fairness.core_no")
    assert [(b.key, b.groups, b.amounts) for b in core.bullets] == [
        ("fairness.sentence.alone_would_gain", {"names": ("Atelier",)}, {"amount": 6.0}),
        (
            "fairness.sentence.together_would_gain",
            {"names": ("Atelier", "Cantine")},
            {"amount": 6.0},
        ),
        (
            "fairness.sentence.together_would_gain",
            {"names": ("Atelier", "Boutique")},
            {"amount": 5.0},
        ),
    ]
    assert core.groups == ((0,), (0, 2), (0, 1))  # each bullet's players, to open its accounts
    least = findings["least_core"]
    assert (least.tone, least.sentence.key) == ("info", "fairness.core_not_empty")
    assert least.sentence.amounts["amount"] == pytest.approx(2.5, abs=1e-6)


def test_only_the_top_groups_are_named() -> None:
    v = three_partners()
    findings = by_topic(
        stability_findings(v, np.array([4.0, 31, 25]), ABC, least_core(v), 3, top=1)
    )
    [first] = findings["core"].bullets
    assert first.groups == {"names": ("Atelier",)}


def test_a_core_allocation_is_ok_on_both_counts() -> None:
    """The nucleolus (26.25, 22.5, 11.25): each at least alone (10, 20, 0), and every pair
    too: A+B 48.75 ≥ 40, A+C 37.5 ≥ 35, B+C 33.75 ≥ 25.
    """
    v = three_partners()
    findings = by_topic(
        stability_findings(v, np.array([26.25, 22.5, 11.25]), ABC, least_core(v), 3)
    )
    assert findings["rational"] == Finding("rational", "ok", Phrase("fairness.rational_yes"))
    assert findings["core"] == Finding("core", "ok", Phrase("fairness.core_yes"))
    assert findings["least_core"].sentence.key == "fairness.core_not_empty"


def test_a_core_reduced_to_one_point_is_touching() -> None:
    """v(A) = 10, v(B) = 20, v(AB) = 30: only (10, 20) is in the core, and there ε = 0."""
    v = np.array([0.0, 10, 20, 30])
    findings = by_topic(stability_findings(v, np.array([10.0, 20]), ABC[:2], least_core(v), 2))
    assert findings["core"].tone == "ok"
    assert findings["least_core"] == Finding("least_core", "info", Phrase("fairness.core_touching"))


def test_an_empty_core_is_an_alarm_with_its_epsilon() -> None:
    """The majority game at (20, 20, 20): everyone above its 0 alone, every pair 20 short."""
    v = majority()
    findings = by_topic(stability_findings(v, np.array([20.0, 20, 20]), ABC, least_core(v), 3))
    assert findings["rational"].tone == "ok"
    assert [b.groups["names"] for b in findings["core"].bullets] == [
        ("Atelier", "Boutique"),
        ("Atelier", "Cantine"),
        ("Boutique", "Cantine"),
    ]
    assert all(b.amounts["amount"] == pytest.approx(20) for b in findings["core"].bullets)
    least = findings["least_core"]
    assert (least.tone, least.sentence.key) == ("alarm", "fairness.core_empty")
    assert least.sentence.amounts["amount"] == pytest.approx(20, abs=1e-6)


def test_without_a_least_core_the_limit_is_given() -> None:
    v = majority()
    findings = by_topic(stability_findings(v, np.array([20.0, 20, 20]), ABC, None, 2))
    assert findings["least_core"] == Finding(
        "least_core", "info", Phrase("fairness.core_unknown", names={"limit": "2"})
    )


def test_a_phrase_fills_names_formatted_amounts_and_joined_groups() -> None:
    phrase = Phrase(
        "some.key",
        names={"name": "Atelier"},
        amounts={"amount": 1234.5},
        groups={"names": ("Atelier", "Boutique", "Cantine")},
    )
    calls: list[tuple[str, dict[str, str]]] = []

    def text(key: str, **fields: str) -> str:
        calls.append((key, fields))
        return "said"

    def amount(value: float) -> str:
        return f"<{value:.1f}>"

    def join(names: Sequence[str]) -> str:
        return " & ".join(names)

    assert phrase.say(text, amount, join) == "said"
    assert calls == [
        (
            "some.key",
            {"name": "Atelier", "amount": "<1234.5>", "names": "Atelier & Boutique & Cantine"},
        )
    ]
    calls.clear()
    Phrase("bare").say(text, amount, join)
    assert calls == [("bare", {})]


def test_a_finding_reads_as_the_page_writes_it() -> None:
    """A gets 4 €, makes 10 € alone: 6 € less."""
    v = three_partners()
    rational = stability_findings(v, np.array([4.0, 31, 25]), ABC, least_core(v), 3)[0]

    def text(key: str, **fields: str) -> str:
        return str(translate(key, "fr", **fields))

    def amount(value: float) -> str:
        return money(value, "EUR", "fr", 0)

    def join(names: Sequence[str]) -> str:
        return join_names(names, "et")

    assert rational.bullets[0].say(text, amount, join) == (
        "- **Atelier** reçoit 4\u00a0€, alors qu'elle ferait 10\u00a0€ seule (6\u00a0€ de moins)."
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_phrase_is_in_the_catalog_and_fills_its_text(lang: str) -> None:
    """Every finding of the games above, said in each language, leaves no field unfilled."""
    texts = catalog()
    three, crowd = three_partners(), majority()
    findings = [
        *stability_findings(three, np.array([4.0, 31, 25]), ABC, least_core(three), 3),
        *stability_findings(three, np.array([26.25, 22.5, 11.25]), ABC, least_core(three), 3),
        *stability_findings(crowd, np.array([20.0, 20, 20]), ABC, least_core(crowd), 3),
        *stability_findings(crowd, np.array([20.0, 20, 20]), ABC, None, 2),
    ]
    phrases = [p for f in findings for p in (f.sentence, *f.bullets)]
    assert len({p.key for p in phrases}) == 10

    def text(key: str, **fields: str) -> str:
        assert key in texts and set(texts[key]) == set(LANGUAGES), key
        return texts[key][lang].format(**fields)

    def join(names: Sequence[str]) -> str:
        return join_names(names, "and")

    for phrase in phrases:
        said = phrase.say(text, lambda value: money(value, "EUR", lang, 0), join)
        assert "{" not in said and "}" not in said, phrase.key
