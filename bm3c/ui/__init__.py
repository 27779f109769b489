"""The workshop app (Streamlit). The only package that imports streamlit."""
