"""``guardrail audit verify`` names the first bad entry and exits non-zero."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from guardrail.attribution import KeyStore
from guardrail.attribution.jws import sign
from guardrail.audit import FolderStore


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "guardrail.cli", "audit", "verify", *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_verify_reports_intact_then_the_edited_entry(tmp_path: Path) -> None:
    keys = KeyStore(tmp_path / "keys")
    keys.write_jwks(tmp_path / "jwks.json")
    store = FolderStore(
        tmp_path / "audit", signer=lambda h: sign(h, keys.active.private, keys.active.kid), checkpoint_every=4
    )
    for i in range(10):
        store.append("call", {"request_id": f"r{i}"})
    ok = run(str(tmp_path / "audit"))
    assert ok.returncode == 0 and "intact: 13 entries (10 calls, 3 checkpoints, signatures checked)" in ok.stdout
    (path,) = (tmp_path / "audit").glob("audit-*.jsonl")
    lines = path.read_text().splitlines(keepends=True)
    entry = json.loads(lines[6])
    entry["record"]["request_id"] = "changed"
    lines[6] = json.dumps(entry) + "\n"
    path.write_text("".join(lines))
    bad = run(str(tmp_path / "audit"))
    assert bad.returncode == 1
    assert f"{path.name}:7 (seq 7): entry was altered" in bad.stdout
    assert "Traceback" not in bad.stderr


def test_missing_folder_is_reported(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nowhere"))
    assert result.returncode == 1 and "no such audit folder" in result.stdout
