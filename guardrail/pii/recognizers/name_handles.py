"""A person's account on a messaging or social app, written after the app's name.

Cross-border forms and chats give a WeChat ID or an Instagram handle where a phone
number would stand (``微信：xiaowen_qi``, ``IG @candypang.hk``, ``Telegram: @kelvinwong``).
The handle finds the person as surely as the phone does, and is often built from the
name, so it is taken as a PERSON finding, as the corpus labels it. Only after the app's
name with a colon, ``@`` or ``ID``, or a space before a word only a handle has (an
underscore, a dot or a digit): ``微信支付`` or ``WeChat Pay`` is no handle, and an official
account (``公众号``, ``official``) belongs to a business. A handle built from a name
(``@rainbow_kwan.ling``) is a person's wherever it is written with its ``@`` or speaks in a
chat, and so is one written bare in a log or a form (``pppoe ho_kwokwai session up``) when
every part of it is a name's.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult

from guardrail.pii.recognizers.base import RegexRecognizer, tagged_result
from guardrail.pii.recognizers.columns import column_header
from guardrail.pii.recognizers.name_lexicon import GIVEN, is_given, is_place, is_surname, never_a_name
from guardrail.pii.recognizers.names_data import GIVEN_SYLLABLES, ROMANISED_SURNAMES
from guardrail.text.start_gate import gate

_APPS = (
    r"微信(?:號|号|ID|id|名)?|昵称|暱稱|網名|网名|WeChat(?:[ \t]?ID)?|Wechat(?:[ \t]?ID)?|wechat(?:[ \t]?id)?|wx"
    r"|IG|ig|Instagram|instagram|[Ii]nsta|Telegram|telegram|TG|Line(?:[ \t]?ID)?|LINE(?:[ \t]?ID)?|小紅書|小红书|Signal|Threads"
)
_HANDLE = re.compile(
    rf"(?<![A-Za-z])(?:{_APPS})"
    # the app's name, then a colon, "@" or both; 同號 (the same as the phone) is no handle;
    # or a space before what only a handle looks like (微信 kuang_lina_pc, not WeChat Pay)
    # or in brackets after it, with an @ or a handle's dot, underscore or digit (on insta
    # (tomek.wisniewski))
    r"(?:[ \t]*[:：][ \t]*@?|[ \t]+@|[ \t]*@|[ \t]+(?=[A-Za-z][A-Za-z0-9]*[_.\d])|[ \t]*[(（][ \t]*(?:@|(?=[A-Za-z][A-Za-z0-9]*[_.\d])))"
    r"([A-Za-z][A-Za-z0-9_.\-]{2,29}[A-Za-z0-9])(?![A-Za-z0-9_@])"
)
_BUSINESS_BEFORE = re.compile(r"(?:公众号|公眾號|官方|official|Official|shop|Shop|店)[^\n]{0,6}$")


# A handle written with its @ or as a chat's speaker, after a time stamp or not
# (@rainbow_kwan.ling, rainbow_kwan.ling: hi, [09:15] leung_mei_yee_88: hi, zhangmeng_0923：你好).
_AT_HANDLE = gate(re.compile(r"(?<![\w.@])@([A-Za-z][A-Za-z0-9_.]{2,29}[A-Za-z0-9]_*)(?![\w@])"))
_SPEAKER_HANDLE = re.compile(
    r"(?m)^(?:\[[^\]\n]{1,25}\][ \t]*)?([a-z][a-z0-9]*[_.][a-z0-9_.]*[a-z0-9])[ \t]*[:：](?:[ \t]|(?=[\u4e00-\u9fff]))"
)


def built_from_a_name(handle: str) -> bool:
    """Whether a handle's parts read as a person's name: a surname and a given name or
    syllable, or a syllable said twice (rainbow_kwan.ling, chunhei.ng, wingwing_cheuk),
    a name's syllables run together (wongwingyan.rain, hojaihojai), not a shop's words
    (bagcycle.hk)."""
    return _pieces_name_someone(_pieces(_parts(handle)))


def _pieces(parts: list[str]) -> list[str]:
    """A handle's words, each cut into syllables where it runs three or more together."""
    return [piece for part in parts for piece in _syllables(part)]


def _pieces_name_someone(pieces: list[str]) -> bool:
    surnames = [piece for piece in pieces if piece in ROMANISED_SURNAMES]
    given = [piece for piece in pieces if _name_part(piece)]
    return (
        bool(surnames)
        and len(set(surnames) | set(given)) >= 2
        or _word_given_and_surname(pieces)
        or _nickname_or_initialled(pieces)
    )


