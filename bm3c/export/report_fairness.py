"""The report's fairness section: the cooperation as a game, as the Fairness page shows it.

Within the page's limits: every group's value up to ``MAX_MEMBERS`` members, the
nucleolus and the least core up to ``NUCLEOLUS_UP_TO``, Shapley estimated beyond
``MAX_EXACT_PLAYERS``. Under each group that would gain by leaving, its accounts
without the others (:func:`bm3c.present.group_accounts.group_accounts`), as the
page opens them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt
from markupsafe import Markup

from bm3c.engine import Evaluation
from bm3c.engine.game import MAX_MEMBERS, NUCLEOLUS_UP_TO, game_summary
from bm3c.export.report_sections import Note, Table, Writer, frame_table
from bm3c.fairness import is_in_core, is_individually_rational
from bm3c.fairness.stability import tolerance
from bm3c.fairness.summary import GameSummary
from bm3c.model import Cooperation
from bm3c.present.charts_fairness import (
    ALL_COALITIONS_UP_TO,
    allocation_chart,
    allocation_frame,
    coalition_table,
    join_names,
)
from bm3c.present.group_accounts import GroupAccounts, group_accounts
from bm3c.present.stability_words import stability_findings
from bm3c.texts.format import number

__all__ = ["Bullet", "Fairness", "Why", "fairness"]

Array = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Why:
    """A group's accounts without the others, listed under the sentence that names it.

    Attributes:
        members: The group's member ids (file order).
        title: « Pourquoi ? A et B sans les autres : leurs comptes ».
        sentences: Its value beside today, what stops, what is bought.
        tables: Each table with its title and the caption above it ("" for none);
            an empty table says so in its caption.
        assumptions_title: The title of :attr:`assumptions` ("" for a group).
        assumptions: A single member's alone assumptions, in words.

    """

    members: tuple[str, ...]
    title: str
    sentences: tuple[str, ...]
    tables: tuple[tuple[str, str, Table], ...]
    assumptions_title: str = ""
    assumptions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Bullet:
    """A point under a stability note; a group that would gain by leaving has its accounts."""

    text: Markup
    why: Why | None = None


@dataclass(frozen=True)
class Fairness:
    """The cooperation as a game, as the Fairness page shows it.

    Attributes:
        values: v(S) for every coalition bitmask S.
        alone: v({i}) for each member, in file order.
        measures: Per member (file order), by translated title: alone, the current
            sharing (its cash result), then each method's allocation.
        compared: The current sharing and the methods: whether each is individually
            rational and in the core.
        coalitions: The coalitions the page lists, with their values.
        coalitions_intro: How many coalitions there are, and which are listed.
        methods: The fair-division methods computed (the nucleolus only up to
            ``NUCLEOLUS_UP_TO`` members).
        chart: The Vega-Lite spec of the allocations chart.
        stability: The current sharing's stability, each note with its bullet points.
        shapley_margin: The largest 95 % half-width of an estimated Shapley share.

    """

    values: Array
    alone: Array
    measures: dict[str, Array]
    compared: dict[str, tuple[bool, bool]]
    coalitions: Table
    coalitions_intro: str
    methods: tuple[str, ...]
    chart: dict[str, Any]
    stability: list[tuple[Note, list[Bullet]]]
    shapley_margin: float | None

    @property
    def together(self) -> float:
        """What all members make together, v(N)."""
        return float(self.values[-1])


def fairness(coop: Cooperation, ev: Evaluation, w: Writer) -> Fairness | None:
    """The game figures, within the Fairness page's limits; None beyond :data:`MAX_MEMBERS`.

    Every group's value is needed (2**n of them); the nucleolus and the least core
    only up to ``NUCLEOLUS_UP_TO`` members; Shapley is estimated beyond
    ``MAX_EXACT_PLAYERS``, as on the page (:func:`bm3c.engine.game.game_summary`).
    """
    n = len(coop.members)
    if n > MAX_MEMBERS:
        return None
    players = tuple(m.name for m in coop.members)
    game = game_summary(coop)
    v = game.values
    current = np.array([ev.member(m).cash_result_eur for m in coop.member_ids])
    allocations = game.allocations
    compared = {w("fairness.current"): current} | {
        w(f"fairness.method.{m}"): x for m, x in allocations.items()
    }
    tol = tolerance(v)
    columns = ("coalition", "size", "value", "beyond_alone")
    titles = {c: w(f"fairness.{c}") for c in columns}
    coalitions = coalition_table(v, players, titles, ev.currency, w.lang)
    chart = allocation_chart(
        allocation_frame(players, compared, ev.currency, w.lang),
        title=w("fairness.chart_title"),
        axis_title=w("fairness.amount_axis", currency=ev.currency),
        member_title=w("common.member"),
        measure_title=w("fairness.method"),
        currency=ev.currency,
        lang=w.lang,
    )
    margin = allocations.shapley_margin
    count, n_rows = game.coalition_count, len(coalitions)
    return Fairness(
        values=v,
        alone=game.alone,
        measures={w("fairness.alone"): game.alone} | compared,
        compared={
            title: (is_individually_rational(v, x, tol), is_in_core(v, x, tol))
            for title, x in compared.items()
        },
        coalitions=frame_table("coalitions", coalitions, 1, (52, 12, 18, 18), [{}] * n_rows),
        coalitions_intro=w("fairness.all_coalitions", count=count)
        if n <= ALL_COALITIONS_UP_TO
        else w("fairness.some_coalitions", n=n, count=number(count, w.lang)),
        methods=tuple(allocations),
        chart=chart.to_dict(validate=False),
        stability=_stability(coop, ev, game, current, w),
        shapley_margin=None if margin is None else float(margin.max()),
    )


TONES = {"ok": "ok", "warn": "warn", "alarm": "warn", "info": "info"}


def _stability(
    coop: Cooperation, ev: Evaluation, game: GameSummary, x: Array, w: Writer
) -> list[tuple[Note, list[Bullet]]]:
    """Is each member at least at its alone value, which groups gain by leaving and why."""

    def amount(value: float) -> str:
        return w.money(value, 0)

    def join(names: Sequence[str]) -> str:
        return join_names(names, w("fairness.and"))

    players = tuple(m.name for m in coop.members)
    findings = stability_findings(game.values, x, players, game.least_core, NUCLEOLUS_UP_TO)
    ids = coop.member_ids
    found = []
    for finding in findings:
        whys: list[Why | None] = [
            _why(group_accounts(coop, [ids[i] for i in g], w.lang, ev), k, w)
            for k, g in enumerate(finding.groups)
        ]
        whys += [None] * (len(finding.bullets) - len(whys))
        bullets = [
            Bullet(Markup(bullet.say(w.rich, amount, join)), why)
            for bullet, why in zip(finding.bullets, whys, strict=True)
        ]
        found.append((Note(finding.sentence.say(w, amount, join), TONES[finding.tone]), bullets))
    return found


#: Each table of a group's accounts: its title key, the numeric columns and widths (%).
WHY_TABLES = {
    "results": ("fairness.group.results_title", (False, True, True, True), (34, 22, 22, 22)),
    "activities": (
        "fairness.group.activities_title",
        (False, False, True, True, False),
        (32, 20, 14, 14, 20),
    ),
    "replaced": (
        "fairness.group.replaced_title",
        (False, False, False, True, True, True),
        (30, 16, 18, 10, 12, 14),
    ),
    "lines": (
        "fairness.group.lines_title",
        (False, False, False, True, True, False),
        (30, 14, 14, 13, 13, 16),
    ),
}


def _why(accounts: GroupAccounts, k: int, w: Writer) -> Why:
    """The accounts of the ``k``-th group that would gain by leaving, as report tables."""
    frames = {"results": accounts.results}
    if not accounts.alone:
        frames |= {
            "activities": accounts.activities,
            "replaced": accounts.replaced,
            "lines": accounts.lines,
        }
    captions = {
        "lines": w(
            "fairness.group.lines_intro" if len(accounts.lines) else "fairness.group.no_lines"
        )
    }
    tables = []
    for name, frame in frames.items():
        if name == "replaced" and frame.empty:
            continue  # the sentences say no hour is bought
        title, numeric, widths = WHY_TABLES[name]
        made = frame_table(f"why-{k}-{name}", frame, 1, widths, [{}] * len(frame))
        tables.append((w(title), captions.get(name, ""), replace(made, numeric=numeric)))
    return Why(
        members=accounts.members,
        title=accounts.title,
        sentences=accounts.sentences,
        tables=tuple(tables),
        assumptions_title=w("fairness.group.assumptions_title") if accounts.alone else "",
        assumptions=accounts.assumptions,
    )
