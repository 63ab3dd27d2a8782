"""Names in fields: labelled values, JSON keys, XML elements and table columns.

``Claimant: Emily Petrova``, ``Guest name: SCHMIDT, Lukas``, ``姓名：韓 梓 涵``,
``{"name": ...}``, ``<姓名>...</姓名>``, a Markdown, CSV or tab-separated column headed
Name or 姓名. Labels are read back from each colon, equals sign or full-width colon,
so the cost grows with the colons of a text, not with the number of labels known.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator

from guardrail.pii.recognizers.name_lexicon import (
    HAN,
    both_scripts,
    both_scripts_chars,
    is_given,
    is_place,
    is_surname,
    never_a_name,
    zh_place_overlaps,
)
from guardrail.pii.recognizers.name_spans import (
    ORG_WORDS,
    STOP,
    chinese_name_at,
    latin_name_at,
)
from guardrail.pii.recognizers.name_spans import (
    WORD as _WORD,
)
from guardrail.pii.recognizers.names_data import (
    GIVEN_SYLLABLES,
    NAME_LABELS_ROLE,
    NAME_LABELS_STRONG,
    NAME_LABELS_ZH,
)
from guardrail.text.start_gate import gate

_NICKNAME_KIN = frozenset("媽爸仔女哥姐叔姨嫂婆公嫲爺伯妹弟嬸舅媽妈爷".strip())


def _nickname_at(text: str, pos: int) -> tuple[int, int] | None:
    """阿明 after a label: 阿 and one or two given-name characters, not a relative."""
    from guardrail.pii.recognizers.name_lexicon import ZH_GIVEN

    match = re.match(f"阿([{HAN}]{{1,2}})(?![{HAN}])", text[pos : pos + 4])
    if match is None or match[1][0] in _NICKNAME_KIN or not all(ch in ZH_GIVEN for ch in match[1]):
        return None
    return pos, pos + match.end()


_STRONG_NO_COLON = gate(
    re.compile(
        r"(?im)^[ \t]*(?:surname|given names?|first name|last name|name)[ \t]+(?=[A-Z]{2,}[A-Z ]*$)"
        r"|^[ \t]*(?:full name|name|surname|given names?|first name|last name|english name|name of [a-z]+)"
        r"[ \t]{2,}(?=[A-Z])"
        # a person's name in a run of notes: child name Ayomide, wife's name Priya, his name is Tunde
        r"|(?<![A-Za-z])(?:child|son|daughter|kid|wife|husband|spouse|mother|father|guest|tenant|patient|student)"
        r"(?:['’]s)?[ \t]+name(?:[ \t]+is)?[ \t]*[-–]?[ \t]*(?=[A-Z][a-z])"
        # the name a card or an account is in, as a caller reads it: the name on it is LAI SUMMER W
        r"|(?<![A-Za-z])name[ \t]+on[ \t]+(?:it|the[ \t]+(?:card|account|cheque|check|booking|passport|policy))"
        r"(?:[ \t]+(?:is|reads|says))?[ \t]*[:-]?[ \t]*(?=[A-Z])"
    )
)
_NOT_PERSON_KEY = re.compile(
    r"(?i)user|file|company|product|branch|shop|store|merchant|bank|hotel|event|item|project|vendor|supplier|trade|"
    r"model|host|service|tool|function|display|domain|class|type|field|table|app|device|brand|"
    r"street|building|estate|city|country|org|school|hospital|venue|plan|course|dept|team|group|"
    r"key|path|var|param|arg|tag|label|queue|bucket|server|image|package|module|method|pet|dog|"
    r"cat|animal|breed|ssid|wifi|network|vessel|ship|boat|horse|song|book|movie|film|game|team"
)


_STRONG_SET = frozenset(" ".join(label.lower().replace("_", " ").split()) for label in NAME_LABELS_STRONG)
_ROLE_SET = frozenset(" ".join(label.lower().split()) for label in NAME_LABELS_ROLE)
_ZH_SET = frozenset(label.replace(" ", "") for label in both_scripts(NAME_LABELS_ZH))
_ZH_MAX = max(len(label) for label in _ZH_SET)
_SEP_AT = re.compile(r"[:=：]")
_DOT_LEADER = re.compile(r"\.{4,}")  # a form's dot leaders stand for a colon
# What may stand between a label and its colon: a note in brackets, a quote, a number
# of several such fields (借款人 1：, Guest 2:).
_HEAD_TRIM = re.compile(r"[ \t]*(?:\([^)\n]{0,30}\)|（[^）\n]{0,30}）)?(?:[ \t]+\d{1,2})?[ \t]*[\"'”]?[ \t]*$")
_AFTER_SEP = re.compile(r"[ \t]*[\"'“]?[ \t]*")
_LATIN_TAIL = re.compile(r"(?<![A-Za-z])((?:[A-Za-z]+[ _]){0,4}[A-Za-z]+)$")
_ZH_PERSON_ROLE = re.compile(f"[{HAN}]{{1,3}}人$")
_ZH_NOT_PERSON_ROLE = re.compile("(?:個|个|法|人|本|他|別|别|每|家|客|眾|众|成|病|工|私|男|女|老)人$")
# A key that holds one part of a person's name: its value is a name even as one word
# no list knows ({"lastName": "Natarajan"}).
_NAME_PART_KEY = re.compile(
    r"(?i)(?:(?:first|last|given|family|middle|sur)[ _-]?name|(?<![A-Za-z])(?:first|last|given|family|fname|lname))"
    r"[\"'”]?\s*$"
)
_BARE_PART_KEY = re.compile(r"(?i)(?<![A-Za-z])(?:first|last|given|family|fname|lname)[\"'”]?\s*$")


def _whole_quoted_name(text: str, span: tuple[int, int]) -> bool:
    """Whether ``text[span]`` fills a quoted string and reads as a name (capitalised)."""
    value = text[span[0] : span[1]]
    quoted = text[span[0] - 1 : span[0]] in ('"', "'", "“") and text[span[1] : span[1] + 1] in ('"', "'", "”")
    if not (quoted and value[:1].isupper() and value.lower() not in STOP):
        return False
    # A name object has its other part nearby: {"first": "Ngozi", "last": "Eze"}.
    nearby = text[max(0, span[0] - 120) : span[1] + 120]
    return len(re.findall(r"(?i)[\"'](?:first|last|given|family|fname|lname)[\"']\s*:", nearby)) >= 2


# A quoted key that is one part of a name, the word "name" left out: {"first": .., "last": ..}.
_PART_KEYS = frozenset("first last given family fname lname".split())
_HANDLE_END = re.compile(r"[\"'”]|[ \t]*(?:$|[,;|])", re.MULTILINE)
_TITLE_AFTER_LABEL = re.compile(r"(?i:mr|mrs|ms|miss|mdm|madam|dr|prof)\.?[ \t]+")


_XML_FIELD = re.compile(
    r"<([A-Za-z_:]*[Nn]ame[A-Za-z_]*|customer|client|patient|guest|passenger|employee|staff|"
    r"contact|recipient|sender|applicant|tenant|owner|doctor|holder|姓名|客戶|收件人)>[ \t]*(?=[^<\s])"
)


def xml_fields(text: str) -> Iterator[tuple[int, int, float]]:
    """<name>Chan Tai Man</name>, <姓名>陳大文</姓名>."""
    if "</" not in text:
        return
    for match in _XML_FIELD.finditer(text):
        if _NOT_PERSON_KEY.search(match[1]) and not match[1].lower().endswith(("fullname", "full_name")):
            continue
        pos = match.end()
        span = latin_name_at(text, pos, lower_ok=True) or chinese_name_at(text, pos)
        if span and text.startswith("</", span[1]):
            yield *span, 0.8


def _label_kind(head: str, quoted: bool) -> str | None:
    """What the words before a colon say the value is: "strong" (a name field), "role"
    (a person's role), "zh" (a Chinese label) or None."""
    latin = _LATIN_TAIL.search(head)
    if latin:
        words = re.split(r"[ _]", latin[1].lower())
        for k in range(min(5, len(words)), 0, -1):
            label = " ".join(words[-k:])
            if label not in _STRONG_SET and label not in _ROLE_SET:
                continue
            if k < len(words) and words[-k - 1] in ("user", "display") and label == "name":
                return "handle"  # user_name, display name: a login, or the person's own name
            if k < len(words) and _NOT_PERSON_KEY.fullmatch(words[-k - 1]):
                return None  # file name, company name, product owner
            return "strong" if label in _STRONG_SET else "role"
        last = words[-1]
        if quoted and last in _PART_KEYS and len(words) == 1:
            return "strong"
        # A JSON or form key that holds a name though no list names it: customerName, and
        # with a qualifier after it: name_raw, name_en.
        if quoted and any("name" in word for word in words[-2:]) and not _NOT_PERSON_KEY.search(latin[1]):
            return "strong"
        return None
    squeezed = re.sub(r"[ \t]", "", head[-2 * _ZH_MAX :])
    for k in range(min(_ZH_MAX, len(squeezed)), 1, -1):
        if squeezed[-k:] in _ZH_SET:
            return "zh"
    # Any role that ends in 人 names a person (交接人, 處理人, 經辦人, 介紹人): the list
    # above cannot hold every one. The value must still read as a name.
    if squeezed.endswith("人") and _ZH_PERSON_ROLE.search(squeezed) and not _ZH_NOT_PERSON_ROLE.search(squeezed):
        return "zh"
    return None


def _person_key_value(text: str, span: tuple[int, int], after_sep: int, head: str = "") -> bool:
    """A JSON "name" holds a person only if its value could be one: tool and function
    definitions name things too ({"name": "Lookup"}, {"name": "get_weather"}). A key that
    says more than "name" (name_raw, helperName) is a person's, and holds one word no
    list knows too ({"name_raw": "Ambarwati"})."""
    value = text[span[0] : span[1]]
    if any("\u3400" <= ch <= "\u9fff" for ch in value):
        return True
    end_quote = text[span[1] : span[1] + 1]
    if end_quote not in ('"', "'", "”"):
        return False  # the string goes on past the name: a sentence, a code
    words = value.replace(",", " ").replace("/", " ").split()
    if len(words) >= 2:
        return True
    if _QUALIFIED_NAME_KEY.search(head) and value[:1].isupper() and value[1:].islower() and value.isalpha():
        return True
    return is_given(value, in_position=True) or is_surname(value)


_QUALIFIED_NAME_KEY = re.compile(r"(?i)(?:[a-z]_?name|name_[a-z]+)[\"'”]?\s*$")


def labelled(text: str) -> Iterator[tuple[int, int, float]]:
    separators = list(_SEP_AT.finditer(text))
    if "...." in text:
        separators = sorted(separators + list(_DOT_LEADER.finditer(text)), key=lambda m: m.start())
    for sep in separators:
        line_start = text.rfind("\n", 0, sep.start()) + 1
        raw_head = text[max(line_start, sep.start() - 48) : sep.start()]
        head = raw_head[: _HEAD_TRIM.search(raw_head).start()]  # type: ignore[union-attr]
        if not head:
            continue
        quoted = raw_head.rstrip().endswith(('"', "'", "”"))
        pos = _AFTER_SEP.match(text, sep.end()).end()  # type: ignore[union-attr]
        label = _NICKNAME_LABEL.search(head)
        if label:
            # 小名：一一, 花名：肥仔, Preferred name / nickname: Viv: what follows is what the
            # person is called, whatever words it is made of.
            nickname = _NICKNAME_VALUE.match(text, pos)
            if nickname and nickname[0] not in _NOT_GIVEN_ONLY and nickname[0] not in _NO_NICKNAME:
                yield *nickname.span(), 0.8
            if not label[0].isascii():
                continue  # (an English label's value may run to a full name: read on)
        kind = _label_kind(head, quoted)
        if kind is None:
            continue
        if kind != "role" and text.startswith("\n", pos):
            pos += 1  # the value on the line below its label, as forms print it
            while text.startswith((" ", "\t"), pos):
                pos += 1
        if kind == "strong":
            span = latin_name_at(text, pos, lower_ok=True, newline_ok=True) or chinese_name_at(text, pos)
            if (
                span
                and quoted
                and not _NAME_PART_KEY.search(head)
                and not _person_key_value(text, span, sep.end(), head)
            ):
                span = None
            if span and quoted and _BARE_PART_KEY.search(head) and not _whole_quoted_name(text, span):
                span = None  # {"last": "updated"}, {"first": "Preheat the oven"}: not a name part
            score = 0.85
        elif kind == "handle":
            # A login has no spaces (tangwm88); words apart, ending the value, are a name.
            span = latin_name_at(text, pos, lower_ok=True)
            if span and (" " not in text[span[0] : span[1]] or not _HANDLE_END.match(text, span[1])):
                span = None
            score = 0.8
        elif kind == "role":
            title = _TITLE_AFTER_LABEL.match(text, pos)
            if title:
                pos = title.end()  # Guest: Mrs Doreen Fitzgerald
            span = latin_name_at(text, pos, lower_ok=False, newline_ok=True) or chinese_name_at(text, pos)
            # (one word alone only where it ends the value: Artist: Vesna (Ves), not the
            # start of a sentence a transcript's speaker says)
            alone = span is not None and _VALUE_END.match(text, span[1]) is not None
            if span and not _name_like(text[span[0] : span[1]], one_person=alone and _one_person_role(head)):
                span = None
            score = 0.75
        else:
            span = (
                chinese_name_at(text, pos)
                or _nickname_at(text, pos)
                or latin_name_at(text, pos, lower_ok=False, newline_ok=True)
                or _spaced_latin_at(text, pos)
                or _given_only_at(text, pos)
                or _transliterated_at(text, pos)
                or _broken_zh_name_at(text, pos)
            )
            score = 0.85
        if span:
            yield *span, score
    for match in _STRONG_NO_COLON.finditer(text):
        span = latin_name_at(text, match.end(), lower_ok=False)
        if span:
            yield *span, 0.8


# Labels of what a person is called besides their name, and the one word after them.
_NICKNAME_LABEL = re.compile(r"(?:小名|乳名|花名|暱稱|昵称|綽號|绰号|(?i:nick[ \t]?name|preferred[ \t]+name))[ \t]*$")
_NO_NICKNAME = both_scripts(
    ("無", "无", "暫無", "冇", "未填", "不知", "沒", "nil", "none", "NA", "N", "na", "Nil", "None", "same", "Same", "n")
)
_NICKNAME_VALUE = re.compile(f"(?:[{HAN}]{{1,4}}|[A-Za-z][A-Za-z'’-]{{1,15}})(?![{HAN}A-Za-z0-9_@.])")


_NOT_GIVEN_ONLY = both_scripts(
    tuple(
        "中心 公司 大家 各位 本人 同上 不詳 待定 未定 沒有 家人 自己 朋友 同事 經理 主任 老師 學生 客戶 "
        "先生 小姐 女士 太太 職員 員工 部門 總部 分行 門市 店舖 物業 管理 保安 前台 接待 英文 中文 "
        "全家 雙方 家長 父母 子女 兒女 本港 香港 九龍 新界 長者 明天 今天 文件 正常 良好 平安 安全 "
        "成功".split()
    )
)


def _given_only_at(text: str, pos: int) -> tuple[int, int] | None:
    """Two given-name characters alone after a Chinese name label (經手：靜儀（美聯）),
    as colleagues call each other without the surname."""
    from guardrail.pii.recognizers.name_lexicon import ZH_GIVEN

    run = re.match(f"[{HAN}]{{2}}(?![{HAN}])", text[pos : pos + 3])
    if run is None or run[0] in _NOT_GIVEN_ONLY:
        return None
    if all(ch in ZH_GIVEN for ch in run[0]) and not zh_place_overlaps(text, pos, pos + 2):
        return pos, pos + 2
    return None


# Characters Chinese spells foreign names with, by sound (莎莉雅, 瑪麗亞, 艾蜜莉).
_SOUND_CHARS = both_scripts_chars(
    "阿艾愛安奧澳巴芭拜班邦貝比彼畢碧波伯布查達黛戴丹德迪蒂丁杜多朵厄恩爾法菲芬弗福佛傑吉加嘉簡卡凱坎康柯科克"
    "庫拉萊蘭朗勞雷蕾黎里莉利麗蓮琳露盧魯倫羅洛瑪馬邁曼梅蜜米敏莫姆穆娜納妮尼諾歐帕佩皮珀普齊奇喬琪瓊薩賽桑莎"
    "珊絲斯蘇索塔泰坦湯特提托娃瓦威維溫沃西希茜夏辛休雅亞揚伊依尤約詹珍朱卓茲祖"
)


def _transliterated_at(text: str, pos: int) -> tuple[int, int] | None:
    """A foreign name spelt by sound after a Chinese name label (中文名：莎莉雅): three to
    five characters, every one a sound character, the run ending there."""
    run = re.match(f"[{HAN}]{{3,5}}(?![{HAN}])", text[pos : pos + 6])
    if run is None or not all(ch in _SOUND_CHARS for ch in run[0]):
        return None
    return pos, pos + len(run[0])


_BROKEN_ZH_NAME = re.compile(f"[{HAN}]{{1,2}}[ \t]*\n[ \t]*[{HAN}]{{1,2}}(?![{HAN}])")


def _broken_zh_name_at(text: str, pos: int) -> tuple[int, int] | None:
    """A full name an OCR'd form broke over a line after its label (借款人：张⏎建国)."""
    from guardrail.pii.recognizers.name_lexicon import zh_name_shape

    match = _BROKEN_ZH_NAME.match(text, pos)
    if match is None or not zh_name_shape(re.sub(r"\s", "", match[0]), rare=True):
        return None
    return match.span()


_SPACED_LATIN = re.compile(r"(?:[A-Z] ){2,}[A-Z](?: ?, ?[A-Z][A-Za-z]+(?: [A-Z]\.?)?)?")


def _spaced_latin_at(text: str, pos: int) -> tuple[int, int] | None:
    """``S A N T O S , Jennylyn M.``: a name typed letter by letter on a form."""
    match = _SPACED_LATIN.match(text, pos)
    return match.span() if match else None


# Roles only a person fills, so that one word no list knows after them is still a name
# (Artist: Vesna, Coach: Sheena); after "To:" or "Agent:" it is as often a team.
_VALUE_END = re.compile(r"[ \t]*(?:$|[(（,，|\t]|[ ]{2})", re.MULTILINE)
_ONE_PERSON_ROLES = frozenset(
    """
    artist stylist tattooist barber groomer beautician therapist physio instructor tutor trainer teacher nanny
    caregiver carer helper photographer driver rider courier nurse doctor dr dentist vet pharmacist surgeon
    bride groom mentor counsellor counselor
    """.split()
)


def _one_person_role(head: str) -> bool:
    words = re.findall(r"[A-Za-z]+", head.lower())
    return bool(words) and words[-1] in _ONE_PERSON_ROLES


def _name_like(value: str, *, one_person: bool = False) -> bool:
    """A role label's value is a name only if some word of it could be one."""
    if any("\u3400" <= ch <= "\u9fff" for ch in value):
        return True
    words = [w.strip(".,") for w in re.split(r"[\s,/]+", value) if w.strip(".,")]
    if not words:
        return False
    known = any(is_given(w, in_position=True) or is_surname(w) for w in words)
    if any(is_place(w) for w in words):
        return False
    # One unknown capitalised word after "To:" or "Agent:" is as often a team or a
    # product as a person; two or more, or a known name, make a name; an initial before
    # a surname no list knows too (Prepared by: J. Abubakar).
    initialled = len(words) >= 2 and all(re.fullmatch(r"[A-Z]", w) for w in words[:-1]) and len(words[-1]) >= 3
    alone = one_person and len(words) == 1 and len(words[0]) >= 3 and not never_a_name(words[0])
    return known or initialled or alone or (len(words) >= 2 and all(len(w) >= 2 for w in words))


# Who signed a worksheet off by initials: Prepared by: TL, Reviewed by: KWC.
_SIGNED_OFF_INITIALS = gate(
    re.compile(
        r"(?i:\b(?:prepared|reviewed|checked|approved|verified|entered|closed|signed|done|taken)[ \t]+by)"
        r"[ \t]*[:：]?[ \t]*(?P<initials>[A-Z]{2,3})(?![A-Za-z0-9])"
    )
)
# A person's initial and surname as a ticket system signs an action: Closed by a.mehta.
# (A bare login under its label, username: tangwm88, is an account's name, not taken.)
_SIGNED_LOGIN = re.compile(r"(?i:\bby)[ \t]+(?P<login>[a-z]\.[a-z]{3,20})(?![\w@])(?!\.\w)")
# Posts and teams written in capitals where initials could stand.
_NOT_INITIALS = frozenset(
    "HR IT CFO CEO COO CTO CIO GM MD PM QA OPS ADM FIN ACC AM CS PA VP SVP EVP DIR MGR TBC TBA NA NIL".split()
)


def signed_off_initials_and_logins(text: str) -> Iterator[tuple[int, int, float]]:
    """``Prepared by: TL``, ``Closed by a.mehta``."""
    for match in _SIGNED_OFF_INITIALS.finditer(text):
        if match["initials"] not in _NOT_INITIALS:
            yield *match.span("initials"), 0.65
    for match in _SIGNED_LOGIN.finditer(text) if "by" in text.lower() else ():
        if not never_a_name(match["login"].partition(".")[2]):
            yield *match.span("login"), 0.65


# ---- tables ----

_NAME_HEADERS = (
    frozenset(
        """
    name names full name fullname customer client guest patient student staff employee
    volunteer candidate member owner tenant resident visitor contact person assignee
    assigned to applicant helper driver technician doctor teacher parent attendee
    participant passenger recipient sender player winner requester requestor user name
    person english name chinese name surname given name first name last name signed by
    contact name alias aka
    """.split()
    )
    | frozenset(
        w.strip()
        for w in """name, full name, contact person, assigned to, english name, chinese name, given name,
    first name, last name, signed by, contact name, in charge, handled by, customer name,
    client name, patient name, staff name, employee name, student name, guest name,
    attendee name, person in charge, pic, known as, goes by, 姓名, 名字, 客戶, 住戶, 業主, 租客, 訪客, 學生,
    家長, 員工, 職員, 病人, 醫生, 負責人, 聯絡人, 申請人, 收件人, 登記人, 簽收人, 候選人,
    參加者, 得獎者, 會員, 乘客, 英文姓名, 中文姓名, 客户, 住户, 学生, 员工, 职员, 医生,
    负责人, 联络人, 联系人, 申请人, 签收人, 登记人, 候选人""".split(",")
    )
    | frozenset(
        """customer client guest patient student staff employee volunteer candidate member owner
    tenant resident visitor applicant helper driver technician doctor teacher parent attendee
    participant passenger recipient sender player winner requester user person surname
    names""".split()
    )
    # Roles a column of people is headed by in rosters, ledgers and manifests.
    | frozenset(
        """payee payer beneficiary holder cardholder consignee shipper booker pax traveller traveler
    insured claimant policyholder borrower guarantor landlord buyer purchaser caller speaker
    reviewer approver witness spouse mentor coach tutor trainer instructor athlete paddler rower
    runner swimmer nominee director shareholder signatory interviewee interviewer respondent
    complainant victim suspect deceased donor employer worker trainee intern guardian child
    children kid pupil classmate teammate adjuster assessor surveyor handler""".split()
    )
    | frozenset(
        w.strip()
        for w in """booked by, approved by, prepared by, checked by, received by, paid by, paid to,
    next of kin, emergency contact, account holder, card holder, name on card, 收款人, 付款人, 受益人,
    持卡人, 戶主, 户主, 寄件人, 收貨人, 收货人, 經手人, 经手人, 簽署人, 签署人, 投保人, 受保人,
    借款人, 擔保人, 担保人, 房東, 房东, 買家, 买家, 賣家, 卖家, 證人, 证人, 導師, 导师, 教練, 教练,
    老師, 老师, 僱主, 雇主, 賓客, 宾客, 嘉賓, 嘉宾, 同學, 同学, 隊員, 队员, 球員, 球员, 選手, 选手""".split(",")
    )
    # What a person is called besides their name: a child's pet name on an admission list.
    | frozenset(
        w.strip()
        for w in """nickname, nick name, preferred name, 小名, 乳名, 暱稱, 昵称, 花名, 英文名, 中文名, 稱呼,
    称呼""".split(",")
    )
)


# People a sheet pairs or matches up, heading a column alone or as the last word.
_ROLE_HEADS = frozenset("buddy buddies mentee partner roommate flatmate housemate escort chaperone".split())


def header_is_name(cell: str) -> bool:
    cleaned = re.sub(r"[*_`#]|\(.*?\)|（.*?）", "", cell).strip().lower()
    if (
        cleaned in _NAME_HEADERS
        or cleaned in _ROLE_HEADS
        or any(part.strip() in _NAME_HEADERS for part in re.split(r"[/|]", cleaned))
    ):
        return True
    # incoming_student, Home Buddy: a header whose last word is a role heads people too
    # (student_id, buddy_email do not: their last word says what the column holds).
    head = re.split(r"[\s_-]+", re.sub(r"[*`#]|\(.*?\)", "", cell).strip().lower())
    if len(head) > 1 and (head[-1] in _NAME_HEADERS or head[-1] in _ROLE_HEADS):
        return not _NOT_PERSON_KEY.search(cleaned)
    if cleaned.endswith("人") and _ZH_PERSON_ROLE.search(cleaned) and not _ZH_NOT_PERSON_ROLE.search(cleaned):
        return True  # 交接人, 經辦人: a Chinese role ending in 人
    return ("name" in cleaned or "姓名" in cleaned or "名字" in cleaned) and not _NOT_PERSON_KEY.search(cleaned)


# Columns that only a table of people has: with one of them, a Name column holds people;
# without, it may hold products or teams (name,price,qty), so a cell needs a word the
# lists know as a name.
_PERSON_COLUMN = gate(
    re.compile(
        r"(?i)phone|tel|mobile|e-?mail|hkid|\bid\b|dob|birth|age|address|room|unit|flat|dept|"
        r"department|position|title|role|score|grade|class|attendance|rsvp|salary|wage|sex|gender|"
        r"relationship|nationality|passport|contact|電話|手提|電郵|电邮|身份證|身份证|地址|年齡|性別|"
        r"單位|单位|班|學號|学号|關係|关系|職位|职位|部門|部门|證件|证件"
    )
)


_WEAK_HEADERS = frozenset("name names owner user user name member player winner contact".split(" "))


def _weak_header(cell: str) -> bool:
    """A header that may head things as well as people: Name, Owner, User."""
    return re.sub(r"[*_`#]|\(.*?\)", "", cell).strip().lower() in _WEAK_HEADERS


_WHOLE_CELL_NAME = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z'’]+){1,2}")


_ACCOUNT_NAME = re.compile(r"[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)+")


def cell_name(text: str, start: int, end: int, strict: bool = False) -> tuple[int, int] | None:
    """The name filling a table cell ``text[start:end]``, if it holds one."""
    while start < end and text[start] in " \t\"'":
        start += 1
    while end > start and text[end - 1] in " \t\"'":
        end -= 1
    if start >= end:
        return None
    if _ACCOUNT_NAME.fullmatch(text, start, end) and not all(
        part in GIVEN_SYLLABLES or is_given(part, in_position=True) or is_surname(part)
        for part in re.split(r"[-_.]", text[start:end])
    ):
        return None  # svc-backup, wh-nvr: an account or host in a user column, not a person
    span = latin_name_at(text, start, lower_ok=True) or chinese_name_at(text, start)
    if span is not None and span[1] > end and text[end : end + 1] in (",", "\t", "|"):
        span = (span[0], end)  # Okonkwo Chidi,chidi@…: the cell's delimiter, not a comma inside a name
    if (span is None or span[1] < end - 1) and not strict and _WHOLE_CELL_NAME.fullmatch(text, start, end):
        # A surname that is also a word (Gareth Price, Mary Young) ends the name early; in
        # the name column of a table of people, two or three capitalised words are the name.
        words = text[start:end].replace("-", " ").lower().split()
        if not any(w in ORG_WORDS for w in words) and not is_place(text[start:end]):
            span = (start, end)
    if span is None or span[1] < end - 1 or span[1] > end:
        return None
    if (
        strict
        and text[start].isascii()
        and not any(is_given(w, in_position=True) or is_surname(w) for w in _WORD.findall(text[span[0] : span[1]]))
    ):
        return None
    return span


def markdown_tables(text: str) -> Iterator[tuple[int, int, float]]:
    if "|" not in text:
        return
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]*", text) if m.group()]
    columns: list[int] | None = None
    strict = True
    parts: set[int] = set()
    for offset, line in lines:
        stripped = line.strip()
        if _GRID_RULE.fullmatch(stripped):
            continue  # +----+------+ between the rows of a plain-text grid
        if not stripped.startswith("|") and stripped.count("|") < 2:
            columns = None
            continue
        cells = _split_cells(line, offset, "|")
        if re.fullmatch(r"\|?[\s:|+-]+\|?", stripped):
            continue
        if columns is None:
            named = [i for i, (s, e) in enumerate(cells) if header_is_name(text[s:e])]
            columns = named or []
            strict = not any(_PERSON_COLUMN.search(text[s:e]) for s, e in cells) and all(
                _weak_header(text[cells[i][0] : cells[i][1]]) for i in named
            )
            parts = {i for i in named if _NAME_PART_HEADER.search(text[cells[i][0] : cells[i][1]])}
            continue
        for index in columns:
            if index < len(cells):
                span = cell_name(text, *cells[index], strict=strict)
                if span is None and index in parts:
                    span = _one_word_part(text, *cells[index])  # | Ma | Chi Kin |
                if span:
                    yield *span, 0.8


