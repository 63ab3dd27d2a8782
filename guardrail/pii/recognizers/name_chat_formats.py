"""Speakers in chat exports whose lines are not ``Name: message``.

LINE exports a message as ``21:15<TAB>Supaporn<TAB>the parcel arrived``, IRC-style logs
and some bots as ``2026-03-12 21:15:03 <Bogdan> hey``, WeChat, WeCom and Slack put the
sender and the time on a line above the message (``刘洋 10:07``, ``tsz.hin  11:04``). A speaker there is a person
whatever the name (``Nadiya``, ``Bogdan``: names no list need know), once the text shows
the format on two lines or more; a name that is a word for a role, a bot or a place is
not taken.

Exports in formats no rule names (a phone's, a desktop app's, a bot's) are read by their
shape: a line that starts with a time stamp and then names the sender before a colon or
``›`` (``2026/03/10 19:10 - crystal.m: ...``, ``(21:08) 湛太 › ...``), or a line of its
own holding a sender and then the stamp (``bb wai, [12.03.26 21:15]``, ``>> ling姐 🐱 ··
21:04``, ``@candy_yipp  ·  Mon 9:41 PM``). One such line could be an agenda's item, so
the shape counts once two lines share it and one sender speaks twice: people in a chat
come back, an agenda's items do not. A sender alone after a date and a time, the message
below (``05-29 20:31 阿杰不吃香菜``), counts the same way; the date keeps agendas out.

A group chat copied without its times (``一帆风顺：看监控啊``) has only ``sender：message``
lines, the shape of a form's ``label：value``: its senders count when most lines read as
messages, most senders look like display names (a name, a nickname, a parent's handle,
Latin letters, or a phrase of four characters or more that does not end as a label does)
and one of them speaks twice.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from guardrail.pii.recognizers.name_cues import nickname_shaped
from guardrail.pii.recognizers.name_lexicon import (
    HAN,
    ZH_PLACES,
    ZH_TRADE_WORDS,
    is_given,
    is_place,
    is_surname,
    longest_first,
    never_a_name,
    zh_name_shape,
    zh_surname_length,
)
from guardrail.pii.recognizers.name_spans import HAN_CHAR, ORG_WORDS, STOP, L, U
from guardrail.pii.recognizers.names_data import GIVEN_SYLLABLES

_NAME = rf"[{U}][{L}'’-]*(?:[ ][{U}][{L}'’-]*){{0,2}}"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[ ]?[AaPp][Mm])?"
_LINE_EXPORT = re.compile(rf"(?m)^[ \t]*{_TIME}\t(?P<who>{_NAME})\t")
_IRC = re.compile(
    rf"(?m)^[ \t]*(?:\[?\d{{2,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}}[ T]?)?\[?{_TIME}\]?[ \t]+<(?P<who>{_NAME})>[ \t]"
)


def export_speakers(text: str) -> Iterator[tuple[int, int, float]]:
    """Speakers of LINE-style (tab-separated) and IRC-style (``<name>``) chat lines."""
    for pattern, gate in ((_LINE_EXPORT, "\t"), (_IRC, "<")):
        if gate not in text:
            continue
        matches = list(pattern.finditer(text))
        if len(matches) < 2:
            continue
        for match in matches:
            who = match["who"]
            if any(never_a_name(w) or w.lower() in STOP for w in who.split()) or is_place(who):
                continue
            yield *match.span("who"), 0.75


# A workspace login as Slack prints its sender: tsz.hin, lee_ck.
_LOGIN = r"[a-z]{2,12}(?:[._][a-z]{1,12}){1,2}"
# WeChat and WeCom exports: the sender and the time on a line of their own, the message
# on the lines below (刘洋 10:07 / Amy Zhou 周敏 10:16).
# A shop's or a service's staff sign with the service first (仁和康体检客服-小鹿 11/12 14:20).
_HEADER_LINE = re.compile(
    rf"(?m)^[ \t]*(?:[{HAN}A-Za-z]{{2,12}}[-－·・])?(?P<who>[{HAN}]{{2,4}}|{_NAME}(?:[ ][{HAN}]{{2,4}})?|{_LOGIN})[ \t]+"
    rf"(?:\d{{1,2}}[/-]\d{{1,2}}[ \t]+|\d{{4}}-\d{{1,2}}-\d{{1,2}}[ \t]+)?{_TIME}[ \t]*$"
)


# 小鹿, 阿晴: a sender's line is a person's place, so 小 or 阿 and any character is a nickname.
_STAFF_NICKNAME = re.compile(f"[小阿][{HAN}]")


def sender_time_lines(text: str) -> Iterator[tuple[int, int, float]]:
    """Senders on their own line above the message, once the text shows the format on two
    lines or more: Chinese senders shaped as a name or a nickname, logins made of name
    syllables, Latin names that start with a name the lists know."""
    if ":" not in text:
        return
    matches = list(_HEADER_LINE.finditer(text))
    if len(matches) < 2:
        return
    for match in matches:
        who = match["who"]
        if re.fullmatch(f"[{HAN}]+", who):
            if zh_name_shape(who) or nickname_shaped(who) or _STAFF_NICKNAME.fullmatch(who):
                yield *match.span("who"), 0.75
        elif who.islower():
            parts = re.split(r"[._]", who)
            if all(p in GIVEN_SYLLABLES or is_given(p) or is_surname(p) for p in parts):
                yield *match.span("who"), 0.75  # tsz.hin  11:04
        elif _known_first(who) and not any(never_a_name(w) or w.lower() in STOP for w in who.split()):
            yield *match.span("who"), 0.75  # not an agenda's item and time (Briefing  2:00 PM)


def _known_first(who: str) -> bool:
    first = who.split()[0]
    return (is_given(first, in_position=True) or is_surname(first)) and not is_place(who)


# (an iOS export in Chinese puts the half of the day before the clock: 上午9:58:45)
_CLOCK = r"(?:[上下]午[ ]?)?\d{1,2}:\d{2}(?::\d{2})?(?:[ ]?[AaPp]\.?[Mm]\.?)?"
# (a date as numbers, as 5月25日 or as 3 Oct, before the clock)
_DATE = (
    r"(?:\d{1,4}[-/.]\d{1,2}(?:[-/.]\d{1,4})?|\d{1,2} ?月 ?\d{1,2} ?日"
    r"|\d{1,2}[ ](?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?(?:[ ]\d{4})?)"
)
_STAMP = (
    rf"[\[(（]?(?:{_DATE}[ ,，T]*)?(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?[ ,]*)?"
    rf"{_CLOCK}[\])）]?"
)
_SENDER = r"[^\s\d:：›>|\[\]()（）@][^\n:：›>|\[\]()（）@]{0,40}?"
# A display name's own part: up to an emoji or a symbol (Yanni 🌸 bride 12/12).
_DISPLAY_NAME = re.compile(r"[\w .'’-]+")
# A bracket after the display name: a role, a flat, a child's or a shop's name (May姐 (山友會
# treasurer), 阿棠（19樓）, Kelvin Tse (CS @ TapTill)); not the sender's, whose words the
# text's other mentions would then be sought for.
_TAIL = r"(?:[(（][^)）\n]{1,24}[)）])?"
# (a colon needs no space after it before Chinese, 09-06 16:48 杨林：测了, and may end the line,
# as WeChat exports put the message under its sender: 21:06 平安是福：)
_TIME_FIRST = re.compile(
    rf"(?m)^[ \t]*{_STAMP}[ \t]*(?P<sep>[-–—|]?)[ \t]*(?P<who>{_SENDER})[ \t]*{_TAIL}[ \t]*(?:[:：›>][ \t]|[:：](?=[{HAN}])|[:：][ \t]*$)"
)
# A sender alone after the date and the time, the message on the lines below (05-29 20:31
# 阿杰不吃香菜 / 2024-04-08 19:09:45  静待花开🌸): the date keeps an agenda's times out.
_DATED_SENDER_LINE = re.compile(
    rf"(?m)^[ \t]*[\[(（]?{_DATE}[ ,，T]+{_CLOCK}[\])）]?[ \t]+(?P<sep>)(?P<who>{_SENDER})[ \t]*{_TAIL}[ \t]*$(?=\n[ \t]*\S)"
)
# A voice note's header: its time, its sender and a microphone (4 Jun 08:02 · 阿Kit 🎤 0:35).
_VOICE_NOTE = re.compile(rf"(?m)^[ \t]*{_STAMP}[ \t]*(?P<sep>[-–—|·•]?)[ \t]*(?P<who>{_SENDER})[ \t]*(?:🎤|🎙)")
# A neighbour's flat before or after the name in an estate's group chat (3栋1502 覃淼,
# lily 9栋, 5-1203 王姐, 17号楼-老陈): the flat is the address finder's, the rest is the
# sender. A bare flat number after a Chinese name (老赵 401) is the sender's own.
_UNIT = r"\d{1,3}(?: ?[栋棟座幢號号](?: ?[楼樓])?(?: ?\d{3,4})?|(?:-\d{1,2})?-\d{3,4})(?: ?[室房])?"  # spaced as normalised: 3 栋 1502
_UNIT_AFTER = re.compile(rf"[ \t]+{_UNIT}$")
_FLAT_AFTER = re.compile(rf"(?<=[{HAN}])[ \t]+\d{{3,4}}$")
_NAME_FIRST = re.compile(
    rf"(?m)^[ \t]*(?:>>?|@)?[ \t]*(?:{_UNIT}[ \t]*-?[ \t]*)?(?P<who>{_SENDER})[ \t]*{_TAIL}[ \t]*(?P<sep>,|·+|\||-|–)?[ \t]*"
    rf"{_STAMP}[ \t]*$"
)
# Senders that are the app, the group or its bot, not a person.
_NOT_SENDERS = frozenset(
    "system admin bot you me group notice reminder announcement 通知 系統 系统 管理員 管理员 客服 公告 群主 我".split()
)
# A post's name as a sender (Harbourmaster, Gatekeeper, Duty officer).
_ROLE_WORD = re.compile(r"(?:master|keeper|officer|desk|office|team|manager|staff|control|ops)$")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
# Kin words: a sender that is one (細妹, 阿媽) names no one; one after a name (浩賢媽媽) is
# the parent of the child named.
_KIN = "媽媽|妈妈|爸爸|媽咪|妈咪|爹哋|爹地|老豆|阿媽|阿妈|阿爸|細妹|細佬|家姐|哥哥|姐姐|妹妹|弟弟|老公|老婆|太太|婆婆|公公|爺爺|嫲嫲|阿嫲|阿爺"
_KIN_AFTER = re.compile(f"(?:{_KIN})$")
# A shop, a class or a bot speaking: 永福祥紙料, 強記肉檔, 新記海鮮, 龍華茶樓 訂座, Maple Class, GuildBot.
_NOT_PERSON_SENDER = re.compile(
    f"^(?:{_KIN})$|[記记]|[檔档]$|士多|紙料|纸料|店$|行$|舖|舗|訂座|订座|預約|预约|海味"
    "|理髮|理发|髮型|发型|上門|上门"
    f"|{'|'.join(longest_first(ZH_TRADE_WORDS))}"
    r"|(?i:bot|\b(?:class|team|group|committee|office|official|support|shop|store|studio|cs)\b)"
)


# A tradesman saved by his name and his trade (Rocky 裝修, Ken 水電, Ah Fai 搬屋): the
# name is a person's, though the trade alone would make the sender a shop.
_GIVEN_THEN_TRADE = re.compile(rf"(?P<name>[A-Z][a-z]{{1,11}})[ ]?(?:{'|'.join(longest_first(ZH_TRADE_WORDS))})")


def templated_speakers(text: str) -> Iterator[tuple[int, int, float]]:
    """Senders of chat lines in a shape the text repeats, once one of them speaks twice."""
    if ":" not in text:
        return
    for pattern in (_TIME_FIRST, _NAME_FIRST, _VOICE_NOTE, _DATED_SENDER_LINE):
        shapes: dict[str, list[tuple[int, int, str]]] = {}
        for match in pattern.finditer(text):
            sender = _sender(text, *match.span("who"))
            if sender is not None:
                shapes.setdefault(match["sep"] or "", []).append(sender)
        for senders in shapes.values():
            counts = Counter(key for _, _, key in senders)
            if len(senders) >= 2 and max(counts.values()) >= 2:
                yield from ((start, end, 0.75) for start, end, _ in senders)


def _sender(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """The name in a header's sender field (its span, and its key for counting), or None:
    the display name up to an emoji, less a role before it (Agent Joanne) and a kin word
    after it (浩賢媽媽: the child's name)."""
    who = text[start:end]
    flat = _FLAT_AFTER.search(who)
    if flat is not None:
        found = _sender(text, start, end - len(who) + flat.start())
        # (the flat stays in the span only if the name ran up to it)
        return found if found is None or found[1] < start + flat.start() else (found[0], end, found[2])
    unit = _UNIT_AFTER.search(who)
    if unit is not None:
        end -= len(who) - unit.start()
        who = who[: unit.start()]
    shown = _DISPLAY_NAME.match(who)
    trimmed = _EDGE.sub("", shown[0] if shown else who)
    tradesman = _GIVEN_THEN_TRADE.fullmatch(trimmed)
    if tradesman is not None and is_given(tradesman["name"], in_position=True):
        at = start + who.index(trimmed)
        return at, at + tradesman.end("name"), tradesman["name"].lower()
    if not trimmed or len(trimmed.split()) > 4 or _not_a_sender(trimmed):
        return None
    if trimmed != who.strip() and _NOT_PERSON_SENDER.search(who) is not None:
        return None  # Bloom & Bough CS: the whole sender is a shop's desk, whatever its first word
    start += who.index(trimmed)
    key = trimmed.lower()
    role, _, rest = trimmed.partition(" ")
    if rest and role[:1].isupper() and never_a_name(role.lower()):
        name = rest.lstrip()
        start += len(trimmed) - len(name)
        trimmed = name
    staff = _STAFF_OF_SERVICE.fullmatch(trimmed)
    if staff is not None:
        head = trimmed[: staff.start("name")].rstrip(" -－·・")
        if zh_name_shape(head):
            trimmed = head  # 蒋丽娟-人事: a person, then her department
        elif staff["name"] in ZH_PLACES:
            return None  # 店长-荃湾: a branch's post signs, not a person
        else:
            start += staff.start("name")  # 仁和康体检客服-小鹿: the service, then its staff member
            trimmed = staff["name"]
    named = _KIN_AFTER.sub("", trimmed) if len(trimmed) > 3 else trimmed
    return start, start + len(named), key


# A sender in two parts about a dash: a service and its staff member (仁和康体检客服-小鹿,
# 順豐·阿Ken), or a person and her department (蒋丽娟-人事).
_STAFF_OF_SERVICE = re.compile(
    rf"[{HAN}]{{2,12}}[ ]?[-－·・][ ]?(?P<name>[{HAN}]{{1,4}}|(?:[{HAN}] ?)?[A-Za-z]{{2,12}})"
)


# A display name's number after an underscore (鹿小葵_0921), as platforms make names unique.
_HANDLE_NUMBER = re.compile(r"(?<=[^\W\d_])_\d{1,6}$")


def _not_a_sender(who: str) -> bool:
    lower = who.lower()
    words = lower.split()
    return (
        lower in _NOT_SENDERS
        or (len(words) == 1 and (never_a_name(lower) or _ROLE_WORD.search(lower) is not None))
        or _NOT_PERSON_SENDER.search(who) is not None
        or any(word in ORG_WORDS for word in words)
        or is_place(who)
        or re.search(r"[，。！？!?;；\d]|https?|www\.|\.(?:hk|com|net|org|shop|store)\b", _HANDLE_NUMBER.sub("", who))
        is not None
        # nine Chinese characters or more: a business's name (剪得好上門理髮店舖), not a
        # person's, a nickname's or a role's and a name's (设计师小王); WeChat's phrases
        # run to seven or eight (一蓑烟雨任平生, 阳光下的向日葵)
        or re.fullmatch(f"[{HAN}]{{9,}}", who) is not None
    )


# A group chat copied without its times: every line "display name：message" (一帆风顺：看监控啊,
# 豆豆妈 3-2-801：..., 9-2303-彭：...). A form's "label：value" lines share the shape, so the
# lines must read as messages (most hold a sentence's punctuation, an emoji or ten
# characters), a sender must speak twice, and a label word is never a sender.
_COLON_LINE = re.compile(
    rf"(?m)^[ \t]*(?:{_UNIT}[ \t]*-?[ \t]*)?(?P<who>[^\s\d:：@#\[\]()（）<>|*•·\-][^\n:：@#|]{{0,15}}?)[ \t]*{_TAIL}"
    r"[ \t]*[:：][ \t]*(?P<message>\S[^\n]*)$"
)
_CHATTY = re.compile("[，。！？!?～~…]|[\U0001f300-\U0001faff\u2600-\u27bf]")
_LABELS = frozenset(
    "姓名 名字 名稱 名称 電話 电话 手機 手机 聯絡電話 联系电话 地址 住址 備註 备注 時間 时间 日期 事由 經過 经过 處理 处理 結果 结果 "
    "原因 問題 问题 回覆 回复 答覆 答复 內容 内容 主題 主题 說明 说明 附件 金額 金额 數量 数量 狀態 状态 單號 单号 訂單 订单 "
    "客戶 客户 收件人 寄件人 聯絡人 联系人 職位 职位 部門 部门 關係 关系 性別 性别 年齡 年龄 國籍 国籍 地點 地点 "
    "要求 建議 建议 跟進 跟进 進度 进度 總結 总结 結論 结论 標題 标题 摘要 注意 提示 提醒 通知 公告 群公告 溫馨提示 温馨提示 "
    # roles that speak in a transcript or a copied thread: no one's name
    "學生 学生 老師 老师 家長 家长 同學 同学 醫生 医生 病人 患者 客人 顧客 顾客 買家 买家 賣家 卖家 店家 司機 司机 "
    "記者 记者 主持 主持人 嘉賓 嘉宾 律師 律师 法官 證人 证人 原告 被告 問 问 答 "
    "業主 业主 租客 車主 车主 房東 房东 判頭 判头 師傅 师傅 管理員 管理员 保安 物業 物业 社工 經紀 经纪 職員 职员".split()
)
# A sender that is a date (初診 十一月二十日), a school, a firm or a team (培德女子中學).
_NOT_A_SPEAKER = re.compile(
    r"[〇零一二三四五六七八九十廿\d]{1,3}[ ]?月|月[ ]?[〇零一二三四五六七八九十廿\d]{1,3}[ ]?[日號号]|[年週周]"
    r"|[中小大]學$|[中小大]学$|學校$|学校$|[書学學]院$|书院$|公司$|集[團团]$|[銀银]行$|[醫医]院$|中心$|[協协]會$|协会$"
    r"|委[員员][會会]$|[隊队]$|[組组]$|部$|處$|处$|局$|署$"
)


# What ends a form's label (身份證號碼, 现住址, 来电人, 异常日期), not a display name.
_LABEL_TAIL = re.compile(
    r"(?:[號号][碼码]|[編编][號号]|[地住]址|[電电][話话郵邮]|日期|[時时][間间]|方式|[人者員员方]|[費费價价額额單单證证件]"
    r"|[類类型項项目表率數数況况狀状態态期程序式度])$"
)


def colon_speakers(text: str) -> Iterator[tuple[int, int, float]]:
    """Senders of a chat copied without times: its lines read as messages, most of its
    senders look like people's display names, and one of them speaks twice."""
    if ("：" not in text and ":" not in text) or HAN_CHAR.search(text) is None:
        return
    lines = [m for m in _COLON_LINE.finditer(text) if HAN_CHAR.search(m["who"])]
    chatty = sum(bool(_CHATTY.search(m["message"]) or len(m["message"]) >= 10) for m in lines)
    if len(lines) < 4 or 2 * chatty < len(lines):
        return
    senders = [sender for match in lines if (sender := _display_name(text, match)) is not None]
    counts = Counter(key for _, _, key in senders)
    if 2 * len(senders) >= len(lines) and len(counts) >= 2 and max(counts.values()) >= 2:
        yield from ((start, end, 0.7) for start, end, _ in senders)


def _display_name(text: str, match: re.Match[str]) -> tuple[int, int, str] | None:
    """The sender of a colon line if it looks like a person's display name: a name, a
    nickname, a parent's or a neighbour's handle (豆豆妈), Latin letters, or a phrase of
    four characters or more (一帆风顺); not a label (姓名, 来电人), a role, a date or a firm."""
    sender = _sender(text, *match.span("who"))
    if sender is None:
        return None
    shown = text[sender[0] : sender[1]]
    if shown in _LABELS or _NOT_A_SPEAKER.search(shown) or _NOT_A_SPEAKER.search(match["who"]):
        return None
    han = "".join(HAN_CHAR.findall(shown))
    if han != shown and (han in _LABELS or _LABEL_TAIL.search(han)):
        return None  # 電話 Tel, 姓名 Name, 業主 Landlord: a bilingual form's label
    if len(shown) == 1:
        return sender if zh_surname_length(shown, rare=True) else None  # 9-2303-彭: a surname
    if re.search("[A-Za-z]", shown) or zh_name_shape(shown) or nickname_shaped(shown) or _KIN_AFTER.search(shown):
        return sender
    return sender if len(shown) >= 4 and not _LABEL_TAIL.search(shown) else None


# A chat app's JSON export: each message an object with its sender under "from" beside
# its "date" and "text" ({"date": "...", "from": "rose 歐陽", "text": "..."}), as Telegram
# Desktop writes it. The sender is a display name, whatever it reads like (kingkwok, ivy c).
_JSON_SENDER = re.compile(r'"(?:from|sender|author|from_name|sender_name)"[ \t]*:[ \t]*"(?P<who>[^"\n@]{1,40})"')
_JSON_MESSAGE_KEYS = re.compile(r'"(?:text|message|content|body)"[ \t]*:')
_JSON_TIME_KEYS = re.compile(r'"(?:date|time|timestamp|ts|sent_at|created_at)"[ \t]*:')


def json_senders(text: str) -> Iterator[tuple[int, int, float]]:
    """The senders of a chat's JSON export, once two messages show the format: a sender
    key between a time key and a message key, and a sender that speaks twice."""
    if '"' not in text or _JSON_MESSAGE_KEYS.search(text) is None:
        return
    senders = []
    for match in _JSON_SENDER.finditer(text):
        near = text[max(0, match.start() - 120) : match.end() + 120]
        who = match["who"].strip()
        if not who or _JSON_TIME_KEYS.search(near) is None or _JSON_MESSAGE_KEYS.search(near) is None:
            continue
        first = who.split()[0]
        if _not_a_sender(who) and not (is_given(first, in_position=True) or is_surname(first)):
            continue
        senders.append((match.start("who"), match.start("who") + len(match["who"].rstrip()), who.lower()))
    counts = Counter(key for _, _, key in senders)
    if len(senders) >= 2 and counts and max(counts.values()) >= 2:
        yield from ((start, end, 0.7) for start, end, _ in senders)


FINDERS = (export_speakers, sender_time_lines, templated_speakers, colon_speakers, json_senders)
