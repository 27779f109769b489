"""The workshop report: self-contained, in French and English, with the engine's figures.

"No external URL" means: no script, no ``src``/``href`` but an in-page anchor
(``#...``), no ``@import`` nor ``url()``, and no ``http(s)://``, ``ftp:``,
``file:`` or protocol-relative ``//host`` anywhere, except the two XML namespace
names that every inline SVG declares (``xmlns="http://www.w3.org/2000/svg"`` and
``xmlns:xlink="http://www.w3.org/1999/xlink"``): they name a vocabulary and are
never fetched. Any other occurrence, even in a text, fails.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from functools import cache
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from bm3c import synthetic
from bm3c.engine import evaluate
from bm3c.engine.comparison import compare_applicable
from bm3c.engine.leaving import members_leave
from bm3c.export.report import report_html, report_pdf
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.model.validation import edit_data
from bm3c.present.alone_words import alone_sentences
from bm3c.texts.format import hours, money
from bm3c.texts.i18n import catalog, translate
from tests.conftest import ROOT, build

HALLE = ROOT / "examples" / "halle-des-transitions.yaml"
ARTIFACTS = ROOT / "tests" / "artifacts"
NAMESPACES = (
    'xmlns="http://www.w3.org/2000/svg"',
    'xmlns:xlink="http://www.w3.org/1999/xlink"',
)
LANGUAGES = ("fr", "en")


@cache
def html_of(path: Path, lang: str) -> str:
    return report_html(load_cooperation(path), lang)


@cache
def pdf_of(path: Path, lang: str) -> bytes:
    return report_pdf(load_cooperation(path), lang)


class Tables(HTMLParser):
    """Every table of the page by id: its rows, each with its attributes and cells."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tables: dict[str, list[tuple[dict[str, str], list[tuple[dict[str, str], str]]]]] = {}
        self._table: str | None = None
        self._cell: dict[str, str] | None = None
        self._text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "table":
            self._table = values.get("id", "")
            self.tables[self._table] = []
        elif tag == "tr" and self._table is not None:
            self.tables[self._table].append((values, []))
        elif tag in ("td", "th") and self._table is not None:
            self._cell, self._text = values, []

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._table is not None:
            self.tables[self._table][-1][1].append((self._cell, "".join(self._text)))
            self._cell = None
        elif tag == "table":
            self._table = None

    def cell(self, table: str, name: str, **row: str) -> str:
        """The text of the cell showing figure ``name`` in the row of ``table`` with these ids."""
        for attrs, cells in self.tables[table]:
            if all(attrs.get(f"data-{k}") == v for k, v in row.items()):
                for cell_attrs, text in cells:
                    if cell_attrs.get("data-figure") == name:
                        return text
        raise AssertionError(f"no {name} in {table} for {row}")


def assert_self_contained(html: str) -> None:
    """No script and nothing to fetch: see the module docstring for what is allowed."""
    assert not re.search(r"<\s*script", html, re.IGNORECASE)
    for tag in ("link", "iframe", "object", "embed", "img", "base", "use"):
        assert not re.search(rf"<\s*{tag}\b", html, re.IGNORECASE), tag
    for attribute in re.findall(r"\b(?:src|href|srcset|poster|action)\s*=\s*[\"']([^\"']*)", html):
        assert attribute.startswith("#"), attribute
    assert "@import" not in html
    assert not re.search(r"url\s*\(", html, re.IGNORECASE)
    rest = html
    for declaration in NAMESPACES:
        rest = rest.replace(declaration, "")
    assert not re.search(r"(?:https?|ftp|file):", rest, re.IGNORECASE)
    assert not re.search(r"[\"'(=]\s*//", rest)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_example_report_is_self_contained(example_path: Path, lang: str) -> None:
    html = html_of(example_path, lang)
    assert_self_contained(html)
    assert html.startswith("<!DOCTYPE html>")
    assert f'<html lang="{lang}">' in html
    assert html.count("<svg") >= 5  # value flows, activities, work load, members, scenarios
    for section in ("cooperation", "value-flows", "activities", "work", "accounts", "sharing"):
        assert f'<section id="{section}">' in html
    assert '<section id="fairness">' in html and '<section id="scenarios">' in html


