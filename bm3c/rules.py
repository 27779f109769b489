"""The sharing rules: one registry that validation, engine, app, command line and docs read.

A rule says how the shared entity's distributable result is split among the
members. A *key* rule gives each member a key (its hours, its contribution...)
and the result is shared in proportion (``bm3c.engine.sharing`` computes the key,
one function per rule). A *game* rule makes each member end with its allocation
of the cooperation game (``allocation``: a rule of ``bm3c.fairness.allocations``).

To add a rule: an entry in :data:`SHARING_RULES` (its id, what its key is, its
French and English name and help), then its key function in
``bm3c.engine.sharing.KEY_FUNCTIONS`` (or, for a game rule, the allocation it
uses). The model accepts it, the app and the report offer and explain it,
``docs/model.md`` lists it (a test checks that the table there matches).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "GAME_RULES",
    "RULES",
    "RULE_IDS",
    "SHARING_RULES",
    "SharingRule",
    "rule_help",
    "rule_name",
]


@dataclass(frozen=True)
class SharingRule:
    """One sharing rule.

    Attributes:
        id: The value of ``sharing.surplus`` / ``sharing.deficit`` in a model file.
        key: Each member's key, in English, as the table of ``docs/model.md`` says it.
        name: Its name, by language (``fr``, ``en``).
        help: One sentence saying what it does, by language; ``{limit}`` stands for
            ``max_members``.
        allocation: For a cooperative-game rule, the allocation of the cooperation
            game each member ends with; None for a key rule.
        max_members: The most members it is computed for (None: no limit).
        needs_weights: It reads ``sharing.weights`` (one per member).

    """

    id: str
    key: str
    name: Mapping[str, str]
    help: Mapping[str, str]
    allocation: str | None = None
    max_members: int | None = None
    needs_weights: bool = False

    @property
    def is_game(self) -> bool:
        """Whether each member ends with an allocation of the game (no key)."""
        return self.allocation is not None


SHARING_RULES: tuple[SharingRule, ...] = (
    SharingRule(
        id="equal",
        key="1",
        name={"fr": "À parts égales", "en": "Equal shares"},
        help={
            "fr": "Chaque structure reçoit (ou comble) la même part.",
            "en": "Every member receives (or covers) the same part.",
        },
    ),
    SharingRule(
        id="by_hours",
        key="its paid + volunteer hours on shared-entity activities",
        name={"fr": "Au prorata des heures", "en": "By hours"},
        help={
            "fr": (
                "Chaque structure reçoit en proportion des heures, salariées et bénévoles, "
                "qu'elle passe sur les activités de la structure commune."
            ),
            "en": (
                "Each member receives in proportion to the hours, paid and volunteer, it spends "
                "on the shared entity's activities."
            ),
        },
    ),
    SharingRule(
        id="by_paid_hours",
        key="its paid hours on shared-entity activities",
        name={"fr": "Au prorata des heures salariées", "en": "By paid hours"},
        help={
            "fr": (
                "Chaque structure reçoit en proportion des heures salariées qu'elle passe sur les"
                " activités de la structure commune."
            ),
            "en": (
                "Each member receives in proportion to the paid hours it spends on the shared "
                "entity's activities."
            ),
        },
    ),
    SharingRule(
        id="by_contribution",
        key=(
            "what it gives the shared entity: paid hours at c_m (reimbursed or not), volunteer "
            "hours at their value, money and in-kind flows to it"
        ),
        name={"fr": "Au prorata des apports", "en": "By contribution"},
        help={
            "fr": (
                "Chaque structure reçoit en proportion de ce qu'elle apporte à la structure "
                "commune : ses heures salariées à leur coût, ses heures bénévoles valorisées, son"
                " argent et ses apports en nature."
            ),
            "en": (
                "Each member receives in proportion to what it gives the shared entity: its paid "
                "hours at their cost, its volunteer hours valued, its money and its in-kind "
                "contributions."
            ),
        },
    ),
    SharingRule(
        id="by_usage",
        key=(
            "what it pays the shared entity through activity lines (revenue lines of shared "
            "activities paid by it, cost lines of its activities paid to the shared entity)"
        ),
        name={"fr": "Au prorata de l'usage (ristourne)", "en": "By usage (patronage refund)"},
        help={
            "fr": (
                "Chaque structure reçoit en proportion de ce qu'elle paie à la structure commune "
                "pour ses services, comme la ristourne coopérative."
            ),
            "en": (
                "Each member receives in proportion to what it pays the shared entity for its "
                "services, like a cooperative's patronage refund."
            ),
        },
    ),
    SharingRule(
        id="by_weights",
        key="`sharing.weights`, normalised",
        name={"fr": "Selon des poids convenus", "en": "By agreed weights"},
        help={
            "fr": (
                "Chaque structure reçoit en proportion d'un poids que le collectif a fixé "
                "ensemble (par exemple 2 pour 1)."
            ),
            "en": (
                "Each member receives in proportion to a weight the collective agreed on (for "
                "instance 2 for 1)."
            ),
        },
        needs_weights=True,
    ),
    SharingRule(
        id="shapley",
        key="none: each member ends with its Shapley value of the cooperation game",
        name={"fr": "Valeur de Shapley (jeu coopératif)", "en": "Shapley value (cooperative game)"},
        help={
            "fr": (
                "Chaque structure finit avec sa valeur de Shapley : la moyenne de ce qu'elle "
                "apporte au groupe quand il se forme dans tous les ordres possibles (voir la page"
                " Équité). Une part peut alors être négative."
            ),
            "en": (
                "Each member ends with its Shapley value: the average of what it adds to the "
                "group when the group forms in every possible order (see the Fairness page). A "
                "share may then be negative."
            ),
        },
        allocation="shapley",
        max_members=20,
    ),
    SharingRule(
        id="nucleolus",
        key="none: each member ends with its nucleolus allocation of the game",
        name={"fr": "Nucléole (jeu coopératif)", "en": "Nucleolus (cooperative game)"},
        help={
            "fr": (
                "Chaque structure finit avec sa part du nucléole : le partage qui rend le groupe "
                "le plus mécontent aussi content que possible (page Équité ; jusqu'à {limit} "
                "structures). Une part peut alors être négative."
            ),
            "en": (
                "Each member ends with its nucleolus share: the split that makes the unhappiest "
                "group as happy as possible (Fairness page; up to {limit} members). A share may "
                "then be negative."
            ),
        },
        allocation="nucleolus",
        max_members=18,
    ),
    SharingRule(
        id="scrb",
        key="none: each member ends with its SCRB allocation of the game",
        name={"fr": "SCRB (jeu coopératif)", "en": "SCRB (cooperative game)"},
        help={
            "fr": (
                "Chaque structure reçoit d'abord ce qu'elle seule apporte au groupe, puis le "
                "reste au prorata de ce qu'elle apporte en plus de ce qu'elle ferait seule (page "
                "Équité). Une part peut alors être négative."
            ),
            "en": (
                "Each member first gets what only it brings to the group, then the rest in "
                "proportion to what it brings beyond what it would make alone (Fairness page). A "
                "share may then be negative."
            ),
        },
        allocation="scrb",
        max_members=20,
    ),
)

RULES: dict[str, SharingRule] = {rule.id: rule for rule in SHARING_RULES}
RULE_IDS: tuple[str, ...] = tuple(RULES)
GAME_RULES: tuple[str, ...] = tuple(rule.id for rule in SHARING_RULES if rule.is_game)


def rule_name(rule: str, lang: str) -> str:
    """A rule's name in ``lang`` (French when the language is unknown; the id if unknown)."""
    known = RULES.get(rule)
    return rule if known is None else known.name.get(lang) or known.name["fr"]


def rule_help(rule: str, lang: str) -> str:
    """A rule's one-sentence explanation in ``lang``, with its member limit filled in."""
    known = RULES.get(rule)
    if known is None:
        return ""
    text = known.help.get(lang) or known.help["fr"]
    return text.format(limit=known.max_members or "")
