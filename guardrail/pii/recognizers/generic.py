"""Generic identifiers, from Presidio's own recognizers where they serve Hong Kong text.

E-mail keeps Presidio's recognizer but with an ASCII-bounded pattern (Presidio's uses
``\\w``, which in Chinese text runs on into the characters next to the address and
then fails domain validation, so the address leaks) and a public-suffix check that
uses tldextract's bundled snapshot instead of fetching the list from the network. The
pattern tolerates a space after ``@`` or before a dot (OCR, hurried typing), the reserved names
(``.example``, ``.test``) pass the suffix check, and an address read out in words
(``ahmed dot siddiqui at gmail dot com``) counts too.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from typing import Any

import tldextract
from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
)

from guardrail.pii.recognizers.base import RegexRecognizer, tagged_result
from guardrail.text.start_gate import gate

_EMAIL = (
    # (An apostrophe inside a local part, o'brien@, but not the quote that opens a value: 'a@b.hk'.)
    r"(?<![A-Za-z0-9._%+-])(?<![A-Za-z0-9._%+-]')"
    r"([A-Za-z0-9][A-Za-z0-9._%+'-]{0,63}"
    r"@(?: |[ \t]?\n[ \t]*)?(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])? ?\.)+[A-Za-z]{2,24})"
    r"(?![A-Za-z0-9-])"
)
# Read out: "name dot surname at gmail dot com"; without the suffix only at a big provider.
# The dots may be written as dots (chan.tm at gmail.com).
# A part of the name may be spelt letter by letter (h i l a r y, k-e-n-w-o-n-g) or end in
# a number said in words (kenwong underscore eighty eight, mehta seven); commas may stand
# where the caller paused (k-e-n-w-o-n-g, underscore, eight eight, at ...).
_NUMBER_WORD = (
    r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|double|triple)"
)
_SAID_PART = (
    rf"(?:(?:[a-z0-9] ){{1,20}}[a-z0-9]|[a-z0-9](?:-[a-z0-9]){{2,30}}|{_NUMBER_WORD}(?:[ -]{_NUMBER_WORD}){{0,5}}"
    rf"|[a-z0-9]+(?:[ -]{_NUMBER_WORD}){{0,4}}|[a-z0-9]* ?[零〇幺一二两兩三四五六七八九]{{2,12}})"
)
# (in Mandarin: 点 a dot, 下划线 an underscore, 杠 a dash, 艾特 the at sign; in Cantonese:
# 點, 底線 an underscore, 小老鼠 "little mouse" the at sign)
_SAID_JOIN = r"(?:,? (?:dot|underscore|dash|hyphen|点|點|下划线|下劃線|底線|底线|杠|槓),? |[._])"
_SAID_DOT = r"(?: dot | 点 | 點 |\.)"
_SAID_AT = r"(?:at|艾特|爱特|愛特|小老鼠)"
_TOP_LEVEL = (
    "com|net|org|edu|gov|hk|cn|io|co|uk|de|fr|jp|sg|my|ph|au|ca|tw|mo|in|id|nl|ch|it|es|kr|nz|ie|se|pl|info|biz|me"
)
# (or spelt: dot h k)
_TOP_LEVEL_SAID = rf"(?:{_TOP_LEVEL}|{'|'.join(' '.join(name) for name in _TOP_LEVEL.split('|') if len(name) <= 3)})"
# A domain's label, its hyphens perhaps said (brightpath hyphen trading).
_SAID_LABEL = r"[a-z0-9-]+(?: (?:hyphen|dash) [a-z0-9-]+){0,3}"
_SPOKEN_EMAIL = (
    rf"\b({_SAID_PART}(?:{_SAID_JOIN}{_SAID_PART}){{0,3}},? {_SAID_AT} "
    rf"(?:{_SAID_LABEL}(?:{_SAID_DOT}{_SAID_LABEL}){{0,2}}{_SAID_DOT}{_TOP_LEVEL_SAID}"
    rf"(?:{_SAID_DOT}[a-z]{{2}})?"
    # (what follows is no further label: a letter and a hyphen begin a spelling, as in
    # "... example 点 hk。l-i-n-g", whose 。 normalisation wrote as a dot)
    r"|(?:gmail|yahoo|hotmail|outlook|icloud|netvigator|qq|163|126))(?! dot)(?!\.[a-z](?!-))\b)"
)
# What every address read out has, searched first: "at", a word, then "dot" or a dot (most
# texts with "at" in them have no such thing, and the whole pattern tries every word).
_SPOKEN_DOMAIN = re.compile(
    r"(?i:\bat [a-z0-9-]+(?: (?:hyphen|dash) [a-z0-9-]+){0,3}(?: dot |\.[a-z])|\bat (?:gmail|yahoo|hotmail|outlook|icloud|netvigator|qq|163|126)\b)"
    r"|(?:\b[Aa][Tt]|艾特|爱特|愛特|小老鼠) [A-Za-z0-9-]+ [点點] "
)
# Disguised against harvesters: chan.tm [at] gmail [dot] com, chan.tm(at)gmail.com.
_BRACKETED_EMAIL = (
    r"(?<![A-Za-z0-9._%+-])([A-Za-z0-9][A-Za-z0-9._%+-]*"
    r"(?:[ \t]?[\[({][ \t]?dot[ \t]?[\])}][ \t]?[A-Za-z0-9._%+-]+)*"  # dots disguised in the name too
    r"[ \t]?[\[({][ \t]?at[ \t]?[\])}][ \t]?[A-Za-z0-9-]+"
    r"(?:[ \t]?(?:[\[({][ \t]?dot[ \t]?[\])}]|\.)[ \t]?[A-Za-z0-9-]+)+)"
)
# Spaced on both sides of the @ and of every dot, again to dodge harvesters: mandy.ho @ gmail . com
_SPACED_EMAIL = (
    # the name's own dots spaced too (lars . eriksson @ telia . se)
    r"(?<![A-Za-z0-9._%+-])([A-Za-z0-9][A-Za-z0-9._%+-]*(?:[ \t]{1,2}\.[ \t]{1,2}[A-Za-z0-9_%+-]+){0,3}"
    r"[ \t]{0,2}[@＠][ \t]{0,2}(?:[A-Za-z0-9-]+[ \t]{1,2}\.[ \t]{1,2}){1,3}"
    # suffixes that are not also English words (it, in, me, my)
    r"(?:com|net|org|edu|gov|hk|cn|io|uk|de|fr|jp|sg|ph|au|ca|tw|mo|nl|ch|kr|nz|ie|pl|se|dk|fi|ae|sa|qa|za|br|mx"
    r"|vn|th|ru|es|pt|info|biz|example))"
    r"(?![A-Za-z0-9])"
)
_RESERVED_SUFFIXES = ("example", "test", "invalid", "localhost")

# Not after a digit and a point or hyphen (a decimal, a longer reference), but after a
# label's (No.4111..., Visa-4111...); not glued to letters before it (a receipt's or a
# waybill's reference, YY4401202611300087, passes Luhn's check one time in ten) unless
# they are a ticket's card code (FOP: CC VI4527189033164275).
# (A reservation's form of payment writes CC and the card's code before it: FOP CCCA5283...)
_CARD_START = (
    r"(?:(?<![\dA-Za-z])|(?<=(?<![A-Za-z])(?:VI|CA|AX|MC|DC|JC|UP|TP))|(?<=(?<![A-Za-z])CC(?:VI|CA|AX|MC|DC|JC|UP|TP)))"
)
# (A comma after four or more digits is a CSV's, not an amount's: 13671045528,6214837559026186.)
_NOT_AN_AMOUNT = r"(?:(?<!\d[.,-])|(?<=\d{4},))"
_CARD = rf"{_CARD_START}{_NOT_AN_AMOUNT}[2-6](?:[ -]?\d){{12,18}}(?![\d-])"
_CARD_PATTERN = gate(re.compile(_CARD))
# A number in card groups with more digits after it, as a form line runs on into the
# expiry or security code (4111 1111 1111 1111 0927, ... 12/27): the groups alone decide.
_CARD_RUN_ON = gate(
    re.compile(
        _CARD_START + _NOT_AN_AMOUNT + r"([2-6]\d{3}(?P<sep>[ -])\d{4}(?P=sep)\d{4}(?P=sep)\d{4}(?:(?P=sep)\d{3})?"
        r"|3[47]\d{2}(?P<amex>[ -])\d{6}(?P=amex)\d{5}|[2-6]\d{12,18})(?=[ \t/-]\d)"
    )
)
# Groups of digits joined by one punctuation mark used throughout, possibly spaced:
# 5175.0082.7640.5884, 4279_9630_2107_5333, 3780/243534/56530, 3578 - 4005 - 4955 - 2634,
# 4610•0831•6716•2858 (bullets and middle dots, as apps and forms print a number), a
# separator ending a line (4442-3232-2183-⏎4066).
# The same separator between every group keeps dates (12.10.2024) and version strings out;
# Luhn decides the rest.
_CARD_PUNCTUATED = (
    r"(?<!\d)(?<!\d[.,/_•·∙‧・—–-])[2-6]\d{2,5}(?P<card_sep>[ \t]?[-./_•·∙‧・,—–][ \t]?)\d{3,6}"
    r"(?:(?P=card_sep)\n?[ \t]?\d{1,6}){1,3}"
    r"(?![\d])(?![-./_•·∙‧・,—–]\d)"
)
_CARD_PUNCTUATED_PATTERN = re.compile(_CARD_PUNCTUATED)
_CARD_PUNCTUATION_HINT = re.compile(r"\d{4}(?:[ \t]?[./_•·∙‧・,—–][ \t]?|[ \t]-[ \t]|-[ \t]?\n)\d{4}")
_CARD_SCANNED = gate(
    re.compile(
        r"(?<![\dA-Za-z])(?<!\d[.,/_-])[2-6][\dOl]{3}"
        r"(?:(?:[ \t]{1,3}|[ \t]?-?[ \t]?\n[ \t]{0,12}(?:\|[ \t]{0,3})?)[\dOl]{3,6}){2,4}(?![\dA-Za-z])"
    )
)
# Read out or typed digit by digit, the groups two or three spaces apart (4 9 8 1  9 8 4 6 ...).
_CARD_DIGIT_BY_DIGIT = re.compile(r"(?<![\dA-Za-z])[2-6](?:[ \t]{1,3}\d){12,18}(?![\dA-Za-z])(?![ \t]\d)")
_CARD_WRAPPED = re.compile(r"(?<![\dA-Za-z])(?<!\d[.,/_-])[2-6]\d{9,17}[ \t]?\n[ \t]?\d{1,9}(?![\dA-Za-z])")
_OCR_DIGITS = str.maketrans("Ol", "01")
_CARD_SEPARATORS = [(" ", ""), ("\t", ""), ("-", ""), (".", ""), ("_", ""), ("/", "")]

# Candidates only; ``ipaddress`` decides (Presidio's ``invalidate_result``). Presidio's
# own IPv6 pattern spells out every compressed form as one alternation tried at every
# position, which made it the slowest recognizer here (a quarter of all pattern time).
_IPV4 = r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?(?![\w]|\.\d)"
# The text reaches recognizers with OCR's digits in words read as letters (``8a1e`` as
# ``8ale``, see guardrail.text.normalize), so an IPv6 candidate may hold an l or an o; it
# may follow a label's colon (IP地址：2001:db8::1, IPv6：2402:800::1, the full-width colon folded).
_IPV6 = (
    r"(?<![\w.])(?:(?<![0-9A-Fa-f]:)|(?<=(?i:ipv6):))(?<!::)(?=[0-9A-Fa-flo]*:[0-9A-Fa-flo]*:)[0-9A-Fa-flo:]{2,39}(?:\.\d{1,3}){0,3}"
    r"(?:%[0-9A-Za-z]+)?(?:/\d{1,3})?(?![\w:]|\.\d)"
)
_OCR_HEX = str.maketrans("lo", "10")
_VERSION_BEFORE = re.compile(
    r"(?:\bversion|\bver\.?|\bv|\bkernel|\bfirmware|\bfw|\bbuild|\brelease|\brev(?:ision)?|\bpatch|\bupdate"
    r"|韌體|韧体|固件|版本|版號|版号)"
    r"[ \t]*[:=]?[ \t]*$",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def offline_suffix_extractor() -> tldextract.TLDExtract:
    """A tldextract instance that never touches the network or a cache directory."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


