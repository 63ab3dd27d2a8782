"""Names found by where they stand, not by what they are (fields and tables are read
in :mod:`name_fields`, the extent of each name in :mod:`name_spans`).

Word lists cannot know every name (``Emily Petrova``, ``Karthik Raman``, ``韓梓涵``),
but the text around a name often says that one is there:

- a labelled field: ``Claimant: Emily Petrova``, ``Guest name: SCHMIDT, Lukas``,
  ``姓名：韓 梓 涵``, a JSON key (``"name": ...``, ``"持卡人": ...``), a table column
  headed Name or 姓名, a CSV column likewise;
- a chat speaker: ``[12/3/24, 21:15] Winnie: ...``, ``Kelly 9F: ...`` when the label
  repeats down the text;
- a greeting, title or sign-off: ``Hi Ivy``, ``Mr Chakraborty``, ``Thanks,\\nRicky Tse``;
- a phrase that introduces a name: ``her name is Vivian``, ``booking under ...``,
  ``我老婆 Carol``, ``佢叫 ...``;
- the form a name takes in travel documents: ``MAK/WINGSZE MS``, a passport's machine
  readable zone (``P<INDMENON<<ARJUN<KRISHNA``).

A given name that is not also a word (``Priyanka``, ``Sandeep``) is taken on its own;
one that is (``King``, ``Apple``, ``Coco``) only in one of the positions above. Places,
buildings and brands from the gazetteer, and words that are roles or field names
(``Mum``, ``Agent``, ``Tel``), are never names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from presidio_analyzer import LocalRecognizer, RecognizerResult

from guardrail.pii.recognizers.base import LANGUAGE, tagged_result
from guardrail.pii.recognizers.name_cell_tables import FINDERS as _CELL_TABLE_FINDERS
from guardrail.pii.recognizers.name_chat_formats import FINDERS as _CHAT_FORMAT_FINDERS
from guardrail.pii.recognizers.name_cues import FINDERS as _CUE_FINDERS
from guardrail.pii.recognizers.name_fields import (
    aligned_tables as _aligned_tables,
)
from guardrail.pii.recognizers.name_fields import (
    csv_tables as _csv_tables,
)
from guardrail.pii.recognizers.name_fields import (
    labelled as _labelled,
)
from guardrail.pii.recognizers.name_fields import (
    markdown_tables as _markdown_tables,
)
from guardrail.pii.recognizers.name_fields import (
    signed_off_initials_and_logins as _signed_off_initials_and_logins,
)
from guardrail.pii.recognizers.name_fields import (
    xml_fields as _xml_fields,
)
from guardrail.pii.recognizers.name_forms import FINDERS as _FORM_FINDERS
from guardrail.pii.recognizers.name_hyphenated import FINDERS as _HYPHENATED_FINDERS
from guardrail.pii.recognizers.name_ja_surnames import FINDERS as _JA_SURNAME_FINDERS
from guardrail.pii.recognizers.name_kv_tables import FINDERS as _KV_TABLE_FINDERS
from guardrail.pii.recognizers.name_lexicon import (
    AMBIGUOUS_GIVEN,
    HAN,
    ZH_DATE_STAMP,
    ZH_HONORIFICS,
    both_scripts,
    is_given,
    is_place,
    is_surname,
    never_a_name,
    zh_name_shape,
    zh_place_overlaps,
    zh_surname_length,
)
from guardrail.pii.recognizers.name_lexicon import (
    COMMON_ZH_SURNAMES as _COMMON_ZH_SURNAMES,
)
from guardrail.pii.recognizers.name_lexicon import (
    GIVEN as GIVEN_LOWER,
)
from guardrail.pii.recognizers.name_mentions import before_org as _before_org
from guardrail.pii.recognizers.name_mentions import inside_place as _inside_place
from guardrail.pii.recognizers.name_payee import FINDERS as _PAYEE_FINDERS
from guardrail.pii.recognizers.name_pets import is_pet
from guardrail.pii.recognizers.name_rosters import FINDERS as _ROSTER_FINDERS
from guardrail.pii.recognizers.name_spans import (
    HAN_CHAR as _HAN_CHAR,
)
from guardrail.pii.recognizers.name_spans import (
    ORG_WORDS,
    L,
    U,
    chinese_name_at,
    latin_name_at,
)
from guardrail.pii.recognizers.name_spans import (
    STOP as _STOP,
)
from guardrail.pii.recognizers.name_spans import (
    WORD as _WORD,
)
from guardrail.pii.recognizers.name_spans import (
    spaced as _spaced,
)
from guardrail.pii.recognizers.name_things import after_car_maker, after_place_preposition, before_affiliate
from guardrail.pii.recognizers.name_word_mentions import FINDERS as _WORD_NAME_FINDERS
from guardrail.pii.recognizers.name_zh_addressed import FINDERS as _ZH_ADDRESSED_FINDERS
from guardrail.pii.recognizers.name_zh_spaced import FINDERS as _ZH_SPACED_FINDERS
from guardrail.pii.recognizers.name_zh_transliterated import FINDERS as _ZH_TRANSLITERATED_FINDERS
from guardrail.pii.recognizers.names_data import (
    GIVEN_SYLLABLES,
    TITLES,
)
from guardrail.text.start_gate import gate

ENTITY = "PERSON"

# ---- speakers, greetings, titles, sign-offs, introductions ----

_TIMESTAMP = (
    r"(?:\[[^\]\n]{3,30}\][ \t]*"
    r"|\d{1,2}[:.]\d{2}(?:[ \t]*[AaPp]\.?[Mm]\.?)?[ \t]+(?:-[ \t]+)?"
    r"|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?[ \t]+\d{1,2}:\d{2}(?::\d{2})?[ \t]*(?:[AaPp][Mm])?[ \t]*-[ \t]*"
    # A group log's day and month without the year: 30/11 08:02 CSO Wing:
    r"|\d{1,2}/\d{1,2}[ \t]+\d{1,2}:\d{2}[ \t]+(?:-[ \t]+)?"
    # a WeChat export's year first and no dash: 2026/11/21 10:02 符佳：
    r"|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}[ \t]+\d{1,2}:\d{2}(?::\d{2})?[ \t]+"
    rf"|{ZH_DATE_STAMP})"
)
_SPEAKER = re.compile(rf"(?m)^[ \t]*(?P<stamp>{_TIMESTAMP})?(?P<who>[^\n:：>\[\]]{{1,40}}?)[ \t]*[:：>](?![/\d])")
_KIN_PREFIX = frozenset(
    "auntie aunty aunt uncle foreman cousin grandma grandpa granny master sifu ah designer "
    "plumber electrician painter decorator tutor coach".split()
)
_KIN_SUFFIX = frozenset("mama mami mum mummy mom mommy daddy dad papa ma pa".split())
# Accented letters too: Léa, Zoë and Bergström speak in chats as well.
_SPEAKER_WORD = re.compile(rf"[{L}][{L}'’]*(?:-[{L}]+)*")


def _speakers(text: str) -> Iterator[tuple[int, int, float]]:
    found = []
    counts: Counter[str] = Counter()
    for match in _SPEAKER.finditer(text):
        who = match["who"]
        other = _other_speaker(who, stamped=match["stamp"] is not None)
        if other is not None:
            start, end = match.start("who") + other[0], match.start("who") + other[1]
            counts[text[start:end]] += 1
            found.append((start, end, text[start:end], True))
            continue
        words = list(_SPEAKER_WORD.finditer(who))
        paren = who.find("(")
        if paren > 0 and not all(_known(w[0]) for w in words if w.start() > paren):
            # Vivian (Centaline):, Ken (IT): the agency or post in brackets is no part of the name
            words = [w for w in words if w.start() < paren]
        if not words or len(words) > 4:
            continue
        # Drop anything before the Latin words (大家姐 Karen) and titles or kin words
        # that lead them (Auntie Fong); keep "Ah" names whole (Ah Fai).
        names = list(words)
        while (
            names
            and (
                names[0][0].lower() in _KIN_PREFIX
                or names[0][0].lower() in TITLES
                or never_a_name(names[0][0])
                or (len(names) > 1 and _role_acronym(names[0][0]))
            )
            and names[0][0].lower() != "ah"
        ):
            names.pop(0)
        while len(names) > 1 and names[-1][0].lower() in _KIN_SUFFIX:
            names.pop()  # Jade Mama:, Bosco Daddy: a parent named after the child
        if not names or any(not w[0][:1].isupper() for w in names):
            continue
        if len(names) < len(words) and all(w[0].isupper() and len(w[0]) <= 3 for w in names):
            continue  # Login IP:, Staff ID: a field word before an abbreviation
        if any(never_a_name(w[0]) or w[0].lower() in _STOP for w in names):
            continue
        if any(w[0].isupper() and not (is_given(w[0], in_position=True) or is_surname(w[0])) for w in names):
            continue  # IVR:, SYSTEM:, QA: are not people
        if len(names) == 1 and _ROLE_COMPOUND.search(names[0][0]) and not _known(names[0][0]):
            continue  # Dockmaster:, Gatekeeper:, Helpdesk: a post speaks, not a person
        tail = who[names[-1].end() :].strip()
        if tail.lower() in _KIN_SUFFIX:
            tail = ""
        name_end = names[-1].end()
        if re.fullmatch(f"[{HAN}]{{1,2}}", tail) and zh_surname_length(tail) == len(tail):
            name_end = who.rindex(tail) + len(tail)  # Chris 周: a code-mixed speaker's surname in Chinese
            tail = ""
        if tail and not re.fullmatch(r"(?:\([^)]*\)|[^\w\s]{1,4}|\d{1,2}/?F|[A-Z]?\d{1,2}[A-Z]?)(?:[ \t].*)?", tail):
            continue
        head = who[: names[0].start()]
        if re.search(r"[0-9]", head):
            continue
        start, end = match.start("who") + names[0].start(), match.start("who") + name_end
        value = text[start:end]
        words_lower = value.lower().split()
        if (
            is_place(value)
            or any(w in ORG_WORDS for w in words_lower)
            or any(is_place(" ".join(words_lower[k : k + 2])) for k in range(len(words_lower) - 1))
        ):
            continue
        counts[value] += 1
        found.append((start, end, value, match["stamp"] is not None))
    for start, end, value, stamped in found:
        first = value.split()[0]
        known = is_given(first, in_position=True) or is_surname(first)
        ambiguous = known and not stamped and counts[value] < 2 and first.lower() in AMBIGUOUS_GIVEN
        if ambiguous and _FIELD_VALUE.match(text, end):
            continue  # Summer: July to August -- a field of dates, not a speaker
        if not stamped and counts[value] < 2 and value.isupper() and len(value) <= 3:
            continue  # FU: Cardiac SOPD, HO: a note's abbreviation once, not a speaker
        if stamped or counts[value] >= 2 or known:
            yield start, end, 0.8 if (stamped or counts[value] >= 2) else 0.7


# A word of one who does something (Organiser, Applicant, Attendee, Specialist): greeted, a role.
_GREETED_ROLE = re.compile(r"..(?:iser|izer|ator|ager|icant|ipant|ician|holder|ist)$|.{4}ee$")
# A one-word speaker that names a post, not a person: Dockmaster, Gatekeeper, Helpdesk.
_ROLE_COMPOUND = re.compile(r"(?i)..(?:master|keeper|person|guard|desk|team|ops|bot|staff|crew)$")


# A post or group in lower case after a greeted word: Dear Hotel manager, Hi Support team.
_ROLE_AFTER = re.compile(
    r"[ \t]+(?:manager|team|officer|staff|department|committee|colleagues|desk|supervisor|"
    r"director|members|representative|agent|administrator|admin|coordinator)s?(?![A-Za-z])"
)


def _role_follows(text: str, end: int) -> bool:
    """Whether a lower-case post or group follows ``text[:end]``."""
    return _ROLE_AFTER.match(text, end) is not None


def _known(word: str) -> bool:
    return is_given(word, in_position=True) or is_surname(word)


def _role_acronym(word: str) -> bool:
    """CSO, PM, HR before a speaker's name: an abbreviated post, no part of the name."""
    return word.isupper() and 2 <= len(word) <= 5 and not _known(word)


