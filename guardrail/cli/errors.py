"""Turning errors into messages and exit codes, never tracebacks, for user mistakes.

Exit codes: 0 success; 1 the run failed on its input (a bad JSON line, say);
2 usage, policy or configuration error; 3 finished, but some input lines were skipped.
"""

from __future__ import annotations

import sys
from typing import NoReturn

EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_SKIPPED = 3


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print ``message`` to stderr and exit with ``code``."""
    print(f"guardrail: error: {message}", file=sys.stderr)
    raise SystemExit(code)


def read_stdin_text() -> str:
    """All of stdin as UTF-8; invalid bytes are an error naming their offset."""
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        fail(f"standard input is not valid UTF-8 (bad byte at offset {error.start})", EXIT_INPUT)