# Mailboxes that a mail system, not a person, writes from.
_SYSTEM_MAILBOXES = frozenset(
    "mailer-daemon postmaster no-reply noreply donotreply do-not-reply do_not_reply bounce bounces".split()
)
# A Message-ID's left side: a timestamp's long run of digits, or a long upper-case hex token.
_MESSAGE_ID_LOCAL = re.compile(r"\d{12,}|[0-9A-F]{10,}")


class OfflineEmailRecognizer(EmailRecognizer):
    def __init__(self) -> None:
        super().__init__(patterns=[Pattern("Email (ASCII-bounded)", _EMAIL, 0.6)])

    def validate_result(self, pattern_text: str) -> bool:
        local, _, domain = pattern_text.strip().rpartition("@")
        if local.lower() in _SYSTEM_MAILBOXES or _MESSAGE_ID_LOCAL.search(local):
            return False  # no person's: mailer-daemon@, a Message-ID's <20241129091241.3F2A11C0041@host>
        domain = domain.lower()
        return domain.rpartition(".")[2] in _RESERVED_SUFFIXES or _has_public_suffix(domain)


@lru_cache(maxsize=4096)
def _has_public_suffix(domain: str) -> bool:
    """Whether ``domain`` ends in a public suffix; remembered, as the same few domains
    (a company's, the big mail providers') recur in every other prompt."""
    return bool(offline_suffix_extractor()(domain).suffix)


