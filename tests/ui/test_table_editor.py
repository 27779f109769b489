"""The table editor never loses or loops on an edit (bm3c.ui.widgets.table_editor)."""

from __future__ import annotations

from tests.ui.apptest import HALLE, edit_table, open_app, workspace_of


def test_an_edit_that_changes_nothing_is_forgotten_without_rerunning_forever() -> None:
    at = open_app(HALLE, page="work")
    ws = workspace_of(at)
    before, version = ws.model, ws.version
    first = next(w for a in before.activities for w in a.work)
    edit_table(at, "work.hours", edited_rows={0: {"paid_hours": first.paid_hours}})
    assert not at.exception
    assert workspace_of(at).model == before
    assert workspace_of(at).version == version
    assert not workspace_of(at).undo_stack
    at.run()  # the edit is not applied again
    assert not workspace_of(at).undo_stack


def test_a_half_typed_row_survives_an_edit_in_another_table() -> None:
    at = open_app(HALLE, page="activities")
    at.selectbox(key="activities.selected").set_value("cafe-cantine").run()
    revenues = "activities.cafe-cantine.revenues"
    edit_table(at, revenues, added_rows=[{"label": "Traiteur"}])
    pending_key = at.session_state[f"bm3c.table_key.{revenues}"]
    assert any("Nouvelle ligne pas encore enregistrée" in e.value for e in at.error)
    costs = "activities.cafe-cantine.costs"
    cost = workspace_of(at).model.activities
    amount = next(a for a in cost if a.id == "cafe-cantine").costs[0].amount_eur
    edit_table(at, costs, edited_rows={0: {"amount_eur": (amount or 0) + 100}})
    assert not at.exception
    assert len(workspace_of(at).undo_stack) == 1
    # the revenue table kept its key, so its pending new row is still there
    assert at.session_state[f"bm3c.table_key.{revenues}"] == pending_key
    assert at.session_state[pending_key]["added_rows"] == [{"label": "Traiteur"}]
