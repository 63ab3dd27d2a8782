"""The tamper-evident audit trail: hash-chained entries, signed checkpoints, verify."""

from guardrail.audit.sqlite_store import SqliteStore
from guardrail.audit.store import AuditStore, FolderStore
from guardrail.audit.trail import Trail, TrailUnreadable, open_trail
from guardrail.audit.verify import ChainReport, Problem, verify_trail

__all__ = [
    "AuditStore",
    "ChainReport",
    "FolderStore",
    "Problem",
    "SqliteStore",
    "Trail",
    "TrailUnreadable",
    "open_trail",
    "verify_trail",
]
