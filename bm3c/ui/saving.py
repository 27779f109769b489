"""Saving the tab's model into the workspace, and settling a save that someone else beat.

A save names the revision the edits started from. When someone saved in between,
the store refuses it; the review panel then shows what they changed and what this
tab changed, and offers to bring their changes in under these edits (asking, field
by field, where both changed the same thing), or to take their version.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from bm3c.edit.differences import describe_differences, model_names
from bm3c.edit.merge import Choice, Conflict, merge_models
from bm3c.errors import Bm3cError, InvalidModelError
from bm3c.present.problems import problem_list
from bm3c.store import ConflictError, Revision, StoreBusyError, TrashedModelError, model_slug
from bm3c.store.live import drop_draft
from bm3c.texts.field_words import value_words
from bm3c.ui.arrival import participant, store, store_problem
from bm3c.ui.i18n import current_language, t
from bm3c.ui.live import OPENED, load_revision, notify
from bm3c.ui.state import Workspace, workspace

__all__ = ["REVIEW", "difference_list", "review_panel", "save", "save_as", "save_controls"]

REVIEW = "bm3c.review"
SHOWN_DIFFERENCES = 25
SAVE_POPOVER = "save.popover"  # open or closed: a popover that tracks its state
SAVE_AS_POPOVER = "save.as_popover"
CLOSE = "save.close_popovers"


def _saved(ws: Workspace, revision: Revision) -> None:
    s = store()
    if s is not None:
        drop_draft(s, ws.origin, participant())
    ws.origin = f"model:{revision.model_id}"
    ws.loaded, ws.base, ws.source = ws.plan, revision.number, ws.plan.name
    st.session_state[OPENED] = ws.origin  # nothing to restore: the draft is this save
    st.session_state["bm3c.autosaved"] = ws.version
    st.session_state.pop("save.message", None)
    st.session_state[CLOSE] = True  # the save is done: its popover closes on the next run
    notify(t("save.done", model=revision.model_id, number=revision.number))


def save(message: str) -> None:
    """Save the tab's edits as a new revision (a conflict opens the review panel)."""
    ws, s = workspace(), store()
    if s is None or ws.model_id is None:
        return
    text = message.strip() or t("save.default_message")
    try:
        revision = s.save(ws.model_id, ws.plan, author=participant(), message=text, parent=ws.base)
    except ConflictError as conflict:
        st.session_state[REVIEW] = {
            "model": ws.model_id,
            "head": conflict.head,
            "after_save": True,
            "message": text,
        }
        st.rerun()
    except TrashedModelError:
        st.error(t("live.trashed"))
        return
    except StoreBusyError:  # nothing written; the participant's edits stay in the tab
        st.warning(t("save.busy"), icon=":material/hourglass_top:")
        return
    except (Bm3cError, SQLAlchemyError) as error:
        st.error(t("save.failed", error=str(error).splitlines()[0]))
        return
    _saved(ws, revision)
    st.rerun()


def save_as(ident: str) -> None:
    """Save the tab's model as a new model of the workspace (from a template or a file)."""
    ws, s = workspace(), store()
    if s is None:
        return
    model_id = model_slug(ident)
    try:
        revision = s.save(
            model_id,
            ws.plan,
            author=participant(),
            message=t("save.first_message", source=ws.source),
            parent=None,
        )
    except (ConflictError, TrashedModelError):
        st.error(t("save.exists", model=model_id))
        return
    except StoreBusyError:  # nothing written; the participant's edits stay in the tab
        st.warning(t("save.busy"), icon=":material/hourglass_top:")
        return
    except (Bm3cError, SQLAlchemyError) as error:
        st.error(t("save.failed", error=str(error).splitlines()[0]))
        return
    _saved(ws, revision)
    st.rerun()


def save_controls() -> None:
    """The sidebar's save button: a new revision, or "save as" for templates and files."""
    ws, s = workspace(), store()
    if st.session_state.pop(CLOSE, False):
        # set before the popovers are drawn: Streamlit then shows them closed
        st.session_state[SAVE_POPOVER] = False
        st.session_state[SAVE_AS_POPOVER] = False
    if s is None:
        if store_problem():
            st.error(t("save.unavailable", problem=store_problem()), icon=":material/cloud_off:")
        return
    if ws.model_id is not None:
        state = t("save.unsaved") if ws.unsaved else t("save.up_to_date")
        st.caption(t("save.status", model=ws.model_id, number=ws.base) + " · " + state)
        with st.popover(
            t("save.save"),
            icon=":material/save:",
            disabled=not ws.unsaved,
            width="stretch",
            key=SAVE_POPOVER,
            on_change="rerun",
        ):
            message = st.text_input(
                t("save.message"), key="save.message", placeholder=t("save.message_placeholder")
            )
            if st.button(t("save.confirm"), key="save.confirm", type="primary"):
                save(message)
        return
    kind = ws.origin.partition(":")[0]
    st.caption(
        t(f"save.from_{kind}" if kind in ("example", "file", "upload") else "save.from_file")
    )
    with st.popover(
        t("save.save_as"),
        icon=":material/save_as:",
        width="stretch",
        key=SAVE_AS_POPOVER,
        on_change="rerun",
    ):
        ident = st.text_input(
            t("save.id"), value=model_slug(ws.model.name), key="save.id", help=t("save.id_help")
        )
        if st.button(t("save.confirm_as"), key="save.confirm_as", type="primary"):
            save_as(ident)


