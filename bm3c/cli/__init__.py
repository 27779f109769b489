"""The ``bm3c`` command, one module per command group.

:mod:`~bm3c.cli.main` parses the command line and runs validate, evaluate,
compare, schema, generate and serve; :mod:`~bm3c.cli.export`, :mod:`~bm3c.cli.game`
and :mod:`~bm3c.cli.models` add their groups; :mod:`~bm3c.cli.language` chooses
French or English (``--lang``, else the locale) for every message, table and
``--help``. No arithmetic here: every figure comes from the engine, the fairness
package or the exports.
"""
