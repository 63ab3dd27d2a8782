"""Starting the proxy: config, bind-address safety, logging, workers.

With several workers, uvicorn starts each in its own process through
:func:`app_from_environment`, which re-reads the config: every worker loads its
models once at start-up and shares nothing with the others but the config file.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

import structlog
import uvicorn
from starlette.applications import Starlette

from guardrail.adapters.proxy.app import Proxy, create_app
from guardrail.adapters.proxy.config import ServerConfig, embedded_default, load_config
from guardrail.adapters.proxy.deadlines import HeadDeadlineProtocol
from guardrail.adapters.proxy.listen import announce_when_ready, check_address, is_loopback
from guardrail.attribution import KeyStore
from guardrail.audit.records import check_store
from guardrail.errors import ConfigurationError
from guardrail.pii.vault_stores import check_vault

CONFIG_ENV = "GUARDRAIL_CONFIG"
# uvicorn's settings against slow or idle clients: a request's head must arrive within
# 10 s of its first byte and be at most 64 KB (HeadDeadlineProtocol), an idle keep-alive
# connection is closed after 5 s, and past 1,000 open connections new requests get 503.
SERVER_LIMITS = {"http": HeadDeadlineProtocol, "timeout_keep_alive": 5, "limit_concurrency": 1000}


def read_config(path: str | Path | None) -> ServerConfig:
    return load_config(path) if path else embedded_default()


def check_bind(host: str, config: ServerConfig, *, insecure: bool) -> None:
    """Refuse a non-loopback address without API keys, unless explicitly insecure."""
    if config.keys or insecure or is_loopback(host):
        return
    raise ConfigurationError(
        f"refusing to listen on {host} with no API keys configured: anyone who can reach it "
        "could use the upstream models. Add 'keys' to the config, bind to 127.0.0.1, or pass "
        "--insecure-no-keys if you really mean it."
    )


# LiteLLM's loggers: it gives them plain-text handlers of its own at import.
LITELLM_LOGGERS = ("LiteLLM", "LiteLLM Router", "LiteLLM Proxy")


def configure_logging() -> None:
    """One JSON line per event on stderr; never content, only ids, codes and counts.

    Libraries' own log records (LiteLLM's, uvicorn's errors) are rendered as JSON
    lines too, at warning level and above, so the log stays one JSON object per line."""
    stamp: list[Any] = [
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    structlog.configure(
        processors=[*stamp, structlog.processors.JSONRenderer(ensure_ascii=False)],
        logger_factory=structlog.PrintLoggerFactory(sys.stderr),
        cache_logger_on_first_use=True,
    )
    import litellm._logging  # noqa: F401 - LiteLLM sets up its loggers here; ours must come after

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.JSONRenderer(ensure_ascii=False),
            ],
            foreign_pre_chain=[*stamp, structlog.stdlib.add_logger_name],
        )
    )
    for name in (*LITELLM_LOGGERS, ""):
        library = logging.getLogger(name)
        library.handlers[:] = [handler]
        library.setLevel(logging.WARNING)
        library.propagate = False


def app_from_environment() -> Starlette:
    """uvicorn's factory in each worker process."""
    configure_logging()
    return create_app(Proxy(read_config(os.environ.get(CONFIG_ENV) or None)))


def say(line: str) -> None:
    """A start-up progress line on stderr (stdout stays free for whoever pipes it)."""
    print(f"guardrail: {line}", file=sys.stderr, flush=True)


def serve(config_path: str | None, *, host: str, port: int, workers: int, insecure: bool) -> None:
    """Check the address, load, then serve; ``ready`` is printed only once calls succeed."""
    started = time.monotonic()
    check_address(host, port)
    config = read_config(config_path)
    check_bind(host, config, insecure=insecure)
    configure_logging()
    # log_config=None: uvicorn keeps its loggers on ours (JSON lines) rather than its own text format.
    options = {
        "host": host,
        "port": port,
        "access_log": False,
        "log_level": "warning",
        "log_config": None,
        **SERVER_LIMITS,
    }
    url = f"http://{f'[{host}]' if ':' in host else host}:{port}/v1"
    say(
        f"starting the proxy (policy {config.policy}, models: "
        f"{', '.join(e.model_name for e in config.model_list)}, workers: {workers})"
    )
    announce_when_ready(host, port, lambda: say(f"ready on {url} ({time.monotonic() - started:.1f} s)"))
    if workers > 1:
        say(f"each of the {workers} workers loads the policy's checks and LiteLLM")
        # Make the signing key before the workers start, so they all sign with one key
        # rather than each generating its own.
        KeyStore.from_settings(config.data_dir / "keys", config.attribution)
        check_vault(config.vault)
        check_store(config.audit_path, config.audit_trail)
        if config_path:
            os.environ[CONFIG_ENV] = str(Path(config_path).resolve())
        uvicorn.run("guardrail.adapters.proxy.serve:app_from_environment", factory=True, workers=workers, **options)  # type: ignore[arg-type]
        return
    proxy = Proxy(config, progress=say)
    say(f"loaded in {time.monotonic() - started:.1f} s; warming up LiteLLM and opening {host}:{port}")
    uvicorn.run(create_app(proxy), **options)  # type: ignore[arg-type]
