"""Three-way merge of models, for two participants who edited the same revision.

My changes are re-applied on top of theirs where they touch different places;
where both changed one place differently, the merge holds a :class:`Conflict`
and asks for a choice. Lists of items (members, lines, work...) are merged item
by item, keyed as in :data:`bm3c.edit.differences.ITEMS`; other lists (``requires``,
scenario ``changes``) and plain values are compared whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from bm3c.edit.cooperation import model_data
from bm3c.edit.differences import ITEMS, item_label
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.texts.field_words import field_label

__all__ = ["Choice", "Conflict", "Merge", "merge_models"]

Choice = Literal["mine", "theirs"]
Data = dict[str, Any]


@dataclass(frozen=True)
class Conflict:
    """One place that both sides changed, each differently.

    A value of None means absent: never there (``base``) or removed. Plain model
    data holds no None, so there is no ambiguity.

    Attributes:
        key: Stable identifier of the place, e.g. ``members[la-boucle].hourly_cost_eur``.
        where: The place in words, e.g. ``member 'La Boucle', hourly cost``.
        base: The value both sides started from.
        mine: My value there.
        theirs: Their value there.
        field: The field of the model file there (``hourly_cost_eur``), to word
            its values (:func:`~bm3c.texts.field_words.value_words`); empty for a
            whole item.

    """

    key: str
    where: str
    base: Any
    mine: Any
    theirs: Any
    field: str = ""


@dataclass(frozen=True)
class Merge:
    """The outcome of :func:`merge_models`: its conflicts, and the merged model on demand.

    Attributes:
        conflicts: Places both sides changed differently, in file order.
        sides: Plain data of the base, mine and theirs, in that order.
        lang: The language conflicts are worded in.

    """

    conflicts: list[Conflict]
    sides: tuple[Data, Data, Data] = field(repr=False)
    lang: str = "en"

    def result(self, choices: Mapping[str, Choice] | None = None) -> Cooperation:
        """The merged model, each conflict settled by ``choices`` (conflict key → side).

        Raises:
            ValueError: a conflict has no choice, a choice names no conflict, or a
                choice is neither ``"mine"`` nor ``"theirs"``.
            InvalidModelError: the merged data is not a valid model (e.g. I added a
                flow from a member they removed), with its problems.

        """
        chosen = dict(choices or {})
        keys = [c.key for c in self.conflicts]
        missing = [k for k in keys if k not in chosen]
        if missing:
            raise ValueError(f"choose 'mine' or 'theirs' for: {', '.join(missing)}")
        unknown = [k for k in chosen if k not in keys]
        if unknown:
            raise ValueError(f"no conflict at: {', '.join(unknown)}")
        wrong = [k for k, side in chosen.items() if side not in ("mine", "theirs")]
        if wrong:
            raise ValueError(f"a choice is 'mine' or 'theirs'; not so for: {', '.join(wrong)}")
        walk = _Walk(_names(self.sides), chosen, self.lang)
        return validate_cooperation(walk.value(*self.sides, key="", owner="", name=""))


def merge_models(
    base: Cooperation, mine: Cooperation, theirs: Cooperation, lang: str = "en"
) -> Merge:
    """Merge my edits of ``base`` and theirs (conflicts worded in ``lang``, "en" or "fr").

    A place changed by one side takes that side's value; changed by both to one
    value, that value; to different values, it is a conflict. An item removed by
    one side and changed by the other is a conflict on the whole item; items
    added by both under one key are merged field by field. List items follow
    their order, then the items only I have, in my order.
    """
    sides = (model_data(base), model_data(mine), model_data(theirs))
    walk = _Walk(_names(sides), None, lang)
    walk.value(*sides, key="", owner="", name="")
    return Merge(walk.conflicts, sides, lang)


def _names(sides: tuple[Data, Data, Data]) -> dict[str, str]:
    """Display names by id, mine winning over theirs over the base."""
    names: dict[str, str] = {}
    base, mine, theirs = sides
    for data in (base, theirs, mine):
        names[data["shared_entity"]["id"]] = data["shared_entity"]["name"]
        for key in ("members", "actors", "activities", "scenarios"):
            names |= {item["id"]: item["name"] for item in data.get(key, [])}
    return names


@dataclass
class _Walk:
    """One pass over the three sides, collecting conflicts and settling them by ``choices``."""

    names: dict[str, str]
    choices: Mapping[str, Choice] | None
    lang: str
    conflicts: list[Conflict] = field(default_factory=list)

    def value(self, base: Any, mine: Any, theirs: Any, key: str, owner: str, name: str) -> Any:
        """The merged value at one place (None: absent); ``name`` is its field in ``owner``."""
        if mine in (theirs, base):
            return theirs
        if theirs == base:
            return mine
        if isinstance(mine, dict) and isinstance(theirs, dict) and isinstance(base, dict | None):
            inner = f"{owner} › {self.label(name)}" if owner and name else owner or self.label(name)
            merged = {}
            for k in [*theirs, *(k for k in mine if k not in theirs)]:
                value = self.value(*_at(k, base, mine, theirs), _dot(key, k), inner, k)
                if value is not None:
                    merged[k] = value
            return merged
        if name in ITEMS and isinstance(mine, list) and isinstance(theirs, list):
            return self.items(base or [], mine, theirs, key, owner, name)
        where = f"{owner}, {self.label(name)}" if owner and name else owner or self.label(name)
        self.conflicts.append(Conflict(key, where, base, mine, theirs, name))
        return mine if self.choices and self.choices[key] == "mine" else theirs

    def label(self, name: str) -> str:
        """A field in words, or the name of the id keying a mapping (weights)."""
        if not name:
            return ""
        return self.names[name] if name in self.names else field_label(name, self.lang)

    def items(
        self,
        base: list[Data],
        mine: list[Data],
        theirs: list[Data],
        key: str,
        owner: str,
        name: str,
    ) -> list[Data]:
        """Merge two lists of items keyed by the field :data:`ITEMS` gives for ``name``."""
        by = ITEMS[name][0]
        sides = [{item[by]: item for item in side} for side in (base, mine, theirs)]
        merged = []
        for ident in [*sides[2], *(i for i in sides[1] if i not in sides[2])]:
            label = item_label(name, self.names.get(ident, ident), owner, self.lang)
            item = self.value(*_at(ident, *sides), f"{key}[{ident}]", label, "")
            if item is not None:
                merged.append(item)
        return merged


def _at(key: Any, *sides: Mapping[Any, Any] | None) -> tuple[Any, Any, Any]:
    """The value under ``key`` in the base, mine and theirs (None where absent)."""
    base, mine, theirs = (side.get(key) if side is not None else None for side in sides)
    return base, mine, theirs


def _dot(key: str, name: str) -> str:
    return f"{key}.{name}" if key else name
