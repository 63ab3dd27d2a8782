"""``guardrail scan``: redact personal data from text or from JSON lines."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from guardrail.cli.errors import EXIT_INPUT, EXIT_SKIPPED, fail, read_stdin_text
from guardrail.errors import InputError
from guardrail.pii.redactor import Redaction, Redactor

if TYPE_CHECKING:
    from rich.progress import Progress


def scan_text(redactor: Redactor, text: str, as_json: bool) -> None:
    """Write one text's redaction (or, with ``as_json``, the redaction and findings)."""
    redaction = redactor.redact(text)
    if as_json:
        print(json.dumps(_record(None, redaction), ensure_ascii=False))
    elif redaction.blocked:
        fail("the policy blocks this text (it holds personal data the policy forbids sending)", EXIT_INPUT)
    else:
        sys.stdout.write(redaction.text)
        if redaction.text and not redaction.text.endswith("\n"):
            sys.stdout.write("\n")


def scan_jsonl(redactor: Redactor, source: Path | None, skip_bad: bool) -> None:
    """Redact ``{"id", "text"}`` lines into ``{"id", "redacted", "findings"}`` lines, in order.

    A bad line stops the run with its line number, after every earlier line has been
    written; with ``skip_bad`` it is reported on stderr and the run goes on, and the
    exit code says that lines were skipped.
    """
    stream, total = _open(source)
    skipped = 0
    # An --input file is closed when done (or stopped); stdin is the caller's.
    with stream if source is not None else contextlib.nullcontext(), _progress() as progress:
        task = progress.add_task("scanning", total=total)
        for number, raw in enumerate(stream, start=1):
            progress.advance(task, len(raw))
            if not raw.strip():
                continue
            try:
                row_id, text = _parse_line(raw, number)
            except InputError as error:
                if not skip_bad:
                    fail(f"{error} (use --skip-bad to continue past bad lines)", EXIT_INPUT)
                skipped += 1
                print(f"guardrail: skipped {error}", file=sys.stderr)
                continue
            print(json.dumps(_record(row_id, redactor.redact(text)), ensure_ascii=False))
    sys.stdout.flush()
    if skipped:
        print(f"guardrail: {skipped} line(s) skipped", file=sys.stderr)
        raise SystemExit(EXIT_SKIPPED)


def _record(row_id: Any, redaction: Redaction) -> dict[str, Any]:
    record: dict[str, Any] = {} if row_id is None else {"id": row_id}
    record["redacted"] = None if redaction.blocked else redaction.text
    if redaction.blocked:
        record["blocked"] = True
    record["findings"] = [
        {"entity_type": d.entity_type, "start": d.start, "end": d.end, "score": round(d.score, 3)}
        for d in redaction.detections
    ]
    return record


def _parse_line(raw: bytes, number: int) -> tuple[Any, str]:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"not valid UTF-8 (bad byte at column {error.start + 1})", line=number) from None
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON ({error.msg} at column {error.colno})", line=number) from None
    if not isinstance(row, dict):
        raise InputError(f"expected a JSON object, got {type(row).__name__}", line=number)
    if "text" not in row:
        raise InputError("missing field 'text'", line=number)
    if not isinstance(row["text"], str):
        raise InputError(f"field 'text' must be a string, got {type(row['text']).__name__}", line=number)
    row_id = row.get("id")
    if isinstance(row_id, (dict, list)):
        raise InputError("field 'id' must be a string or a number", line=number)
    return row_id, row["text"]


def _open(source: Path | None) -> tuple[IO[bytes], int | None]:
    if source is None:
        return sys.stdin.buffer, None
    try:
        return source.open("rb"), source.stat().st_size
    except OSError as error:
        fail(f"cannot read {source}: {error.strerror}", EXIT_INPUT)


def _progress() -> Progress:
    """A progress bar (bytes read) on stderr, shown only when stderr is a terminal.

    Records always go to stdout, never through the bar: rich's ``Progress`` would
    otherwise capture stdout into its display, so ``scan --jsonl > out.jsonl`` typed in a
    terminal would write the records on the screen and leave the file empty. When stdout
    is itself the terminal the records are the progress, so no bar is drawn over them.
    Imported here: only ``--jsonl`` draws a bar, and one text should start fast.
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
        transient=True,
        disable=not sys.stderr.isatty() or sys.stdout.isatty(),
        console=Console(stderr=True),
        redirect_stdout=False,
    )


def read_text_argument(text: str | None, source: Path | None) -> str:
    """The text to scan: the argument, else the file, else stdin."""
    if text is not None:
        return text
    if source is not None:
        try:
            return source.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            fail(f"{source} is not valid UTF-8 (bad byte at offset {error.start})", EXIT_INPUT)
        except OSError as error:
            fail(f"cannot read {source}: {error.strerror}", EXIT_INPUT)
    return read_stdin_text()