_FIELD_VALUE = re.compile(
    r"[ \t]*[:：][ \t]*(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b"
)
_HAN_AFFIX_SPEAKER = re.compile("(阿 ?)?([A-Za-z]{2,12})( ?(?:仔|妹|女|哥|姐|B|豬|猪))?")
_LOWER_SPEAKER = re.compile(r"[a-z]{2,12}(?: [a-z]{2,12}){0,2}")


def _other_speaker(who: str, *, stamped: bool) -> tuple[int, int] | None:
    """A speaker a chat export writes in Chinese (阿珍, 黎志豪), with a Cantonese affix
    (阿Fai, Kit仔) or in lower case (ken, marco chan): only on a timestamped line, where
    the place says a person (or a phone number) stands there."""
    if not stamped:
        return None
    core = who.rstrip(" \t")
    trimmed = core.rstrip("".join(ch for ch in core if not (ch.isalnum() or ch in " \t")) or " ").rstrip()
    affixed = _HAN_AFFIX_SPEAKER.fullmatch(trimmed)
    if affixed and (affixed[1] or affixed[3]):
        word = affixed[2]
        if never_a_name(word) or word.lower() in _STOP:
            return None
        return 0, len(trimmed)
    if re.fullmatch(f"[{HAN}]{{2,4}}", trimmed):
        nickname = re.fullmatch(f"阿[{HAN}]{{1,2}}", trimmed)
        if nickname and trimmed[1] not in _KIN_HAN:
            return 0, len(trimmed)
        for honorific in ZH_HONORIFICS:
            surname = trimmed[: -len(honorific)]
            if trimmed.endswith(honorific) and surname and zh_surname_length(surname, rare=True) == len(surname):
                return 0, len(surname)  # 梁生, 陳太: the surname, less the title
        if zh_name_shape(trimmed, rare=True):
            return 0, len(trimmed)
        return None
    if _LOWER_SPEAKER.fullmatch(trimmed):
        words = trimmed.split()
        if any(never_a_name(w) or w in _STOP for w in words):
            return None
        # A chat export's time stamp says a person speaks: jess, bec, not only listed names.
        return 0, len(trimmed)
    return None


_KIN_HAN = frozenset("媽爸哥姐叔姨嫂婆公嫲爺伯妹弟嬸舅妈爷")