def test_the_charts_declare_only_the_svg_namespaces() -> None:
    html = html_of(HALLE, "fr")
    declared = set(re.findall(r"xmlns(?::\w+)?=\"[^\"]*\"", html))
    assert declared == set(NAMESPACES)
    assert "<?xml" not in html and "<!DOCTYPE svg" not in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_members_cash_result_and_gain_are_the_engines(example_path: Path, lang: str) -> None:
    coop = load_cooperation(example_path)
    ev = evaluate(coop)
    page = Tables(html_of(example_path, lang))
    for m in ev.members:
        row = {"member": m.id}
        figures = {
            "cash_result": m.cash_result_eur,
            "gain": m.gain_from_cooperation_eur,
            "stand_alone_result": m.stand_alone_result_eur,
            "economic_result": m.economic_result_eur,
            "shared_share": m.shared_share_eur,
        }
        for figure, value in figures.items():
            assert page.cell("accounts-table", figure, **row) == money(value, ev.currency, lang)
    se = ev.shared_entity
    assert page.cell("key-figures", "shared_result") == money(se.result_eur, ev.currency, lang)
    assert page.cell("key-figures", "collective_result") == money(
        ev.collective.result_eur, ev.currency, lang
    )


def alone_lists(html: str) -> dict[str, list[str]]:
    """Each member's list of alone assumptions in the accounts section (empty: the sentence
    saying it has none)."""
    found: dict[str, list[str]] = {}
    for tag, member, body in re.findall(
        r'<(ul|p) class="(?:caption )?alone" data-member="([^"]+)">(.*?)</\1>', html, re.S
    ):
        found[member] = [unescape(li) for li in re.findall(r"<li>(.*?)</li>", body)]
        if tag == "p":
            assert found[member] == []
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_members_alone_assumptions_are_listed_in_words(example_path: Path, lang: str) -> None:
    ev = evaluate(load_cooperation(example_path))
    html = html_of(example_path, lang)
    accounts = html[html.index('<section id="accounts">') : html.index('<section id="sharing">')]
    assert unescape(str(translate("alone.report_title", lang))) in unescape(accounts)
    assert alone_lists(accounts) == {m: list(s) for m, s in alone_sentences(ev, lang).items()}


def test_the_report_writes_the_halle_assumptions_by_hand() -> None:
    """Slow Fest rents the great hall 4 000 € from the Halle; the file says 5 500 € at the
    market alone (examples/halle-des-transitions.yaml)."""
    coop = load_cooperation(HALLE)
    festival = next(a for a in coop.activities if a.id == "festival")
    rent = next(c for c in festival.costs if c.label == "Location de la grande halle")
    assert rent.apart is not None and isinstance(rent.apart.payer, float)
    market = money(rent.apart.payer, "EUR", "fr", 0)
    sentence = (
        f"Seule, Slow Fest paierait « Location de la grande halle » {market} au marché "
        "(au lieu de 4\u202f000\u00a0€ à SCIC La Halle des transitions)"
    )
    assert sentence in alone_lists(html_of(HALLE, "fr"))["slow-fest"]


def test_a_member_without_assumptions_is_said_to_keep_its_activities() -> None:
    coop = build(
        activities=[
            {
                "id": "atelier",
                "name": "Atelier",
                "carrier": "a",
                "revenues": [{"label": "Ventes", "amount_eur": 1000.0}],
            }
        ]
    )
    html = report_html(coop, "en")
    assert alone_lists(html) == {"a": [], "b": []}
    assert str(translate("alone.none", "en")) in unescape(html)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_scenario_difference_is_the_comparisons(lang: str) -> None:
    comparison, broken = compare_applicable(load_cooperation(HALLE))
    assert not broken and comparison.scenarios
    page = Tables(html_of(HALLE, lang))
    cur = comparison.base.currency
    for ev in comparison.scenarios:
        sid = ev.scenario
        wide = comparison.wide("cash_result_eur")
        for m in comparison.base.members:
            delta = float(wide.loc[m.id, f"Δ {sid}"])
            text = page.cell(f"scenario-{sid}-members", "cash_result_delta", member=m.id)
            assert text == ("+" if round(delta, 2) > 0 else "") + money(delta, cur, lang)
            cash = page.cell(f"scenario-{sid}-members", "cash_result", member=m.id)
            assert cash == money(ev.member(m.id).cash_result_eur, cur, lang)
        shared = page.cell(f"scenario-{sid}-shared", "shared_result", figure="shared_result")
        assert shared == money(ev.shared_entity.result_eur, cur, lang)


