"""``guardrail audit verify|report|query|migrate``: for auditors and operators.

``verify`` exits 0 only when the chain and every checkpoint are intact; 1 otherwise,
naming the first bad entry and why; 2 when the key set cannot be read. ``report``
writes a summary by the Guideline's dimensions and principles (md, html or json), and
exits 1 when the trail does not verify; ``query`` prints matching call records as JSON
lines or a table. All three read a folder, a
SQLite file or, with ``--store postgres``, the PostgreSQL trail at
``$GUARDRAIL_DATABASE_URL`` (read-only). ``migrate`` creates or upgrades that trail's
schema and its insert-only writer role.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from guardrail.attribution import load_jwks
from guardrail.audit import Trail, TrailUnreadable, open_trail, verify_trail
from guardrail.audit.query import Filter, call_records, format_table
from guardrail.audit.verify import Witnessed
from guardrail.cli.errors import EXIT_INPUT, EXIT_USAGE, fail

TrailSource = Path | Trail


def trail_source(path: Path, store: str, schema: str) -> TrailSource:
    """The folder or SQLite file at ``path``, or with ``store == "postgres"`` the
    PostgreSQL trail at ``$GUARDRAIL_DATABASE_URL`` (never a command-line argument: it
    would carry the password into the process list and the shell's history)."""
    if store == "file":
        return path
    if store != "postgres":
        fail("--store must be file or postgres", EXIT_USAGE)
    from guardrail.audit.postgres_store import PostgresTrail, database_url
    from guardrail.errors import ConfigurationError

    try:
        return PostgresTrail(database_url(), schema)
    except ConfigurationError as error:
        fail(str(error), EXIT_USAGE)


def run_migrate(schema: str, grant_to: list[str]) -> None:
    from guardrail.audit.postgres_schema import describe, migrate
    from guardrail.audit.postgres_store import database_url
    from guardrail.errors import ConfigurationError

    try:
        dsn = database_url()
        before, after = migrate(dsn, schema, grant_to=tuple(grant_to))
    except ConfigurationError as error:
        fail(str(error), EXIT_INPUT)
    where = describe(dsn, schema)
    if before == after:
        print(f"{where}: schema at version {after}, nothing to do")
    else:
        print(f"{where}: schema migrated from version {before} to {after}")
    for role in grant_to:
        print(f"{role} may now append to and read the trail (role {schema}_writer), never change or delete it")


def run_verify(
    path: TrailSource,
    jwks_path: Path | None,
    *,
    witnesses: list[str] | None = None,
    witness_jwks: Path | None = None,
    trail_id: str = "guardrail",
    no_signatures: bool = False,
    checkpoint_every: int | None = None,
    live: bool = False,
) -> None:
    jwks = None if no_signatures else _jwks(path, jwks_path)
    witnessed = _witnessed(witnesses or [], trail_id, witness_jwks)
    report = verify_trail(path, jwks, witnessed=witnessed, max_interval=checkpoint_every, live=live)
    if jwks is not None and jwks_path is None:
        report.warnings.append(
            "the key set was read from beside the trail: whoever can rewrite the trail can "
            "replace it; pass --jwks from a copy kept elsewhere, and --witness"
        )
    for warning in report.warnings:
        print(f"warning: {warning}")
    if report.problem is not None:
        print(f"audit trail NOT intact: {report.problem}")
        print(f"checked {report.entries} entries before the problem")
        raise SystemExit(EXIT_INPUT)
    if jwks is None and not no_signatures:
        print(
            "audit trail NOT verified: no key set to check the checkpoint signatures with (pass --jwks with "
            "the checkpoint public keys, or --no-signatures to check the chain alone)"
        )
        raise SystemExit(EXIT_INPUT)
    signed = "signatures checked" if jwks is not None else "signatures NOT checked (--no-signatures)"
    counts = [f"{report.calls} calls", f"{report.checkpoints} checkpoints"]
    counts += [f"{report.interrupted} interrupted"] if report.interrupted else []
    counts += [f"{report.records_lost} records lost"] if report.records_lost else []
    counts += [f"{report.witnessed} witnessed"] if witnessed else []
    print(f"audit trail intact: {report.entries} entries ({', '.join(counts)}, {signed}), last seq {report.last_seq}")


def _witnessed(sources: list[str], trail_id: str, pinned: Path | None) -> list[Witnessed]:
    from guardrail.audit.witness import WitnessUnreadable, read_witness

    keys = None
    if pinned is not None:
        try:
            keys = load_jwks(pinned.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            fail(f"{pinned}: cannot read the witness key set ({type(error).__name__})", EXIT_USAGE)
    found: list[Witnessed] = []
    for source in sources:
        try:
            found += read_witness(source, trail_id, witness_jwks=keys)
        except WitnessUnreadable as error:
            fail(str(error), EXIT_INPUT)
    return found


def run_report(
    path: TrailSource,
    output_format: str,
    selection: Filter,
    jwks_path: Path | None,
    output: Path | None,
    *,
    live: bool = False,
) -> None:
    """Write the report; exit 1 when the trail does not verify (the report is still
    written, marked unverified, and why is said first, on stderr)."""
    from guardrail.audit.render import render_html, render_json, render_markdown
    from guardrail.audit.report import summarise

    renderers = {"md": render_markdown, "html": render_html, "json": render_json}
    if output_format not in renderers:
        fail(f"--format must be one of {', '.join(renderers)}", EXIT_USAGE)
    trail = _open(path)
    jwks = _jwks(path, jwks_path)
    integrity = verify_trail(path, jwks, live=live)
    if jwks is None:
        integrity.warnings.append("checkpoint signatures were not checked: no key set (pass --jwks)")
    if not integrity.intact:
        print(f"audit trail NOT intact: {integrity.problem or 'no entries'}", file=sys.stderr)
    try:
        with _progress(trail) as advance:
            records = list(call_records(trail, selection, advance))
    except TrailUnreadable as error:
        fail(str(error), EXIT_INPUT)
    period = {"since": _iso(selection.since), "until": _iso(selection.until), "tenant": selection.tenant}
    text = renderers[output_format](summarise(records, integrity, period=period))
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        print(
            f"wrote {output} ({len(records)} calls; integrity {'intact' if integrity.intact else 'NOT intact'})",
            file=sys.stderr,
        )
    if not integrity.intact:
        raise SystemExit(EXIT_INPUT)


def run_query(path: TrailSource, selection: Filter, limit: int | None, output_format: str = "json") -> None:
    if output_format not in ("json", "table"):
        fail("--format must be json or table", EXIT_USAGE)
    try:
        records = itertools.islice(call_records(_open(path), selection), limit)
        if output_format == "table":
            for line in format_table(records):
                print(line)
            return
        for record in records:
            print(json.dumps(record, ensure_ascii=False, sort_keys=True))
    except TrailUnreadable as error:  # PostgreSQL away or of another schema version
        fail(str(error), EXIT_INPUT)


def parse_time(value: str | None, option: str) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        fail(f"{option}: not an ISO date or time: {value!r}", EXIT_USAGE)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _open(path: TrailSource) -> Trail:
    try:
        return open_trail(path)
    except TrailUnreadable as error:
        fail(str(error), EXIT_USAGE)


def _jwks(path: TrailSource, jwks_path: Path | None) -> dict[str, Any] | None:
    """The key set given, or the ones the proxy keeps beside its trail (its checkpoint
    key's and the attribution keys), merged; for PostgreSQL, the data folder's."""
    if isinstance(path, Path):
        folder = path.parent
    else:
        from guardrail.cli.paths import data_dir

        folder = data_dir()
    candidates = [jwks_path] if jwks_path else [folder / "checkpoint-jwks.json", folder / "jwks.json"]
    found: dict[str, Any] | None = None
    for candidate in candidates:
        if jwks_path is None and not candidate.exists():
            continue
        try:
            found = {**(found or {}), **load_jwks(candidate.read_text(encoding="utf-8"))}
        except (OSError, ValueError) as error:
            fail(f"{candidate}: cannot read the key set ({type(error).__name__})", EXIT_USAGE)
    return found


@contextmanager
def _progress(trail: Trail) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr for trails over a few megabytes, when it is a terminal."""
    total = trail.size()
    if total < 5_000_000 or not sys.stderr.isatty():
        yield lambda _done: None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("reading audit records", total=total)
        yield lambda done: bar.advance(task, done)
