"""Untrusted text made safe to print: nothing in an answer may drive the terminal.

A manifest's values (the model an upstream reported, a tampered field) and an
answer's text reach the verifier's output. Control characters (C0, C1, DEL),
format characters (bidirectional overrides, zero-width joiners, the BOM), line and
paragraph separators, surrogates, private-use code points and variation selectors
are shown as ``\\uXXXX`` escapes instead, so an ANSI sequence cannot repaint the
screen to say ``status: valid``, and a newline cannot forge a line of the report.
"""

from __future__ import annotations

import re
import unicodedata

_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def escaped(text: str) -> str:
    """``text`` with every character that could act on a terminal escaped (one
    line of visible characters; spaces kept)."""
    out = []
    for ch in text:
        if unicodedata.category(ch) in _UNSAFE_CATEGORIES or _VARIATION_SELECTORS.match(ch):
            code = ord(ch)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out)


def escaped_json(document: str) -> str:
    """Serialised JSON with the same characters written as JSON escapes (surrogate
    pairs beyond the BMP), so it stays valid JSON that means the same. Raw newlines
    are kept: ``json.dumps`` escapes those inside strings, so the ones left are layout."""
    out = []
    for ch in document:
        if ch != "\n" and (unicodedata.category(ch) in _UNSAFE_CATEGORIES or _VARIATION_SELECTORS.match(ch)):
            code = ord(ch)
            if code > 0xFFFF:
                code -= 0x10000
                out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
            else:
                out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def safe(text: str) -> bool:
    """Whether ``text`` prints as itself."""
    return escaped(text) == text
