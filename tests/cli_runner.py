"""The ``guardrail`` command run in this process, for tests that read what it prints.

Starting ``python -m guardrail.cli`` costs 5-20 s on a busy machine (spaCy, Presidio and
LiteLLM are imported each time) and, for ``scan``, another spaCy load. Most command tests
are about arguments, output and exit codes, not the process, so they run the same Click
command through Click's runner: same parser, same code, same exit codes, stdout and stderr
kept apart. Redactors are built once per policy (and environment) and reused, as a
long-lived process would. Tests about the process itself (a terminal, real pipes, a cold
start, signals) start one with :func:`run_process`.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guardrail.pii.redactor import Redactor
    from guardrail.policy import LoadedPolicy

# Built redactors by policy content and the environment that shapes them (hash key, model).
_REDACTORS: dict[tuple[str, tuple[tuple[str, str], ...]], Redactor] = {}


def _redactor_key(loaded: LoadedPolicy) -> tuple[str, tuple[tuple[str, str], ...]]:
    settings = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("GUARDRAIL_")))
    return loaded.ref.content_hash, settings


def share_redactor(loaded: LoadedPolicy, redactor: Redactor) -> None:
    """Let the command reuse ``redactor`` (say, the session's) for ``loaded``'s policy."""
    _REDACTORS.setdefault(_redactor_key(loaded), redactor)


@contextlib.contextmanager
def _built_once() -> Iterator[None]:
    """While the command runs, ``personal_data_redactor`` builds each policy's redactor once."""
    from guardrail.pii import check

    build: Callable[[LoadedPolicy], Redactor] = check.personal_data_redactor

    def cached(loaded: LoadedPolicy) -> Redactor:
        key = _redactor_key(loaded)
        if key not in _REDACTORS:
            _REDACTORS[key] = build(loaded)
        return _REDACTORS[key]

    check.personal_data_redactor = cached
    try:
        yield
    finally:
        check.personal_data_redactor = build


def run_cli(
    *args: str,
    stdin: bytes | str | None = None,
    cwd: Path | None = None,
    env: Mapping[str, str | None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``guardrail ARGS`` run in this process (Click's runner over the command that
    ``python -m guardrail.cli`` runs): its exit code and its two outputs. ``env`` entries
    set to ``None`` are removed for the run; ``cwd`` is the working folder for the run.
    An exception the command does not turn into an exit code is raised here (where a
    process would have printed a traceback)."""
    import typer
    from click.testing import CliRunner

    from guardrail.cli.app import app
    from guardrail.cli.help import plain_flags

    command = plain_flags(typer.main.get_command(app))
    with contextlib.chdir(cwd or Path.cwd()), _built_once():
        result = CliRunner().invoke(command, list(args), input=stdin, env=env, prog_name="guardrail")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(["guardrail", *args], result.exit_code, result.stdout, result.stderr)


def run_process(
    *args: str,
    stdin: bytes | str = b"",
    cwd: Path | None = None,
    env: Mapping[str, str | None] | None = None,
    timeout: float = 180,
) -> subprocess.CompletedProcess[str]:
    """``python -m guardrail.cli ARGS`` as its own process, through real pipes; for what
    only a process shows (the interpreter's own encodings, piping a lot of data)."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    environment = {**os.environ}
    for name, value in (env or {}).items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    result = subprocess.run(
        [sys.executable, "-m", "guardrail.cli", *args],
        input=data,
        cwd=cwd,
        env=environment,
        check=False,
        capture_output=True,
        timeout=timeout,
    )
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode(), result.stderr.decode())
