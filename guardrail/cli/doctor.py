"""``guardrail doctor``: what is installed and configured, checked offline.

Before a first start, or when a start fails, one command answers the usual questions:
is the policy valid (and which hash will every record cite), is the spaCy model there,
which models and how many API keys the config has, can the data folder and the audit
store be written, are the signing keys private, and does the trace exporter's address
accept a connection. Nothing is sent anywhere: reachability is a TCP connect that is
closed at once, and no secret value is printed, only whether it is set.

Exit 0 when nothing is a problem (warnings allowed), 1 otherwise, 2 for usage errors.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import stat
import sys
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from guardrail.errors import GuardrailError

Status = Literal["ok", "warn", "problem"]
DISTRIBUTION = "hk-genai-guardrail"
# What the proxy needs at run time, by distribution name.
RUNTIME = ("presidio-analyzer", "spacy", "litellm", "uvicorn", "starlette", "opentelemetry-sdk")
CONNECT_TIMEOUT = 1.5


@dataclass(frozen=True)
class Finding:
    status: Status
    topic: str
    detail: str


def run_doctor(config_path: Path | None, data_dir: Path | None) -> None:
    """Print one line per finding; exit 1 if any is a problem."""
    findings = list(diagnose(config_path, data_dir))
    width = max(len(f.topic) for f in findings)
    for finding in findings:
        print(f"{finding.status:<7}  {finding.topic:<{width}}  {finding.detail}")
    problems = sum(f.status == "problem" for f in findings)
    warnings = sum(f.status == "warn" for f in findings)
    print(f"{problems} problem(s), {warnings} warning(s)")
    if problems:
        raise SystemExit(1)


def diagnose(config_path: Path | None, data_dir: Path | None) -> Iterator[Finding]:
    """Every finding, in the order a reader would check them."""
    yield from _installed()
    config = yield from _config(config_path)
    if config is None:
        return
    folder = data_dir or (config.data_dir if config_path else _default_data_dir())
    for name in sorted({config.policy, *(key.policy for key in config.keys if key.policy)}):
        yield from _policy(name)
    yield from _models(config)
    tenants = sorted({key.tenant for key in config.keys})
    yield Finding(
        "ok",
        "API keys",
        f"{len(config.keys)} ({', '.join(tenants)})"
        if config.keys
        else "none: the proxy refuses non-loopback addresses (unless --insecure-no-keys)",
    )
    yield from _data_folder(folder)
    yield from _signing_keys(folder / "keys")
    yield from _audit_store(config.audit_path if not data_dir else folder / config.audit_path.name)
    yield from _exporter(config.telemetry, folder)


def _default_data_dir() -> Path:
    from guardrail.cli.paths import data_dir

    return data_dir()


def _installed() -> Iterator[Finding]:
    try:
        own = version(DISTRIBUTION)
    except PackageNotFoundError:
        own = "not installed as a distribution (source tree)"
    python = ".".join(map(str, sys.version_info[:3]))
    yield Finding("ok", "guardrail", f"{own} (Python {python}, {sys.prefix})")
    found, missing = [], []
    for name in RUNTIME:
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            missing.append(name)
    yield Finding(
        "problem" if missing else "ok", "packages", f"missing: {', '.join(missing)}" if missing else ", ".join(found)
    )


def _config(path: Path | None) -> Generator[Finding, None, Any]:
    """Findings about the config; returns it (``None`` if it cannot be read)."""
    from guardrail.adapters.proxy.config import embedded_default, load_config

    if path is None:
        yield Finding("ok", "config", "none given: the embedded default (offline demo model, no keys)")
        return embedded_default()
    try:
        config = load_config(path)
    except GuardrailError as error:
        yield Finding("problem", "config", str(error))
        return None
    yield Finding("ok", "config", f"{path}: valid")
    return config


def _policy(name: str) -> Iterator[Finding]:
    from guardrail.pii.settings import PersonalDataSettings
    from guardrail.policy import load_policy

    try:
        loaded = load_policy(name)
    except GuardrailError as error:
        yield Finding("problem", "policy", str(error))
        return
    ref = loaded.ref
    source = loaded.source if loaded.source.startswith("built-in") else Path(loaded.source).name
    yield Finding(
        "ok", "policy", f"{ref.id} {ref.version} {ref.content_hash} ({len(loaded.policy.checks)} checks, {source})"
    )
    for settings in loaded.settings.values():
        if isinstance(settings, PersonalDataSettings) and settings.ner:
            yield _spacy_model(os.environ.get("GUARDRAIL_SPACY_MODEL") or settings.nlp_model)


def _spacy_model(name: str) -> Finding:
    """Whether the package is importable, without loading it (that takes seconds)."""
    if importlib.util.find_spec(name) is None:
        return Finding(
            "problem",
            "spaCy model",
            f"{name} is not installed (pip install the package of that name, "
            "or set ner: false in the policy for patterns only)",
        )
    try:
        installed = version(name.replace("_", "-"))
    except PackageNotFoundError:
        installed = "version unknown"
    return Finding("ok", "spaCy model", f"{name} {installed}")


def _models(config: Any) -> Iterator[Finding]:
    for entry in config.model_list:
        params = entry.litellm_params
        parts = [str(params["model"])]
        base = params.get("api_base")
        if base:
            parts.append(f"at {_origin(str(base))}")
        if "api_key" in params:
            parts.append("API key set" if params["api_key"] else "API key empty")
        status: Status = "ok"
        if base:
            reachable = _connects(str(base))
            parts.append("reachable" if reachable else "not reachable now")
            status = "ok" if reachable else "warn"
        yield Finding(status, f"model {entry.model_name}", ", ".join(parts))


def _data_folder(folder: Path) -> Iterator[Finding]:
    if not folder.exists():
        parent = next((p for p in folder.absolute().parents if p.exists()), Path("/"))
        writable = os.access(parent, os.W_OK)
        yield Finding(
            "ok" if writable else "problem",
            "data folder",
            f"{folder} does not exist yet; "
            + ("it will be created at start" if writable else f"{parent} is not writable, so it cannot be created"),
        )
        return
    if not folder.is_dir():
        yield Finding("problem", "data folder", f"{folder} is not a folder")
        return
    if not os.access(folder, os.W_OK | os.X_OK):
        yield Finding("problem", "data folder", f"{folder} is not writable by this user")
        return
    mode = stat.S_IMODE(folder.stat().st_mode)
    if mode & 0o002:
        yield Finding("problem", "data folder", f"{folder} is writable by every user (mode {mode:o})")
    else:
        yield Finding("ok", "data folder", f"{folder}, writable (mode {mode:o})")


def _signing_keys(folder: Path) -> Iterator[Finding]:
    keys = sorted(folder.glob("ed25519-*.pem")) if folder.is_dir() else []
    if not keys:
        yield Finding("ok", "signing keys", "none yet: one is generated at first start")
        return
    exposed = [path.name for path in keys if stat.S_IMODE(path.stat().st_mode) & 0o077]
    if exposed:
        yield Finding(
            "problem",
            "signing keys",
            f"{len(exposed)} of {len(keys)} readable by other users (chmod 600 {folder}/*.pem)",
        )
    else:
        yield Finding("ok", "signing keys", f"{len(keys)} in {folder}, owner-only")


def _audit_store(path: Path) -> Iterator[Finding]:
    if path.name == "audit.postgres":  # no file: the trail is in PostgreSQL (not contacted here)
        if not os.environ.get("GUARDRAIL_DATABASE_URL"):
            yield Finding("problem", "audit store", "postgres, but GUARDRAIL_DATABASE_URL is not set")
        else:
            yield Finding(
                "ok",
                "audit store",
                "PostgreSQL at $GUARDRAIL_DATABASE_URL (not contacted); check it with: guardrail audit verify "
                "--store postgres --jwks <the fleet's checkpoint keys>",
            )
        return
    if not path.exists():
        yield Finding("ok", "audit store", f"{path}: none yet (created with the first call)")
        return
    target = path if path.is_dir() else path.parent
    if not os.access(target, os.W_OK):
        yield Finding("problem", "audit store", f"{path} is not writable by this user")
        return
    size = sum(p.stat().st_size for p in path.iterdir()) if path.is_dir() else path.stat().st_size
    files = f"{len(list(path.glob('audit-*.jsonl')))} day file(s), " if path.is_dir() else ""
    yield Finding(
        "ok",
        "audit store",
        f"{path}: {files}{size:,} bytes; check it with: guardrail audit verify "
        f"{path} --jwks <a copy of the checkpoint keys>",
    )


def _exporter(telemetry: Any, folder: Path) -> Iterator[Finding]:
    kind = str(telemetry.exporter)
    if kind == "none":
        yield Finding("ok", "trace exporter", "none (tracing off)")
    elif kind == "console":
        yield Finding("ok", "trace exporter", "console (stderr)")
    elif kind == "file":
        target = telemetry.file or folder / "traces.jsonl"
        yield Finding("ok", "trace exporter", f"file {target}")
    else:
        endpoint = (
            telemetry.otlp_endpoint
            or os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
            or os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT")
            or "http://localhost:4318"
        )
        if _connects(endpoint):
            yield Finding("ok", "trace exporter", f"otlp {_origin(endpoint)} accepts connections (nothing sent)")
        else:
            yield Finding(
                "problem",
                "trace exporter",
                f"otlp {_origin(endpoint)} does not accept connections: "
                "spans would be dropped (start the collector, or set telemetry.exporter)",
            )


def _origin(url: str) -> str:
    """Scheme, host and port only: a URL's path or query might carry a token."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}{f':{parts.port}' if parts.port else ''}" if parts.hostname else "?"


def _connects(url: str) -> bool:
    """A TCP connect to the URL's host and port, closed at once; no request is sent."""
    parts = urlsplit(url)
    if not parts.hostname:
        return False
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        with socket.create_connection((parts.hostname, port), timeout=CONNECT_TIMEOUT):
            return True
    except (OSError, ValueError):
        return False
