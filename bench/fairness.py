"""Fairness benchmark: exact Shapley value and nucleolus of explicit random games.

Measures bm3c.fairness side by side with the comparison libraries of the optional
extra ``bench-fairness`` (pip install -e '.[bench-fairness]'): shapiq (exact Shapley via
its ExactComputer) and coopgame-py (Rust: Shapley and the nucleolus by sequential LP).
A library that is missing, or cannot compute a quantity, is reported as such.
Targets on a 2-core machine: Shapley n = 20 <= 50 ms and >= 2x faster than the fastest
library; nucleolus n = 12 <= 100 ms. Figures, not asserts: run ``make bench``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import numpy as np
from timing import median_ms  # bench/timing.py

from bm3c.fairness.allocations import nucleolus, shapley
from bm3c.fairness.game import popcounts

Runner = Callable[[np.ndarray], Callable[[], object]]  # prepare(v) -> run()


def random_game(n: int, seed: int, kind: str = "growing") -> np.ndarray:
    """A random explicit game.

    ``growing``: v(S) = 10 |S|^1.5 + uniform noise in [0, 5] (superadditive-ish, as a
    cooperation's values); ``uniform``: every v(S) uniform in [0, 100], no structure
    (many levels for the nucleolus, an empty imputation set: the prenucleolus).
    """
    rng = np.random.default_rng(seed)
    if kind == "uniform":
        v = rng.uniform(0, 100, 2**n)
    else:
        v = 10 * popcounts(n) ** 1.5 + rng.uniform(0, 5, 2**n)
    v[0] = 0.0
    return v


def shapiq_shapley() -> Runner | str:
    try:
        shapiq = importlib.import_module("shapiq")
    except ImportError:
        return "not installed"

    def prepare(v: np.ndarray) -> Callable[[], object]:
        n = int(v.size).bit_length() - 1
        weights = 1 << np.arange(n)

        def game(coalitions: np.ndarray) -> np.ndarray:
            return v[coalitions.astype(np.int64) @ weights]

        return lambda: shapiq.ExactComputer(game, n_players=n)("SV")

    return prepare


def coopgame(function: str) -> Runner | str:
    try:
        module = importlib.import_module("coopgame")
    except ImportError:
        return "not installed"

    def prepare(v: np.ndarray) -> Callable[[], object]:
        game = module.Game(v[1:].tolist(), order="binary")  # built outside the timing
        return lambda: getattr(module, function)(game)

    return prepare


def measure(
    label: str,
    n: int,
    ours: Callable[[np.ndarray], object],
    others: dict[str, Runner | str],
    repeat: int,
    kind: str = "growing",
) -> None:
    v = random_game(n, seed=n, kind=kind)
    ours(v)  # warm caches (weights, imports)
    mine = median_ms(lambda: ours(v), repeat)
    print(f"{label} n = {n:2d} {kind:8} bm3c      {mine:9.2f} ms")
    for name, prepare in others.items():
        if isinstance(prepare, str):
            print(f"{'':27}{name:9} {prepare}")
            continue
        try:
            run = prepare(v)
            run()
        except Exception as error:  # a library that fails is a figure too
            print(f"{'':27}{name:9} failed: {type(error).__name__}: {error}"[:160])
            continue
        theirs = median_ms(run, max(1, repeat // 3))
        print(f"{'':27}{name:9} {theirs:9.2f} ms   {name} / bm3c = {theirs / mine:7.1f}")


def cooperation_game() -> None:
    """v(S) of 16- and 20-member cooperations (DOMAIN Part 2); the nucleolus at 18 and 20.

    Targets on a 2-core machine: v(S) of every group <= 50 ms at 16 members, <= 1 s at 20.
    """
    from bm3c.engine.game import coalition_values
    from bm3c.model.validation import validate_cooperation
    from bm3c.synthetic import synthetic_cooperation

    coop = validate_cooperation(synthetic_cooperation(16, 60, 80, seed=1))
    v_ms = median_ms(lambda: coalition_values(coop), 5)
    v = coalition_values(coop)
    print(f"16-member cooperation: v(S) of 65,536 groups {v_ms:9.1f} ms   target <= 50 ms")
    twenty = validate_cooperation(synthetic_cooperation(20, 60, 80, seed=1))
    v20_ms = median_ms(lambda: coalition_values(twenty), 3)
    print(f"20-member cooperation: v(S) of 1,048,576 groups {v20_ms:6.1f} ms   target <= 1000 ms")
    print(f"{'':22}Shapley   {median_ms(lambda: shapley(v), 21):9.2f} ms")
    print(f"{'':22}nucleolus {median_ms(lambda: nucleolus(v), 3):9.2f} ms")
    for n in (18, 20):  # the sharing rule 'nucleolus' is offered up to 18 members
        big = coalition_values(validate_cooperation(synthetic_cooperation(n, 60, 80, seed=1)))
        ms = median_ms(lambda big=big: nucleolus(big), 1)  # type: ignore[misc]
        print(f"{n}-member cooperation: nucleolus {ms:9.1f} ms")


def main() -> None:
    print("exact Shapley value (random explicit game)")
    libraries = {"shapiq": shapiq_shapley(), "coopgame": coopgame("shapley")}
    for n in (12, 16, 20):
        measure("Shapley  ", n, shapley, libraries, 21 if n < 20 else 7)
    print("nucleolus (sequential LP, HiGHS, constraint generation)")
    for kind in ("growing", "uniform"):
        for n in (8, 12, 16):
            rule = "nucleolus" if kind == "growing" else "prenucleolus"  # empty imputation set
            measure("nucleolus", n, nucleolus, {"coopgame": coopgame(rule)}, 7, kind)
    cooperation_game()


if __name__ == "__main__":
    main()