_GRID_RULE = re.compile(r"[+|]?[-=:]+(?:[+|][-=:]+)*[+|]?")


def _split_cells(line: str, offset: int, separator: str) -> list[tuple[int, int]]:
    """Cells of one table line as spans in the text (markdown's outer pipes dropped)."""
    spans = []
    position = 0
    parts = line.split(separator)
    for part in parts:
        spans.append((offset + position, offset + position + len(part)))
        position += len(part) + 1
    if separator == "|" and line.strip().startswith("|"):
        spans = spans[1:]
    return spans


_ALIGNED_CELL = re.compile(r"\S+(?: \S+)*")
_RULE_LINE = re.compile(r"[-=+| \t]+")


def aligned_tables(text: str) -> Iterator[tuple[int, int, float]]:
    """Names in a plain-text table whose columns are lined up with spaces, as reports,
    terminals and ``print(df)`` show them: the header's name column says where to look
    in each row below it (left- or right-aligned alike), until a blank line."""
    if "   " not in text:
        return
    header: list[tuple[int, int]] | None = None
    named: list[int] = []
    strict = True
    offset = 0
    for line in text.split("\n"):
        offset, start = offset + len(line) + 1, offset
        if not line.strip():
            header = None
            continue
        if _RULE_LINE.fullmatch(line) or "|" in line or "\t" in line:
            continue
        cells = [(start + m.start(), start + m.end()) for m in _ALIGNED_CELL.finditer(line)]
        if len(cells) < 3 or not re.search(r"\S  +\S", line):
            header = None
            continue
        if header is not None and len(cells) not in (len(header), len(header) + 1):
            header = None  # a row of another shape: the table has ended
        if header is None:
            names = [text[a:b] for a, b in cells]
            named = [i for i, cell in enumerate(names) if header_is_name(cell)]
            if named and not any(re.search(r"\d", cell) for cell in names):
                header = [(a - start, b - start) for a, b in cells]
                strict = not any(_PERSON_COLUMN.search(cell) for cell in names) and all(
                    _weak_header(names[i]) for i in named
                )
            continue
        for index in named:
            low, high = header[index]
            best = max(cells, key=lambda c: min(c[1] - start, high) - max(c[0] - start, low))
            if min(best[1] - start, high) <= max(best[0] - start, low):
                continue
            span = cell_name(text, *best, strict=strict)
            if span:
                yield *span, 0.8


