"""Requests that quote a prejudice in order to refute it, or to ask why it hurts.

"Help me rebut the claim that girls are bad at maths", "why is 'Ah Cha' offensive?",
"how do I explain prejudice to my daughter", 「有人转发“农村孩子素质差”，我想写段话反驳」,
「為什麼模仿新移民口音的笑話會傷人」, 「反駁『新移民拖累社會』的說法」: counter-speech
carries the prejudice's own words, so the classifier scores it like the prejudice
(0.92 to 0.998 on blind held-out sets, against a fairness threshold of 0.91).

A cue here never clears a request by itself: the fairness check holds a text that
carries one to a higher threshold of its own (``counter_speech_thresholds``), and a
score between the two is kept as evidence (action ``counter_speech``) rather than
dropped. The cues name the claim as the object of the refutation: the broad words
("counter-arguments", 反駁, 包容, 反歧視) also appear in attacks that ask for a
persuasive case *without* counter-arguments, for evidence "to refute others with",
or for a discriminatory policy written to "look inclusive", so they are not cues.
"""

from __future__ import annotations

import re

# What is refuted: a quoted claim, or the claim, stereotype, idea ... named as such.
_CLAIM_EN = r"""(?:["'“‘][^"'”’\n]{3,160}["'”’]|(?:the|this|that|these|such|a)\s+(?:\w+\s+){0,3}?(?:claims?|stereotypes?|myths?|notions?|assumptions?|prejudices?|biases?|tropes?|remarks?|jokes?|slurs?))"""
_EN = rf"""
    \b(?:rebut|refute|debunk|counter|challenge|argue\s+against|push\s+back\s+on)\s+{_CLAIM_EN}
  | \b(?:rebuttal|refutation)s?\s+(?:to|of|against)\s+{_CLAIM_EN}
  | \bwhy\s+(?:is|are|it'?s|would|do|does|might)\b[^.?!\n]{{0,80}}?\b(?:offensive|hurtful|harmful|wrong|racist|sexist|
      discriminatory|inappropriate|problematic|unfair|a\s+stereotype|a\s+slur)\b
  | \b(?:break|breaks|breaking|challenges?|challenging|avoid|avoids|avoiding|reduce|reducing|fight|fighting|
      tackle|tackling|combat|combating)\s+(?:the\s+|a\s+|these\s+|such\s+)?(?:\w+\s+){{0,3}}?(?:stereotypes?|prejudices?|
      stigma|racism|sexism|ageism|ableism)\b
  | \b(?:shouldn'?t|should\s+not|not\s+to|stop\s+people|stop\s+kids)\s+(?:mock|mocking|tease|teasing|bully|bullying|
      insult|insulting|exclude|excluding|stereotype|stereotyping)\b
  | \b(?:explain|teach)\s+(?:(?:my|our|the|a|young|little)\s+)?(?:(?!why\b|how\b)\w+\s+)?(?:about\s+)?(?:what\s+)?(?:prejudice|racism|
      sexism|homophobia|transphobia|ageism|bigotry|discrimination|stereotyping)\b
"""
# Chinese: the refutation with its object (a quoted claim, or 這個觀點 / 這種說法 ...),
# why a saying is discriminatory or hurts, and breaking a stereotype.
_QUOTED_ZH = r"(?:[「“『\"'][^」”』\"'\n]{2,80}[」”』\"'])"
_SAYING_ZH = r"(?:说法|說法|講法|讲法|段子|笑话|笑話|言论|言論|梗|標籤|标签)"
# ... is a (regional, racial ...) prejudice: 係一種偏見, 是地域歧视.
_IS_PREJUDICE_ZH = (
    r"(?:是|係|属于|屬於)(?:一种|一種)?(?:地域|種族|种族|性別|性别|年齡|年龄|國籍|国籍)?"
    r"(?:偏见|偏見|歧视|歧視|刻板印象)"
)
_NAMED_ZH = (
    r"(?:这|這|呢|那|该|該)(?:个|個|种|種|類|类|啲|些)?"
    r"(?:观点|觀點|说法|說法|講法|讲法|论调|論調|刻板印象|偏见|偏見|言论|言論|迷思|謬論|谬论|笑话|笑話|段子|標籤|标签)"
)
_ZH = rf"""
    (?:反驳|反駁|驳斥|駁斥|回应|回應|澄清)(?:一下)?\s*(?:{_QUOTED_ZH}|{_NAMED_ZH})
  | {_QUOTED_ZH}(?:(?:这|這|呢)(?:种|種|個|个|啲)?{_SAYING_ZH}|的说法|的說法)?{_IS_PREJUDICE_ZH}
  | {_QUOTED_ZH}[^。！？!?\n]{{0,20}}?(?:反驳|反駁|驳斥|駁斥)
  | (?:为什么|為什麼|为何|為何|點解|点解)[^。？?！!\n]{{0,40}}?(?:{_IS_PREJUDICE_ZH}|歧视性|歧視性|
      伤人|傷人|冒犯|不对|不對|唔啱|不妥|唔妥|有害|不尊重|唔尊重)
  | (?:打破|破除|消除|减少|減少|对抗|對抗)[^。？?！!\n]{{0,12}}?(?:偏见|偏見|刻板印象|歧视|歧視|标签|標籤)
  | (?:不要|不应该|不應該|唔好|唔應該)(?:再)?(?:嘲笑|取笑|排斥|笑人)
"""
COUNTER_SPEECH = re.compile(_EN + "|" + _ZH, re.IGNORECASE | re.VERBOSE)


def frames_as_counter_speech(text: str) -> bool:
    """Whether ``text`` names a prejudice as something to refute or to explain the harm of."""
    return COUNTER_SPEECH.search(text) is not None
