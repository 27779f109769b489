"""The funders' budget laid out as the subsidy request form, and said in words.

:func:`form_rows` gives the rows of the form (charges on one side, produits on the
other, class 74 one row per funder, then classes 86 and 87), each with the budget
lines behind it, so that the page, the workbook and the report show the same
rows. :func:`line_words` says where one amount comes from; :func:`funder_sentences`
says what each funder finances (« Région Nouvelle-Aquitaine finance 34 % de
l'action (41 % sans le bénévolat valorisé). ») and which cap is exceeded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bm3c.engine.budget import ACTION, Budget, BudgetLine, FunderShare
from bm3c.engine.chart_of_accounts import SUBSIDY
from bm3c.model import MARKET, Cooperation
from bm3c.model.years import INVESTMENT_ACTIVITY_NAME, investment_activity_ids
from bm3c.present.plan_words import VOWELS
from bm3c.texts.format import hours as hours_words
from bm3c.texts.format import percent
from bm3c.texts.i18n import translate

__all__ = [
    "FormRow",
    "account_title",
    "cap_warnings",
    "de_name",
    "form_rows",
    "funder_sentences",
    "line_words",
    "party_title",
]


Side = Literal["charges", "produits", "86", "87"]


@dataclass(frozen=True)
class FormRow:
    """One row of the form: a class (``60``), a funder of class 74, or a total.

    ``code`` is the account class (``74`` for each funder's row, with ``funder``
    set); ``lines`` are the budget lines behind ``amount_eur`` (none for a total).
    ``level`` is 0 for a class, 1 for a funder's row inside class 74, and 2 for a
    total, which the rows above it add up to.
    """

    side: Side
    code: str
    title: str
    amount_eur: float
    lines: tuple[BudgetLine, ...] = ()
    level: int = 0
    funder: str | None = None


_named: list[tuple[Cooperation, dict[str, str]]] = []  # the last model's names


def _names(coop: Cooperation) -> dict[str, str]:
    """Every party's and activity's name by id.

    Kept for the last model asked: a workbook words thousands of lines of one model.
    """
    last = _named[-1] if _named else None  # read once: another session may replace it
    if last is not None and last[0] is coop:
        return last[1]
    names = {coop.shared_entity.id: coop.shared_entity.name}
    names |= {m.id: m.name for m in coop.members}
    names |= {a.id: a.name for a in coop.actors}
    names |= {a.id: a.name for a in coop.activities}
    # a plan's investments are an activity of each year's model, named as it names them
    names |= dict.fromkeys(investment_activity_ids(coop).values(), INVESTMENT_ACTIVITY_NAME)
    _named[:] = [(coop, names)]
    return names


def party_title(coop: Cooperation, party: str, lang: str, *, short: bool = False) -> str:
    """The name of a budget's party; the action is « L'action (la coopération entière) »."""
    if party == ACTION:
        return translate("budget.action.short" if short else "budget.action", lang)
    return _names(coop).get(party, party)


def account_title(code: str, lang: str) -> str:
    """« 60 – Achats », « 864 – Personnel bénévole »; an account without a title, its number."""
    key = f"budget.account.{code}" if len(code) > 2 else f"budget.class.{code}"
    title = translate(key, lang)
    return f"{code} – {title}" if title != key else code


def _funder_name(coop: Cooperation, funder: str, lang: str) -> str:
    """A funder's name; a subsidy from no named actor is « Sans financeur nommé »."""
    if funder == MARKET:
        return translate("budget.funder.other", lang)
    return _names(coop).get(funder, funder)


def _party_name(coop: Cooperation, party: str, lang: str) -> str:
    """The other party of an amount: a name, or « le marché »."""
    if party == MARKET:
        return translate("budget.market", lang)
    return _names(coop).get(party, party)


def form_rows(budget: Budget, coop: Cooperation, lang: str) -> tuple[FormRow, ...]:
    """The rows of the request form for one budget, charges then produits then 86 and 87.

    Charges and produits end on their totals; the side with the smaller total gets
    the surplus (or deficit) row before it, so that both sides show the same total,
    as the form asks. Then the totals with the contributions in kind.
    """
    rows: list[FormRow] = []
    for code, amount in budget.charges_by_class().items():
        rows.append(
            FormRow(
                "charges", code, account_title(code, lang), amount, budget.lines_of("charges", code)
            )
        )
    result = budget.result_eur
    if result > 0:
        rows.append(FormRow("charges", "", translate("budget.surplus", lang), result))
    for code, amount in budget.produits_by_class().items():
        lines = budget.lines_of("produits", code)
        rows.append(FormRow("produits", code, account_title(code, lang), amount, lines))
        if code == SUBSIDY:
            for funder, subsidy in budget.subsidies().items():
                behind = tuple(line for line in lines if (line.counterparty or MARKET) == funder)
                rows.append(
                    FormRow(
                        "produits",
                        code,
                        _funder_name(coop, funder, lang),
                        subsidy,
                        behind,
                        level=1,
                        funder=funder,
                    )
                )
    if result < 0:
        rows.append(FormRow("produits", "", translate("budget.deficit", lang), -result))
    balanced = max(budget.charges_total_eur, budget.produits_total_eur)
    rows.append(FormRow("charges", "", translate("budget.total_charges", lang), balanced, level=2))
    rows.append(
        FormRow("produits", "", translate("budget.total_produits", lang), balanced, level=2)
    )
    for side, lines in (("86", budget.uses_in_kind), ("87", budget.resources_in_kind)):
        accounts = sorted({line.account for line in lines})
        for account in accounts:
            behind = tuple(line for line in lines if line.account == account)
            amount = sum(line.amount_eur for line in behind)
            rows.append(FormRow(side, account, account_title(account, lang), amount, behind))  # type: ignore[arg-type]
    in_kind = budget.uses_in_kind_eur
    rows.append(FormRow("86", "86", translate("budget.total_86", lang), in_kind, level=2))
    rows.append(FormRow("87", "87", translate("budget.total_87", lang), in_kind, level=2))
    return tuple(rows)