class DisguisedEmailRecognizer(RegexRecognizer):
    """An address read out (``name dot surname at gmail dot com``) or disguised
    (``name [at] gmail [dot] com``); searched only in texts with such an "at"."""

    def __init__(self, name: str, pattern: str, literals: frozenset[str], hint: re.Pattern[str] | None = None) -> None:
        super().__init__("EMAIL_ADDRESS", name, re.compile(pattern, re.IGNORECASE))
        self._literals = literals
        self._hint = hint

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if self._hint is not None and self._hint.search(text) is None:
            return []
        return super().analyze(text, entities, nlp_artifacts)

    def score(self, match: re.Match[str], text: str) -> float:
        return 0.6


class PaymentCardRecognizer(CreditCardRecognizer):
    """Presidio's Luhn-validated card recognizer, with every major network's prefix.

    Presidio's pattern misses Mastercard's 2-series (2221-2720) and odd groupings
    such as Amex's 4-6-5; this one takes 13-19 digits starting 2-6 in any grouping,
    separated by spaces or hyphens, or by dots, slashes or underscores used alike
    between every group.
    """

    def __init__(self) -> None:
        super().__init__(patterns=[Pattern("Card (13-19 digits)", _CARD, 0.3)], replacement_pairs=_CARD_SEPARATORS)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None, regex_flags: int | None = None
    ) -> list[RecognizerResult]:
        # The pattern Presidio would run, run here with ``re``: Presidio runs its patterns
        # with the ``regex`` module, five times slower on this one (0.5 ms a 1 KB prompt).
        results = [
            tagged_result(self, "PaymentCardRecognizer", "CREDIT_CARD", *match.span(), 1.0)
            for match in _CARD_PATTERN.finditer(text)
            if self.validate_result(match[0])
        ]
        # Punctuated groups are rare: searched only where a digit group ends in one.
        if _CARD_PUNCTUATION_HINT.search(text):
            for match in _CARD_PUNCTUATED_PATTERN.finditer(text):
                if self.validate_result(match[0]):
                    results.append(tagged_result(self, "PaymentCardRecognizer", "CREDIT_CARD", *match.span(), 1.0))
        for match in _CARD_RUN_ON.finditer(text):
            if not any(r.start <= match.start() < r.end for r in results) and self.validate_result(match[1]):
                results.append(tagged_result(self, "PaymentCardRecognizer", "CREDIT_CARD", *match.span(1), 1.0))
        # A scan's spacing: groups apart by two or three spaces or a line break (the next line
        # indented, perhaps inside a table's cell), O and l for 0 and 1.
        for match in _CARD_SCANNED.finditer(text):
            if any(r.start <= match.start() < r.end for r in results):
                continue
            start, end = match.span()
            if not self.validate_result(match[0].translate(_OCR_DIGITS)):
                # The groups may run on into an expiry or code (4000⏎0000⏎0000⏎0002 0927).
                end = start + len(re.sub(r"\s+[\dOl]+$", "", match[0]))
                if not self.validate_result(text[start:end].translate(_OCR_DIGITS)):
                    continue
            results.append(tagged_result(self, "PaymentCardRecognizer", "CREDIT_CARD", start, end, 1.0))
        for match in _CARD_DIGIT_BY_DIGIT.finditer(text) if "  " in text or "\t" in text else ():
            if not any(r.start < match.end() and match.start() < r.end for r in results) and self.validate_result(
                match[0]
            ):
                results.append(tagged_result(self, "PaymentCardRecognizer", "CREDIT_CARD", *match.span(), 1.0))
        # A long number wrapped by a chat or form: most digits on one line, the rest on the next.
        if "\n" in text:
            for match in _CARD_WRAPPED.finditer(text):
                if any(r.start < match.end() and match.start() < r.end for r in results):
                    continue
                digits = re.sub(r"\D", "", match[0])
                if 13 <= len(digits) <= 19 and _network_length(digits) and super().validate_result(digits):
                    results.append(tagged_result(self, "PaymentCardRecognizer", "CREDIT_CARD", *match.span(), 1.0))
        return results

    def validate_result(self, pattern_text: str) -> bool:
        digits = re.sub(r"\D", "", pattern_text)
        if not 13 <= len(digits) <= 19 or not _card_grouping(pattern_text) or not _network_length(digits):
            return False
        return bool(super().validate_result(digits))


