"""A light policy, one cheap secrets check and no language models to load, and a server
config serving it, for the tests that start the proxy in processes of its own or count
its trail's writes.

Trail integrity under concurrency and after a crash needs no language models: with this
policy two workers start in seconds even on a busy machine (each loading the default
policy's models took over 90 s there, on two loaded cores) and its cheap check keeps
the calls short, so the workers' appends to the one trail interleave more densely.
"""

from __future__ import annotations

from pathlib import Path


def light_policy(on_write_error: str | None = None) -> str:
    """The policy's YAML; ``on_write_error`` (``continue``, ``refuse``) sets what a failed
    trail write does, and names the policy ``light-<mode>`` after it."""
    name = "light" if on_write_error is None else f"light-{on_write_error}"
    audit = "" if on_write_error is None else f"audit: {{ on_write_error: {on_write_error} }}\n"
    return f"""
id: {name}
version: "1.0.0"
default_use_case: general
use_cases:
  general: {{ tier: limited }}
{audit}checks:
  - name: secrets
    type: secrets
    stages: [input, output]
    dimensions: [system_security]
    principles: [security_transparency]
    settings: {{ action: redact }}
"""


def write_light_config(folder: Path, upstream_url: str) -> Path:
    """``light.yaml`` and a ``config.yaml`` serving it, whose one model, ``echo``, is at
    ``upstream_url``, written in ``folder``; the config's path."""
    (folder / "light.yaml").write_text(light_policy())
    config = folder / "config.yaml"
    config.write_text(f"""
policy: light.yaml
model_list:
  - model_name: echo
    litellm_params: {{model: openai/echo, api_base: "{upstream_url}/v1", api_key: k}}
""")
    return config
