"""Where the command looks when it is not told: the data folder and its audit trail.

The proxy, the wrapper and LiteLLM's plugin keep their keys and records in one data
folder, ``$GUARDRAIL_DATA_DIR`` or ``.guardrail`` in the folder they run in; the
audit commands and ``guardrail doctor`` look there by default, so the common case
needs no path at all.
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "GUARDRAIL_DATA_DIR"
DEFAULT_DATA_DIR = Path(".guardrail")


def data_dir() -> Path:
    """``$GUARDRAIL_DATA_DIR``, else ``.guardrail`` in the current folder."""
    return Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)


def audit_trail(given: Path | None) -> Path:
    """``given``, else the data folder's trail: ``audit/``, or ``audit.sqlite3`` if only that exists."""
    if given is not None:
        return given
    folder, database = data_dir() / "audit", data_dir() / "audit.sqlite3"
    return database if database.exists() and not folder.exists() else folder
