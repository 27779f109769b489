"""Page: flows (being built)."""

import streamlit as st

from bm3c.ui.i18n import t

st.title(t("nav.flows"))
