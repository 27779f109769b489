"""Words and numbers as a reader reads them, without a Streamlit session.

:mod:`bm3c.texts.i18n` holds the French and English catalogue (``locales/*.yaml``),
:mod:`bm3c.texts.format` writes amounts, hours, percentages and dates. Every floor
that speaks to a person (the logbook's sentences, the presentation, the exports,
the app) reads them here.
"""