# Networks that issue 13, 14 and 15 digits: old Visa, Diners Club, American Express. Other
# numbers of those lengths that pass Luhn are a phone's IMEI (35..., 86...), not a card.
_SHORT_CARD_PREFIXES = {13: ("4",), 14: ("30", "36", "38", "39"), 15: ("34", "37")}


def _network_length(digits: str) -> bool:
    """Whether a card network issues numbers of this length with this prefix. A number
    starting with 2 is a card only in Mastercard's 2221-2720: an order or transaction
    number that starts with its year (2025031512884711) passes Luhn one time in ten."""
    if digits.startswith("2") and not 2221 <= int(digits[:4]) <= 2720:
        return False
    prefixes = _SHORT_CARD_PREFIXES.get(len(digits))
    return prefixes is None or digits.startswith(prefixes)


def _card_grouping(value: str) -> bool:
    """Whether digit groups are grouped as a card is printed: one run, digit by digit, or
    starting with four (4-4-4-4, Amex 4-6-5) or six (the issuer's number). A bank
    account (388-201-669150-001) or a reference grouped otherwise may pass Luhn by chance."""
    groups = [group for group in re.split(r"[^\dOl]+", value) if group]
    return len(groups) == 1 or all(len(group) == 1 for group in groups) or len(groups[0]) in (4, 6)


