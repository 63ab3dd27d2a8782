"""``re``'s own parser and opcodes, for the modules that read a pattern's parse tree.

:mod:`guardrail.text.prefilter` and :mod:`guardrail.text.start_gate` both work out, from
a compiled pattern's parse tree, something every match must have. The parser is internal
to ``re``: on a Python without it, both are ``None`` here and those modules leave their
patterns as they are (correct, only slower).
"""

from __future__ import annotations

import importlib
from typing import Any

constants: Any
parser: Any
try:
    constants = importlib.import_module("re._constants")
    parser = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - other Pythons
    constants = parser = None