def _nickname_or_initialled(pieces: list[str]) -> bool:
    """A Cantonese nickname (ahchun: Ah Chun), or a given name with an initial or a
    given pair after it (lokyi.c, sky.tszhin): a person's handle as friends write it."""
    if any(piece.startswith("ah") and piece[2:] in GIVEN_SYLLABLES for piece in pieces):
        return True
    if len(pieces) != 2:
        return False
    first, second = pieces
    given_first = _given_pair(first) or is_given(first, in_position=True)
    return given_first and (len(second) <= 2 or _given_pair(second)) and first not in _TOPIC_WORDS


def _word_given_and_surname(pieces: list[str]) -> bool:
    """A given name that is also a word, then a surname (dawn.fung, crystal.lo,
    angel.mok, cherryyeung.hy): the surname puts the word where a name stands, as an
    office's logins are made."""
    if len(pieces) == 3 and len(pieces[2]) <= 2:
        pieces = pieces[:2]  # and initials after them (cherryyeung.hy)
    return (
        len(pieces) == 2
        and pieces[1] in ROMANISED_SURNAMES
        and pieces[0] not in ROMANISED_SURNAMES
        and is_given(pieces[0], in_position=True)
    )


def _given_pair(part: str) -> bool:
    """Two given syllables run together, as a Hong Kong given name is written after its
    surname (ho_kwokwai, wong.chunhei): alone two syllables are as often a word (mochi),
    beside a surname they are the name's."""
    return len(part) >= 4 and any(
        part[:cut] in GIVEN_SYLLABLES and part[cut:] in GIVEN_SYLLABLES for cut in range(2, len(part) - 1)
    )


# A user name written bare, as logs and forms print it (pppoe ho_kwokwai session up,
# PPPoE 用戶名：yaukayi_19, Closed by wong.chunhei): lower case, a dot or an underscore
# between its parts, not inside an address, a path or a domain.
_BARE_HANDLE = re.compile(r"(?<![\w.@/\\-])([a-z][a-z0-9]*(?:[_.]{1,2}[a-z0-9]+)+_*)(?![\w@/\\-]|\.\w)")
# What ends a domain or a file's name rather than a user name.
_NOT_HANDLE_ENDS = frozenset(
    "com net org hk cn mo tw io co edu gov uk jp sg au de fr info biz app dev ai me "
    "pdf doc docx xls xlsx csv txt jpg jpeg png gif zip json xml yaml yml log py js html htm ppt pptx mp3 mp4".split()
)


def _bare_handle(handle: str) -> bool:
    """A bare user name: built from a name, every part of it a name's (tai_wai_branch is
    a branch), not a place's name (ma_on_shan), not a domain's or a file's."""
    parts = _parts(handle)
    ending = handle.lower().rsplit(".", 1)[-1]
    if ending == "hk" and len(parts) >= 3:
        # a name's parts and the place, as Instagram handles end (joanne.lau.hk), not a
        # firm's domain (kamwah.hk: one part before it)
        parts, ending = parts[:-1], ""
    pieces = _pieces(parts)
    return (
        len(pieces) >= 2
        and ending not in _NOT_HANDLE_ENDS
        and not is_place(" ".join(parts))
        and (all(_name_part(piece) for piece in pieces) or _word_given_and_surname(pieces))
        and _pieces_name_someone(pieces)
    )


def _name_part(part: str) -> bool:
    """A piece of a name: a romanised syllable or surname, a given name, a doubled or
    paired given syllable."""
    return part in _SYLLABLES or is_given(part) or _doubled(part) or _given_pair(part)


def _parts(handle: str) -> list[str]:
    """A handle's words, lower-cased, without its dots, underscores, hyphens and digits."""
    return [part for part in re.split(r"[_.\d-]+", handle.lower()) if part]


# Syllables a romanised name runs together, with the Cantonese affixes (仔 jai, 妹 mui).
_SYLLABLES = GIVEN_SYLLABLES | ROMANISED_SURNAMES | frozenset(("jai", "zai", "mui"))


def _syllables(part: str) -> list[str]:
    """``part`` cut into romanised syllables when it is nothing but three or more syllables
    run together (wongwingyan -> wong, wing, yan), else ``[part]``; a place so written
    stays whole."""
    if part in _SYLLABLES or is_given(part) or _doubled(part) or len(part) < 5:
        return [part]
    for cut in range(3, len(part) - 1):
        # an English given name and a surname run together (cherryyeung, summershum), not
        # a place's syllables (hongkong)
        given, surname = part[:cut], part[cut:]
        if surname in ROMANISED_SURNAMES and given in GIVEN and not is_place(f"{given} {surname}"):
            return [given, surname]
    cuts: list[list[str] | None] = [[]] + [None] * len(part)
    for end in range(2, len(part) + 1):
        for start in range(max(0, end - 6), end - 1):
            before = cuts[start]
            if before is not None and part[start:end] in _SYLLABLES:
                candidate = [*before, part[start:end]]
                if cuts[end] is None or len(candidate) < len(cuts[end] or ()):
                    cuts[end] = candidate
    pieces = cuts[len(part)]
    if pieces is None or len(pieces) < 3 or is_place(" ".join(pieces)):
        return [part]  # (two syllables run together are as often a word: mochi, kayan)
    return pieces


