"""``guardrail audit verify``: is the trail complete and unaltered?

Exit 0 only when the chain and every checkpoint are intact; 1 otherwise, naming the
first bad entry and why; 2 when the key set cannot be read.
"""

from __future__ import annotations

from pathlib import Path

from guardrail.attribution import load_jwks
from guardrail.audit import verify_folder
from guardrail.cli.errors import EXIT_INPUT, EXIT_USAGE, fail


def run_verify(folder: Path, jwks_path: Path | None) -> None:
    jwks = None
    candidate = jwks_path or folder.parent / "jwks.json"
    if jwks_path is not None or candidate.exists():
        try:
            jwks = load_jwks(candidate.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            fail(f"{candidate}: cannot read the key set ({type(error).__name__})", EXIT_USAGE)
    report = verify_folder(folder, jwks)
    for warning in report.warnings:
        print(f"warning: {warning}")
    if report.problem is not None:
        print(f"audit trail NOT intact: {report.problem}")
        print(f"checked {report.entries} entries before the problem")
        raise SystemExit(EXIT_INPUT)
    signed = "signatures checked" if jwks is not None else "signatures NOT checked (no key set)"
    print(f"audit trail intact: {report.entries} entries ({report.calls} calls, "
          f"{report.checkpoints} checkpoints, {signed}), last seq {report.last_seq}")
