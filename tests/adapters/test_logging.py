"""The proxy's log is one JSON object per line, whoever logs: guardrail, LiteLLM or uvicorn."""

from __future__ import annotations

import json
import os
import subprocess
import sys

SCRIPT = """
from guardrail.adapters.proxy.serve import configure_logging
configure_logging()
import logging
import litellm
import structlog
logging.getLogger("LiteLLM").warning("a warning\\nover two lines")
logging.getLogger("LiteLLM Router").info("below the level: not shown")
litellm.verbose_logger.warning("from LiteLLM's verbose logger")
logging.getLogger("uvicorn.error").warning("from uvicorn")
structlog.get_logger("guardrail.calls").info("call", status=200)
"""


def test_every_line_on_stderr_is_one_json_object() -> None:
    environment = {**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, env=environment, check=True
    )
    lines = run.stderr.splitlines()
    events = [json.loads(line) for line in lines]  # fails on any line that is not JSON
    assert [event["event"] for event in events] == [
        "a warning\nover two lines",
        "from LiteLLM's verbose logger",
        "from uvicorn",
        "call",
    ]
    assert all("timestamp" in event and "level" in event for event in events)
