"""Value-flows page under AppTest: the graph holds the network, filters, details, flow edits."""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from bm3c.engine import evaluate
from bm3c.engine.network import filter_network, flow_network
from bm3c.io import dump_cooperation, load_cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.model.years import year_view
from bm3c.synthetic import synthetic_cooperation
from bm3c.texts.format import money
from tests.ui.apptest import EXAMPLES, HALLE, edit_table, open_app, table_with, workspace_of


def chart(at: AppTest, index: int = 0) -> tuple[dict[str, Any], list[list[dict[str, Any]]]]:
    """The spec of a chart and its datasets (shipped beside the spec as Arrow)."""
    element = at.get("vega_lite_chart")[index]
    spec = json.loads(element.proto.spec)
    data = [pa.ipc.open_stream(d.data.data).read_all().to_pylist() for d in element.proto.datasets]
    return spec, data


def drawn(at: AppTest, index: int = 0) -> tuple[list[tuple[str, str, str]], list[str]]:
    """The (source, target, kind) of every drawn edge, and the id of every drawn node."""
    _, data = chart(at, index)
    edges = [(r["source"], r["target"], r["kind"]) for d in data for r in d if "source" in r]
    nodes = [r["id"] for d in data for r in d if "money_in" in r]
    return edges, nodes