_TITLE = gate(
    re.compile(
        r"(?<![A-Za-z])(?:(?:Mr|Mrs|Ms|Miss|Mdm|Madam|Dr|Prof|Mx|Sir|Dame|Ma'?am|Mam|MR|MRS|MS|DR|Rev|Revd|"
        r"Pastor|Fr|Bishop|Hon|Judge|Justice|Professor|Capt|Cdre|Sgt|Insp|Supt|Cpl|Det|Constable|Coach|"
        r"Sister|Master|Sifu|Auntie|Uncle|Brother|Nurse|Teacher|Officer|Doctor|Deacon|Elder|Granny|Grandma|Grandpa|Foreman|Mbak|Mba|Ibu|Bu|Pak|Bapak|Kak|Ate|Kuya|Tita|Tito"
        # (a police rank in full, a Thai teacher's title: Inspector Wong, Kru Nong)
        r"|Inspector|Sergeant|Superintendent|Kru|Ajarn)\.?[ \t]+"
        # (a ship's ranks in full, never with a full stop: "donor係Captain. Extra" is a dog)
        r"|(?:Captain|Skipper|Bosun|Commodore)[ \t]+)"
        # (a surname's particle may come first: Mrs. de Souza, Mr van Dijk)
        rf"(?=[{U}]|(?:de|da|do|dos|das|del|della|di|du|van|von|der|den|le|la|bin|binti|al)[ \t-][{U}])"
    )
)
_TITLE_LOWER = re.compile(r"(?<![A-Za-z])(?:mr|mrs|ms|miss|mdm|dr)\.?[ \t]+(?=[a-z])")
_GREETING = gate(
    re.compile(
        r"(?i:(?<![A-Za-z])(?:hi|hello|hey|dear|morning|good (?:morning|afternoon|evening)|"
        r"thanks|thank you|thx|ty|sorry|noted|congrats|congratulations|bye|welcome|cheers|"
        r"happy birthday|happy bday|hbd|good luck|well done|get well soon)"
        r"(?:,|!)?[ \t]+(?:(?:ma'?am|mam|sir|auntie|uncle|madam)[ \t]+)?)"
        rf"(?=[{U}])"
    )
)
_INTRO = gate(
    re.compile(
        r"(?i:(?<![A-Za-z])(?:(?:her|his|my|the|your|[a-z]+['’]s) name is|name's|named|called|known as|"
        r"booking under|booked under|under the name(?: of)?|reservation under|under|"
        r"speaking with|speak to|talk to|ask for|this is|i am|i'm|im|it's|"
        r"gave (?:her|his) name as|signed|sign by|on behalf of|care of|c/o|attn:?|cc:?|"
        r"and|&|with|contact|call|from|by|for|to)[ \t]+[\"“']?)"
        rf"(?=[{U}])"
    )
)
_SIGN_OFF = re.compile(
    r"(?im)^[ \t]*(?:thanks|thank you|many thanks|thx|tks|thks|ty|regards|best regards|kind regards|warm regards|"
    r"best|cheers|sincerely|yours sincerely|yours faithfully|yours truly|rgds|br|love|xoxo|"
    r"take care|talk soon|best wishes)[ \t]*[,.!]*[ \t]*\n+[ \t]*(?=[A-Za-z])"
)
# Chinese words for a relation or role, right before a name in Latin letters.
_ZH_BEFORE_LATIN = re.compile(
    "(?:"
    + "|".join(
        sorted(
            both_scripts(
                (
                    "同事",
                    "新同事",
                    "老公",
                    "老婆",
                    "太太",
                    "女朋友",
                    "男朋友",
                    "朋友",
                    "表哥",
                    "表姐",
                    "表妹",
                    "表弟",
                    "表姐夫",
                    "姐夫",
                    "姐姐",
                    "哥哥",
                    "細佬",
                    "妹妹",
                    "家姐",
                    "大家姐",
                    "二家姐",
                    "阿哥",
                    "舅父",
                    "舅母",
                    "姨媽",
                    "姑媽",
                    "叔叔",
                    "伯伯",
                    "新郎",
                    "新娘",
                    "伴娘",
                    "伴郎",
                    "化妝師",
                    "攝影師",
                    "司機",
                    "師傅",
                    "經紀",
                    "經理",
                    "主任",
                    "醫生",
                    "護士",
                    "老師",
                    "同學",
                    "客戶",
                    "客人",
                    "業主",
                    "租客",
                    "住客",
                    "保安",
                    "秘書",
                    "助理",
                    "會計",
                    "跟車",
                    "倉務",
                    "客服",
                    "主管",
                    "老闆",
                    "上司",
                    "員工",
                    "職員",
                    "學生",
                    "個仔",
                    "開戶名",
                    "戶名",
                    "帳戶名",
                    "賬戶名",
                    "收款人",
                    "媽咪",
                    "爹哋",
                    "聯絡人係",
                    "聯絡人是",
                    "負責人係",
                    "負責人是",
                    "對接人係",
                    "女兒",
                    "兒子",
                    "囡囡",
                    "孫仔",
                    "孫女",
                    "外孫",
                    "個囡",
                    "個孫",
                    "個女",
                    "叫",
                    "叫做",
                    "名叫",
                    "我係",
                    "我是",
                    "我叫",
                    "佢叫",
                    "佢係",
                    "寫",
                    "由",
                    "訪客",
                    "組長",
                    "負責人",
                    "聯絡人",
                    "收件人",
                    "申請人",
                    "持卡人",
                    "僱主",
                    "姐姐",
                    "阿姐",
                    "工人",
                    "姐姐仔",
                    "菲傭",
                    "印傭",
                    "外傭",
                    "阿",
                )
            ),
            key=len,
            reverse=True,
        )
    )
    + r")[ \t]*(?=[A-Za-z])"
)
_ZH_CALLED_LATIN = re.compile(
    "(?:"
    + "|".join(
        both_scripts(
            (
                "新郎",
                "新娘",
                "伴郎",
                "伴娘",
                "老公",
                "老婆",
                "個仔",
                "個女",
                "囝囝",
                "女兒",
                "兒子",
                "男朋友",
                "女朋友",
                "同事",
                "老闆",
                "經理",
                "師傅",
                "司機",
                "姐姐",
                "哥哥",
                "細佬",
                "妹妹",
                "家姐",
                "工人",
                "姐姐仔",
                "我",
                "佢",
            )
        )
    )
    + ")(?:個名|個英文名|英文名)?(?:係叫做|叫做|係叫|名叫|叫)[ \t]?(?=[A-Z])"
    # 佢全名係 SRI WAHYUNI: a full name, whoever "佢" is
    + "|(?:全名|全名係|全名是|全名叫|英文全名)[ \t]?(?:係|是|叫|：|:)?[ \t]?(?=[A-Z])"
)
_ZH_VERB_BEFORE_LATIN = re.compile(
    "(?:"
    + "|".join(
        sorted(
            both_scripts(
                (
                    "多謝",
                    "唔該",
                    "早晨",
                    "早安",
                    "午安",
                    "晚安",
                    "你好",
                    "哈囉",
                    "喂",
                    "問",
                    "搵",
                    "同",
                    "俾",
                    "畀",
                    "話",
                    "等",
                    "約",
                    "見",
                    "call",
                    "send 俾",
                    "whatsapp",
                    "通知",
                    "提醒",
                    "轉告",
                    "恭喜",
                )
            ),
            key=len,
            reverse=True,
        )
    )
    + r")[ \t]*(?=[A-Z])"
)
_ZH_BEFORE_HAN = re.compile(
    "(?:"
    + "|".join(
        sorted(
            both_scripts(
                (
                    "客戶",
                    "顧客",
                    "本人",
                    "我係",
                    "我是",
                    "我叫",
                    "名叫",
                    "叫做",
                    "佢叫",
                    "佢係",
                    "病人",
                    "員工",
                    "同事",
                    "職員",
                    "經理",
                    "主任",
                    "申請人",
                    "收件人",
                    "聯絡人",
                    "對接人",
                    "跟進人",
                    "處理職員",
                    "記錄人",
                    "司機叫",
                    "師傅",
                    "業主",
                    "租客",
                    "住客",
                    "學生",
                    "家長",
                    "丈夫",
                    "她先生",
                    "我先生",
                    "佢先生",
                    "他先生",
                    "你先生",
                    "其夫人",
                    "太太",
                    "老公",
                    "老婆",
                    "父親",
                    "母親",
                    "爸爸",
                    "媽媽",
                    "女兒",
                    "兒子",
                    "寶寶",
                    "囡囡",
                    "孫仔",
                    "孫女",
                    "表妹",
                    "表哥",
                    "表姐",
                    "表弟",
                    "委託人",
                    "代理人",
                    "當事人",
                    "證人",
                    "事主",
                    "簽署人",
                    "寫我名",
                    "持卡人",
                    "轉交同事",
                    "值班同事",
                    "香港同事",
                    "值班工程師",
                    "工程師",
                    "全名",
                    "嫲嫲係",
                    "寫",
                    "茲收到",
                    "收到",
                    "交來",
                    "簽收人",
                    "經手人",
                )
            ),
            key=len,
            reverse=True,
        )
    )
    + r")[ \t]*[，,:：]?[ \t]*(?=["
    + HAN
    + "])"
)


