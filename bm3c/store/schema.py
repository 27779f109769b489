"""Tables of the workspace store: one schema for SQLite and PostgreSQL (SQLAlchemy Core).

A database holds several workspaces (one per collective on a hosted server); every
other table is keyed by its workspace, so a workspace sees only its own rows.

Versions: 1, one workspace; 2, workspaces, drafts and presence; 3, the logbook
(``logbook_*``: a model's self-assessment grid, its sessions and their answers).
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = [
    "METADATA",
    "SCHEMA_VERSION",
    "drafts",
    "logbook_answers",
    "logbook_grids",
    "logbook_sessions",
    "models",
    "presence",
    "revisions",
    "schema_version",
    "workspaces",
]

SCHEMA_VERSION = 4
METADATA = MetaData()

schema_version = Table(
    "bm3c_schema",
    METADATA,
    Column("version", Integer, primary_key=True, comment="Version of these tables"),
)

workspaces = Table(
    "workspaces",
    METADATA,
    Column("id", String(80), primary_key=True, comment="Slug naming the workspace"),
    Column("name", String(200), nullable=False),
    Column("code_hash", String(300), nullable=True, comment="Salted scrypt hash, or no code"),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

models = Table(
    "models",
    METADATA,
    Column("workspace", String(80), nullable=False),
    Column("id", String(80), nullable=False, comment="Slug naming the model in the workspace"),
    Column("name", String(200), nullable=False, comment="The cooperation's name, for listings"),
    Column("head", Integer, nullable=False, comment="Number of the latest revision"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("deleted_at", DateTime(timezone=True), nullable=True, comment="Set when in the trash"),
    PrimaryKeyConstraint("workspace", "id"),
    ForeignKeyConstraint(["workspace"], ["workspaces.id"]),
)

revisions = Table(
    "revisions",
    METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("workspace", String(80), nullable=False),
    Column("model_id", String(80), nullable=False),
    Column("number", Integer, nullable=False, comment="1, 2, ... within its model"),
    Column("parent", Integer, nullable=True, comment="Revision this one was edited from"),
    Column("author", String(200), nullable=False),
    Column("message", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("content", Text, nullable=False, comment="The validated model, as canonical JSON"),
    # two writers racing for the same number: one insert fails, never both succeed
    UniqueConstraint("workspace", "model_id", "number", name="one_revision_per_number"),
    ForeignKeyConstraint(["workspace", "model_id"], ["models.workspace", "models.id"]),
)

drafts = Table(
    "drafts",
    METADATA,
    Column("workspace", String(80), nullable=False),
    Column("source", String(300), nullable=False, comment="What the draft edits (model or file)"),
    Column("author", String(200), nullable=False, comment="Display name of the participant"),
    Column("base", Integer, nullable=False, comment="Revision the edits started from (0: none)"),
    Column("content", Text, nullable=False, comment="The edited model, as canonical JSON"),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("workspace", "source", "author"),
    ForeignKeyConstraint(["workspace"], ["workspaces.id"]),
)

presence = Table(
    "presence",
    METADATA,
    Column("workspace", String(80), nullable=False),
    Column("session", String(64), nullable=False, comment="One browser tab"),
    Column("source", String(300), nullable=False, comment="What the tab has open"),
    Column("name", String(200), nullable=False, comment="Display name chosen on arrival"),
    Column("seen_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("workspace", "session"),
    ForeignKeyConstraint(["workspace"], ["workspaces.id"]),
)

logbook_grids = Table(
    "logbook_grids",
    METADATA,
    Column("workspace", String(80), nullable=False),
    Column("model_id", String(80), nullable=False),
    Column("number", Integer, nullable=False, comment="1, 2, ... within its model"),
    Column("content", Text, nullable=False, comment="The grid, as canonical JSON"),
    Column("author", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # two writers racing for the same number: one insert fails (and retries), never both win
    PrimaryKeyConstraint("workspace", "model_id", "number", name="one_grid_per_number"),
    ForeignKeyConstraint(["workspace", "model_id"], ["models.workspace", "models.id"]),
)

logbook_sessions = Table(
    "logbook_sessions",
    METADATA,
    Column("workspace", String(80), nullable=False),
    Column("model_id", String(80), nullable=False),
    Column("number", Integer, nullable=False, comment="1, 2, ... within its model"),
    Column("title", String(200), nullable=False),
    Column("held_on", Date, nullable=False, comment="Day of the workshop"),
    Column("grid", Text, nullable=False, comment="The grid answered, as canonical JSON"),
    Column("created_by", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revealed_at", DateTime(timezone=True), nullable=True, comment="Answers shown to all"),
    Column("revealed_by", String(200), nullable=True),
    PrimaryKeyConstraint("workspace", "model_id", "number", name="one_session_per_number"),
    ForeignKeyConstraint(["workspace", "model_id"], ["models.workspace", "models.id"]),
)

logbook_answers = Table(
    "logbook_answers",
    METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True, comment="Order of submission"),
    Column("workspace", String(80), nullable=False),
    Column("model_id", String(80), nullable=False),
    Column("session", Integer, nullable=False, comment="Number of the session answered"),
    Column("respondent", String(200), nullable=False, comment="The person's name, as typed"),
    Column("member", String(200), nullable=True, comment="Id of the structure answered for"),
    Column(
        "respondent_key",
        String(64),
        nullable=True,
        comment="SHA-256 of the answering browser's secret (none: answered before schema 4)",
    ),
    Column("scores", Text, nullable=False, comment="JSON {question id: 1..5}"),
    Column("stakes", Text, nullable=False),
    Column("expectations", Text, nullable=False),
    Column("written_at", DateTime(timezone=True), nullable=False),
    ForeignKeyConstraint(
        ["workspace", "model_id", "session"],
        ["logbook_sessions.workspace", "logbook_sessions.model_id", "logbook_sessions.number"],
    ),
    Index("logbook_answers_by_session", "workspace", "model_id", "session"),
)
