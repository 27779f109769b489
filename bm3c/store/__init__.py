"""Persistence: the workspace of saved models and their revisions (SQLAlchemy Core)."""

from bm3c.store.workspace import (
    ConflictError,
    ModelInfo,
    Revision,
    Store,
    UnknownModelError,
    model_slug,
)

__all__ = ["ConflictError", "ModelInfo", "Revision", "Store", "UnknownModelError", "model_slug"]