def difference_list(lines: list[str], limit: int = SHOWN_DIFFERENCES) -> str:
    """A Markdown list of differences, at most ``limit`` of them, then how many more."""
    if not lines:
        return t("review.nothing")
    shown = "\n".join(f"- {line}" for line in lines[:limit])
    more = len(lines) - limit
    return shown + (f"\n- {t('review.more', count=more)}" if more > 0 else "")


def _value(conflict: Conflict, value: Any) -> str:
    """A conflicting value in words: « 40,00 € », a name, « oui » (absent: removed)."""
    if value is None:
        return t("review.absent")
    model = workspace().plan
    names = model_names(workspace().loaded, model, lang=current_language())
    return value_words(conflict.field, value, current_language(), model.currency, names)


def _choice(conflict: Conflict, head: int) -> Choice | None:
    """Which value to keep where both changed the same field (nothing chosen at first)."""

    def label(side: str) -> str:
        return t(f"review.keep_{side}", value=_value(conflict, getattr(conflict, side)))

    sides: tuple[Choice, Choice] = ("mine", "theirs")
    return st.radio(
        conflict.where,
        sides,
        index=None,
        format_func=label,
        horizontal=True,
        key=f"review.{head}.{conflict.key}",  # a choice belongs to one field of one revision
    )


def review_panel() -> None:
    """Someone else saved: what they changed, what I changed, and how to go on."""
    review = st.session_state.get(REVIEW)
    ws, s = workspace(), store()
    if not review:
        return
    if s is None or ws.model_id is None or ws.model_id != review["model"]:
        st.session_state.pop(REVIEW)
        return
    # their revision as shown: if a third person saves meanwhile, the save below is refused
    theirs_revision = s.revision(ws.model_id, review["head"])
    theirs = theirs_revision.cooperation()
    after_save = bool(review["after_save"])
    lang = current_language()
    with st.container(border=True):
        st.subheader(t("review.title"), anchor=False)
        st.warning(
            t(
                "review.refused" if after_save else "review.newer",
                who=theirs_revision.author,
                number=theirs_revision.number,
                base=ws.base,
            )
        )
        left, right = st.columns(2)
        left.markdown(f"**{t('review.theirs', who=theirs_revision.author)}**")
        left.markdown(difference_list(describe_differences(ws.loaded, theirs, lang)))
        right.markdown(f"**{t('review.mine')}**")
        right.markdown(difference_list(describe_differences(ws.loaded, ws.plan, lang)))
        merge = merge_models(ws.loaded, ws.plan, theirs, lang)
        if merge.conflicts:
            st.markdown(t("review.both_changed", count=len(merge.conflicts)))
        else:
            st.success(t("review.no_overlap"))
        picked = {c.key: _choice(c, theirs_revision.number) for c in merge.conflicts}
        choices = {key: side for key, side in picked.items() if side is not None}
        apply, take, later = st.columns(3)
        if apply.button(
            t("review.apply_and_save" if after_save else "review.apply"),
            type="primary",
            key="review.apply",
            width="stretch",
            wrap=True,  # a long label on a narrow column: on two lines, never cut
            disabled=len(choices) < len(picked),
            help=t("review.choose_first") if len(choices) < len(picked) else None,
        ):
            try:
                merged = merge.result(choices)
            except InvalidModelError as error:
                st.error(
                    t("review.invalid")
                    + "\n\n"
                    + problem_list([str(p) for p in error.problems], current_language())
                )
                return
            ws.replace(merged, t("review.undo_merge"), loaded=theirs, base=theirs_revision.number)
            st.session_state.pop(REVIEW)
            if after_save:
                save(str(review["message"]))
            st.rerun()
        if take.button(t("review.take_theirs"), key="review.take", width="stretch", wrap=True):
            load_revision(ws, theirs_revision, t("review.undo_theirs"))
            st.session_state.pop(REVIEW)
            st.rerun()
        if later.button(t("review.later"), key="review.later", width="stretch", wrap=True):
            st.session_state.pop(REVIEW)
            st.rerun()
