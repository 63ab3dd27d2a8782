"""Names written in Chinese characters by their sounds, parts joined by a middle dot:
``买买提·吐尔逊``, ``阿依古丽·买买提``, ``古麗娜爾·買買提``.

Uyghur, Kazakh and other minority names in mainland records, and foreign names in
Chinese (``约翰·史密斯``), are spelt syllable by syllable in a small set of characters
that carry sound rather than meaning, the parts joined by ``·``. No surname list knows
them. The same dot also joins a brand and its branch (``碧桂园·凤凰城``, ``禾悦家政·南山店``),
whose parts are words; so a span counts only when every character of each part is one
used for sounds, and a part ends where such characters do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrail.pii.recognizers.name_lexicon import both_scripts_chars

# Characters used to write names by sound (Traditional; Simplified forms added).
_SOUND_CHARS = both_scripts_chars(
    "阿埃艾愛安昂奧巴拜班邦鮑貝本比彼畢賓波伯博布不采查達戴丹德迪蒂丁東杜多厄恩爾兒法凡范菲費芬豐弗伏福"
    "蓋甘岡戈格古哈海漢汗罕豪赫亨胡華霍基吉加賈傑金卡凱坎康考柯科克肯庫誇拉萊賴蘭朗勞勒雷里利莉麗"
    "連林琳留隆盧魯路倫羅洛馬瑪邁麥買曼芒毛梅蒙米密敏明莫默姆穆納娜乃奈南內尼妮聶努諾帕派潘佩彭皮"
    "普奇齊恰喬切瓊丘熱若薩塞賽桑瑟森沙莎山尚舍史士斯松蘇索塔泰坦湯特提廷通圖托吐瓦萬旺威韋維溫"
    "沃烏吾西希錫夏肖謝辛休遜雅亞揚耶伊依因英尤約扎詹朱卓孜茲卜合都力江木姑孔赤爾則呷夫娃洪"
)
_DOTS = "·•・‧"
_SOUND_CLASS = "".join(sorted(_SOUND_CHARS))
# Each part a run of sound characters; the run starts where the word before it ends
# (爸爸买买提·吐尔逊: 爸 is no sound character, so the name starts at 买).
_DOTTED = re.compile(
    rf"(?<![{_SOUND_CLASS}])[{_SOUND_CLASS}]{{2,6}}(?:[{_DOTS}][{_SOUND_CLASS}]{{2,6}}){{1,2}}(?![{_SOUND_CLASS}])"
)


def transliterated_names(text: str) -> Iterator[tuple[int, int, float]]:
    """Spans of dotted names whose every part is spelt in sound characters."""
    if not any(dot in text for dot in _DOTS):
        return
    for match in _DOTTED.finditer(text):
        if text.rfind("《", 0, match.start()) > text.rfind("》", 0, match.start()):
            continue  # 《哈利·波特》: a book's or a film's title, its hero's name in it
        yield match.start(), match.end(), 0.75


FINDERS = (transliterated_names,)
