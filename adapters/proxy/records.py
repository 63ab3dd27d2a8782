"""Call records in the data folder: one JSON line per call, never content.

Each record is appended with a single ``write`` on a file opened with ``O_APPEND``, so
lines from several worker processes never interleave. This is the plain record the
proxy keeps today; the tamper-evident audit trail builds on the same fields.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import structlog

log = structlog.get_logger("guardrail.proxy")


class CallRecords:
    """Appends call records to ``<data_dir>/calls.jsonl``; never raises into a call."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.path = folder / "calls.jsonl"
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        self._lock = threading.Lock()

    def write(self, record: dict[str, Any]) -> None:
        line = (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        try:
            with self._lock:
                os.write(self._fd, line)
        except OSError as error:
            # A full disk must not fail the call; the log line still says what happened.
            log.warning("call_record_not_written", error=type(error).__name__)
