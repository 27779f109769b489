"""Is a sharing stable, in words: the findings the Fairness page and the report both show.

Three findings, in this order: does every member get at least what it would
make alone (individual rationality), would some group gain by leaving (the
core), and how far the cooperation is from having a stable sharing at all (the
least core). Each is a tone, a sentence and its bullet points; the sentences
are text keys with their fields, so the app and the report write them in their
own way (Markdown alerts, HTML notes) and in their own language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

from bm3c.fairness import LeastCore, blocking_sentence, check_stability
from bm3c.fairness.stability import tolerance

__all__ = ["Finding", "Phrase", "stability_findings"]

Array = npt.NDArray[np.float64]
Tone = Literal["ok", "warn", "alarm", "info"]


@dataclass(frozen=True)
class Phrase:
    """A text key and its fields: names as text, ``amounts`` in the model's currency.

    ``groups`` are lists of names to be joined as a sentence does (``A, B et C``).
    """

    key: str
    names: dict[str, str] = field(default_factory=dict)
    amounts: dict[str, float] = field(default_factory=dict)
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def say(
        self,
        text: Callable[..., str],
        money: Callable[[float], str],
        join: Callable[[Sequence[str]], str],
    ) -> str:
        """The sentence written with ``text(key, **fields)``, amounts by ``money``."""
        fields = dict(self.names)
        fields |= {name: money(amount) for name, amount in self.amounts.items()}
        fields |= {name: join(names) for name, names in self.groups.items()}
        return text(self.key, **fields)


@dataclass(frozen=True)
class Finding:
    """One finding: ``topic`` (rational, core, least_core), its tone, sentence and bullets.

    ``groups``: for the groups that would gain by leaving, each bullet's group as the
    indexes of its players (file order), so a reader can open that group's accounts.
    """

    topic: str
    tone: Tone
    sentence: Phrase
    bullets: tuple[Phrase, ...] = ()
    groups: tuple[tuple[int, ...], ...] = ()


def stability_findings(
    v: Array,
    x: Array,
    players: Sequence[str],
    least_core: LeastCore | None,
    nucleolus_up_to: int,
    top: int = 5,
) -> list[Finding]:
    """The findings on the allocation ``x`` of the game ``v`` (players in file order).

    ``least_core`` is None when it was not computed (more than ``nucleolus_up_to``
    players); ``top`` groups that would gain most by leaving are named.
    """
    report = check_stability(v, x, k=top)
    findings: list[Finding] = []
    if report.individually_rational:
        findings.append(Finding("rational", "ok", Phrase("fairness.rational_yes")))
    else:
        below = tuple(
            Phrase(
                "fairness.below_alone",
                names={"name": players[i]},
                amounts={
                    "received": float(x[i]),
                    "alone": float(v[1 << i]),
                    "short": float(v[1 << i] - x[i]),
                },
            )
            for i in report.below_stand_alone
        )
        findings.append(Finding("rational", "warn", Phrase("fairness.rational_no"), below))
    if report.in_core:
        findings.append(Finding("core", "ok", Phrase("fairness.core_yes")))
    else:
        blocking = tuple(
            Phrase(
                f"fairness.sentence.{s.key}",
                amounts={"amount": s.amount},
                groups={"names": tuple(s.names)},
            )
            for s in (blocking_sentence(c, tuple(players)) for c in report.blocking)
        )
        groups = tuple(tuple(c.members) for c in report.blocking)
        findings.append(Finding("core", "warn", Phrase("fairness.core_no"), blocking, groups))
    findings.append(_least_core_finding(v, least_core, nucleolus_up_to))
    return findings


def _least_core_finding(v: Array, lc: LeastCore | None, nucleolus_up_to: int) -> Finding:
    if lc is None:
        return Finding(
            "least_core",
            "info",
            Phrase("fairness.core_unknown", names={"limit": str(nucleolus_up_to)}),
        )
    if lc.core_is_empty:
        return Finding(
            "least_core", "alarm", Phrase("fairness.core_empty", amounts={"amount": lc.epsilon})
        )
    if -lc.epsilon > tolerance(v):
        return Finding(
            "least_core",
            "info",
            Phrase("fairness.core_not_empty", amounts={"amount": -lc.epsilon}),
        )
    return Finding("least_core", "info", Phrase("fairness.core_touching"))
