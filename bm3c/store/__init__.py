"""Persistence: workspaces of models, revisions, drafts, presence, logbooks (SQLAlchemy Core)."""

from bm3c.store.database import (
    DEFAULT_DATABASE,
    DEFAULT_WORKSPACE,
    StoreBusyError,
    database_url,
)
from bm3c.store.workspace import (
    AccessDeniedError,
    ConflictError,
    ModelInfo,
    Revision,
    Store,
    TrashedModelError,
    UnknownModelError,
    UnknownWorkspaceError,
    canonical_json,
    model_slug,
)

__all__ = [
    "DEFAULT_DATABASE",
    "DEFAULT_WORKSPACE",
    "AccessDeniedError",
    "ConflictError",
    "ModelInfo",
    "Revision",
    "Store",
    "StoreBusyError",
    "TrashedModelError",
    "UnknownModelError",
    "UnknownWorkspaceError",
    "canonical_json",
    "database_url",
    "model_slug",
]