# An IBAN typed in lower case (gb82west1234...) or broken over a line by a chat or scan.
_IBAN_HINT = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}[ -]?[A-Za-z0-9]{4}")
# An IBAN spaced where its groups are not (DE 89 3704 0044 ..., GB82 WEST 12345698765432,
# NL91ABNA 0417 1643 00): the country code apart from its check digits, or groups of any
# length. Groups are taken while they lead to a valid IBAN, longest first.
# Read out a character at a time too: G B 0 8 H B U K ...
_IBAN_SPACED_HINT = re.compile(r"(?<![A-Za-z0-9])[A-Z][ \t]?[A-Z][ \t]?\d[ \t]?\d[ \t][A-Z0-9]")
# One character a step (a separator optional before it): no two ways to split a run.
_IBAN_SPACED = re.compile(r"(?<![A-Za-z0-9])[A-Z][ \t]?[A-Z][ \t]?\d[ \t]?\d(?:[ \t-]?[A-Z0-9]){11,30}(?![A-Za-z0-9])")
_IBAN_GROUP_END = re.compile(r"[A-Z0-9](?=[ \t-]|$)")
_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


class LenientIbanRecognizer(IbanRecognizer):
    """Presidio's IBAN recognizer (pattern and mod-97 check), also on a copy of the text with
    ASCII letters upper-cased and line breaks read as spaces (same length, same offsets),
    where a candidate is in lower case or a line break follows one."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None, regex_flags: int | None = None
    ) -> list[RecognizerResult]:
        # Presidio's signature says int, its default is None (the recognizer's own flags then).
        flags: int = regex_flags or self.global_regex_flags or re.DOTALL | re.MULTILINE
        results: list[RecognizerResult] = super().analyze(text, entities, nlp_artifacts, flags)
        upper = text.translate(_ASCII_UPPER)  # same length, same offsets: gb 92 uqzk … too
        if _IBAN_SPACED_HINT.search(upper):
            for match in _IBAN_SPACED.finditer(upper):
                if any(r.start < match.end() and match.start() < r.end for r in results):
                    continue
                end = self._longest_valid(match)
                if end is not None:
                    results.append(tagged_result(self, "IbanRecognizer", "IBAN_CODE", match.start(), end, 1.0))
        hint = _IBAN_HINT.search(text)
        if hint is None or (hint[0].isupper() and "\n" not in text[hint.end() :]):
            return results
        probe = text.translate(_ASCII_UPPER).replace("\n", " ")
        for result in super().analyze(probe, entities, nlp_artifacts, flags):
            if not any(r.start < result.end and result.start < r.end for r in results):
                results.append(result)
        return results

    def _longest_valid(self, match: re.Match[str]) -> int | None:
        """End of the longest run of ``match``'s groups that is a valid IBAN (15-34 characters)."""
        value = match[0]
        for group_end in reversed([m.end() for m in _IBAN_GROUP_END.finditer(value)]):
            compact = re.sub(r"[ \t-]", "", value[:group_end])
            if len(compact) < 15:
                return None
            if len(compact) <= 34 and self.validate_result(compact) is True:
                return match.start() + group_end
        return None


