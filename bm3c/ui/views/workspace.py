"""Workspace: the saved models, their history, the trash, imports and exports."""

from __future__ import annotations

import streamlit as st

from bm3c.ui.i18n import t

st.header(t("nav.workspace"))
