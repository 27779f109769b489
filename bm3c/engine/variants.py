"""Evaluate many workload variants of one cooperation at once (what-ifs, benchmarks)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bm3c.engine.accounts import Settlement, settle
from bm3c.engine.ledger import Ledger, compile_ledger
from bm3c.engine.sharing import game_allocation, sharing_weights
from bm3c.model import Cooperation

__all__ = ["WorkVariants", "evaluate_work_variants", "random_work_splits"]

Array = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class WorkVariants:
    """Settled accounts of k variants: member arrays have shape ``(k, members)``."""

    ledger: Ledger
    settlement: Settlement

    @property
    def cash_result(self) -> Array:
        """Each variant's member cash results."""
        return self.settlement.cash_result

    @property
    def gain_from_cooperation(self) -> Array:
        """Each variant's member gains from cooperation."""
        return self.settlement.gain_from_cooperation

    @property
    def shared_result(self) -> Array:
        """Each variant's shared-entity result."""
        return self.settlement.shared_result


def evaluate_work_variants(
    coop: Cooperation, paid: Array, volunteer: Array, ledger: Ledger | None = None
) -> WorkVariants:
    """Settle the cooperation for k hour matrices at once.

    Everything but the hours stays as in ``coop``; reimbursement flags follow the
    work lines of ``coop`` (hours moved to a member without a line are not
    reimbursed). Gives the same numbers as
    :func:`~bm3c.engine.evaluate.evaluate` on a model with those hours.

    Args:
        coop: The cooperation.
        paid: Paid hours, shape ``(k, members, activities)`` in the model's order.
        volunteer: Volunteer hours, same shape.
        ledger: The compiled ``coop``, when the caller already has it.

    """
    ledger = ledger or compile_ledger(coop)
    expected = ledger.paid_hours.shape
    if paid.shape[-2:] != expected or volunteer.shape != paid.shape:
        raise ValueError(f"hours must have shape (k, {expected[0]}, {expected[1]})")
    return WorkVariants(
        ledger,
        settle(
            ledger,
            paid,
            volunteer,
            coop.sharing.surplus,
            coop.sharing.deficit,
            sharing_weights(coop),
            game_allocation(coop),
        ),
    )


def random_work_splits(ledger: Ledger, k: int, seed: int = 0) -> tuple[Array, Array]:
    """K random re-splits of each activity's hours among the members already on it.

    Each activity keeps its total paid and volunteer hours; the share of each member
    working on it is drawn from a Dirichlet distribution.
    """
    rng = np.random.default_rng(seed)
    on = (ledger.paid_hours + ledger.volunteer_hours) > 0
    draws = rng.gamma(1.0, size=(k, *on.shape)) * on
    totals = draws.sum(axis=-2, keepdims=True)
    fractions = np.divide(draws, totals, out=np.zeros_like(draws), where=totals > 0)
    paid = fractions * ledger.paid_hours.sum(axis=0)
    volunteer = fractions * ledger.volunteer_hours.sum(axis=0)
    return paid, volunteer
