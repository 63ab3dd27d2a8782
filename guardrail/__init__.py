"""guardrail: runtime middleware that makes LLM calls comply with Hong Kong's
Generative AI Technical and Application Guideline.

``guardrail.completion`` and ``guardrail.acompletion`` are guarded drop-ins for
LiteLLM's; ``guardrail.Guard`` is the guard object for those who assemble their
own. They are imported on first use, so ``import guardrail`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["Guard", "acompletion", "completion"]


def __getattr__(name: str) -> Any:
    if name in ("completion", "acompletion"):
        # Imported on first use: LiteLLM takes a second to import.
        return getattr(importlib.import_module("guardrail.adapters.litellm_wrapper"), name)
    if name == "Guard":
        from guardrail.runtime import Guard

        return Guard
    raise AttributeError(f"module 'guardrail' has no attribute {name!r}")