class FastIpRecognizer(IpRecognizer):
    """Presidio's IP recognizer (validation by ``ipaddress``) with cheap candidate patterns."""

    def __init__(self) -> None:
        super().__init__(patterns=[Pattern("IPv4", _IPV4, 0.6), Pattern("IPv6", _IPV6, 0.6)])

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None, regex_flags: int | None = None
    ) -> list[RecognizerResult]:
        results: list[RecognizerResult] = super().analyze(text, entities, nlp_artifacts, regex_flags)
        # A dotted quad after a software word is its version (kernel 5.15.0.105, firmware
        # 10.4.2.1, 韌體 3.0.0.4); a network's block (203.0.113.64/26) is no one's address.
        return [
            r
            for r in results
            if (":" in text[r.start : r.end] or _VERSION_BEFORE.search(text, max(0, r.start - 24), r.start) is None)
            and not _network_block(text[r.start : r.end])
        ]

    def invalidate_result(self, pattern_text: str) -> bool:
        """Invalid unless ``ipaddress`` accepts it, an IPv6 address with OCR-read letters
        (``l``, ``o``) among hex digits too."""
        if ":" in pattern_text and any(c in pattern_text for c in "lo"):
            address, _, zone = pattern_text.partition("%")
            if not re.search(r"\d", address) or address.count(":") < 3:
                return True
            pattern_text = address.translate(_OCR_HEX) + ("%" + zone if zone else "")
        if ":" not in pattern_text and re.search(r"(?:^|\.)0\d", pattern_text):
            # Zero-padded octets (010.001.002.003), as some logs and firewalls print them,
            # which ``ipaddress`` refuses: the same address.
            address, slash, prefix = pattern_text.partition("/")
            octets = address.split(".")
            if any(int(octet) > 255 for octet in octets):
                return True
            pattern_text = ".".join(str(int(octet)) for octet in octets) + slash + prefix
        return bool(super().invalidate_result(pattern_text))


def _network_block(value: str) -> bool:
    """Whether ``value`` is an IPv4 network written as its first address and a prefix
    shorter than a single host's (``10.20.0.0/16``): a range of machines, none of them one
    person's. ``192.168.1.23/24``, an interface's own address and mask, stays an address,
    and so does an IPv6 prefix (``2400:8901:e002:5d00::/56``), which a provider delegates
    to one household."""
    _, slash, prefix = value.partition("/")
    if not slash or not prefix.isdigit() or ":" in value:
        return False
    try:
        network = ipaddress.ip_network(value, strict=True)
    except ValueError:
        return False
    return network.prefixlen < network.max_prefixlen


def generic_recognizers() -> list[object]:
    """E-mail, payment card (Luhn), IBAN and IP address recognizers."""
    return [
        OfflineEmailRecognizer(),
        DisguisedEmailRecognizer(
            "SpokenEmailRecognizer",
            _SPOKEN_EMAIL,
            frozenset({" at ", " AT ", " At ", "艾特", "爱特", "愛特", "小老鼠"}),
            _SPOKEN_DOMAIN,
        ),
        DisguisedEmailRecognizer(
            "BracketedEmailRecognizer",
            _BRACKETED_EMAIL,
            frozenset({"at)", "at]", "at}", "AT)", "AT]", "AT}", "at )", "at ]", "AT )", "AT ]"}),
        ),
        DisguisedEmailRecognizer(
            "SpacedEmailRecognizer", _SPACED_EMAIL, frozenset({"@ ", " @", "\t@", "@\t", "＠", " . "})
        ),
        PaymentCardRecognizer(),
        LenientIbanRecognizer(),
        FastIpRecognizer(),
    ]