def test_money_is_written_in_each_languages_way() -> None:
    ev = evaluate(load_cooperation(HALLE))
    member = max(ev.members, key=lambda m: abs(m.cash_result_eur))  # over a thousand euros
    fr = Tables(html_of(HALLE, "fr")).cell("accounts-table", "cash_result", member=member.id)
    en = Tables(html_of(HALLE, "en")).cell("accounts-table", "cash_result", member=member.id)
    assert re.fullmatch(r"−?\d{1,3}(\u202f\d{3})+,\d\d\u00a0€", fr), fr
    assert re.fullmatch(r"−?€\d{1,3}(,\d{3})+\.\d\d", en), en


def test_the_report_speaks_the_language_asked() -> None:
    fr, en = html_of(HALLE, "fr"), html_of(HALLE, "en")
    assert "Le partage du résultat" in fr and "Sharing the result" in en
    assert "Sharing the result" not in fr and "Le partage du résultat" not in en
    with pytest.raises(ValueError, match="de"):
        report_html(load_cooperation(HALLE), "de")


def test_text_typed_by_users_comes_out_escaped() -> None:
    name = '<script>alert("x")</script> & Cie'
    coop = build(
        members=[
            {"id": "a", "name": name, "hourly_cost_eur": 20.0, "description": "<b>gras</b>"},
            {"id": "b", "name": "B", "hourly_cost_eur": 30.0},
        ],
        activities=[
            {
                "id": "atelier",
                "name": "Atelier <i>",
                "carrier": "commun",
                "revenues": [{"label": "Ventes & dons", "amount_eur": 1000.0}],
                "work": [{"member": "a", "paid_hours": 10}, {"member": "b", "volunteer_hours": 5}],
            }
        ],
    )
    html = report_html(coop, "fr")
    assert_self_contained(html)
    assert "<b>gras" not in html and "&lt;b&gt;gras&lt;/b&gt;" in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Cie" in html
    assert "Atelier &lt;i&gt;" in html
    assert "<i>" not in html


def test_a_model_without_scenarios_says_so() -> None:
    coop = build(
        activities=[
            {
                "id": "atelier",
                "name": "Atelier",
                "carrier": "commun",
                "revenues": [{"label": "Ventes", "amount_eur": 1000.0}],
                "work": [{"member": "a", "paid_hours": 10}],
            }
        ],
    )
    for lang in LANGUAGES:
        html = report_html(coop, lang)
        assert catalog()["report.no_scenarios"][lang] in html.replace("&#39;", "'")
        assert 'data-chart="scenarios"' not in html


@cache
def synthetic_html() -> str:
    return report_html(Cooperation.model_validate(synthetic.synthetic_cooperation()), "en")


def test_thirty_members_skip_the_fairness_figures_and_say_why() -> None:
    html = synthetic_html()
    assert_self_contained(html)
    fairness = html[html.index('<section id="fairness">') :]
    fairness = fairness[: fairness.index("</section>")]
    assert "30 members: too many" in fairness
    assert "<table" not in fairness
    assert "1,073,741,823 possible groups" in fairness


def test_thirty_members_keep_the_largest_flows_and_one_work_row_per_member() -> None:
    page = Tables(synthetic_html())
    assert len(page.tables["flows"]) == 1 + 60  # the header row and the 60 largest flows
    assert len(page.tables["work-lines"]) == 1 + 30
    assert "breakdowns" in page.tables  # one table of net steps instead of 30 small ones
    assert "The chart shows the 25 best and the 25 worst results of the 200 activities" in (
        synthetic_html()
    )


def test_halle_shows_the_fairness_figures() -> None:
    page = Tables(html_of(HALLE, "en"))
    coop = load_cooperation(HALLE)
    members = {attrs.get("data-member") for attrs, _ in page.tables["allocations"][1:]}
    assert members == set(coop.member_ids)
    methods = [cells[0][1] for _, cells in page.tables["stable-methods"][1:]]
    assert methods[0] == "Current sharing" and "Shapley" in methods and "Nucleolus" in methods