def caption_texts(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_the_graph_holds_every_node_and_edge_of_the_network(example: Path) -> None:
    at = open_app(example, page="flows")
    coop = year_view(load_cooperation(example), 0)  # the page shows the first plan year
    network = flow_network(coop)
    edges, nodes = drawn(at)
    assert edges == [(e.source, e.target, e.kind) for e in network.edges]
    assert nodes == list(network.node_ids)
    spec, _ = chart(at)
    assert spec["title"]["text"] == "Flux de valeur entre les parties"
    assert spec["params"][0]["name"] == "node"


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_choosing_a_party_shows_what_it_receives_and_gives(example: Path) -> None:
    at = open_app(example, page="flows")
    coop = year_view(load_cooperation(example), 0)  # the page shows the first plan year
    ev = evaluate(coop)
    network = flow_network(coop)
    shared = coop.shared_entity.id
    at.selectbox(key="flows.node").set_value(shared).run()
    assert not at.exception
    assert at.subheader[0].value == f"Échanges de {coop.shared_entity.name}"
    result = money(ev.shared_entity.result_eur, "EUR", "fr")
    assert f"Le solde monétaire de la structure commune est son résultat : {result}." in (
        caption_texts(at)
    )
    balances = table_with(at, "Solde").set_index("Type de flux")
    assert balances.loc["Monétaire", "Solde"] == result
    inflows = table_with(at, "De")
    expected = network.inflows(shared)
    assert list(inflows["Montant"]) == [
        money(x.amount_eur, "EUR", "fr") if x.amount_eur is not None else "–" for x in expected
    ]
    edges, nodes = drawn(at)
    around = filter_network(network, None, shared)
    assert edges == [(e.source, e.target, e.kind) for e in around.edges]
    assert set(nodes) == set(around.node_ids)

    member = ev.members[0]
    at.selectbox(key="flows.node").set_value(member.id).run()
    cash = money(member.cash_result_eur, "EUR", "fr")
    assert any(c.startswith("Résultat :") and c.endswith(f"= {cash}.") for c in (caption_texts(at)))
    outflows = table_with(at, "Vers") if network.outflows(member.id) else None
    if outflows is not None:
        assert len(outflows) == len(network.outflows(member.id))


def test_filtering_by_kind_removes_edges() -> None:
    at = open_app(HALLE, page="flows")
    all_edges, _ = drawn(at)
    at.multiselect(key="flows.kinds").set_value(["money"]).run()
    assert not at.exception
    edges, nodes = drawn(at)
    assert edges and {kind for _, _, kind in edges} == {"money"}
    assert edges == [e for e in all_edges if e[2] == "money"]
    assert len(nodes) == len(flow_network(load_cooperation(HALLE)).nodes)
    at.multiselect(key="flows.kinds").set_value([]).run()
    assert drawn(at)[0] == []
    assert "Aucun flux de ces types." in [i.value for i in at.info]


def test_kind_filter_applies_to_a_partys_tables() -> None:
    at = open_app(HALLE, page="flows")
    at.selectbox(key="flows.node").set_value("r3-bordeaux")
    at.multiselect(key="flows.kinds").set_value(["in_kind", "intangible"]).run()
    out = table_with(at, "Vers")
    assert set(out["Type de flux"]) == {"En nature", "Immatériel"}
    assert list(out["Détail"]) == ["Prêt du camion de collecte", "Réseau des bailleurs sociaux"]
    assert list(out["Montant"]) == [money(2500, "EUR", "fr"), "–"]


def test_adding_a_money_flow_to_the_shared_entity_raises_its_result() -> None:
    at = open_app(HALLE, page="flows")
    before = evaluate(workspace_of(at).model).shared_entity.result_eur
    flow = {
        "from": "metropole",
        "to": "halle",
        "kind": "money",
        "label": "Prime",
        "amount_eur": 1200,
    }
    edit_table(at, "flows.flows", added_rows=[flow])
    assert not at.exception
    model = workspace_of(at).model
    assert model.flows[-1].label == "Prime" and model.flows[-1].amount_eur == 1200
    assert evaluate(model).shared_entity.result_eur == pytest.approx(before + 1200)
    assert ("metropole", "halle", "money") in drawn(at)[0]
    assert "Annuler : flux de valeur" in [b.label for b in at.sidebar.button]


def test_editing_and_deleting_flows() -> None:
    at = open_app(HALLE, page="flows")
    coop = workspace_of(at).model
    edit_table(at, "flows.flows", edited_rows={2: {"amount_eur": 4000.0}}, deleted_rows=[6])
    model = workspace_of(at).model
    assert model.flows[2].amount_eur == 4000.0
    assert len(model.flows) == len(coop.flows) - 1
    assert "france-travail" not in {f.source for f in model.flows}


@pytest.mark.parametrize("kind", ["money", "in_kind"])
def test_a_money_or_in_kind_flow_without_amount_is_refused(kind: str) -> None:
    at = open_app(HALLE, page="flows")
    before = workspace_of(at).model
    flow = {"from": "la-boucle", "to": "halle", "kind": kind, "label": "Sans montant"}
    edit_table(at, "flows.flows", added_rows=[flow])
    assert not at.exception
    assert workspace_of(at).model == before
    errors = [e.value for e in at.error]
    assert any("Modification refusée" in e and "Sans montant" in e for e in errors), errors
    assert any("a besoin d'un montant" in e for e in errors)


def test_a_flow_to_itself_is_refused_with_its_location() -> None:
    at = open_app(HALLE, page="flows")
    before = workspace_of(at).model
    flow = {"from": "halle", "to": "halle", "kind": "intangible", "label": "Boucle"}
    edit_table(at, "flows.flows", added_rows=[flow])
    assert workspace_of(at).model == before
    assert any("**flux › ligne 8**" in e.value for e in at.error)


def test_an_intangible_flow_needs_no_amount() -> None:
    at = open_app(HALLE, page="flows")
    flow = {"from": "halle", "to": "slow-fest", "kind": "intangible", "label": "Un lieu"}
    edit_table(at, "flows.flows", added_rows=[flow])
    assert workspace_of(at).model.flows[-1].amount_eur is None
    assert ("halle", "slow-fest", "intangible") in drawn(at)[0]


def test_the_page_in_english() -> None:
    at = open_app(HALLE, page="flows", lang="en")
    assert at.title[0].value == "Value flows"
    assert at.multiselect(key="flows.kinds").label == "Flow kinds shown"
    assert at.selectbox(key="flows.node").options[0] == "All parties"
    assert any(c.startswith("**In kind** — Goods or services") for c in caption_texts(at))
    spec, data = chart(at)
    assert spec["title"]["text"] == "Value flows between the parties"
    assert '"title": "Flow kind"' in json.dumps(spec)
    edges = {(r["source"], r["target"], r["kind"]): r for d in data for r in d if "source" in r}
    grant = edges[("atis", "halle", "money")]
    assert (grant["amount"], grant["kind_label"]) == ("€5,000.00", "Money")
    at.selectbox(key="flows.node").set_value("halle").run()
    ev = evaluate(load_cooperation(HALLE))
    result = money(ev.shared_entity.result_eur, "EUR", "en")
    assert f"The shared entity's money balance is its result: {result}." in caption_texts(at)
    assert list(table_with(at, "Balance").columns) == [
        "Flow kind",
        "Received",
        "Given",
        "Balance",
    ]
    flow = {"from": "la-boucle", "to": "halle", "kind": "money", "label": "Fee"}
    edit_table(at, "flows.flows", added_rows=[flow])
    assert any("the flow 'Fee' (money) needs an amount." in e.value for e in at.error)


def test_the_overview_shows_the_whole_graph() -> None:
    at = open_app(HALLE)
    assert "Flux de valeur" in [s.value for s in at.subheader]
    spec, _ = chart(at, len(at.get("vega_lite_chart")) - 1)
    assert "params" not in spec
    edges, nodes = drawn(at, len(at.get("vega_lite_chart")) - 1)
    network = flow_network(load_cooperation(HALLE))
    assert edges == [(e.source, e.target, e.kind) for e in network.edges]
    assert nodes == list(network.node_ids)


def test_the_page_on_the_synthetic_model(tmp_path: Path) -> None:
    """Runs on 30 members and 200 activities; prints the median rerun time (no assert)."""
    coop = validate_cooperation(synthetic_cooperation())
    path = tmp_path / "synthetic.yaml"
    path.write_text(dump_cooperation(coop), encoding="utf-8")
    at = open_app(path, page="flows")
    assert len(drawn(at)[0]) == len(flow_network(coop).edges)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        assert not at.exception
    print(
        f"flows page rerun on the synthetic model: median {statistics.median(times) * 1000:.0f} ms"
    )
    at.selectbox(key="flows.node").set_value("commun").run()
    assert not at.exception
    ev = evaluate(coop)
    assert money(ev.shared_entity.result_eur, "EUR", "fr") in " ".join(caption_texts(at))


def test_the_graph_fills_the_page_on_the_overview_and_the_flows_page() -> None:
    """Laid out for 1200 px and stretched to the page (autosize fit); names at 16 px."""
    at = open_app(HALLE)
    overview, _ = chart(at, len(at.get("vega_lite_chart")) - 1)
    at.switch_page("bm3c/ui/views/flows.py").run()
    flows, data = chart(at)
    for spec in (overview, flows):
        assert spec["width"] >= 900
        assert spec["autosize"]["type"] == "fit"
    assert "params" not in overview and flows["params"][0]["name"] == "node"
    texts = [r for d in data for r in d if "text" in r]
    assert texts and min(r["size"] for r in texts) >= 14
    names = {r["text"] for r in texts}
    coop = load_cooperation(HALLE)
    # every party named in full, its name perhaps on several lines
    assert {" ".join(n.split("\n")) for n in names} >= {a.name for a in coop.actors}