def line_words(line: BudgetLine, coop: Cooperation, lang: str) -> str:
    """Where one amount comes from, in words (« Heures salariées de La Boucle : … (800 h) »)."""
    names = _names(coop)
    activity = names.get(line.activity or "", line.activity or "")
    member = names.get(line.member or "", line.member or "")
    party = ""
    if line.counterparty:
        subsidy = line.account_class == SUBSIDY
        party = (_funder_name if subsidy else _party_name)(coop, line.counterparty, lang)
    spent = hours_words(line.hours, lang) if line.hours is not None else ""
    values = {
        "label": line.label,
        "activity": activity,
        "member": member,
        "party": party,
        "hours": spent,
    }
    key = f"budget.line.{line.origin}"
    if line.origin == "flow":
        key = "budget.line.flow"
    elif line.origin == "internal":
        values["party"] = names.get(line.counterparty or "", "")
    elif line.origin == "reimbursement":
        key += "_received" if line.account.startswith("7") else "_paid"
    elif line.origin == "share":
        key += "_received" if line.account.startswith("7") else "_covered"
    return translate(key, lang, **values)


def de_name(name: str, lang: str = "fr") -> str:
    """« de » before a name, as French writes it: « d'Ecoagir », « du Conservatoire »."""
    if lang != "fr":
        return f"of {name}"
    for article, contracted in (("Le ", "du "), ("Les ", "des ")):
        if name.startswith(article):
            return contracted + name[len(article) :]
    return f"d'{name}" if name[:1] in VOWELS else f"de {name}"


def _of(budget: Budget, coop: Cooperation, lang: str) -> str:
    if budget.is_action:
        return translate("budget.of.action", lang)
    name = party_title(coop, budget.party, lang)
    return translate("budget.of.party", lang, de_name=de_name(name, lang))


def funder_sentences(budget: Budget, coop: Cooperation, lang: str) -> tuple[str, ...]:
    """What each funder finances of the budget, then each cap exceeded, in words."""
    said: list[str] = []
    for share in budget.funders:
        said.append(_rate_sentence(share, budget, coop, lang))
    return (*said, *cap_warnings(budget, coop, lang))


def cap_warnings(
    budget: Budget, coop: Cooperation, lang: str, *, naming_the_budget: bool = False
) -> tuple[str, ...]:
    """Each funder's cap exceeded in the budget, in words.

    ``naming_the_budget`` for a sentence read apart from its budget: « Dans le budget
    du Conservatoire du goût, plafond de 40 % dépassé pour … ».
    """
    where = None
    if naming_the_budget and budget.is_action:
        where = translate("budget.of.action", lang)
    elif naming_the_budget:
        where = de_name(party_title(coop, budget.party, lang), lang)
    return tuple(_over_sentence(s, coop, lang, where) for s in budget.funders if s.over_max_rate)


def _rate_sentence(share: FunderShare, budget: Budget, coop: Cooperation, lang: str) -> str:
    """The rate the funder counts first, the other one in brackets when it differs."""
    funder = _funder_name(coop, share.id, lang)
    of = _of(budget, coop, lang)
    rate, rate_with = percent(share.rate, lang), percent(share.rate_with_volunteering, lang)
    if rate_with == rate:
        return translate("budget.sentence.rate", lang, funder=funder, rate=rate, of=of)
    key = "rate_volunteering" if share.counts_volunteering else "rate_charges"
    return translate(
        f"budget.sentence.{key}", lang, funder=funder, rate_with=rate_with, rate=rate, of=of
    )


def _over_sentence(share: FunderShare, coop: Cooperation, lang: str, where: str | None) -> str:
    basis = "budget.basis.volunteering" if share.counts_volunteering else "budget.basis.charges"
    return translate(
        "budget.sentence.over" if where is None else "budget.sentence.over_in",
        lang,
        funder=_funder_name(coop, share.id, lang),
        max=percent(share.max_rate, lang),
        counted=percent(share.counted_rate, lang),
        basis=translate(basis, lang),
        where=where or "",
    )