def why_of(html: str, members: str) -> str:
    """The accounts listed under the sentence naming the group ``members`` (ids, file order)."""
    start = html.index(f'<ul class="why" data-group="{members}">')
    depth = 0
    for tag in re.finditer(r"<(/?)ul\b", html[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return html[start : start + tag.end()]
    raise AssertionError(f"the list of {members} does not end")


def test_each_group_that_would_gain_by_leaving_has_its_accounts_under_its_sentence() -> None:
    """Passerelles where an hour bought on the market costs 15 €: without Ludosens, the
    Conservatoire and Terre d'Osmose buy its 1 450 h and would make 3 661 € more."""
    coop = edit_data(
        load_cooperation(ROOT / "examples" / "passerelles.yaml"),
        lambda d: d.update(replacement_hourly_cost_eur=15.0),
    )
    html = report_html(coop, "fr")
    sentence = html.index("<strong>Le conservatoire du goût et Terre d&#39;Osmose</strong>")
    accounts = why_of(html, "conservatoire-du-gout terre-d-osmose")
    assert (
        sentence < html.index(accounts) < html.index("</li>", html.index(accounts) + len(accounts))
    )
    assert (
        "Pourquoi ? Le conservatoire du goût et Terre d&#39;Osmose sans les autres : leurs comptes"
        in accounts
    )
    leaving = members_leave(coop, ["ludosens"])
    rows = [[text for _, text in cells] for _, cells in Tables(html).tables["why-0-replaced"]]
    assert rows[1:-1] == [
        [
            r.activity_name,
            "Ludosens",
            "SCIC Passerelles",
            hours(r.hours, "fr"),
            money(r.hourly_eur, "EUR", "fr"),
            money(r.cost_eur, "EUR", "fr"),
        ]
        for r in leaving.replaced
    ]
    assert rows[-1][-1] == money(leaving.replacement_cost_eur, "EUR", "fr")


def test_a_member_that_would_gain_alone_has_its_assumptions_listed() -> None:
    html = html_of(HALLE, "en")
    accounts = unescape(why_of(html, "ecoagir"))
    assert "Why? Ecoagir / Réagir33 alone: its accounts" in accounts
    [sentence] = alone_sentences(evaluate(load_cooperation(HALLE)), "en")["ecoagir"]
    assert f"<li>{sentence}</li>" in accounts


def test_every_text_key_the_report_names_is_in_the_catalog() -> None:
    sources = [
        ROOT / "bm3c" / "export" / "report.py",
        ROOT / "bm3c" / "export" / "report_sections.py",
        ROOT / "bm3c" / "export" / "templates" / "report.html.j2",
    ]
    used: set[str] = set()
    for path in sources:
        text = path.read_text(encoding="utf-8")
        used |= set(
            re.findall(
                r"""["']((?:report|common|sharing|fairness|flows|work|"""
                r"""activities|structures|overview|scenarios)\.[a-z0-9_.]+[a-z0-9_])["']""",
                text,
            )
        )
    used = {key for key in used if not key.endswith((".css", ".j2"))}  # file names
    assert {"report.kind", "report.no_scenarios", "fairness.too_many"} <= used
    assert not sorted(used - catalog().keys())


def media_boxes(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height of every page: in plain objects or in compressed object streams."""
    box = rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]"
    found = re.findall(box, pdf)
    for start in re.finditer(rb"stream\r?\n", pdf):
        try:
            found += re.findall(box, zlib.decompressobj().decompress(pdf[start.end() :]))
        except zlib.error:
            continue
    return [(float(w), float(h)) for w, h in found]


def require(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.fail(f"{tool} is needed (poppler-utils): apt-get install -y poppler-utils")
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pdf_is_a4_several_pages_none_blank(lang: str, tmp_path: Path) -> None:
    pdf = pdf_of(HALLE, lang)
    assert pdf.startswith(b"%PDF-")
    boxes = media_boxes(pdf)
    assert len(boxes) > 5
    assert all(abs(w - 595.28) < 1 and abs(h - 841.89) < 1 for w, h in boxes)  # A4 in points
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(
        [require("pdfinfo"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info), info
    pages = int(re.findall(r"Pages:\s+(\d+)", info)[0])
    assert pages == len(boxes)
    subprocess.run(
        [require("pdftoppm"), "-r", "40", "-png", str(path), str(tmp_path / "page")], check=True
    )
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == pages
    for image in images:
        with Image.open(image) as page:
            grey = page.convert("L")
            inked = sum(grey.histogram()[:200]) / (grey.width * grey.height)
        assert inked > 0.005, f"{image.name} is blank"
    ARTIFACTS.mkdir(exist_ok=True)
    first = ARTIFACTS / f"report-{lang}-page1"
    first_page = ("-r", "90", "-png", "-f", "1", "-l", "1", "-singlefile")
    subprocess.run([require("pdftoppm"), *first_page, str(path), str(first)], check=True)
    assert first.with_suffix(".png").stat().st_size > 10_000


def test_a_plan_has_its_table_cash_chart_and_sentences_and_a_model_without_one_none() -> None:
    from tests.present.plan_fixture import small_plan

    html = report_html(small_plan(), "fr")
    assert_self_contained(html)
    tables = Tables(html)
    rows = {
        attrs.get("data-party"): [text for _, text in cells]
        for attrs, cells in tables.tables["plan-table"][1:]
    }
    assert rows["atelier"][1:4] == [
        money(-2000, "EUR", "fr", 0),
        money(0, "EUR", "fr", 0),
        money(2000, "EUR", "fr", 0),
    ]
    assert rows["boutique"][5] == "Jamais"
    assert rows["everyone-gains"][1:4] == ["✓", "✓", "✓"]
    assert 'data-chart="cash-plan"' in html and 'data-chart="plan-results"' in html
    text = unescape(html)
    assert "La Halle a besoin de 500\u00a0€ d'avance en février 2027." in text
    assert "restent à recevoir en mars 2030 (Subvention)" in text
    assert 'id="plan"' not in html_of(ROOT / "examples" / "jardins-de-la-faiencerie.yaml", "fr")


def budget_part(html: str) -> str:
    start = html.index('<section id="budget">')
    return html[start : html.index("</section>", start)]


def rows_of(tables: Tables, table: str) -> list[tuple[dict[str, str], list[str]]]:
    return [(attrs, [text for _, text in cells]) for attrs, cells in tables.tables[table]]


def test_the_budget_section_gives_the_actions_form_every_plan_year() -> None:
    """Passerelles (2027–2029): both totals of each year are the engine's balanced total."""
    from bm3c.engine.budget import plan_budgets

    path = ROOT / "examples" / "passerelles.yaml"
    html = html_of(path, "fr")
    assert '<a href="#budget">Budget pour les financeurs</a>' in html or "#budget" in html
    part = budget_part(html)
    assert "<h2>Budget pour les financeurs</h2>" in part
    tables = Tables(part)
    form = rows_of(tables, "budget-form")
    assert form[0][1] == ["Compte", "Intitulé", "2027", "2028", "2029"]
    budgets = [y.action for y in plan_budgets(load_cooperation(path))]
    totals = [
        money(max(b.charges_total_eur, b.produits_total_eur), "EUR", "fr", 0) for b in budgets
    ]
    for label in ("Total des charges et de l'excédent", "Total des produits et du déficit"):
        [row] = [cells for _, cells in form if cells[1] == label]
        assert row[2:] == totals
    [in_kind] = [cells for _, cells in form if cells[1] == "Total des emplois en nature (86)"]
    assert in_kind[2:] == [money(b.uses_in_kind_eur, "EUR", "fr", 0) for b in budgets]
    structures = rows_of(tables, "budget-structures")
    parties = {attrs.get("data-party") for attrs, _ in structures[1:]}
    assert "action" in parties and len(structures) - 1 == len(parties) * 3


def test_the_budget_section_names_each_funders_share_and_exceeded_caps() -> None:
    """The hand-worked « Petit » (tests/export/test_budget_workbook.py): both caps exceeded."""
    from tests.export.test_budget_workbook import small

    part = re.sub("[\u00a0\u202f]", " ", budget_part(report_html(small(), "fr")))
    tables = Tables(part)
    rows = rows_of(tables, "budget-funders")[1:]
    funders = {attrs["data-funder"]: cells for attrs, cells in rows}
    assert funders["region"][2:] == ["600 €", "66,7 %", "57,1 %", "Non", "50 %", "Oui"]
    assert funders["fse"][2:] == ["300 €", "33,3 %", "28,6 %", "Oui", "20 %", "Oui"]
    assert "ville" not in funders  # it finances nothing
    text = unescape(part)
    assert "Région finance 67 % de l'action (57 % avec le bénévolat valorisé)." in text
    assert '<p class="note warn">Dans le budget de l' in text  # the action's, named
    assert "action, plafond de 50 % dépassé pour Région" in text
    assert "plafond de 20 % dépassé pour FSE : 29 % des charges et du bénévolat valorisé" in text


def test_the_budget_section_in_english() -> None:
    part = budget_part(html_of(HALLE, "en"))
    assert "<h2>Budget for funders</h2>" in part and "Total charges" in part
