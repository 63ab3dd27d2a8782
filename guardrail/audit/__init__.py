"""The tamper-evident audit trail: hash-chained entries, signed checkpoints, verify."""

from guardrail.audit.store import AuditStore, FolderStore
from guardrail.audit.verify import ChainReport, Problem, verify_folder

__all__ = ["AuditStore", "ChainReport", "FolderStore", "Problem", "verify_folder"]
