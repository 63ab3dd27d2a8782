"""``guardrail policy validate`` and ``guardrail policy show``."""

from __future__ import annotations

import yaml

from guardrail.policy import LoadedPolicy


def describe(loaded: LoadedPolicy) -> str:
    """One line identifying a policy: id, version, hash and where it came from."""
    ref = loaded.ref
    return f"{ref.id} {ref.version} {ref.content_hash} ({loaded.source})"


def render(loaded: LoadedPolicy) -> str:
    """The policy as validated YAML, with each check's settings defaults filled in."""
    data = loaded.effective()
    header = (
        f"# policy {loaded.ref.id} version {loaded.ref.version}\n"
        f"# content hash {loaded.ref.content_hash}\n# source: {loaded.source}\n"
    )
    body: str = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return header + body