_NAME_IS = re.compile(r"(?i)name is|name's|named|under the name")
_COMMON_CUES = frozenset({"and", "&", "with", "from", "by", "for", "to", "contact", "call"})
# Who wrote or handled something, before "by": a name stands there, so a given name's
# syllable counts too (Written by Fai, Checked by Keung).
_AUTHORED_BY = gate(
    re.compile(
        r"(?i)(?<![A-Za-z])(?:written|prepared|checked|reported|approved|compiled|drafted|reviewed|submitted|posted"
        r"|taken|handled|noted|entered|logged|updated|signed|sent|verified|inspected)[ \t]+by[ \t]+$"
    )
)
_GREETED_PAIR = re.compile(r"[ \t]*(?:&|and|\+)[ \t]+")
# What ends a greeting's names: a comma, an exclamation, the line's end.
_GREETING_END = re.compile(r"[ \t]*(?:[,!:]|$|\n)", re.MULTILINE)


def _positions(text: str) -> Iterator[tuple[int, int, float]]:
    for match in _TITLE.finditer(text):
        pos = match.end()
        initial = re.match(r"[A-Z]\.[ \t]?(?=[A-Z])", text[pos : pos + 4])
        span = latin_name_at(
            text, pos + (initial.end() if initial else 0), lower_ok=False, max_words=4, newline_ok=True
        )
        if span and text[span[0] : span[1]].lower() not in ORG_WORDS:  # Tai Pak Beach: Pak is no title here
            yield (pos if initial else span[0]), span[1], 0.8
    for match in _TITLE_LOWER.finditer(text):
        word = _WORD.match(text, match.end())
        if word and is_surname(word[0]):
            yield *word.span(), 0.7
    for pattern, score, strict in ((_GREETING, 0.75, False), (_INTRO, 0.7, True)):
        for match in pattern.finditer(text):
            span = latin_name_at(text, match.end(), lower_ok=False, max_words=3)
            if span is None:
                # hi mam vicky: a known given name in lower case after a greeting.
                word = _WORD.match(text, match.end())
                if word and not strict and is_given(word[0], in_position=True) and not never_a_name(word[0]):
                    yield *word.span(), 0.6
                continue
            first_match = _WORD.match(text, span[0])
            assert first_match is not None
            lead = first_match[0].rstrip(".")  # Her name is Rain. -- the full stop ends the sentence
            if (
                strict
                and not (
                    is_given(lead, in_position=True)
                    or is_surname(lead)
                    or lead == "Ah"
                    and span[1] - span[0] > 3
                    # my name is Angelica Dela Cruz: after "name is", any name of two words or more
                    or _NAME_IS.search(match[0]) is not None
                    and " " in text[span[0] : span[1]]
                )
            ):
                continue
            if not strict and span[1] - span[0] == len(lead) and _GREETED_ROLE.search(lead) and not _known(lead):
                continue  # Dear Organiser, Hi Applicant: a role greeted, not a person
            if not strict and span[1] - span[0] == len(lead) and not _known(lead) and _role_follows(text, span[1]):
                continue  # Dear Hotel manager, Hi Support team: the word says whose post is greeted
            # After common words, only a name the lists know, not any capitalised word.
            if (
                strict
                and match[0].strip().lower() in _COMMON_CUES
                and not is_given(lead, in_position=_AUTHORED_BY.search(text, 0, match.end()) is not None)
                and not (is_surname(lead) and span[1] - span[0] > len(lead))
            ):
                continue
            yield *span, score
            if not strict:
                # Hi Dominic & Hazel, / Dear Ann and Ben: a greeting names both.
                joined = _GREETED_PAIR.match(text, span[1])
                other = latin_name_at(text, joined.end(), lower_ok=False, max_words=3) if joined else None
                if other and _GREETING_END.match(text, other[1]):
                    yield *other, score
    for match in _SIGN_OFF.finditer(text):
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        span = latin_name_at(text, match.end(), lower_ok=True, max_words=4)
        if span and (
            span[1] == line_end
            or text[span[1] : line_end].strip()[:1] in {"", "|", "(", ",", "-", "–"}
            or len(text[span[0] : span[1]].split()) >= 1
        ):
            yield *span, 0.75
    if not _HAN_CHAR.search(text):
        return
    for match in _ZH_BEFORE_LATIN.finditer(text):
        span = latin_name_at(text, match.end(), lower_ok=False, max_words=4)
        if span:
            first = _WORD.match(text, span[0])
            assert first is not None
            if before_affiliate(text, span[1]):
                continue  # 我係 Happy Home 嘅 Joyce: the business Joyce speaks for
            if is_given(first[0], in_position=True) or is_surname(first[0]) or span[1] - span[0] > len(first[0]):
                yield *span, 0.7
    # Cantonese verbs and greetings before a name in Latin letters (搵 Coco, 多謝 King):
    # a name the lists know, word-like ones too (these words come before people far more
    # often than before things), never a brand or place.
    for match in _ZH_VERB_BEFORE_LATIN.finditer(text):
        span = latin_name_at(text, match.end(), lower_ok=False, max_words=4)
        if span:
            first = _WORD.match(text, span[0])
            assert first is not None
            if is_given(first[0], in_position=True) or (is_surname(first[0]) and span[1] - span[0] > len(first[0])):
                yield *span, 0.65
    # 新郎叫 Karson, 我個女叫做 Elsa: a person's word, then "is called", names any Latin word.
    for match in _ZH_CALLED_LATIN.finditer(text):
        span = latin_name_at(text, match.end(), lower_ok=False, max_words=3)
        if span:
            first = _WORD.match(text, span[0])
            assert first is not None
            if not never_a_name(first[0]) and not is_place(text[span[0] : span[1]]):
                yield *span, 0.7
    for match in _ZH_BEFORE_HAN.finditer(text):
        if match[0].endswith(("寫", "写")) and text[match.end() : match.end() + 1] in "封張张":
            continue  # 寫封回信, 寫張單: "write a letter, a receipt", 封 and 張 as measure words
        span = _chinese_name_in_prose(text, match.end())
        if span:
            yield *span, 0.75


# Romanised syllables that are everyday English words too.
_ENGLISH_SYLLABLES = frozenset(
    "so to on long man sin fun tin pan fan ping pong king sing wing hang kit sun ho hon lo mo "
    "ma ha chin may yes bin kan mean kin tat lap lit pat pit pun sum tan wan wo yo yu".split()
)
_PLACE_NOUNS = frozenset("pier temple market park village beach bay terminal ferry mtr exit".split())
_INTRO_LOWER = gate(
    re.compile(
        r"(?i:(?<![A-Za-z])(?:(?:my |full |her |his )?name is|name's|it's|its|i'm|im|i am|this is|"
        r"called|named|speaking with|under|(?m:^[ \t]*(?:full )?name))[ \t]+)(?=[a-z])"
    )
)


_KIN_WORDS = (
    "friend ",
    "colleague ",
    "classmate ",
    "helper ",
    "neighbour ",
    "neighbor ",
    "boss ",
    "tutor ",
    "mum ",
    "mom ",
    "mother ",
    "dad ",
    "father ",
    "husband ",
    "wife ",
    "bf ",
    "gf ",
    "boyfriend ",
    "girlfriend ",
    "fiance ",
    "fiancé ",
    "fiancee ",
    "fiancée ",
    "son ",
    "daughter ",
    "brother ",
    "sister ",
    "grandma ",
    "grandpa ",
)


