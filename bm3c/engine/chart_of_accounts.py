"""Where each amount of a cooperation lands in the associations' chart of accounts.

DOMAIN Part 4: a line's ``account`` if it has one, else its ``kind`` decides. The
carrier's side of a line reads the line's own account; the other side of an
internal line (the member that pays a revenue line of the shared entity, the
member paid by a cost line) reads the mirror of its kind: a rent the shared entity
receives is a rent (61) its payer pays. The budget keeps whole account numbers
(``6132``, ``706``); a form adds them up by class, the first two digits.
"""

from __future__ import annotations

from bm3c.model.parts import CostLine, RevenueLine

__all__ = [
    "CHARGE_CLASSES",
    "FLOW_GIVEN",
    "FLOW_RECEIVED",
    "IN_KIND_RESOURCE",
    "IN_KIND_USE",
    "PRODUIT_CLASSES",
    "REIMBURSEMENT_PAID",
    "REIMBURSEMENT_RECEIVED",
    "SHARE_COVERED",
    "SHARE_RECEIVED",
    "STAFF",
    "SUBSIDY",
    "VOLUNTEERING_RESOURCE",
    "VOLUNTEERING_USE",
    "account_class",
    "cost_account",
    "payee_account",
    "payer_account",
    "revenue_account",
]

#: The charge classes a budget form always shows, in its order (60 purchases … 68 depreciation).
CHARGE_CLASSES = ("60", "61", "62", "63", "64", "65", "66", "67", "68")
#: The produit classes a budget form always shows: sales, subsidies, other, grant shares.
PRODUIT_CLASSES = ("70", "74", "75", "77")

STAFF = "64"  # paid hours × the employer's hourly cost
REIMBURSEMENT_PAID = "621"  # personnel extérieur: hours paid back to the member that gave them
REIMBURSEMENT_RECEIVED = "708"  # produits des activités annexes: hours paid back to it
SUBSIDY = "74"  # one row per funder
FLOW_GIVEN = "65"  # a money flow it gives (autres charges de gestion courante)
FLOW_RECEIVED = "75"  # a money flow it receives, not from a funder
SHARE_RECEIVED = "755"  # its share of the shared entity's surplus
SHARE_COVERED = "655"  # its share of the shared entity's deficit
VOLUNTEERING_USE = "864"  # personnel bénévole
IN_KIND_USE = "861"  # unreimbursed paid hours and in-kind flows received, as used
VOLUNTEERING_RESOURCE = "870"  # bénévolat
IN_KIND_RESOURCE = "871"  # the same, as resources: prestations et biens en nature

_COST_KIND = {
    "purchase": "60",
    "energy": "60",
    "rent": "61",
    "insurance": "61",
    "subcontracting": "61",
    "service": "62",
    "fee": "62",
    "transport": "62",
    "tax": "63",
    "staff": "64",
    "other": "65",
    "depreciation": "68",
}
_REVENUE_KIND = {
    "sales": "707",
    "service": "706",
    "subsidy": "74",
    "membership": "75",
    "donation": "75",
    "sponsorship": "75",
    "rent": "75",
    "other": "75",
}
#: What a member pays through a revenue line of another party, by the line's kind.
_PAYER_OF_REVENUE_KIND = {
    "sales": "60",
    "service": "62",
    "rent": "61",
    "membership": "62",
    "sponsorship": "62",
    "subsidy": "65",
    "donation": "65",
    "other": "65",
}
#: What a member receives through a cost line of another party, by the line's kind.
_PAYEE_OF_COST_KIND = {
    "purchase": "707",
    "energy": "708",
    "insurance": "708",
    "staff": "708",
    "service": "706",
    "subcontracting": "706",
    "fee": "706",
    "transport": "706",
    "rent": "75",
    "tax": "75",
    "depreciation": "75",
    "other": "75",
}


def account_class(account: str) -> str:
    """The class of an account, as a budget form adds it up: ``6132`` → ``61``."""
    return account[:2]


def cost_account(line: CostLine) -> str:
    """The carrier's charge account of a cost line."""
    return line.account or _COST_KIND[line.kind]


def revenue_account(line: RevenueLine) -> str:
    """The carrier's produit account of a revenue line."""
    return line.account or _REVENUE_KIND[line.kind]


def payer_account(line: RevenueLine) -> str:
    """The charge account of the insider that pays another party's revenue line."""
    return _PAYER_OF_REVENUE_KIND[line.kind]


def payee_account(line: CostLine) -> str:
    """The produit account of the insider that another party's cost line pays."""
    return _PAYEE_OF_COST_KIND[line.kind]
