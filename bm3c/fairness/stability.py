"""Stability of an allocation: excesses, the core, the least core and blocking coalitions.

The excess of a coalition S at an allocation x is e(S, x) = v(S) − x(S): what S would
gain by working without the others. x is in the core when no coalition gains
(every e(S, x) ≤ 0). The least core shrinks or widens the core by ε: the smallest ε
such that some x with x(N) = v(N) has every e(S, x) ≤ ε; ε ≤ 0 means a non-empty core.
Repeating that program on the coalitions not yet fixed gives the nucleolus
(:func:`minimise_excesses`), solved with HiGHS (``scipy.optimize.linprog``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.optimize import linprog

from bm3c.fairness.game import coalition_members, coalition_sums, n_players

__all__ = [
    "BlockingCoalition",
    "ExcessLevels",
    "LeastCore",
    "Sentence",
    "StabilityReport",
    "blocking_coalitions",
    "blocking_sentence",
    "check_stability",
    "excesses",
    "is_in_core",
    "is_individually_rational",
    "least_core",
    "minimise_excesses",
    "tolerance",
]

Array = npt.NDArray[np.float64]
Masks = npt.NDArray[np.int64]

DUAL_TOL = 1e-9
ADDED_PER_ROUND = 4  # coalitions added per round of constraint generation, per player


def tolerance(v: Array) -> float:
    """The default tolerance of comparisons on ``v``: 1e-9 × max(1, max |v(S)|)."""
    return 1e-9 * max(1.0, float(np.abs(v).max(initial=0.0)))


def excesses(v: Array, x: Array) -> Array:
    """e(S, x) = v(S) − x(S) for every coalition bitmask S (e(∅) = 0)."""
    return v - coalition_sums(x)


@dataclass(frozen=True, eq=False)
class ExcessLevels:
    """The result of :func:`minimise_excesses`.

    Attributes:
        allocation: The unique x reached (the nucleolus when every level is solved).
        levels: The successive smallest maximum excesses t_1 ≥ t_2 ≥ … of the free
            coalitions; t_1 is the least-core ε (over the same domain).
        lp_solves: How many linear programs HiGHS solved.

    """

    allocation: Array
    levels: tuple[float, ...]
    lp_solves: int


def _rows(masks: Masks, n: int) -> Array:
    return ((masks[:, None] >> np.arange(n)) & 1).astype(float)


class _Program:
    """The sequential LP: fixed coalitions as equalities, free ones as x(S) + t ≥ v(S)."""

    def __init__(self, v: Array, n: int, lower: Array | None, generate: bool) -> None:
        self.v, self.n, self.lower, self.generate = v, n, lower, generate
        self.tol = tolerance(v)
        full = (1 << n) - 1
        self.fixed = np.zeros(1 << n, dtype=bool)
        self.fixed[[0, full]] = True
        self.eq_rows: list[Array] = [np.ones(n)]
        self.eq_rhs: list[float] = [float(v[full])]
        self.basis = np.ones((1, n)) / np.sqrt(n)  # orthonormal rows spanning eq_rows
        bits = 1 << np.arange(n, dtype=np.int64)
        if generate:  # singletons (they bound t) and their complements
            start = np.unique(np.concatenate([bits, full ^ bits]))
        else:
            start = np.arange(1, full, dtype=np.int64)
        self.active: Masks = start[~self.fixed[start]]
        self.solves = 0

    def _in_span(self, rows: Array) -> npt.NDArray[np.bool_]:
        residual = rows - (rows @ self.basis.T) @ self.basis
        return np.asarray(np.linalg.norm(residual, axis=1) < 1e-9)

    def _add_equality(self, row: Array, rhs: float) -> None:
        residual = row - (row @ self.basis.T) @ self.basis
        residual -= (residual @ self.basis.T) @ self.basis  # re-orthogonalise once
        norm = float(np.linalg.norm(residual))
        if norm > 1e-9:
            self.basis = np.vstack([self.basis, residual / norm])
            self.eq_rows.append(row)
            self.eq_rhs.append(rhs)

    def _solve(self) -> tuple[Array, float, Array, Array]:
        n, rows = self.n, _rows(self.active, self.n)
        cost = np.zeros(n + 1)
        cost[n] = 1.0
        a_eq = np.hstack([np.array(self.eq_rows), np.zeros((len(self.eq_rows), 1))])
        lower = self.lower if self.lower is not None else np.full(n, -np.inf)
        bounds = [(float(lo) if np.isfinite(lo) else None, None) for lo in lower]
        result = linprog(
            cost,
            A_ub=np.hstack([-rows, -np.ones((len(rows), 1))]),
            b_ub=-self.v[self.active],
            A_eq=a_eq,
            b_eq=np.array(self.eq_rhs),
            bounds=[*bounds, (None, None)],
            method="highs",
        )
        self.solves += 1
        if result.status != 0:
            raise RuntimeError(f"HiGHS could not solve an excess LP: {result.message}")
        duals = -np.asarray(result.ineqlin.marginals)
        bound_duals = np.asarray(result.lower.marginals)[:n]
        return np.asarray(result.x[:n]), float(result.x[n]), duals, bound_duals

    def _add_violated(self, x: Array, t: float) -> bool:
        """Add the most violated free coalitions; True if the LP must be solved again."""
        e = self.v - coalition_sums(x)
        e[self.fixed] = -np.inf
        e[self.active] = -np.inf
        violated = np.flatnonzero(e > t + self.tol)
        if violated.size == 0:
            return False
        if violated.size > ADDED_PER_ROUND * self.n:  # the most violated, without a full sort
            keep = np.argpartition(-e[violated], ADDED_PER_ROUND * self.n - 1)
            violated = violated[keep[: ADDED_PER_ROUND * self.n]]
        top = violated[np.argsort(-e[violated], kind="stable")]
        constant = self._in_span(_rows(top, self.n))  # excess fixed by the equalities
        self.fixed[top[constant]] = True
        self.active = np.concatenate([self.active, top[~constant]])
        return True

    def level(self) -> tuple[Array, float]:
        """Solve one level: the smallest max excess t, then fix what is tight in every optimum."""
        x, t, duals, bound_duals = self._solve()
        while self.generate and self._add_violated(x, t):
            x, t, duals, bound_duals = self._solve()
        # A positive dual means the constraint is tight in every optimum (complementary
        # slackness), so fixing those is exact even when the LP is degenerate.
        tight = duals > DUAL_TOL
        if not tight.any():
            tight = duals == duals.max()
        for mask in self.active[tight]:
            self.fixed[mask] = True
            self._add_equality(_rows(np.array([mask]), self.n)[0], float(self.v[mask]) - t)
        if self.lower is not None:
            for i in np.flatnonzero(bound_duals > DUAL_TOL):
                self._add_equality(np.eye(self.n)[i], float(self.lower[i]))
        remaining = self.active[~tight]
        constant = self._in_span(_rows(remaining, self.n))
        self.fixed[remaining[constant]] = True
        self.active = remaining[~constant]
        return x, t

    @property
    def determined(self) -> bool:
        return len(self.eq_rows) >= self.n

    def allocation(self) -> Array:
        x, *_ = np.linalg.lstsq(np.array(self.eq_rows), np.array(self.eq_rhs), rcond=None)
        return np.asarray(x, dtype=float)


def minimise_excesses(
    v: Array,
    *,
    lower: Array | None = None,
    constraint_generation: bool = True,
    max_levels: int | None = None,
) -> ExcessLevels:
    """Lexicographically minimise the sorted excesses (nucleolus / least core).

    Level k solves: minimise t subject to v(S) − x(S) ≤ t for the free coalitions,
    the excesses fixed at earlier levels, x(N) = v(N) and x ≥ ``lower``; then fixes
    the coalitions with a positive dual. It stops once the fixed coalitions determine x.

    Args:
        v: The coalition values (length 2**n, n ≥ 1).
        lower: Lower bounds on x (v({i}) for the nucleolus over imputations), or None.
        constraint_generation: Start each LP from the singletons and their complements
            and add the most violated coalitions of a scan of all 2**n excesses.
        max_levels: Stop after this many levels (1 gives the least core).

    """
    n = n_players(v)
    if lower is not None and lower.sum() > v[-1] + tolerance(v):
        raise ValueError("no allocation reaches the lower bounds: Σ lower > v(N)")
    program = _Program(v, n, lower, constraint_generation)
    levels: list[float] = []
    x = np.zeros(n)
    while not program.determined and (max_levels is None or len(levels) < max_levels):
        x, t = program.level()
        levels.append(t)
    if program.determined:
        x = program.allocation()
    return ExcessLevels(x, tuple(levels), program.solves)


@dataclass(frozen=True, eq=False)
class LeastCore:
    """The least core: ε and one allocation achieving it.

    Attributes:
        epsilon: The smallest ε such that some x with x(N) = v(N) has every excess ≤ ε
            (ε ≤ 0: the core is non-empty; ε > 0: every allocation leaves some
            coalition better off alone, by at least ε).
        allocation: One such x.

    """

    epsilon: float
    allocation: Array

    @property
    def core_is_empty(self) -> bool:
        """True when ε > 0 (beyond the rounding noise of the LP)."""
        return self.epsilon > 1e-9 * max(1.0, float(np.abs(self.allocation).sum()))


def least_core(v: Array, *, constraint_generation: bool = True) -> LeastCore:
    """The least-core ε of ``v`` (one LP over pre-imputations) and an x achieving it."""
    n = n_players(v)
    if n == 1:
        return LeastCore(0.0, v[1:].copy())
    result = minimise_excesses(v, constraint_generation=constraint_generation, max_levels=1)
    return LeastCore(result.levels[0], result.allocation)


def is_individually_rational(v: Array, x: Array, tol: float | None = None) -> bool:
    """True when every player gets at least its stand-alone value: x_i ≥ v({i})."""
    tol = tolerance(v) if tol is None else tol
    return bool(np.all(x >= v[1 << np.arange(x.size)] - tol))


def is_in_core(v: Array, x: Array, tol: float | None = None) -> bool:
    """True when x(N) = v(N) and no coalition gains by leaving: every e(S, x) ≤ tol."""
    tol = tolerance(v) if tol is None else tol
    e = excesses(v, x)
    return bool(abs(e[-1]) <= tol and e.max() <= tol)


@dataclass(frozen=True)
class BlockingCoalition:
    """A coalition that would gain by working without the others.

    Attributes:
        mask: The coalition bitmask.
        members: Its players (indices, increasing).
        gain: e(S, x) = v(S) − x(S) > 0, in the unit of v.

    """

    mask: int
    members: tuple[int, ...]
    gain: float


def blocking_coalitions(
    v: Array, x: Array, k: int = 5, tol: float | None = None
) -> tuple[BlockingCoalition, ...]:
    """The (at most) ``k`` coalitions that would gain most by leaving, largest gain first.

    Scans all 2**n excesses at once; ties are ordered by bitmask, so the order is
    deterministic. The grand coalition is not a blocking coalition.
    """
    tol = tolerance(v) if tol is None else tol
    e = excesses(v, x)
    e[[0, -1]] = -np.inf
    gaining = np.flatnonzero(e > tol)
    if gaining.size > k:
        gaining = gaining[np.argpartition(-e[gaining], k - 1)[:k]]
    order = np.lexsort((gaining, -e[gaining]))
    return tuple(
        BlockingCoalition(int(m), coalition_members(int(m)), float(e[m])) for m in gaining[order]
    )


@dataclass(frozen=True)
class StabilityReport:
    """How stable an allocation is.

    Attributes:
        individually_rational: Every x_i ≥ v({i}).
        below_stand_alone: The players with x_i < v({i}).
        in_core: No coalition gains by leaving.
        max_excess: The largest e(S, x) over proper coalitions (> 0: someone gains).
        blocking: The coalitions that gain most by leaving, largest gain first.

    """

    individually_rational: bool
    below_stand_alone: tuple[int, ...]
    in_core: bool
    max_excess: float
    blocking: tuple[BlockingCoalition, ...]


def check_stability(v: Array, x: Array, k: int = 5) -> StabilityReport:
    """Individual rationality, core membership and the top-``k`` blocking coalitions of x."""
    tol = tolerance(v)
    below = np.flatnonzero(x < v[1 << np.arange(x.size)] - tol)
    e = excesses(v, x)
    proper = e[1:-1]
    return StabilityReport(
        individually_rational=below.size == 0,
        below_stand_alone=tuple(int(i) for i in below),
        in_core=is_in_core(v, x, tol),
        max_excess=float(proper.max()) if proper.size else 0.0,
        blocking=blocking_coalitions(v, x, k, tol),
    )


def _amount(value: float) -> str:
    """An amount in plain words: thousands separated by a space, cents when small."""
    rounded = round(value, 2)
    if abs(rounded) >= 100 or float(rounded).is_integer():
        return f"{rounded:,.0f}".replace(",", " ")
    return f"{rounded:,.2f}".replace(",", " ")


@dataclass(frozen=True)
class Sentence:
    """A sentence kept as data so that the app can translate it.

    Attributes:
        key: What the sentence says: ``alone_would_gain`` (one player) or
            ``together_would_gain`` (several).
        names: The players it names, in player order.
        amount: The gain, in the unit of the game.

    """

    key: str
    names: tuple[str, ...]
    amount: float

    def english(self) -> str:
        """The sentence in English, e.g. "A and B would together gain 1 200 by working …"."""
        if self.key == "alone_would_gain":
            return f"{self.names[0]} would gain {_amount(self.amount)} by working alone"
        listed = (
            f"{', '.join(self.names[:-1])} and {self.names[-1]}"
            if len(self.names) > 1
            else self.names[0]
        )
        return f"{listed} would together gain {_amount(self.amount)} by working without the others"


def blocking_sentence(coalition: BlockingCoalition, players: Sequence[str]) -> Sentence:
    """The sentence that names a blocking coalition's players and its gain."""
    names = tuple(players[i] for i in coalition.members)
    key = "alone_would_gain" if len(names) == 1 else "together_would_gain"
    return Sentence(key, names, coalition.gain)