def _after_kin_words(text: str) -> Iterator[tuple[int, str]]:
    """Offsets just after a word for a relative (mum, husband), where a name may follow, with the word:
    found with plain string search, as these words are common and a regex alternation
    over every position of every text costs more than the rest of this module."""
    lower = text.lower()
    for word in _KIN_WORDS:
        at = lower.find(word)
        while at >= 0:
            if at == 0 or not lower[at - 1].isalpha():
                yield at + len(word), word.strip()
            at = lower.find(word, at + 1)


# A relative's word names family, whose names no list holds: wife Zarine, son Rustom.
_FAMILY_WORDS = frozenset(
    "mum mom mother dad father husband wife son daughter brother sister grandma grandpa bf gf boyfriend girlfriend "
    "fiance fiancé fiancee fiancée".split()
)
# After a lone unknown word: what ends a name (a stop, a number, a lower-case word).
_LONE_NAME_END = re.compile(r"(?:[ \t]*[,.;:!?)(]|[ \t]+(?:[a-z+(]|\d)|[ \t]*$)", re.MULTILINE)


def _kin_names(text: str) -> Iterator[tuple[int, int, float]]:
    """A relative named after the word for them: mum Sandy, her husband leung kam wah; a
    family member by a name no list knows when it stands alone: wife Zarine 9086 2214."""
    for pos, kin in _after_kin_words(text):
        span = latin_name_at(text, pos, lower_ok=False, max_words=3)
        if span:
            first = _WORD.match(text, span[0])
            if first and (is_given(first[0], in_position=True) or is_surname(first[0])):
                yield *span, 0.7
            elif (
                first
                and first.end() == span[1]
                and kin in _FAMILY_WORDS
                and not never_a_name(first[0])
                and not is_place(first[0])
                and _LONE_NAME_END.match(text, span[1])
            ):
                yield *span, 0.6
            continue
        words = re.match(r"([a-z]+)(?: ([a-z]+))?(?: ([a-z]+))?", text[pos : pos + 40])
        if words is None or words[2] is None:
            continue
        from guardrail.pii.recognizers.names_data import ROMANISED_SURNAMES

        lowers = [w for w in words.groups() if w]
        if lowers[0] in ROMANISED_SURNAMES and all(w in GIVEN_SYLLABLES for w in lowers[1:]):
            count = len(lowers)
        elif is_given(lowers[0], in_position=True) and is_surname(lowers[1]):
            count = 2
        else:
            continue
        phrase = " ".join(lowers[:count])
        if len(set(lowers[:count])) == count and not is_place(phrase) and lowers[1] not in _ENGLISH_SYLLABLES:
            yield pos, pos + len(phrase), 0.7


def _lower_romanised(text: str) -> Iterator[tuple[int, int, float]]:
    """A romanised name typed or transcribed in lower case after "my name is", "it's":
    a surname and given syllables (chan tai man), or a given name and a surname."""
    from guardrail.pii.recognizers.names_data import ROMANISED_SURNAMES

    for match in _INTRO_LOWER.finditer(text):
        words: list[re.Match[str]] = []
        for word in re.finditer(r"[a-z]+(?:-[a-z]+)?", text[match.end() : match.end() + 40]):
            if word.start() != (words[-1].end() + 1 if words else 0):
                break
            words.append(word)
            if len(words) == 4:
                break
        if len(words) < 2:
            continue
        lowers = [w[0] for w in words]
        count = 0
        if lowers[0] in ROMANISED_SURNAMES:
            count = 1
            while count < len(lowers) and all(p in GIVEN_SYLLABLES for p in lowers[count].split("-")):
                count += 1
        elif is_given(lowers[0], in_position=True) and is_surname(lowers[1]):
            count = 2
        if count < 2 or len(set(lowers[:count])) < count:
            continue  # ho ho ho
        if count == 2 and (lowers[1] in _ENGLISH_SYLLABLES or lowers[0] in _ENGLISH_SYLLABLES):
            continue  # so long, to man
        phrase = " ".join(lowers[:count])
        after = lowers[count] if count < len(lowers) else ""
        if is_place(phrase) or any(
            is_place(" ".join(lowers[i:j])) for i in range(count) for j in range(i + 2, count + 1)
        ):
            continue
        if after in ORG_WORDS or after in _PLACE_NOUNS:
            continue
        yield match.end(), match.end() + words[count - 1].end(), 0.75


def _names_words_not_names() -> frozenset[str]:
    from guardrail.pii.recognizers.names import WORDS_NOT_NAMES

    return WORDS_NOT_NAMES


def _chinese_name_in_prose(text: str, pos: int) -> tuple[int, int] | None:
    """A Chinese name at ``pos`` in running text: the shortest full name, two or three
    characters (four with a compound surname), not a place."""
    from guardrail.pii.recognizers.name_lexicon import ZH_GIVEN, zh_surname_length
    from guardrail.pii.recognizers.name_lexicon import ZH_SURNAMES as ZH_SURNAMES_ALL

    if _spaced(text, pos):
        return chinese_name_at(text, pos)
    # After a word that introduces a person, rarer surnames count too (客戶繆嘉敏).
    rare = zh_surname_length(text[pos : pos + 2]) == 0
    surname = zh_surname_length(text[pos : pos + 2], rare=True)
    if not surname:
        return None
    double = text[pos : pos + 4]
    if (
        surname == 1
        and len(double) == 4
        and zh_name_shape(double)
        and double[1] in ZH_SURNAMES_ALL
        and all(ch in ZH_GIVEN for ch in double[2:])  # 任何消息 (any news) is a word and a noun
        and not re.match(f"[{HAN}]", text[pos + 4 : pos + 5])
    ):
        return pos, pos + 4  # 辛蘇麗珍: her husband's surname, then her own
    for given in (2, 1):
        end = pos + surname + given
        candidate = text[pos:end]
        if len(candidate) < surname + given or not re.fullmatch(f"[{HAN}]+", candidate):
            continue
        if not zh_name_shape(candidate, rare=True) or (rare and given == 1):
            continue
        after = text[end : end + 2]
        stops = (
            not after
            or not re.match(f"[{HAN}]", after)
            or after.startswith(
                (
                    "先生",
                    "小姐",
                    "女士",
                    "太太",
                    "醫生",
                    "医生",
                    "的",
                    "，",
                    "。",
                    "（",
                    "厂",
                    "廠",
                    "同",
                    "嘅",
                    "係",
                    "来",
                    "來",
                    "已",
                    "於",
                    "于",
                    "在",
                    "說",
                    "说",
                    "話",
                    "话",
                    "表",
                    "問",
                    "问",
                    "要",
                    "及",
                    "和",
                    "、",
                    "今",
                    "昨",
                    "明",
                    "將",
                    "将",
                    "會",
                    "会",
                )
            )
        )
        known_given = all(ch in ZH_GIVEN for ch in candidate[surname:])
        if (
            given == 2
            and (known_given or (stops and not rare))  # 武俠小說: a rarer surname needs known given characters
            and not zh_place_overlaps(text, pos, end)
        ):
            return pos, end
        if (
            given == 1
            and candidate[-1] in ZH_GIVEN
            and not re.match(f"[{HAN}]", after[:1])
            and candidate not in _ZH_WORDS_NOT_NAMES
            and not zh_place_overlaps(text, pos, end)
        ):
            return pos, end
    return None


_ZH_WORDS_NOT_NAMES = _names_words_not_names()


_ZH_TITLE_AFTER = tuple(
    sorted(
        both_scripts(("太", "生", "小姐", "先生", "女士", "姑娘", "醫生", "師傅", "老師", "Sir", "sir")),
        key=len,
        reverse=True,
    )
)


