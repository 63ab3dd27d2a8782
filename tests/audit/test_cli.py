"""``guardrail audit verify`` names the first bad entry and exits non-zero; so does
``audit report``, saying why first; ``audit query --format table`` and the auditor's
example print refusals a person can read."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from guardrail.attribution import KeyStore
from guardrail.attribution.jws import sign
from guardrail.audit import FolderStore
from tests.cli_runner import run_cli


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("audit", "verify", *args)


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


def guardrail_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``guardrail ARGS`` in this process (the auditor's example below runs the real command)."""
    return run_cli(*args)


def tamper(trail: Path) -> None:
    """Change one call record's tenant in place (the chain no longer matches)."""
    (day,) = trail.glob("audit-*.jsonl")
    lines = day.read_text().splitlines(keepends=True)
    entry = json.loads(lines[2])
    entry["record"]["tenant"] = "someone-else"
    lines[2] = json.dumps(entry) + "\n"
    day.write_text("".join(lines))


def test_report_exits_non_zero_on_a_trail_that_does_not_verify_saying_why_first(tmp_path: Path) -> None:
    from tests.audit.test_report import write_trail

    trail = write_trail(tmp_path)
    good = guardrail_cli("audit", "report", str(trail), "-o", str(tmp_path / "good.md"))
    assert good.returncode == 0, good.stderr
    assert "NOT" not in (tmp_path / "good.md").read_text()
    tamper(trail)
    for output_format in ("md", "html", "json"):
        out = tmp_path / f"report.{output_format}"
        bad = guardrail_cli("audit", "report", str(trail), "--format", output_format, "-o", str(out))
        assert bad.returncode == 1
        first = bad.stderr.splitlines()[0]
        assert first.startswith("audit trail NOT intact: ") and "entry was altered" in first, bad.stderr
        assert "Traceback" not in bad.stderr
        assert "did NOT verify" in out.read_text() or '"intact": false' in out.read_text()
    to_stdout = guardrail_cli("audit", "report", str(trail))
    assert to_stdout.returncode == 1 and to_stdout.stdout.startswith("# guardrail audit report")
    assert "This trail did NOT verify" in to_stdout.stdout.splitlines()[2]


def test_query_prints_a_table_with_iso_times_stage_and_code(tmp_path: Path) -> None:
    from tests.audit.test_report import call, write_trail

    hostile = call(14, "/v1/chat/completions", 403, "evil\x1b[31m\nforged", error="user_opt_out")
    trail = write_trail(tmp_path, [hostile])
    result = guardrail_cli("audit", "query", str(trail), "--format", "table")
    assert result.returncode == 0, result.stderr
    header, rule, row = result.stdout.splitlines()
    assert header.split("  ")[0] == "time (UTC)" and set(rule) == {"-", " "}
    cells = re.split(r"\s{2,}", row)
    assert cells == ["2026-11-02T09:14:00Z", "req-14", "evil\\x1b[31m\\nforged", "403", "call", "user_opt_out"]
    assert "\x1b" not in result.stdout
    nothing = guardrail_cli("audit", "query", str(trail), "--format", "table", "--tenant", "nobody")
    assert nothing.stdout == "no matching calls\n"
    wrong = guardrail_cli("audit", "query", str(trail), "--format", "yaml")
    assert wrong.returncode == 2 and "--format must be json or table" in wrong.stdout + wrong.stderr


def test_the_auditor_example_prints_refusals_as_a_readable_table(tmp_path: Path) -> None:
    from tests.audit.test_report import write_trail

    write_trail(tmp_path)
    result = subprocess.run(
        ["bash", str(Path(__file__).resolve().parents[2] / "examples" / "auditor.sh"), str(tmp_path)],
        env={**os.environ, "GUARDRAIL_CLI": str(Path(sys.executable).parent / "guardrail")},
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("time (UTC)"))
    table = lines[start + 2 :]
    assert [line.split()[:2] for line in table] == [
        ["2026-11-02T09:07:00Z", "req-07"],
        ["2026-11-02T09:08:00Z", "req-08"],
        ["2026-11-02T09:09:00Z", "req-09"],  # refused as a whole (its tier): no check decided
        ["2026-11-02T09:12:00Z", "req-12"],
    ]
    assert "{" not in result.stdout and not re.search(r"\b1\d{9}\.\d", result.stdout)  # no JSON, no epoch times
    assert "report: " in result.stdout and (tmp_path / "report.html").exists()


def test_a_report_without_a_key_set_says_the_signatures_were_not_checked(tmp_path: Path) -> None:
    from tests.audit.test_report import write_trail

    trail = write_trail(tmp_path)
    for beside in ("jwks.json", "checkpoint-jwks.json"):
        (tmp_path / beside).unlink()
    result = guardrail_cli("audit", "report", str(trail))
    assert result.returncode == 0, result.stderr
    assert "- Warning: checkpoint signatures were not checked: no key set (pass --jwks)" in result.stdout
