"""Proof of completeness against someone who holds the machine, its data folder and
the key in it: each tampering the review found verifies as intact on the trail alone
(shown first, where it does), and fails against a witness (an append-only file, an
HTTP witness that countersigns), with a message that says what was found."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from guardrail.attribution import KeyStore, load_jwks
from guardrail.attribution.jws import sign
from guardrail.audit import verify_trail
from guardrail.audit.chain import GENESIS, checkpoint, line, seal
from guardrail.audit.records import CallRecords
from guardrail.audit.settings import TrailSettings, WitnessSettings
from guardrail.audit.verify import ChainReport, Witnessed
from guardrail.audit.witness import read_witness
from guardrail.audit.witness_server import create_witness_app
from guardrail.testing import BackgroundServer

EVERY = 5


@pytest.fixture(scope="module")
def witness_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with BackgroundServer(create_witness_app(tmp_path_factory.mktemp("witness"))) as server:
        yield server.url


@dataclass
class Scene:
    data: Path
    trail: Path
    keys: KeyStore
    jwks: dict[str, Any]
    witness_file: Path
    witness_url: str
    trail_id: str

    def witnessed(self) -> list[Witnessed]:
        return read_witness(str(self.witness_file), self.trail_id) + read_witness(self.witness_url, self.trail_id)

    def verify(self, *, witnesses: bool = True) -> ChainReport:
        return verify_trail(self.trail, self.jwks, witnessed=self.witnessed() if witnesses else ())

    def signer(self, head: dict[str, Any]) -> str:
        """The attacker signs with the key beside the trail, as the proxy does by default."""
        return sign(head, self.keys.active.private, self.keys.active.kid)


def build(tmp_path: Path, url: str, store: str = "audit") -> Scene:
    data = tmp_path / "data"
    keys = KeyStore(data / "keys")
    witness_file = tmp_path / "other-volume" / "witness.jsonl"
    witness_file.parent.mkdir()
    trail_id = f"t-{tmp_path.name[-40:]}".replace("[", "-").replace("]", "")
    settings = TrailSettings(
        checkpoint_every=EVERY,
        trail_id=trail_id,
        witnesses=[WitnessSettings(file=witness_file), WitnessSettings(url=url)],
    )
    records = CallRecords(data / store, keys.active, settings=settings)
    for i in range(23):
        blocked = i in (3, 17)
        records.write(
            {
                "request_id": f"r{i}",
                "status": 403 if blocked else 200,
                "input_decision": "block" if blocked else "allow",
            }
        )
    records.close()  # the shutdown checkpoint, and the witnesses served
    jwks = load_jwks((data / "checkpoint-jwks.json").read_text())
    return Scene(data, data / store, keys, jwks, witness_file, url, trail_id)


def entries(trail: Path) -> list[dict[str, Any]]:
    if trail.is_dir():
        return [json.loads(raw) for day in sorted(trail.glob("audit-*.jsonl")) for raw in day.read_text().splitlines()]
    with closing(sqlite3.connect(trail)) as connection:
        return [json.loads(text) for (text,) in connection.execute("SELECT line FROM entries ORDER BY id")]


def rewrite(trail: Path, new: list[dict[str, Any]], *, sides: bool = True) -> None:
    """Put ``new`` in place of the entries and, like a careful attacker, the side records to match."""
    last_checkpoint = next((e for e in reversed(new) if e["kind"] == "checkpoint"), None)
    head = {"seq": new[-1]["seq"], "hash": new[-1]["hash"]}
    if trail.is_dir():
        (day,) = sorted(trail.glob("audit-*.jsonl"))
        day.write_bytes(b"".join(line(e) for e in new))
        if sides:
            (trail / "head.json").write_text(json.dumps(head))
            if last_checkpoint is not None:
                (trail / "checkpoint.json").write_text(json.dumps(last_checkpoint["record"]))
            else:
                (trail / "checkpoint.json").unlink(missing_ok=True)
        return
    with closing(sqlite3.connect(trail)) as connection, connection:
        connection.execute("DELETE FROM entries")
        connection.executemany(
            "INSERT INTO entries (time, line) VALUES (?, ?)", [(e["time"], line(e).decode().rstrip("\n")) for e in new]
        )
        if sides:
            connection.execute("INSERT OR REPLACE INTO meta VALUES ('head', ?)", (json.dumps(head),))
            if last_checkpoint is not None:
                connection.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('checkpoint', ?)", (json.dumps(last_checkpoint["record"]),)
                )


def rechain(
    old: list[dict[str, Any]], signer: Any, *, every: int | None = EVERY, start: tuple[int, str] = (0, GENESIS)
) -> list[dict[str, Any]]:
    """Seal the non-checkpoint entries again, in order, with fresh checkpoints (or none)."""
    new: list[dict[str, Any]] = []
    seq, prev = start
    for entry in old:
        if entry["kind"] == "checkpoint":
            continue
        sealed = seal(seq + 1, prev, entry["kind"], entry["time"], entry["record"])
        new.append(sealed)
        seq, prev = sealed["seq"], sealed["hash"]
        if every is not None and seq % every == 0:
            signed = checkpoint(seq, prev, entry["time"], signer, every)
            new.append(signed)
            seq, prev = signed["seq"], signed["hash"]
    return new


@pytest.mark.parametrize("store", ["audit", "audit.sqlite3"])
def test_an_untouched_trail_matches_both_witnesses(tmp_path: Path, witness_server: str, store: str) -> None:
    scene = build(tmp_path, witness_server, store)
    file_seen, url_seen = read_witness(str(scene.witness_file)), read_witness(witness_server, scene.trail_id)
    assert len(file_seen) == len(url_seen) == 6  # five by count, one at shutdown
    report = scene.verify()
    assert report.intact, report.problem
    assert report.checkpoints == 6 and report.witnessed == 12 and report.warnings == []


@pytest.mark.parametrize("store", ["audit", "audit.sqlite3"])
def test_truncation_to_an_earlier_checkpoint_with_side_files_to_match(
    tmp_path: Path, witness_server: str, store: str
) -> None:
    scene = build(tmp_path, witness_server, store)
    old = entries(scene.trail)
    cut = [e["seq"] for e in old if e["kind"] == "checkpoint"][2]  # keep up to the third checkpoint
    rewrite(scene.trail, old[:cut])
    assert scene.verify(witnesses=False).intact  # on its own, the trail cannot tell
    report = scene.verify()
    assert report.problem is not None and "the trail was cut back" in report.problem.reason
    assert f"ends at seq {cut}" in report.problem.reason


def test_deleted_side_records_fail_even_without_a_witness(tmp_path: Path, witness_server: str) -> None:
    scene = build(tmp_path, witness_server)
    (scene.trail / "head.json").unlink()
    (scene.trail / "checkpoint.json").unlink()
    report = scene.verify(witnesses=False)
    assert report.problem is not None and "head.json: missing" in str(report.problem)


def test_sqlite_delete_from_meta_fails(tmp_path: Path, witness_server: str) -> None:
    scene = build(tmp_path, witness_server, "audit.sqlite3")
    with closing(sqlite3.connect(scene.trail)) as connection, connection:
        connection.execute("DELETE FROM meta")
    report = scene.verify(witnesses=False)
    assert report.problem is not None and "meta.head: missing" in str(report.problem)


@pytest.mark.parametrize("store", ["audit", "audit.sqlite3"])
def test_a_blocked_call_rewritten_as_allowed_and_resigned_with_the_local_key(
    tmp_path: Path, witness_server: str, store: str
) -> None:
    scene = build(tmp_path, witness_server, store)
    old = entries(scene.trail)
    for entry in old:
        if entry["record"].get("request_id") == "r17":
            entry["record"].update(status=200, input_decision="allow")
    rewrite(scene.trail, rechain(old, scene.signer))
    assert scene.verify(witnesses=False).intact  # re-hashed and re-signed with the key beside it
    report = scene.verify()
    assert report.problem is not None and "the trail was rewritten" in report.problem.reason


def test_a_rewrite_dropping_later_checkpoints_is_caught(tmp_path: Path, witness_server: str) -> None:
    scene = build(tmp_path, witness_server)
    old = entries(scene.trail)
    edited = next(e for e in old if e["record"].get("request_id") == "r17")
    edited["record"].update(status=200, input_decision="allow")
    kept = [e for e in old if e["seq"] < edited["seq"]]  # untouched, early checkpoints and all
    later = [e for e in old if e["seq"] >= edited["seq"] and e["kind"] != "checkpoint"]
    rewrite(scene.trail, kept + rechain(later, None, every=None, start=(kept[-1]["seq"], kept[-1]["hash"])))
    report = scene.verify(witnesses=False)
    assert (
        report.problem is not None and "after the last checkpoint, more than the interval of 5" in report.problem.reason
    )
    report = scene.verify()
    assert report.problem is not None and "the trail was rewritten" in report.problem.reason


def test_rewriting_the_whole_trail_without_checkpoints(tmp_path: Path, witness_server: str) -> None:
    scene = build(tmp_path, witness_server)
    rewrite(scene.trail, rechain(entries(scene.trail), scene.signer, every=None))
    report = scene.verify(witnesses=False)
    assert report.problem is not None and "no signed checkpoint in 23 entries" in report.problem.reason
    report = verify_trail(scene.trail, None, witnessed=scene.witnessed())  # even the chain alone, witnessed
    assert report.problem is not None and "the trail was rewritten: entry seq 10" in report.problem.reason


def test_checkpoints_removed_from_the_middle_break_the_interval(tmp_path: Path, witness_server: str) -> None:
    scene = build(tmp_path, witness_server)
    old = [e for e in entries(scene.trail) if e["kind"] != "checkpoint" or e["seq"] > 15]
    new = rechain(old, scene.signer, every=None)
    new.append(checkpoint(new[-1]["seq"], new[-1]["hash"], new[-1]["time"], scene.signer, EVERY))
    rewrite(scene.trail, new)
    report = scene.verify(witnesses=False)
    assert report.problem is not None and "more than the interval of 5" in report.problem.reason


def test_checkpoint_json_signature_is_checked(tmp_path: Path, witness_server: str) -> None:
    scene = build(tmp_path, witness_server)
    record = json.loads((scene.trail / "checkpoint.json").read_text())
    other = KeyStore(tmp_path / "other").active
    record["jws"] = sign(record["head"], other.private, scene.keys.active.kid)  # a kid it does not own
    (scene.trail / "checkpoint.json").write_text(json.dumps(record))
    report = scene.verify(witnesses=False)
    assert report.problem is not None and report.problem.file == "checkpoint.json"
    assert "not the log's last checkpoint" in report.problem.reason or "signature" in report.problem.reason


def test_checkpoint_json_put_back_from_earlier(tmp_path: Path, witness_server: str) -> None:
    scene = build(tmp_path, witness_server)
    earlier = next(e for e in entries(scene.trail) if e["kind"] == "checkpoint")
    (scene.trail / "checkpoint.json").write_text(json.dumps(earlier["record"]))
    report = scene.verify(witnesses=False)
    assert report.problem is not None and "not the log's last checkpoint" in report.problem.reason


@pytest.mark.parametrize("content", ['{"seq": 3, "hash": "sha256:00"}', "not json", "{}"])
def test_a_lowered_or_garbage_head_is_detected(tmp_path: Path, witness_server: str, content: str) -> None:
    scene = build(tmp_path, witness_server)
    (scene.trail / "head.json").write_text(content)
    report = scene.verify(witnesses=False)
    assert report.problem is not None and report.problem.file == "head.json"


def test_the_http_witness_refuses_a_second_hash_for_a_seq(tmp_path: Path, witness_server: str) -> None:
    scene = build(tmp_path, witness_server)
    (first, *_) = read_witness(witness_server, scene.trail_id)
    forged = {
        "trail": scene.trail_id,
        "seq": first.seq,
        "hash": "sha256:" + "1" * 64,
        "time": 1.0,
        "checkpoint_seq": first.seq + 1,
        "jws": "x.y.z",
    }
    request = urllib.request.Request(
        witness_server + "/v1/checkpoints",
        data=json.dumps(forged).encode(),
        headers={"content-type": "application/json"},
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code == 409
    refused.value.close()
    assert read_witness(witness_server, scene.trail_id)[0].hash == first.hash


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "guardrail.cli", "audit", "verify", *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_needs_a_key_and_checks_witnesses(tmp_path: Path, witness_server: str) -> None:
    scene = build(tmp_path, witness_server)
    apart = tmp_path / "auditor-jwks.json"
    shutil.copy(scene.data / "checkpoint-jwks.json", apart)
    for name in ("checkpoint-jwks.json", "jwks.json"):
        (scene.data / name).unlink(missing_ok=True)
    no_key = cli(str(scene.trail))
    assert no_key.returncode == 1 and "no key set" in no_key.stdout
    assert cli(str(scene.trail), "--no-signatures").returncode == 0
    good = cli(
        str(scene.trail),
        "--jwks",
        str(apart),
        "--witness",
        str(scene.witness_file),
        "--witness",
        witness_server,
        "--trail-id",
        scene.trail_id,
    )
    assert good.returncode == 0, good.stdout + good.stderr
    assert "23 calls, 6 checkpoints, 12 witnessed, signatures checked" in good.stdout
    old = entries(scene.trail)
    rewrite(scene.trail, old[:12])
    cut = cli(str(scene.trail), "--jwks", str(apart), "--witness", witness_server, "--trail-id", scene.trail_id)
    assert cut.returncode == 1 and "the trail was cut back" in cut.stdout


def test_a_rewrite_stating_a_longer_interval_fails_against_the_auditors(tmp_path: Path, witness_server: str) -> None:
    scene = build(tmp_path, witness_server)
    new = rechain(entries(scene.trail), scene.signer, every=None)
    new.append(checkpoint(new[-1]["seq"], new[-1]["hash"], new[-1]["time"], scene.signer, 50))
    rewrite(scene.trail, new)
    assert verify_trail(scene.trail, scene.jwks).intact  # 23 entries under a stated interval of 50
    report = verify_trail(scene.trail, scene.jwks, max_interval=EVERY)
    assert report.problem is not None and "more than the interval of 5" in report.problem.reason
    result = cli(str(scene.trail), "--checkpoint-every", str(EVERY))
    assert result.returncode == 1 and "more than the interval of 5" in result.stdout