def csv_tables(text: str) -> Iterator[tuple[int, int, float]]:
    for delimiter in (",", "\t"):
        if text.count(delimiter) >= 2:
            yield from _delimited_tables(text, delimiter)


# A column of people's initials (a study's participants, a roster kept anonymous).
_INITIALS_HEADER = re.compile(r"(?i)(?:participant[ _]|name[ _]|subject[ _])?initials?")
_INITIALS_CELL = re.compile(r"[ \t\"']*([A-Z](?:\.?[A-Z]){1,3}\.?)[ \t\"']*")


def _delimited_tables(text: str, delimiter: str) -> Iterator[tuple[int, int, float]]:
    """Names in a CSV or tab-separated table's name columns."""
    columns: list[int] | None = None
    width = 0
    strict = True
    parts: set[int] = set()
    initials: set[int] = set()
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        if line.count(delimiter) < 1 or "|" in line:
            columns = None
            continue
        try:
            cells = next(csv.reader([line], delimiter=delimiter))
        except (csv.Error, StopIteration):
            columns = None
            continue
        # A row may run a cell or two past its header where a number kept its thousands
        # comma unquoted (1,850/day); its name columns before that still line up.
        if columns is None or not (len(cells) == width or width >= 4 and width < len(cells) <= width + 2):
            initials = {i for i, cell in enumerate(cells) if _INITIALS_HEADER.fullmatch(cell.strip())}
            named = [i for i, cell in enumerate(cells) if header_is_name(cell) or i in initials]
            columns, width = (named, len(cells)) if named else (None, 0)
            strict = not any(_PERSON_COLUMN.search(cell) for cell in cells) and all(
                _weak_header(cells[i]) for i in named
            )
            parts = {i for i in named if _NAME_PART_HEADER.search(cells[i])}
            continue
        spans = _csv_cell_spans(line, match.start(), len(cells), delimiter)
        for index in columns:
            if spans and index in initials and index < len(spans):
                start, end = spans[index]
                cell = _INITIALS_CELL.fullmatch(text, start, end)
                if cell is not None:
                    yield *cell.span(1), 0.8  # K.W.L. in a participants' initials column
                continue
            if spans and index < len(spans):
                span = cell_name(text, *spans[index], strict=strict)
                if span is None and index in parts:
                    span = _one_word_part(text, *spans[index])
                if span:
                    yield *span, 0.8


