"""A small three-year plan whose cash is worked out by hand (tests of the plan's words and charts).

- La Halle (shared entity, keeps its whole result as reserve, so no shares move):
  sales 12 000, subsidy 6 000 from the Métropole paid half in March and half in
  March of the next year, costs 15 000: result 3 000 a year. Its even spread is
  (3 000 − 6 000) / 12 = −250 a month, plus 3 000 each March (and 3 000 more from
  the year before, from 2028): −250, −500, then +2 250 in March 2027, 0 in December;
  −250, −500 again in January and February 2028. Low point −500 in February 2027
  (the first of the two), below zero in January-February 2027 and 2028; the last
  year's balance, 3 000, falls in March 2030, after the plan.
- L'Atelier: result −2 000, 0, 2 000; opening cash 1 000. −166.67 a month in 2027:
  below zero from July 2027, −1 000 in December 2027 and all of 2028 (first:
  December 2027), back to 0 in June 2029. Breaks even in 2028 (0 counts).
- La Boutique: −1 000 a year, no opening cash: −3 000 in December 2029, below zero
  every month, never at break-even.
"""

from __future__ import annotations

from bm3c.io import parse_cooperation
from bm3c.model import Cooperation

PLAN_YAML = """
bm3c: 1
name: Coop test
plan: {start_year: 2027, years: 3}
shared_entity: {id: halle, name: La Halle, reserve_fraction: 1}
members:
  - {id: atelier, name: L'Atelier, hourly_cost_eur: 20}
  - {id: boutique, name: La Boutique, hourly_cost_eur: 20}
actors:
  - {id: metropole, name: Métropole, kind: funder}
activities:
  - id: cafe
    name: Café
    carrier: halle
    revenues:
      - {label: Ventes, amount_eur: 12000}
      - {label: Subvention, amount_eur: 6000, from: metropole, kind: subsidy,
         paid: [{month: 3, fraction: 0.5}, {month: 15, fraction: 0.5}]}
    costs:
      - {label: Denrées, amount_eur: 15000}
  - id: ateliers
    name: Ateliers
    carrier: atelier
    revenues:
      - {label: Stages, amount_eur: [10000, 12000, 14000]}
    costs:
      - {label: Matériel, amount_eur: 12000}
  - id: boutique-vente
    name: Boutique
    carrier: boutique
    revenues:
      - {label: Ventes, amount_eur: 5000}
    costs:
      - {label: Stock, amount_eur: 6000}
opening_cash_eur: {atelier: 1000}
"""


def small_plan() -> Cooperation:
    """The three-year plan of this module's docstring."""
    return parse_cooperation(PLAN_YAML.encode(), "yaml", "plan.yaml")