def _chinese_alone(text: str) -> Iterator[tuple[int, int, float]]:
    """A Chinese name standing apart from other Chinese characters: a line of its own
    under a signature's title, a list entry (``一、尹家棟　單位``), a table cell; and a
    surname with a title (``陳太``, ``林小姐``) written the same way, as chats do."""
    from guardrail.pii.recognizers.name_lexicon import ZH_GIVEN, zh_given_char, zh_surname_length

    if not _HAN_CHAR.search(text):
        return
    strict_lines: set[int] = set()
    loose: list[tuple[int, int, int]] = []
    for match in re.finditer(f'(?<![{HAN}「『“"《])[{HAN}]{{2,4}}(?![{HAN}」』”"》])', text):
        run = match[0]
        surname = zh_surname_length(run, rare=True)
        if not surname:
            continue
        given = run[surname:]
        if (
            len(given) == 3
            and surname == 1
            and given[0] in _COMMON_ZH_SURNAMES
            and given[0] != run[0]
            and _list_item(text, *match.span())
        ):
            given = given[1:]  # 梁黃淑儀 as a list entry: her husband's surname before her own
        if len(given) == 2 and all(map(zh_given_char, given)) and zh_name_shape(run) and zh_surname_length(run):
            # (after a compound surname a place's name is a given name: 歐陽啟德, not 啟德 the district)
            place_end = match.start() + 2 if surname == 2 else match.end()
            if not zh_place_overlaps(text, match.start(), place_end):
                strict_lines.add(text.count("\n", 0, match.start()))
                yield *match.span(), 0.65
            continue
        titled = any(run.endswith(honorific) for honorific in ZH_HONORIFICS)
        if (
            zh_name_shape(run, rare=True)
            and len(run) >= 3
            and not titled
            and run not in _ZH_WORDS_NOT_NAMES
            and _list_item(text, *match.span())
        ):
            loose.append((text.count("\n", 0, match.start()), *match.span()))
        elif (
            len(run) == 2
            and run[0] in _COMMON_ZH_SURNAMES
            and run[1] in ZH_GIVEN
            and run not in _ZH_WORDS_NOT_NAMES
            and _list_item(text, *match.span())
        ):
            # 卢嘉欣、谭浩: a two-character name beside a full name in the same list
            loose.append((text.count("\n", 0, match.start()), *match.span()))
        rest = run[surname:]
        if rest in _ZH_TITLE_AFTER and (
            run[:surname] in _COMMON_ZH_SURNAMES or _list_item(text, *match.span())
        ):  # 陳太 anywhere; 龐老師、 with a rarer surname as a list entry
            yield match.start(), match.start() + surname, 0.6
    # A name-shaped entry of a list (one per line, or between 、) whose given characters
    # the lists do not know counts when a neighbouring entry is a name they do know.
    for line, start, end in loose:
        if strict_lines & {line - 1, line, line + 1} and not zh_place_overlaps(text, start, end):
            yield start, end, 0.6
    for match in re.finditer(f"(?<![{HAN}])([{HAN}]) ?(?:Sir|sir)(?![A-Za-z])", text):
        if match[1] in _COMMON_ZH_SURNAMES or (
            zh_surname_length(match[1], rare=True) and _list_item(text, *match.span())
        ):
            yield *match.span(1), 0.6
    # 阿 and a given-name character standing as a word (阿欣 呀, 嘅 阿輝 呀), not a relative.
    for match in _AH_NICKNAME.finditer(text):
        if match[1] in ZH_GIVEN and match[1] not in _KIN_HAN and match[1] not in "仔女":
            yield *match.span(), 0.6
    # 肥 and a given-name character doing something (肥龍幫成座樓清樹枝, 肥娟姐嗰份): what
    # friends call someone, not fat (肥肉), fertiliser (肥料) or soap (肥皂).
    for match in _FAT_NICKNAME.finditer(text):
        # (or a surname: 肥陳問我哋, 肥佬黃話)
        if (match[1] in ZH_GIVEN or match[1] in _COMMON_ZH_SURNAMES) and match[1] not in _FAT_WORDS:
            yield *match.span(), 0.6
    # A signature's two names on one line: 譚偉倫 Alan Tam.
    for match in _ZH_THEN_LATIN_NAME.finditer(text):
        if zh_name_shape(match[1]) and is_surname(match[2].split()[-1]) and not zh_place_overlaps(text, *match.span(1)):
            yield *match.span(1), 0.7
    # A signature or a notice's sender: 人事部 王麗, 校長 余志豪 謹啟.
    for match in _ZH_AFTER_UNIT.finditer(text):
        run = match[1]
        if zh_surname_length(run) and zh_name_shape(run) and run[-1] in ZH_GIVEN:
            yield *match.span(1), 0.7
    for match in re.finditer(f"(?<![A-Za-z])(?:Mr|Mrs|Ms|Miss|Dr|Mdm|Madam)\\.?[ \t]?([{HAN}])(?![{HAN}])", text):
        if match[1] in _COMMON_ZH_SURNAMES:
            yield *match.span(1), 0.7


_AH_NICKNAME = re.compile(f"(?<![{HAN}A-Za-z])阿([{HAN}])(?=[ \t]|$|[，,:：!！?？])", re.MULTILINE)
# (Not the 肥 of a word before it: 減肥, 施肥; 肥仔 and a character too: 肥仔明; and the other
# descriptions Hong Kong makes names of: 細佬強, 高佬輝, 大隻廣.)
_FAT_NICKNAME = re.compile(
    f"(?<![A-Za-z減减施增化追])(?:肥(?:仔|佬|妹)?|細佬|细佬|高佬|大隻|大只|矮仔|靚仔|靓仔)([{HAN}])"
    f"(?=姐|哥|嫂|叔|[ \t]|$|[，,:：!！?？、]|[幫帮話话講讲同和問问俾畀就都又係是嗰今琴入出])",
    re.MULTILINE,
)
_FAT_WORDS = frozenset("肉料皂胖美大牛膩腻腸肠豬猪婆仔妹佬瘦水田厚嘟嘟白碩硕壯壮")
_ZH_THEN_LATIN_NAME = re.compile(f"(?m)^[ \t]*([{HAN}]{{2,4}})[ \t]+([A-Z][a-z]+(?:[ -][A-Z][a-z]+){{1,2}})[ \t]*$")
_LIST_EDGE = "、，,/／;；|\t"