# Headers of one part of a name, whose cells hold a single word: Surname, Given name.
_NAME_PART_HEADER = re.compile(
    r"(?i)surname|family[ _]?name|last[ _]?name|given[ _]?names?|first[ _]?name|other[ _]?names|"
    r"preferred[ _]?name|nickname|姓氏|名字|小名|乳名|暱稱|昵称|花名|稱呼|称呼"
)
_ONE_WORD = re.compile(r"[A-Z][A-Za-z'’-]{1,20}")


_HAN_PART = re.compile(f"[{HAN}](?: ?[{HAN}]){{0,2}}")


def _one_word_part(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A surname or given-name column's cell holding one word (``Ma``, ``Siobhan``)."""
    while start < end and text[start] in " \t\"'":
        start += 1
    while end > start and text[end - 1] in " \t\"'":
        end -= 1
    word = text[start:end]
    if _HAN_PART.fullmatch(word):
        return start, end  # 梁, 嘉 敏: a Chinese surname or given name in its own column
    if not _ONE_WORD.fullmatch(word) or word.lower() in ORG_WORDS or is_place(word):
        return None
    if never_a_name(word) and not is_surname(word):  # Ma is a surname here, not mum
        return None
    return start, end


def _csv_cell_spans(line: str, offset: int, count: int, delimiter: str = ",") -> list[tuple[int, int]] | None:
    spans, position, quoted, start = [], 0, False, 0
    for position, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            spans.append((offset + start, offset + position))
            start = position + 1
    spans.append((offset + start, offset + len(line)))
    return spans if len(spans) == count else None
