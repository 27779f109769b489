"""The workshop app: navigation over the pages of ``bm3c/ui/views`` and the shared sidebar.

Started by ``bm3c serve`` (or ``make run``, or ``streamlit run app.py``).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from bm3c.errors import Bm3cError
from bm3c.io import dump_cooperation
from bm3c.texts.i18n import LANGUAGES
from bm3c.ui.arrival import arrive, store
from bm3c.ui.browser_memory import browser_secret, write_pending
from bm3c.ui.heap import settle
from bm3c.ui.i18n import current_language, retranslate, set_language, t
from bm3c.ui.live import autosave, notices, open_from_link, restore_draft, status
from bm3c.ui.live_banner import banner
from bm3c.ui.plan_year import year_selector
from bm3c.ui.projector import projector_toggle, screen_style
from bm3c.ui.saving import review_panel, save_controls
from bm3c.ui.state import KEY, undo, workspace
from bm3c.ui.streamlit_words import streamlit_words

__all__ = ["PAGES", "lands_on_workspace", "run"]

LANDED = "bm3c.landed"

VIEWS = Path(__file__).parent / "views"
PAGES = (  # (file, icon)
    ("overview", ":material/dashboard:"),
    ("structures", ":material/groups:"),
    ("activities", ":material/category:"),
    ("plan", ":material/date_range:"),
    ("work", ":material/schedule:"),
    ("flows", ":material/hub:"),
    ("sharing", ":material/pie_chart:"),
    ("cash_plan", ":material/account_balance:"),
    ("budget", ":material/request_quote:"),
    ("fairness", ":material/balance:"),
    ("scenarios", ":material/compare_arrows:"),
    ("leaving", ":material/logout:"),
    ("impacts", ":material/eco:"),
    ("logbook", ":material/menu_book:"),
    ("documents", ":material/download:"),
    ("workspace", ":material/folder_open:"),
)


def sidebar() -> None:
    """Cooperation name, language, projector mode, download of the model and undo."""
    ws = workspace()
    screen_style()
    with st.sidebar:
        st.markdown(f"### {ws.model.name}")
        save_controls()
        status()
        lang = current_language()
        chosen = st.segmented_control(
            t("sidebar.language"),
            LANGUAGES,
            default=lang,
            key="sidebar.language",
            format_func=lambda code: {"fr": "Français", "en": "English"}[code],
        )
        if chosen and chosen != lang:
            set_language(chosen)
            st.rerun()
        year_selector()
        projector_toggle()
        model = ws.plan  # the whole plan, every year
        st.download_button(
            t("sidebar.download"),
            data=lambda: dump_cooperation(model),  # built on click only: large models are slow
            file_name=f"{_slug(ws.source)}.yaml",
            mime="application/x-yaml",
            icon=":material/download:",
            width="stretch",
            help=t("sidebar.download_help"),
            key="sidebar.download",
        )
        last = retranslate(ws.undo_stack[-1].what) if ws.undo_stack else None
        if st.button(
            t("sidebar.undo", what=last) if last else t("sidebar.nothing_to_undo"),
            disabled=last is None,
            icon=":material/undo:",
            width="stretch",
            key="sidebar.undo",
        ):
            undo()
            st.rerun()


def _slug(name: str) -> str:
    stem = Path(name).stem
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in stem) or "model"


def lands_on_workspace(page_path: str) -> bool:
    """Whether this tab, just arrived at the bare address, is led to the workspace's models.

    The bare address (no ``?src=`` link, the default page) opens the served model
    (``bm3c serve FILE``, ``BM3C_MODEL``, else the bundled example), read-only: a
    participant arriving there would work alone. So when the workspace holds models,
    the first page is the Workspace page, its list of models, to pick the one the
    group works on; the served model stays open in the tab until then. An empty
    workspace (a newcomer's ``make run``) still opens the bundled example on the
    Overview. Decided once per tab: later page changes go where they are asked to.
    """
    if LANDED in st.session_state:
        return False
    st.session_state[LANDED] = True
    if KEY in st.session_state or st.query_params.get("src") or page_path not in ("", "overview"):
        return False
    s = store()
    try:
        return s is not None and bool(s.list_models())
    except (Bm3cError, SQLAlchemyError):
        return False


def run() -> None:
    """Render the app: page config, navigation, sidebar, then the chosen page."""
    st.set_page_config(page_title="bm3c", page_icon=":material/handshake:", layout="wide")
    current_language()
    streamlit_words()
    pages = [
        st.Page(
            VIEWS / f"{name}.py",
            title=t(f"nav.{name}"),
            icon=icon,
            url_path=name,
            default=(name == "overview"),
        )
        for name, icon in PAGES
    ]
    page = st.navigation(pages, expanded=True)  # every page listed: no "view more" past 10
    if not arrive():
        write_pending()
        return
    browser_secret()  # made on the first visit, kept by the browser from then on
    if lands_on_workspace(page.url_path):
        st.switch_page(pages[[name for name, _ in PAGES].index("workspace")])
    open_from_link()
    restore_draft()
    st.session_state["bm3c.page"] = page.url_path or "overview"
    banner()  # first: its check-in is what the sidebar's presence list shows
    sidebar()
    write_pending()
    notices()
    review_panel()
    try:
        page.run()
    finally:  # also when the page reruns or stops the script: edits are kept as a draft
        autosave()
    settle(page.url_path or "overview")  # its modules are loaded: out of the collector's way


if __name__ == "__main__":
    run()
