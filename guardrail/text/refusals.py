"""Answers that open by declining.

An answer that opens by declining ("I'm sorry, I can't help with making explosives") is
not the harmful content its words mention, so the checks that read answers (the rule
checks, the threat classifier) skip it. One definition for both, kept down here with the
other text helpers so that neither check depends on the other for it.
"""

from __future__ import annotations

import re

REFUSAL = re.compile(
    r"^\W{0,3}(?:(?:i'?m |i am )?sorry|i (?:can(?:no|')t|won'?t|will not|am (?:not able|unable)|must decline)"
    r"|unfortunately,? i|抱歉|對不起|对不起|我不能|我無法|我无法|我唔可以|我唔能夠|唔好意思)",
    re.IGNORECASE,
)
# How far into an answer the refusal is looked for.
REFUSAL_SCAN_CHARS = 200
