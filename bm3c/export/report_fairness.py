"""The report's fairness section: the cooperation as a game, as the Fairness page shows it.

Within the page's limits: every group's value up to ``MAX_MEMBERS`` members, the
nucleolus and the least core up to ``NUCLEOLUS_UP_TO``, Shapley estimated beyond
``MAX_EXACT_PLAYERS``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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
from bm3c.present.stability_words import stability_findings
from bm3c.texts.format import number

__all__ = ["Fairness", "fairness"]

Array = npt.NDArray[np.float64]


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
    stability: list[tuple[Note, list[Markup]]]
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
        stability=_stability(game, current, players, w),
        shapley_margin=None if margin is None else float(margin.max()),
    )


TONES = {"ok": "ok", "warn": "warn", "alarm": "warn", "info": "info"}


def _stability(
    game: GameSummary, x: Array, players: tuple[str, ...], w: Writer
) -> list[tuple[Note, list[Markup]]]:
    """Is each member at least at its alone value, which groups gain by leaving, the core."""

    def amount(value: float) -> str:
        return w.money(value, 0)

    def join(names: Sequence[str]) -> str:
        return join_names(names, w("fairness.and"))

    findings = stability_findings(game.values, x, players, game.least_core, NUCLEOLUS_UP_TO)
    return [
        (
            Note(finding.sentence.say(w, amount, join), TONES[finding.tone]),
            [Markup(bullet.say(w.rich, amount, join)) for bullet in finding.bullets],
        )
        for finding in findings
    ]
