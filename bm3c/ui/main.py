"""Entry page of the app: open a cooperation and see every member's accounts.

Run with ``bm3c serve [FILE]`` (or ``make run``). The model to open first comes
from ``BM3C_MODEL`` when set, else the first bundled example.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from bm3c.engine import Evaluation, evaluate
from bm3c.errors import InvalidModelError
from bm3c.io import load_cooperation, parse_cooperation
from bm3c.model import Cooperation
from bm3c.ui.format import hours, money

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def model_choices() -> dict[str, Path]:
    """Bundled examples and the model given on the command line, by display name."""
    choices = {f"Exemple : {p.stem}": p for p in sorted(EXAMPLES.glob("*.yaml"))}
    given = os.environ.get("BM3C_MODEL")
    if given:
        choices = {f"Fichier : {Path(given).name}": Path(given), **choices}
    return choices


def pick_cooperation() -> Cooperation | None:
    """Sidebar: choose a bundled model or upload one; errors shown next to the uploader."""
    choices = model_choices()
    uploaded = st.sidebar.file_uploader(
        "Ouvrir un modèle (YAML ou JSON)", type=["yaml", "yml", "json"]
    )
    if uploaded is not None:
        fmt = "json" if uploaded.name.endswith(".json") else "yaml"
        try:
            return parse_cooperation(uploaded.getvalue(), fmt, uploaded.name)
        except InvalidModelError as error:
            st.sidebar.error(
                "Ce fichier n'est pas valide :\n\n"
                + "\n".join(f"- `{p.path or 'fichier'}` : {p.message}" for p in error.problems)
            )
            return None
    label = st.sidebar.selectbox("Coopération", list(choices))
    try:
        return load_cooperation(choices[str(label)])
    except InvalidModelError as error:
        st.error("\n".join(f"- `{p}`" for p in error.problems))
        return None


def show(ev: Evaluation) -> None:
    """Key figures and the members' table of one evaluation."""
    cur = ev.currency
    c1, c2, c3 = st.columns(3)
    c1.metric(
        "Résultat du collectif",
        money(ev.collective.result_eur, cur),
        help="Recettes et charges externes, moins tous les salaires : les échanges "
        "internes s'annulent.",
    )
    c2.metric("Résultat de la structure commune", money(ev.shared_entity.result_eur, cur))
    c3.metric("Mis en réserve", money(ev.shared_entity.reserve_eur, cur))
    if ev.everyone_gains:
        st.success("Chaque structure gagne à coopérer.")
    else:
        names = ", ".join(m.name for m in ev.members if m.id in ev.losing_members)
        st.warning(f"Perdent à coopérer : {names}.")
    table = pd.DataFrame(
        {
            "Structure": [m.name for m in ev.members],
            "Résultat (trésorerie)": [money(m.cash_result_eur, cur) for m in ev.members],
            "Seule, sans coopérer": [money(m.stand_alone_result_eur, cur) for m in ev.members],
            "Gain de la coopération": [money(m.gain_from_cooperation_eur, cur) for m in ev.members],
            "Part du résultat commun": [money(m.shared_share_eur, cur) for m in ev.members],
            "Heures salariées": [hours(m.hours_paid) for m in ev.members],
            "Heures bénévoles": [hours(m.hours_volunteer) for m in ev.members],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    for w in ev.warnings:
        st.caption(f"⚠ {w}")


def main() -> None:
    """Render the page."""
    st.set_page_config(page_title="bm3c", page_icon="🤝", layout="wide")
    coop = pick_cooperation()
    if coop is None:
        st.title("bm3c")
        return
    st.title(coop.name)
    if coop.description:
        st.caption(coop.description)
    options = ["base", *(s.id for s in coop.scenarios)]
    names = {"base": "Situation de base"} | {s.id: s.name for s in coop.scenarios}
    scenario = st.sidebar.radio("Scénario", options, format_func=lambda s: names[s])
    show(evaluate(coop, None if scenario == "base" else scenario))


main()
