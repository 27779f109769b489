"""A transfer of hours between two members, applied to the model as one edit."""

from __future__ import annotations

from bm3c.edit.cooperation import set_work
from bm3c.engine.transfer import Transfer, transfer_work
from bm3c.model import Cooperation

__all__ = ["apply_transfer"]


def apply_transfer(coop: Cooperation, transfer: Transfer) -> Cooperation:
    """The model with the transfer made: the giver's and the receiver's work lines set.

    Raises:
        TransferError: when the transfer cannot be made (see
            :func:`~bm3c.engine.transfer.transfer_work`).
        InvalidModelError: when the edited model is invalid.

    """
    for change in transfer_work(coop, transfer):
        coop = set_work(
            coop,
            transfer.activity_id,
            change.member_id,
            change.paid_hours,
            change.volunteer_hours,
            change.reimbursed,
        )
    return coop
