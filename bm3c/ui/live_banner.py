"""Someone else saved the model this tab works on: a banner at the top of every page.

A fragment at the top of the page checks the workspace once a second (the model's
latest revision number, and this tab's heartbeat): it reruns alone, never the page,
so nothing a participant is typing is disturbed. When someone else saved:

- on a viewing page with no unsaved edits, the tab simply loads their revision;
- elsewhere, a banner says who saved, when, and what changed (in words), with
  "show their changes" (the review panel of :mod:`bm3c.ui.saving`) and "reload"
  (their revision, this participant's unsaved edits re-applied on top of it; where
  both changed the same field, the review panel asks which value to keep).

The banner's container sticks under the page header: a participant scrolled down to
a table still sees it.
"""

from __future__ import annotations

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from bm3c.edit.differences import describe_differences
from bm3c.edit.merge import merge_models
from bm3c.errors import Bm3cError, InvalidModelError
from bm3c.store import Revision, Store
from bm3c.ui.arrival import participant, store
from bm3c.ui.i18n import current_language, local_time, t
from bm3c.ui.live import (
    LATEST,
    POLL_SECONDS,
    VIEWING_PAGES,
    check_in,
    load_revision,
    notify,
    revision_model,
)
from bm3c.ui.process_cache import fingerprint, saved_revision, shared
from bm3c.ui.saving import REVIEW
from bm3c.ui.state import Workspace, workspace
from bm3c.ui.widgets import pending_table_edits

__all__ = ["BANNER_KEY", "banner", "banner_words", "reload_keeping_edits", "show_banner"]

BANNER_KEY = "live-banner"
SHOWN_CHANGES = 3  # changes named in the banner; "show their changes" lists them all
WORDS = "bm3c.banner_words"  # the banner's text, worked out once per new revision
STICKY = f"""<style>
.st-key-{BANNER_KEY} {{ position: sticky; top: 3.75rem; z-index: 990; }}
.st-key-{BANNER_KEY} [data-testid="stAlert"] {{ box-shadow: 0 2px 6px rgba(0, 0, 0, .18); }}
</style>"""


def banner_words(ws: Workspace, latest: Revision, lang: str) -> tuple[str, list[str], int]:
    """The banner's headline, the first changes in words, and how many more there are.

    The changes are those between the revision this tab loaded and ``latest`` (so
    several saves since are described together).
    """
    theirs = revision_model(latest)
    changes = shared(  # the same words for every tab that loaded the same revision
        ("banner changes", fingerprint(ws.loaded), fingerprint(theirs), lang),
        lambda: describe_differences(ws.loaded, theirs, lang),
    )
    since = latest.number - ws.base
    headline = t(
        "banner.saved" if since <= 1 else "banner.saved_many",
        who=latest.author,
        when=local_time(latest.created_at),
        number=latest.number,
        count=since,
    )
    if latest.message.strip():
        headline += " " + t("banner.message", message=latest.message.strip())
    return headline, changes[:SHOWN_CHANGES], max(len(changes) - SHOWN_CHANGES, 0)


def _words(ws: Workspace, latest: Revision) -> tuple[str, list[str], int]:
    lang = current_language()
    key = (latest.model_id, latest.number, ws.base, ws.version, lang)
    kept = st.session_state.get(WORDS)
    if isinstance(kept, tuple) and kept[0] == key:
        return kept[1]  # type: ignore[no-any-return]
    words = banner_words(ws, latest, lang)
    st.session_state[WORDS] = (key, words)
    return words


def _review(ws: Workspace, latest: Revision) -> None:
    st.session_state[REVIEW] = {
        "model": ws.model_id,
        "head": latest.number,
        "after_save": False,
        "message": "",
    }


def reload_keeping_edits(ws: Workspace, latest: Revision) -> bool:
    """Load ``latest``, this tab's unsaved edits re-applied on it; False: a choice is needed.

    Where both sides changed the same field, or the two together do not make a valid
    model, nothing changes and the review panel opens to ask.
    """
    if not ws.unsaved:
        load_revision(ws, latest, t("live.undo_reload", number=latest.number))
        return True
    theirs = revision_model(latest)
    merge = merge_models(ws.loaded, ws.plan, theirs, current_language())
    if merge.conflicts:
        _review(ws, latest)
        return False
    try:
        merged = merge.result({})
    except InvalidModelError:
        _review(ws, latest)
        return False
    ws.replace(merged, t("review.undo_merge"), loaded=theirs, base=latest.number)
    ws.source = theirs.name
    return True


def show_banner(ws: Workspace, latest: Revision) -> None:
    """The banner: who saved what, and the two ways to go on."""
    headline, changes, more = _words(ws, latest)
    lines = [f"**{headline}**"]
    lines += [f"- {change}" for change in changes]
    if more:
        lines.append(f"- {t('review.more', count=more)}")
    text = "\n".join(lines)
    if ws.unsaved:
        text += "\n\n" + t("banner.yours_kept")
    st.warning(text, icon=":material/sync:")
    show, reload, _ = st.columns([2, 3, 2])
    if show.button(
        t("banner.show"), key="banner.show", icon=":material/difference:", width="stretch"
    ):
        _review(ws, latest)
        st.rerun(scope="app")
    if reload.button(
        t("banner.reload_keeping") if ws.unsaved else t("banner.reload"),
        key="banner.reload",
        type="primary",
        icon=":material/refresh:",
        width="stretch",
    ):
        kept = ws.unsaved
        if reload_keeping_edits(ws, latest):
            notify(t("banner.reloaded_kept" if kept else "banner.reloaded", number=latest.number))
        st.rerun(scope="app")


def _latest(s: Store, ws: Workspace, head: int) -> Revision:
    """The revision ``head`` of the tab's model, read once per new revision."""
    latest = st.session_state.get(LATEST)
    if not isinstance(latest, Revision) or (latest.model_id, latest.number) != (ws.model_id, head):
        assert ws.model_id is not None
        latest = saved_revision(s, ws.model_id, head)  # read once for every tab
        st.session_state[LATEST] = latest
    return latest


@st.fragment(run_every=POLL_SECONDS)
def _banner() -> None:
    ws, s = workspace(), store()
    if s is None or not participant():
        return
    try:
        head = check_in(s, ws)
        if head <= ws.base or st.session_state.get(REVIEW) or ws.model_id is None:
            return
        latest = _latest(s, ws, head)
    except (Bm3cError, SQLAlchemyError):
        return  # a database hiccup: the next tick tries again
    page = st.session_state.get("bm3c.page", "")
    if not ws.unsaved and page in VIEWING_PAGES and not pending_table_edits():
        load_revision(ws, latest, t("live.undo_reload", number=head))
        st.rerun(scope="app")
    show_banner(ws, latest)


def banner() -> None:
    """At the top of the page: the once-a-second check, and the banner when someone saved."""
    st.html(STICKY)
    with st.container(key=BANNER_KEY):
        _banner()