def _doubled(part: str) -> bool:
    """A given syllable said twice, as a pet name is (wingwing, lele)."""
    half = len(part) // 2
    return len(part) % 2 == 0 and part[:half] == part[half:] and part[:half] in GIVEN_SYLLABLES


# A login written without separators after a log's or a form's user label (login
# user=caiwenjun, 操作员：linxiaowei, username: chantaiman, Login ID is "ivantam88"): a
# name's syllables run together, perhaps with a number after them.
_LOGIN_HANDLE = gate(
    re.compile(
        r"(?i)(?<![A-Za-z])(?:user(?:[ _]?name|[ _]?id)?|log(?:in|on)(?:[ _]?(?:id|name))?|operator|account|staff)"
        r"(?:[ \t]+is)?(?:[ \t]*[=:：][ \t]*|[ \t]+)[\"“'‘]?"
        r"(?-i:([a-z]{4,24}\d{0,4}))(?![\w@.=:：])"
        r"|(?:用户名?|用戶名?|账号|帳號|账户|帳戶|操作员|操作員|登录名|登入名)[ \t]*[=:：][ \t]*(?-i:([a-z]{5,24}))(?![\w@.])"
    )
)


def _login_name(handle: str, *, labelled: bool = True) -> bool:
    """A login that is a name's syllables run together: three or more (caiwenjun), or a
    surname and a given syllable or pair (liuyang, chanwingyan); or an initial and a
    surname as directories issue them (hyip, jvillanueva), two initials (kwchan) only
    after a label's ``=`` or colon, where no English word (account ending 4471) stands."""
    if built_from_a_name(handle):
        return True
    initials = (1, 2) if labelled else (1,)
    if not never_a_name(handle) and any(len(handle) - cut >= 3 and is_surname(handle[cut:]) for cut in initials):
        return True
    return any(
        handle[:cut] in ROMANISED_SURNAMES and (handle[cut:] in GIVEN_SYLLABLES or _given_pair(handle[cut:]))
        for cut in range(2, len(handle) - 1)
    )


# A table's cell holding a handle alone, and the header of a column of handles.
_CELL_HANDLE = re.compile(r"(?<=[\t|,])[ \t]*@?([a-z][a-z0-9_.]{2,29})[ \t]*(?=[\t|,\n]|$)", re.MULTILINE)
_HANDLE_HEADER = re.compile(
    rf"(?i)^[ \t]*(?:[a-z]{{2,8}}[ _])?(?:{_APPS}|handle|user[ _]?name|帳號|账号|帳戶名|账户名)[ \t]*$"
)
# A column of logins (an export's Login or User ID): each a login made from its owner's name.
_LOGIN_HEADER = re.compile(r"(?i)^[ \t]*(?:log(?:in|on)(?:[ _]?(?:id|name))?|user[ _]?id|ad[ _]account)[ \t]*$")


def _column_handles(text: str) -> list[tuple[int, int]]:
    """Handles in a table column headed by an app's name or "handle" (IG, WeChat ID,
    username), as a shop's order sheet lists its customers; logins in a column headed
    Login or User ID, as a helpdesk's export lists its users."""
    if "\t" not in text and "|" not in text and "," not in text:
        return []
    found = []
    for match in _CELL_HANDLE.finditer(text):
        header = column_header(text, match.start(1))
        if header is None:
            continue
        if _HANDLE_HEADER.match(header) and (_personal_handle(match[1]) or _named_account(match[1])):
            found.append(match.span(1))
        elif _LOGIN_HEADER.match(header) and _login_name(match[1].rstrip("0123456789")):
            found.append(match.span(1))  # chlam2, pnair: initials and a surname
    return found


# What a brand's, a market's or an influencer's account is named for (foodie.mochi,
# pmq.weekend.market, kayan.travels), not a person.
_TOPIC_WORDS = frozenset(
    "market travels travel foodie food eats eat shop store studio official bakes bakery cafe kitchen hk daily "
    "life diary style beauty fitness design home deals".split()
)


_POSTED_BY = gate(
    re.compile(
        r"(?i:(?<![A-Za-z])(?:posted|started|replied|submitted|commented|run|uploaded|listed|sold|hosted)[ \t]+by"
        # a marketplace's parties by the handles it shows (Seller: kelvinwong.snaps)
        r"|reply[ \t]+from|(?<![A-Za-z])(?:seller|buyer)(?=[ \t]*:))"
        # (one token: a capitalised word after it makes a name or a firm of words, which the
        # other finders judge: submitted by Hope Foundation)
        r"[ \t]*:?[ \t]*@?(?-i:([A-Za-z][A-Za-z0-9_.]{2,29}[A-Za-z0-9]))(?![\w@])(?! [A-Z])"
    )
)


