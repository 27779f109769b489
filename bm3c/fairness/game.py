"""Explicit TU games: the coalition-value array, its helpers and a small file format.

A game on n players is an array ``v`` of length 2**n indexed by coalition bitmask
(bit i set = player i in the coalition), with v[0] = v(∅) = 0. For teaching, a game
can be written by hand in YAML or JSON::

    players: [A, B, C]
    values:
      A: 10          # v({A}); coalitions are player names joined by "+"
      A+B: 90
      A+B+C: 120     # coalitions not listed are worth 0

Coalitions left out are worth 0 (not the superadditive closure): what is written is
what is computed.

``kind: cost`` makes the values costs c(S) (see :mod:`bm3c.fairness.costs`); a
cost game lists every coalition, since a coalition left out at cost 0 would be a
coalition that pays nothing. ``kind: value`` (the default) is a game of values.

Unknown player names, a coalition given twice (``A+B`` and ``B+A``), values that
are not finite numbers, v(∅) ≠ 0, an unknown kind and more than
:data:`MAX_EXACT_PLAYERS` players are refused, every problem at once, as
:class:`~bm3c.errors.InvalidModelError`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from bm3c.errors import InvalidModelError, Problem
from bm3c.parsing import read_data_file

__all__ = [
    "EMPTY_COALITION_KEYS",
    "KINDS",
    "MAX_EXACT_PLAYERS",
    "Game",
    "coalition_label",
    "coalition_members",
    "coalition_sums",
    "load_game",
    "n_players",
    "parse_game",
    "popcounts",
]

Array = npt.NDArray[np.float64]

MAX_EXACT_PLAYERS = 20
EMPTY_COALITION_KEYS = ("", "∅", "{}")
FIELDS = ("name", "kind", "players", "values")
KINDS = ("value", "cost")


def n_players(v: Array) -> int:
    """The number of players of a game given as its 2**n coalition values.

    Raises:
        ValueError: if ``v`` is not 1-D, its length is not a power of two, or v[0] != 0.

    """
    if v.ndim != 1 or v.size == 0 or v.size & (v.size - 1):
        raise ValueError(f"a game has 2**n coalition values, not shape {v.shape}")
    if v[0] != 0:
        raise ValueError(f"v(∅) must be 0, not {v[0]}")
    return int(v.size).bit_length() - 1


@lru_cache(maxsize=4)
def popcounts(n: int) -> npt.NDArray[np.int64]:
    """|S| for every coalition bitmask S of n players (read-only, cached)."""
    sizes = np.zeros(1, dtype=np.int64)
    for _ in range(n):
        sizes = np.concatenate([sizes, sizes + 1])
    sizes.setflags(write=False)
    return sizes


def coalition_sums(x: Array) -> Array:
    """x(S) = Σ_{i∈S} x_i for every coalition bitmask S (length 2**len(x))."""
    sums = np.zeros(1)
    for xi in x:
        sums = np.concatenate([sums, sums + xi])
    return sums


def beyond_alone(v: Array) -> Array:
    """v(S) − Σ_{i∈S} v({i}) for every coalition S: what the group makes beyond each alone."""
    return v - coalition_sums(v[1 << np.arange(n_players(v))])


def coalition_members(mask: int) -> tuple[int, ...]:
    """The players (indices, increasing) of the coalition ``mask``."""
    return tuple(i for i in range(mask.bit_length()) if mask >> i & 1)


def coalition_label(mask: int, players: tuple[str, ...]) -> str:
    """The coalition as the file writes it: names joined by ``+`` (``∅`` if empty)."""
    return "+".join(players[i] for i in coalition_members(mask)) or "∅"


@dataclass(frozen=True, eq=False)
class Game:
    """A TU game with named players.

    Attributes:
        players: The player names; player i is bit i of a coalition mask.
        values: v(S) for every coalition mask S, length 2**n, read-only, v[0] = 0.
        name: An optional title.
        kind: ``value`` (what each coalition makes) or ``cost`` (what it pays).

    """

    players: tuple[str, ...]
    values: Array
    name: str = ""
    kind: str = "value"

    def value(self, *names: str) -> float:
        """The value v(S) of the coalition S of the named players."""
        mask = 0
        for name in names:
            mask |= 1 << self.players.index(name)
        return float(self.values[mask])


def _check_players(raw: Any, problems: list[Problem]) -> tuple[str, ...]:
    if raw is None:
        problems.append(Problem("players", "missing: list the player names, e.g. [A, B, C]"))
        return ()
    if not isinstance(raw, list) or not raw:
        problems.append(Problem("players", "must be a non-empty list of names"))
        return ()
    names: list[str] = []
    for k, item in enumerate(raw):
        if isinstance(item, bool) or not isinstance(item, str | int):
            problems.append(Problem(f"players[{k}]", "must be a name (text)"))
            continue
        name = str(item).strip()
        if not name or "+" in name or name in EMPTY_COALITION_KEYS:
            problems.append(Problem(f"players[{k}]", f"'{name}' cannot be a name (no '+')"))
        elif name in names:
            problems.append(Problem(f"players[{k}]", f"'{name}' is listed twice"))
        else:
            names.append(name)
    if len(raw) > MAX_EXACT_PLAYERS:
        problems.append(
            Problem(
                "players",
                f"{len(raw)} players: exact methods handle at most {MAX_EXACT_PLAYERS}",
            )
        )
    return tuple(names)


def _coalition_mask(key: str, players: tuple[str, ...], path: str) -> int | Problem:
    if key.strip() in EMPTY_COALITION_KEYS:
        return 0
    mask = 0
    for part in key.split("+"):
        name = part.strip()
        if name not in players:
            known = ", ".join(players)
            return Problem(path, f"unknown player '{name}' (players: {known})")
        bit = 1 << players.index(name)
        if mask & bit:
            return Problem(path, f"'{name}' appears twice in the coalition")
        mask |= bit
    return mask


def _check_value(raw: Any, path: str, problems: list[Problem]) -> float | None:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        problems.append(Problem(path, f"must be a number, not {raw!r}"))
        return None
    if not math.isfinite(raw):
        problems.append(Problem(path, f"must be a finite number, not {raw}"))
        return None
    return float(raw)


def _check_kind(raw: Any, problems: list[Problem]) -> str:
    if raw is None:
        return "value"
    if raw not in KINDS:
        problems.append(Problem("kind", f"must be 'value' or 'cost', not {raw!r}"))
        return "value"
    return str(raw)


def _check_complete(
    given: dict[int, str], players: tuple[str, ...], problems: list[Problem]
) -> None:
    """A cost game gives every coalition; name the first few missing."""
    missing = [m for m in range(1, 1 << len(players)) if m not in given]
    if not missing:
        return
    shown = ", ".join(coalition_label(m, players) for m in missing[:5])
    more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
    problems.append(
        Problem(
            "values",
            f"a cost game gives the cost of every coalition; missing: {shown}{more}",
        )
    )


def _check_values(
    raw: Any, players: tuple[str, ...], problems: list[Problem], kind: str = "value"
) -> Array:
    values = np.zeros(1 << len(players))
    if raw is None:
        problems.append(Problem("values", "missing: give v for coalitions, e.g. 'A+B: 90'"))
        return values
    if not isinstance(raw, dict):
        problems.append(Problem("values", "must map coalitions (A+B) to numbers"))
        return values
    seen: dict[int, str] = {}
    for key, item in raw.items():
        label = str(key)
        path = f"values.{label}"
        mask = _coalition_mask(label, players, path)
        value = _check_value(item, path, problems)
        if isinstance(mask, Problem):
            problems.append(mask)
            continue
        if mask in seen:
            problems.append(Problem(path, f"same coalition as '{seen[mask]}', given twice"))
            continue
        seen[mask] = label
        if value is None:
            continue
        if mask == 0 and value != 0:
            problems.append(Problem(path, f"v(∅) must be 0, not {value:g}"))
            continue
        values[mask] = value
    if kind == "cost" and not any(p.path.startswith("values") for p in problems):
        _check_complete(seen, players, problems)
    return values


def parse_game(data: Any, source: str | None = None) -> Game:
    """A :class:`Game` from plain data (a parsed YAML or JSON document).

    Raises:
        InvalidModelError: listing every problem, each located by its field.

    """
    if not isinstance(data, dict):
        message = "a game file is a mapping with 'players' and 'values'"
        raise InvalidModelError([Problem("", message)], source)
    problems = [
        Problem(str(key), f"unknown field (known: {', '.join(FIELDS)})")
        for key in data
        if key not in FIELDS
    ]
    name = data.get("name", "")
    if not isinstance(name, str):
        problems.append(Problem("name", "must be text"))
    kind = _check_kind(data.get("kind"), problems)
    players = _check_players(data.get("players"), problems)
    if any(p.path.startswith("players") for p in problems):
        raise InvalidModelError(problems, source)  # values cannot be read without players
    values = _check_values(data.get("values"), players, problems, kind)
    if problems:
        raise InvalidModelError(problems, source)
    values.setflags(write=False)
    return Game(players, values, name if isinstance(name, str) else "", kind)


def load_game(path: str | Path) -> Game:
    """Read and check a game file (``.json`` as JSON, anything else as YAML).

    Raises:
        InvalidModelError: for an unreadable, too large or invalid file.

    """
    return parse_game(read_data_file(path), str(path))
