"""A person's account on a messaging or social app, written after the app's name.

Cross-border forms and chats give a WeChat ID or an Instagram handle where a phone
number would stand (``微信：xiaowen_qi``, ``IG @candypang.hk``, ``Telegram: @kelvinwong``).
The handle finds the person as surely as the phone does, and is often built from the
name, so it is taken as a PERSON finding, as the corpus labels it. Only after the app's
name with a colon, ``@`` or ``ID``: ``微信支付`` or ``WeChat Pay`` is no handle, and an
official account (``公众号``, ``official``) belongs to a business.
"""

from __future__ import annotations

import re

from guardrail.pii.recognizers.base import RegexRecognizer

_APPS = (
    r"微信(?:號|号|ID|id)?|WeChat(?:[ \t]?ID)?|Wechat(?:[ \t]?ID)?|wechat(?:[ \t]?id)?|wx"
    r"|IG|Instagram|instagram|Telegram|telegram|TG|Line(?:[ \t]?ID)?|LINE(?:[ \t]?ID)?|小紅書|小红书|Signal|Threads"
)
_HANDLE = re.compile(
    rf"(?<![A-Za-z])(?:{_APPS})"
    # the app's name, then a colon, "@" or both; 同號 (the same as the phone) is no handle
    r"(?:[ \t]*[:：][ \t]*@?|[ \t]+@|[ \t]*@)"
    r"([A-Za-z][A-Za-z0-9_.\-]{2,29}[A-Za-z0-9])(?![A-Za-z0-9_@])"
)
_BUSINESS_BEFORE = re.compile(r"(?:公众号|公眾號|官方|official|Official|shop|Shop|店)[^\n]{0,6}$")


class HandleRecognizer(RegexRecognizer):
    """A handle after a messaging or social app's name, not a business's account."""

    def __init__(self) -> None:
        super().__init__("PERSON", "HandleRecognizer", _HANDLE)

    def score(self, match: re.Match[str], text: str) -> float:
        if _BUSINESS_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            return 0.0
        if match[1].lower() in {"same", "pay", "official", "none", "n/a"}:
            return 0.0
        return 0.7
