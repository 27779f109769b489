"""Tables of the workspace store: one schema for SQLite and PostgreSQL (SQLAlchemy Core)."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = ["METADATA", "models", "revisions"]

METADATA = MetaData()

models = Table(
    "models",
    METADATA,
    Column("id", String(80), primary_key=True, comment="Slug naming the model in the workspace"),
    Column("name", String(200), nullable=False, comment="The cooperation's name, for listings"),
    Column("head", Integer, nullable=False, comment="Number of the latest revision"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("deleted_at", DateTime(timezone=True), nullable=True, comment="Set when in the trash"),
)

revisions = Table(
    "revisions",
    METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("model_id", String(80), ForeignKey("models.id"), nullable=False),
    Column("number", Integer, nullable=False, comment="1, 2, ... within its model"),
    Column("parent", Integer, nullable=True, comment="Revision this one was edited from"),
    Column("author", String(200), nullable=False),
    Column("message", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("content", Text, nullable=False, comment="The validated model, as canonical JSON"),
    # two writers racing for the same number: one insert fails, never both succeed
    UniqueConstraint("model_id", "number", name="one_revision_per_number"),
)
