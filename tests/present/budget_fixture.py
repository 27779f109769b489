"""A small model whose budgets are worked out by hand, with two capped funders.

One year, no plan:

- La Halle (shared entity) carries the café: purchases 10 000 (class 60), sales
  1 000 (70), the Métropole's subsidy 6 000 (cap 50 %, volunteering not counted)
  and the Région's 5 500 (cap 50 %, volunteering counted); L'Atelier's volunteers
  give it 100 h at 10 €: 86 = 87 = 1 000. Charges 10 000, produits 12 500,
  surplus 2 500. The Métropole finances 6 000 / 10 000 = 60 % of its charges:
  above its cap. The Région finances 5 500 / 10 000 = 55 % of the charges, but it
  counts volunteering: 5 500 / (10 000 + 1 000) = 50 %, not above its cap.
- La Boutique carries the shop: purchases 2 000, sales 3 000.
- The action: charges 10 000 + 2 000 = 12 000, so the Métropole's 6 000 is 50 % of
  them, not above its cap: no warning on the action's budget.
"""

from __future__ import annotations

from bm3c.io import parse_cooperation
from bm3c.model import Cooperation

CAPPED = """
bm3c: 1
name: Coop plafonnée
volunteer_hour_value_eur: 10
shared_entity: {id: halle, name: La Halle, reserve_fraction: 1}
members:
  - {id: atelier, name: L'Atelier, hourly_cost_eur: 20}
  - {id: boutique, name: La Boutique, hourly_cost_eur: 20}
actors:
  - {id: metropole, name: Métropole, kind: funder, max_rate: 0.5}
  - {id: region, name: Région, kind: public, max_rate: 0.5, counts_volunteering: true}
activities:
  - id: cafe
    name: Café
    carrier: halle
    revenues:
      - {label: Ventes, amount_eur: 1000, kind: sales}
      - {label: Subvention Métropole, amount_eur: 6000, from: metropole, kind: subsidy}
      - {label: Subvention Région, amount_eur: 5500, from: region, kind: subsidy}
    costs:
      - {label: Denrées, amount_eur: 10000, kind: purchase}
    work:
      - {member: atelier, volunteer_hours: 100}
  - id: boutique-vente
    name: Boutique
    carrier: boutique
    revenues:
      - {label: Ventes boutique, amount_eur: 3000, kind: sales}
    costs:
      - {label: Stock, amount_eur: 2000, kind: purchase}
"""


def capped() -> Cooperation:
    """The model of this module's docstring."""
    return parse_cooperation(CAPPED.encode(), "yaml", "capped.yaml")