def _poster(handle: str) -> bool:
    """A handle that holds a name: built from one, a given name among its parts, or a
    given name run into capitals (MarieClaireD, KentaW)."""
    if _personal_handle(handle.lower()) or _login_name(handle.lower()):
        return True
    words = re.findall(r"[A-Z][a-z]{2,}", handle)
    return bool(words) and is_given(words[0], in_position=True) and not never_a_name(words[0])


def _personal_handle(handle: str) -> bool:
    """A handle in a column of handles: built from a name, or holding a given name and no
    word of a brand's or a topic's account."""
    parts = _parts(handle)
    if not parts or any(part in _TOPIC_WORDS for part in parts):
        return False
    return built_from_a_name(handle) or any(is_given(part) for part in parts)


_TITLES = frozenset("mr mrs ms miss dr".split())


def _named_account(handle: str) -> bool:
    """In a column of accounts, also one a title opens (mrs.fairley) or whose first part is
    a login made of a name (jvillanueva.adj) or a given name run into a surname
    (summerleung_adj, joylam.hk: "hk" names the owner's city here, not a topic)."""
    parts = _parts(handle)
    if not parts or any(part in _TOPIC_WORDS and part != "hk" for part in parts):
        return False
    first = parts[0]
    given_then_surname = any(
        is_given(first[:cut], in_position=True) and is_surname(first[cut:]) for cut in range(2, len(first) - 1)
    )
    # (a given syllable or a surname said twice, as friends call someone: wingwing.0612,
    # kwokkwok.music)
    half = first[: len(first) // 2]
    doubled = _doubled(first) or (half * 2 == first and is_surname(half))
    return (first in _TITLES and len(parts) > 1) or _login_name(first) or given_then_surname or doubled


class HandleRecognizer(RegexRecognizer):
    """A handle after a messaging or social app's name, not a business's account; and a
    handle built from a name wherever it is written with @ or speaks in a chat."""

    def __init__(self) -> None:
        super().__init__("PERSON", "HandleRecognizer", _HANDLE)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        for start, end in _column_handles(text):
            if not any(r.start <= start < r.end for r in results):
                results.append(tagged_result(self, self.recognizer_name, "PERSON", start, end, 0.7))
        for pattern in (_AT_HANDLE, _SPEAKER_HANDLE) if "@" in text else (_SPEAKER_HANDLE,):
            for match in pattern.finditer(text):
                inside = any(r.start <= match.start(1) < r.end for r in results)
                # (a chat's speaker also by a part a login is made of: zhangmeng_0923, a
                # surname and a given syllable; not a brand's @foodie.mochi)
                speaker = pattern is _SPEAKER_HANDLE and any(map(_login_name, _parts(match[1])))
                # (an @-mention is an account's: also one whose first part is a name's, @cherryho_bass)
                named = pattern is _AT_HANDLE and _named_account(match[1])
                if not inside and (built_from_a_name(match[1]) or speaker or named):
                    results.append(tagged_result(self, self.recognizer_name, "PERSON", *match.span(1), 0.7))
        for match in _LOGIN_HANDLE.finditer(text):
            handle = match[1] or match[2]
            span = match.span(1) if match[1] else match.span(2)
            inside = any(r.start < span[1] and span[0] < r.end for r in results)
            labelled = any(mark in text[match.start() : span[0]] for mark in "=:：")
            letters = handle.rstrip("0123456789")
            if not inside and not is_place(letters) and _login_name(letters, labelled=labelled):
                results.append(tagged_result(self, self.recognizer_name, "PERSON", *span, 0.65))
        for match in _POSTED_BY.finditer(text):
            # A forum's or a report's author by the handle it shows (Posted by sarah_okonkwo,
            # Reply from MarieClaireD, Run by: jdsouza): a person's, once it holds a name.
            inside = any(r.start < match.end(1) and match.start(1) < r.end for r in results)
            if not inside and _poster(match[1]):
                results.append(tagged_result(self, self.recognizer_name, "PERSON", *match.span(1), 0.7))
        if "_" in text or "." in text:
            for match in _BARE_HANDLE.finditer(text):
                inside = any(r.start < match.end(1) and match.start(1) < r.end for r in results)
                if not inside and _bare_handle(match[1]):
                    results.append(tagged_result(self, self.recognizer_name, "PERSON", *match.span(1), 0.65))
        return results

    def score(self, match: re.Match[str], text: str) -> float:
        if _BUSINESS_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            return 0.0
        if match[1].lower() in {"same", "pay", "official", "none", "n/a"}:
            return 0.0
        return 0.7