def _list_item(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` fills a list entry: a line's only words, or an item
    between list separators (、, commas, slashes, tabs)."""
    before = text[:start].rstrip(" \u3000")
    after = text[end:].lstrip(" \u3000")
    left = not before or before[-1] == "\n" or before[-1] in _LIST_EDGE or before[-1] in ":："
    right = not after or after[0] == "\n" or after[0] in _LIST_EDGE or after[0] in "（("
    return left and right


_ZH_AFTER_UNIT = re.compile(
    "(?:"
    + "|".join(
        sorted(
            both_scripts(
                (
                    "部",
                    "處",
                    "組",
                    "科",
                    "室",
                    "司",
                    "會",
                    "部門",
                    "主任",
                    "經理",
                    "秘書",
                    "校長",
                    "老師",
                    "同事",
                    "代表",
                    "顧問",
                    "主管",
                    "總監",
                    "律師",
                    "醫生",
                    "負責人",
                    "聯絡人",
                    "經辦人",
                    "審核",
                    "批核",
                    "簽署",
                )
            ),
            key=len,
            reverse=True,
        )
    )
    + f")[ \t\u3000]+([{HAN}]{{2,3}})(?![{HAN}])"
)
# ---- travel documents ----

_AIRLINE = re.compile(
    # (not a domain's or a path's last part: APPLE.COM/BILL, WWW.EXAMPLE.HK/PAY)
    r"(?<![A-Za-z/.])([A-Z]{2,}(?:[ -][A-Z]{2,})?/[A-Z]{2,}(?: (?!(?:MR|MRS|MS|MISS|MSTR|DR|CHD|INF)\b)[A-Z]{2,}){0,2})(?P<title> (?:MR|MRS|MS|MISS|MSTR|DR|CHD|INF))?"
    r"(?![A-Za-z/])"
)
_MRZ = re.compile(r"P[<A-Z][A-Z]{3}([A-Z]+(?:<[A-Z]+)*<<[A-Z]+(?:<[A-Z]+)*)<")


# A name spelled out: letter by letter with hyphens, as callers spell (L-E-E, J-A-S-O-N
# space H-O), or with spaces on a form (C H A N   T A I   M A N).
_HYPHEN_GROUP = r"[A-Z](?:-[A-Z])+"
_SPELLED_HYPHENS = re.compile(
    rf"(?<![A-Za-z0-9-]){_HYPHEN_GROUP}(?:(?:,? space |, | ){_HYPHEN_GROUP})*(?![A-Za-z0-9-])"
)
_SPELLED_SPACES = re.compile(r"(?<![A-Za-z0-9])[A-Z](?: [A-Z]){2,}(?: {2,4}[A-Z](?: [A-Z])+)*(?![A-Za-z0-9])")
# (A given name's hyphenated part may be in lower case, Tai-man; a word after a space is
# capitalised: CHEUNG, Ho Yin Kenny rm 1702 ends before the flat.)
_SURNAME_FIRST_COMMA = re.compile(
    r"(?<![A-Za-z])([A-Z]{2,}), ([A-Z][a-z]+(?:-[A-Za-z][a-z]+| [A-Z][a-z]+){0,3})(?![A-Za-z])"
)
# Initials with a surname, either way round: T.M. Chan, C. Y. Leung, Chan T.M.
_INITIALS_FIRST = re.compile(r"(?<![A-Za-z.])(?:[A-Z]\.[ ]?){1,3}([A-Z][a-z]+|[A-Z]{2,})(?![A-Za-z])")
_INITIALS_AFTER = re.compile(r"(?<![A-Za-z])([A-Z][a-z]+|[A-Z]{2,}),? (?:[A-Z]\.[ ]?){1,3}(?![A-Za-z])")
_AH_NAME = re.compile(r"(?<![A-Za-z])Ah[ -]([A-Z][a-z]+)(?![A-Za-z])")


def _spelled_and_short_forms(text: str) -> Iterator[tuple[int, int, float]]:
    if "-" in text:
        for match in _SPELLED_HYPHENS.finditer(text):
            groups = [g.replace("-", "") for g in re.findall(_HYPHEN_GROUP, match[0])]
            if any(is_surname(g) or is_given(g, in_position=True) for g in groups):
                yield *match.span(), 0.75
    for match in _SPELLED_SPACES.finditer(text):
        groups = [g.replace(" ", "") for g in re.split(r" {2,}", match[0])]
        if any(is_surname(g) or is_given(g, in_position=True) for g in groups):
            yield *match.span(), 0.75
    for match in _SURNAME_FIRST_COMMA.finditer(text):
        first_given = match[2].split()[0].split("-")[0]
        if is_surname(match[1]) and (is_given(first_given, in_position=True)):
            yield match.start(), match.end(), 0.8
    if "." in text:
        for pattern in (_INITIALS_FIRST, _INITIALS_AFTER):
            for match in pattern.finditer(text):
                if is_surname(match[1]) and not never_a_name(match[1]):
                    yield match.start(), match.end(), 0.75
    for match in _AH_NAME.finditer(text):
        if match[1].lower() in GIVEN_SYLLABLES:
            yield match.start(), match.end(), 0.7


def _documents(text: str) -> Iterator[tuple[int, int, float]]:
    if "/" in text:
        for match in _AIRLINE.finditer(text):
            surname, _, given = match[1].partition("/")
            # A short first given word (TAM/KA LOK) passes with a title or as a syllable.
            syllables = all(word.lower() in GIVEN_SYLLABLES for word in given.split())
            if is_place(surname) or (len(given.split()[0]) < 3 and not (match["title"] or syllables)):
                continue
            if re.match(r"[ \t]*[:：]", text[match.end() : match.end() + 3]):
                continue  # BIC/SWIFT:, NAME/ID: a form's label, not a passenger
            # Codes such as N/A, HKG/NRT or TBC/TBA are short and have no vowels to speak of.
            if len(surname) <= 3 and len(given) <= 3 and not match["title"]:
                continue
            yield *match.span(), 0.85
    if "<<" in text:
        for match in _MRZ.finditer(text):
            yield *match.span(1), 0.9
    # A list line that gives someone's identity document: the words in capitals that
    # lead it are the holder (``3. NGUYEN THI LAN - Vietnamese, passport C5518204``).
    lower = text.lower()
    if not any(word in lower for word in _ID_DOCUMENT_GATE):
        return
    line_starts = set()
    for word in _ID_DOCUMENT_GATE:
        at = lower.find(word)
        while at >= 0:
            line_starts.add(text.rfind("\n", 0, at) + 1)
            at = lower.find(word, at + 1)
    for line_start in sorted(line_starts):
        holder = _HOLDER_LINE.match(text, line_start)
        if holder is None:
            continue
        line_end = text.find("\n", holder.end())
        line = text[holder.end() : line_end if line_end >= 0 else len(text)]
        if not _ID_DOCUMENT_WORD.search(line) or not re.search(r"\d{5}", line):
            continue
        value = holder["holder"]
        words = re.split(r"[ ,/]+", value)
        if any(never_a_name(w) or w.lower() in _STOP or w.lower() in ORG_WORDS for w in words):
            continue
        if is_place(value) or any(is_place(w) for w in words):
            continue
        yield *holder.span("holder"), 0.7


# A mailbox's display name before its address in angle brackets, as mail headers, CSV
# exports and address books write it: Élodie Marchand <elodie@atelier-lumiere.fr>.
_DISPLAY_NAME = re.compile(
    rf"(?<![{L}'’-])(?P<name>[{U}][{L}'’-]+(?:[ ][{U}][{L}'’-]+){{1,3}})[ \t]*<[^<>@\s]{{1,64}}@[^<>\s]{{3,255}}>"
)


def _display_names(text: str) -> Iterator[tuple[int, int, float]]:
    """Names before an address in angle brackets, unless a word names a firm or a role."""
    if "<" not in text:
        return
    for match in _DISPLAY_NAME.finditer(text):
        words = match["name"].split()
        if any(never_a_name(w) or w.lower() in _STOP or w.lower() in ORG_WORDS for w in words):
            continue
        if is_place(match["name"]):
            continue
        yield *match.span("name"), 0.75


_ID_DOCUMENT_GATE = ("passport", "hkid", "id no", "id card", "id num", "護照", "护照", "身份", "證件", "证件")
_ID_DOCUMENT_WORD = re.compile(r"(?i)passport|\bHKID\b|\bID\s*(?:no|card|number)|護照|护照|身份證|身份证|證件|证件")
_HOLDER_LINE = re.compile(
    r"[ \t]*(?:\d{1,3}[.)][ \t]*|[-*•][ \t]*)?"
    r"(?P<holder>[A-Z][A-Z'’-]+(?:(?:[ ]|,[ ]?|/)[A-Z][A-Z'’-]+){1,3})(?=[ \t]*(?:[-–—,(|:]|[ \t]{2}))"
)


# ---- given names alone ----

# (A possessive 's may follow: Imran's amount.)
_CAPITALISED = re.compile(rf"(?<![{L}'’-])[{U}][a-zß-öø-ÿ]+(?:-[{L}]+)?(?![{L}])(?!['’](?!s(?![{L}])))")
_UPPER = re.compile(r"(?<![A-Za-z'’-])[A-Z]{3,}(?![A-Za-z'’])")


_POSSESSIVE_NOUN = re.compile(r"['’]s[ \t]+(?!and\b|or\b)[a-z]")
_SHOP_BEFORE = re.compile(r"(?i)\b(?:to|at|in|from|into)[ \t]+$")


# A street's shortened kind after a given name makes it the street's (Nathan Rd, Austin Ave).
_ORG_OR_STREET = ORG_WORDS | {"rd", "ave", "blvd", "hwy"}


def _given_names(text: str) -> Iterator[tuple[int, int, float]]:
    for pattern in (_CAPITALISED, _UPPER):
        for match in pattern.finditer(text):
            if not is_given(match[0]):
                continue
            start = match.start()
            if (
                re.search(r"(?i)\bthe[ \t]+$", text[max(0, start - 5) : start])
                or is_place(match[0])
                or _inside_place(text, start, match.end())
            ):
                continue
            upper = match[0].isupper()
            span = latin_name_at(text, start, lower_ok=False, max_words=4, newline_ok=upper)
            following = _WORD.match(text, match.end() + 1) if text[match.end() : match.end() + 1] == " " else None
            if following and following[0].lower().rstrip(".") in _ORG_OR_STREET:
                continue  # Nathan Road, Nathan Rd, Alice Building
            if (
                span is None
                and _POSSESSIVE_NOUN.match(text, match.end())
                and not (_SHOP_BEFORE.search(text, 0, start) and is_place(text[start : match.end() + 2]))
            ):
                # Imran's amount, in Ingrid's living room: the name before its possessive
                # (not went to Wendy's, a shop of the gazetteer)
                span = match.span()
            if span is None:
                continue  # Louis Vuitton, Calvin Klein: a brand or place starts here
            end = span[1]
            if end == match.end() and after_place_preposition(text, start):
                continue  # near Zara, opposite Muji: a shop

            # An all-capital word is a heading or code more often than a name: only with
            # other all-capital words after it that could be names.
            if upper and end == match.end() and not _label_before(text, start):
                continue
            yield start, end, 0.7


_LOWER_WORD = re.compile(r"(?<![A-Za-z'’@.-])[a-z]{4,}(?![A-Za-z'’@.-])")


def _lower_given_names(text: str) -> Iterator[tuple[int, int, float]]:
    """Given names typed in lower case, as chats do (ask kenny): only names that are no
    English word (not grace, will, may) and at least four letters long."""
    for match in _LOWER_WORD.finditer(text):
        word = match[0]
        if word in GIVEN_LOWER and word not in AMBIGUOUS_GIVEN and not never_a_name(word):
            if re.search(r"(?i)\b(?:the|a|an)[ \t]+$", text[max(0, match.start() - 4) : match.start()]):
                continue
            yield *match.span(), 0.6


def _label_before(text: str, start: int) -> bool:
    return re.search(r"[:：][ \t]*$", text[max(0, start - 3) : start]) is not None


class ContextNameRecognizer(LocalRecognizer):
    """Names found from labels, tables, speakers, greetings, titles and documents."""

    recognizer_name = "HkContextNameRecognizer"

    def __init__(self) -> None:
        super().__init__(supported_entities=[ENTITY], name=self.recognizer_name, supported_language=LANGUAGE)

    def load(self) -> None:
        """Word lists and patterns are built at import; nothing to load."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        results = []
        seen: set[tuple[int, int]] = set()
        for finder in (
            _labelled,
            _signed_off_initials_and_logins,
            _xml_fields,
            _markdown_tables,
            _csv_tables,
            _aligned_tables,
            _speakers,
            _positions,
            _documents,
            _given_names,
            _lower_given_names,
            _chinese_alone,
            _spelled_and_short_forms,
            _display_names,
            _lower_romanised,
            _kin_names,
            *_CUE_FINDERS,
            *_FORM_FINDERS,
            *_ROSTER_FINDERS,
            *_CHAT_FORMAT_FINDERS,
            *_KV_TABLE_FINDERS,
            *_ZH_SPACED_FINDERS,
            *_PAYEE_FINDERS,
            *_JA_SURNAME_FINDERS,
            *_CELL_TABLE_FINDERS,
            *_HYPHENATED_FINDERS,
            *_ZH_ADDRESSED_FINDERS,
            *_ZH_TRANSLITERATED_FINDERS,
            *_WORD_NAME_FINDERS,
        ):
            for start, end, score in finder(text):
                if end <= start or (start, end) in seen or is_pet(text, start, end) or _thing_word(text, start, end):
                    continue
                if _partners_firm(text, start, end):
                    continue
                seen.add((start, end))
                results.append(tagged_result(self, self.recognizer_name, ENTITY, start, end, score))
        return results


_FIRM_TAIL = re.compile(r"[ \t]*(?:&|and)[ \t]+(?P<last>[A-Z][a-z]+)(?![A-Za-z])")


def _partners_firm(text: str, start: int, end: int) -> bool:
    """``Kwan, Lam & Yip``: surnames listed with commas and an ampersand name a firm of
    partners (solicitors, accountants), not a person written surname first."""
    value = text[start:end]
    tail = _FIRM_TAIL.match(text, end)
    if ", " not in value or tail is None:
        return False
    return all(is_surname(word) for word in (*value.replace(",", " ").split(), tail["last"]))


# Capital abbreviations that read as a surname or given name (NGO as the surname Ngo).
_ACRONYMS = frozenset({"NGO", "CEO", "CFO", "COO", "CTO", "CIO", "HR", "IT", "PR", "GP", "MP", "MC", "QA"})


_KEBAB = re.compile(r"[a-z]+(?:-[a-z0-9]+)+")
# What follows a chat's speaker: a colon, then the message.
_CHAT_SPEAKER = re.compile(r"[ \t]*[:：][ \t]*\S")


def _thing_word(text: str, start: int, end: int) -> bool:
    """A key of a log's key=value pair (src_ip=), or one word of a place or brand
    whose other words stand beside it (Kitty of Hello Kitty): no person."""
    if text[end : end + 1] == "=" and not text[start:end].count(" "):
        return True
    value = text[start:end]
    if value in _ACRONYMS:
        return True  # 我係 NGO 嘅 caseworker: Ngo is a surname, NGO an organisation
    if ("_" in value and value.isascii()) or _KEBAB.fullmatch(value):
        parts = [p for p in re.split(r"[._-]", value.lower()) if p]
        named = [p in GIVEN_SYLLABLES or is_given(p, in_position=True) or is_surname(p) for p in parts]
        # reg_ip, oncall-primary: a column's or a config's identifier, not candy_lok; but one
        # with a surname and another part of a name or initials in it that speaks in a chat
        # is an account (kc_chow.design: hi; not reg_ip: 10.0.0.1, though Ip is a surname)
        name_like = sum(n or (len(p) <= 2 and p.isalpha()) for n, p in zip(named, parts, strict=True))
        speaks = _CHAT_SPEAKER.match(text, end) is not None and name_like >= 2 and any(map(is_surname, parts))
        if not all(named) and not speaks:
            return True
    if after_car_maker(text, start):
        return True  # Toyota Noah, Honda Jazz: a car's model
    if not value.isascii() or not value.replace(" ", "").isalpha() or value.count(" ") > 3:
        return False
    if value[:1].isupper() and _before_org(text, end):
        return True  # Chong Yuet Ming Amenities Centre: a building named after a donor
    inside = value.split(" ")
    before = _SPEAKER_WORD.findall(text[max(0, start - 30) : start])[-3:] if text[start - 1 : start] == " " else []
    after = _SPEAKER_WORD.findall(text[end : end + 40])[:3] if text[end : end + 1] == " " else []
    for left in range(len(before) + 1):
        for right in range(len(after) + 1):
            if left == right == 0:
                continue
            for k in range(1, len(inside) + 1):
                # A place that takes in words on either side: Pak Kung Au, Hello Kitty.
                kept = inside[:k] if left and not right else inside[-k:] if right and not left else inside
                if is_place(" ".join([*before[len(before) - left :], *kept, *after[:right]])):
                    return True
    return False
