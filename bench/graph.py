"""Value-flow graph benchmark: the layout and the chart spec of the examples and of 30 members.

Prints median times, the number of amounts written and of arrows faded, and
checks nothing: the layout (label boxes placed one by one) is the part that
grows with the network. The app builds the spec once per model version and
language (ui/remembered.py), not on every rerun. Figures, not asserts.
"""

from __future__ import annotations

from pathlib import Path

from altair.utils.schemapi import debug_mode
from timing import median_ms  # bench/timing.py

from bm3c.engine.network import flow_network
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.model.years import year_view
from bm3c.present.colours import party_colours
from bm3c.present.graph import value_flow_chart
from bm3c.present.graph_layout import graph_layout
from bm3c.synthetic import synthetic_cooperation

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
REPEAT = 5


def main() -> None:
    # the graph of a plan's first year, as the app draws the year chosen
    models = [(p.stem, year_view(load_cooperation(p), 0)) for p in sorted(EXAMPLES.glob("*.yaml"))]
    models.append(("30 members", Cooperation.model_validate(synthetic_cooperation(members=30))))
    for name, coop in models:
        network = flow_network(coop)
        colours = party_colours(coop)
        layout = graph_layout(network, "fr", colours=colours)  # warm-up

        laid = median_ms(lambda n=network, c=colours: graph_layout(n, "fr", colours=c), REPEAT)
        with debug_mode(False):
            built = median_ms(
                lambda n=network, c=colours: value_flow_chart(n, "fr", colours=c).to_dict(
                    validate=False
                ),
                REPEAT,
            )
        print(
            f"  {name:28s} {len(network.edges):4d} arrows  layout {laid:6.0f} ms"
            f"  spec {built:6.0f} ms  amounts {layout.amounts_written}/{layout.amounts_total}"
            f"  faded {layout.faded}"
        )


if __name__ == "__main__":
    main()
