"""Edits of a model, as pure functions: each returns a new, validated cooperation.

:mod:`~bm3c.edit.cooperation` (rename, remove, set work, table edits),
:mod:`~bm3c.edit.parts` (members, actors, the shared entity, activities),
:mod:`~bm3c.edit.scenarios`, :mod:`~bm3c.edit.sharing`, and the two-party view of
a change: :mod:`~bm3c.edit.differences` (what changed, in words) and
:mod:`~bm3c.edit.merge` (three-way merge of two participants' edits).
"""
