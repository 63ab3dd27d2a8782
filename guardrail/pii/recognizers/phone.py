"""Telephone numbers: Hong Kong in all its spellings, and any number written with a ``+``.

Candidates are found with a loose pattern and confirmed with libphonenumber's metadata
(``phonenumbers``), not with hand-written number ranges. ``+852 9123 4567``,
``(852) 2345-6789``, ``9123-4567``, ``91234567`` and ``+85291234567`` all count; full-width
digits are folded before detection.

A number in a range the metadata says is unallocated is still a phone number when it
is written as one (with ``+852``) or stands next to a word such as "call" or 電話:
people mistype, ranges get allocated, and a redactor should err on the side of the
person. Bare digits of that kind, or eight digits that read as a date (``20250416``),
need such a word to count; four digits, a separator and four more (``2000-0000``) is
how Hong Kong writes a phone number and counts on its own, unless it is a span of
years (``2024-2025``) or part of a reference (``INV-2024-3433``, ``MB-2219-0088``).

A number may end a line with the next line starting with a digit (a numbered list), so
only a space after it joins it to more digits; a tab separates cells of a pasted table. Two more spellings come from
forms and transcripts: digits spaced one by one or in pairs (``9 1 2 3  4 5 6 7``,
``93 30 71 82``; dictated digits reach here spaced, see :mod:`guardrail.text.normalize`),
possibly with OCR's ``O`` for ``0`` and ``l`` for ``1``, and mainland mobiles
(``139 1102 7735``, ``+86 186 5120 3478``), which need a word such as 手机 or "mobile"
unless written with ``+86``.
"""

from __future__ import annotations

import re
from typing import Any

import phonenumbers
from phonenumbers import PhoneNumber
from presidio_analyzer import RecognizerResult

from guardrail.pii.recognizers.base import RegexRecognizer, context_near, line_before, tagged_result
from guardrail.pii.recognizers.columns import column_header
from guardrail.pii.recognizers.name_lexicon import is_given, is_surname
from guardrail.text.start_gate import gate

_HK = (
    r"(?:(?:\+|00)[ \t]?85[23](?:[ \t-]?|[ \t]?\n[ \t]{0,8})|\([ \t]?\+?85[23][ \t]?\)[ \t]?-?[ \t]?|852(?:[ \t]?[-.‐‑‒–—−][ \t]?|[ \t])?)?"
    # A line break may split it, the next line indented as a form indents it or marked as a
    # reply quotes it (5137-⏎> 2046), after the halves' slash or hyphen too (M 9021 /⏎5573).
    r"\d{4}(?:[ \t]?[-/.‐‑‒–—−][ \t]?| |(?:[ \t]?[-/‐‑‒–—−])?[ \t]?\n[ \t]{0,8}(?:>[ \t]?)*)?\d{4}"
)
# Separators include the dashes a word processor or phone keyboard puts in (9318–6624).
# A mainland landline with its area code (0755-8888 8888, 021 6437 2281): only next to a phone word.
_MAINLAND_LANDLINE = r"0\d{2,3}(?:[ \t]?[-‐‑‒–—−][ \t]?|[ \t])(?:\d{7,8}|\d{3,4}[ \t\-‐‑‒–—−]\d{4})"
_MAINLAND = (
    r"(?:(?:\+|00)[ \t]?86[ \t-]?|\([ \t]?\+?86[ \t]?\)[ \t-]?|86[ \t-])?1[3-9]\d[ \t\-‐‑‒–—−]?\d{4}"
    # (a directory's narrow column may break it after the second group: 138-2346-⏎7152)
    r"(?:[ \t\-‐‑‒–—−]?|[ \t]?-?\n[ \t]{0,8}(?:>[ \t]?)*)\d{4}"
)
# Taiwan's mobiles (09xx-xxx-xxx), and landlines with the area code in brackets as Taiwan
# and the mainland write them: (02) 2758-3316, (0755) 2678 1234, or hyphenated as Taiwan
# also writes them: 02-2708-5516, 04-2326-8899.
_TAIWAN = (
    r"09\d{2}[ \t\-‐‑‒–—−]?\d{3}[ \t\-‐‑‒–—−]?\d{3}|\([ \t]?0\d{1,3}[ \t]?\)[ \t-]?\d{3,4}[ \t-]?\d{4}"
    r"|0[2-8]\d?-\d{3,4}-\d{4}"
)
_TAIWAN_SHAPE = re.compile(_TAIWAN)
# (A tab is a pasted table's cell boundary, never inside a number: +852 9241 7730⇥2012.)
# (A country code in brackets too: (+63) 917 123 4567.)
# (Or dialled with 00 from abroad, as Europe writes it: 0049 171 88 20 513.)
_INTERNATIONAL = (
    r"(?:\+\d{1,3}|\(\+\d{1,3}\)|00[1-9]\d{0,2}(?=[ -]))[ -]?(?:\(\d{1,4}\)[ -]?)?\d{1,5}(?:[ -]?\d{2,5}){1,4}"
)
PATTERN = re.compile(
    # (A + starts a number even right after another one: M30918274 +82 10 2290 6651; so
    # does a number after a log's time: 10:47 6257 1093.)
    rf"(?<![A-Za-z0-9_+$#])(?:(?<!\d[ \-‐‑‒–—−])|(?=\+)|(?<=\d:\d\d[ \t]))(?<![A-Za-z]-)(?<![A-Za-z]/)"
    rf"((?:{_INTERNATIONAL})|(?:{_MAINLAND})|(?:{_TAIWAN})|(?:{_HK})|(?:{_MAINLAND_LANDLINE}))"
    # Not with a check digit in brackets after it: an Octopus or other card's number, 31274950(3).
    # (A count in Chinese may follow: 91326648 2箱; so may a date: 5201 3378 27/11.)
    # (A comma and digits after it are an amount's thousands only as three digits: a CSV's
    # next cell (9213 0886,1972), one that only starts with three digits (9375 1260,012-875-0-…)
    # or a date (6724 8819，11月26日) may follow.)
    r"(?![A-Za-z0-9])(?![ \-‐‑‒–—−]\d(?!\d{0,2}[ \t]?[\u3400-\u9fff])(?!\d?/\d))(?!\.\d)(?!,\d{3}(?![\d/-]))"
    r"(?![ \t]?[(（][ \t]?\d[ \t]?[)）])"
)
# What may follow a number after a space without joining it: the next message's time or
# date in a chat log (177 2093 4416 10:16, 159-6803-4417 2024-05-08 14:10).
_STAMP_NEXT = r"\d?[:：]\d\d|\d{3}[-/.]\d{1,2}[-/.]\d{1,2}"
# Digits spaced one by one or in pairs; the first must be a digit (or ``+``), OCR's
# O and l may stand in for 0 and 1 after it. Maximal: no digit just before or after.
SPACED = re.compile(
    # Another number may stand just before a slash (9082 5317/9 0 8 2 …), a date's day may not.
    r"(?<![A-Za-z0-9_+$])(?:(?<!\d[./:])|(?<=\d{4}/)|(?<=\d \d/))(?<!\d )(?<!\d  )(?<!\d-)(?<![A-Za-z]-)(?<!\b[A-Z] )"
    # Groups apart by spaces, a hyphen or slash (6 0 2 8 / 4 4 1 9), or a scan's line break
    # when spaced digits go on after it (2 3 2 7⏎5 5 1 8).
    # A slash only with a space beside it: 14/06/2024 is a date.
    # Spaces, not tabs: a tab ends a table's cell (⇥9 5 4 4 0 1 2 6⇥5179-…).
    # A dot with spaces either side parts the halves too (5  3  0  6 . 7  1  1  9, 9 4 5 0 · 3 2 8 8).
    # A comma parts digits spaced one by one as a caller pauses (6 2 0 5, 3 3 7 8; a Chinese
    # comma, normalised to one with no space after it: 5 4 6 0，2 9 1 8).
    # An em dash between spaces parts spaced digits (6 1 5 8 — 0 2 7 4), not a group of
    # them from the next (HK$1,800 — 6 0 2 7 3 1 5 9 is an amount, then a phone).
    r"(\+?\d(?:(?: {1,3}| ?[-‐‑‒–−] ?|—|(?<= \d) — (?=\d )|(?<= \d), (?=\d \d)|(?<=\d \d \d),(?=\d \d)| / ?|/ | {1,3}[.·•・] {1,3}| ?\n ?(?=\d \d))?[\dOol]){7,13})"
    # (a Chinese comma, then a time or a count in Chinese: 六六一九，9点半到, normalised to ,9 点)
    rf"(?![A-Za-z0-9])(?! {{1,3}}\d(?!{_STAMP_NEXT}))(?! ?-[ \t]?\d)"
    rf"(?:(?![.,/:]\d)|(?=/\d{{4}}|/\d \d \d \d)|(?=,\d{{4}})|(?=,\d{{1,2}} [^\x00-\x7f]))"
    r"(?! ?[(（][ \t]?\d[ \t]?[)）])"
)
# A group of an amount's thousands and its comma just before a spaced run (a CSV cell's
# comma after a word or a longer number is not one).
_SPACED_DATE = re.compile(r"\d{1,2}[ \t]*[-/][ \t]*\d{1,2}[ \t]*[-/][ \t]*(?:19|20)\d{2}")
_THOUSANDS_BEFORE = re.compile(r"(?<![A-Za-z0-9.,])\d{1,3},$")
CONTEXT = gate(
    re.compile(
        r"phone|\bte[l1]\b|te[l1][:.]|call|mobile|cell|contact|whats\s?app|signal|fax|sms|text\s+me|reach|\bsim\b"
        r"|\bnumber\b|\bno\.|\bM:|\bT:|\bmob\b|\bdial\b|emergency|打|搵我|搵佢|號碼"
        r"|電話|手提|手機|聯絡|聯系|聯繫|致電|傳真|短訊|熱線|电话|手机|联系|联络|致电|传真|短信|热线|号码|微信"
        r"|座機|座机|分機|分机|固話|固话|收件人|寄件人|收貨人|收货人|(?<![\u4e00-\u9fff])電[ \t]?[:：]|enquir|inquir|hotline"
        # a scanned form's letter-spaced labels: 電 話, 手 機
        r"|電[ \t]話|电[ \t]话|手[ \t]機|手[ \t]机"
        # a signature's direct line (Direct: 2526 1147, DID 3611 4280) and its one-letter
        # labels before a number (T 3611 4280 | M 9021 5573)
        r"|\bdirect(?:[ \t]+line)?[ \t]*[:：]|\bDID\b|(?:(?m:^)|\|)[ \t]*(?-i:[TMF])[ \t](?=[ \t]?[+(]?\d)",
        re.IGNORECASE,
    )
)
# A mobile of the Philippines (0917 123 4567), the UK (07700 900123), Indonesia (0812-3456-7890)
# or Pakistan (0300 4417 285) as dialled at home, which helpers and expatriates give in Hong Kong:
# only next to a phone word (but see _GROUPED_ABROAD), and only where that country's plan says mobile.
_NATIONAL_ABROAD_HINT = re.compile(r"(?<!\d)0[3789]\d")
_NATIONAL_ABROAD = re.compile(r"(?<![\d+.])(0[3789]\d{2,3}(?:[ \t.-]?\d{3,4}){2}|0[3789]\d{8,10})(?![\d])(?![ \t.-]\d)")
# A Philippine or Indonesian mobile grouped as it is dialled there (0927-441-8092,
# 0821.3345.7701): a shape no reference or amount takes, so no phone word need stand
# beside it.
_GROUPED_ABROAD = re.compile(r"09\d{2}([ .-])\d{3}\1\d{4}|08\d{2}([ .-])\d{4}\2\d{3,4}")
# A number's halves in two chat messages, the second under a timestamp or the sender's
# name (my number is 9123⏎[10:01] Amy: 4567): the halves, not the header between them.
_SPLIT_MESSAGES = re.compile(
    r"(?<![\d.,:/-])(\d{4})[ \t]*\n(?:\[[^\]\n]{1,24}\][ \t]*)?(?:[^\n:：\d]{1,24}[:：][ \t]*)?(\d{4})(?![\d.,:/-])"
)
# A Hong Kong number a scan or a narrow column broke over a line at any digit, not only
# between its halves (電話：2447 8⏎806, 佢個電話 97318⏎254): a phone only when a phone
# word stands on the first piece's line.
_BROKEN_ANYWHERE = re.compile(
    r"(?<![\d.,/-])(?<!\d:)(\d(?:[ \t]?\d){0,9})[ \t]*\n[ \t]*(\d(?:[ \t]?\d){0,9})(?![\d.:/-]|,\d)(?![ \t]?[年月日號号])"
)
# A Hong Kong number's eight digits grouped oddly by a typist (91173 805, 911 73805, 91 173 805,
# 93-7820-16):
# a phone only right after a phone word (see analyze).
# (A CSV's cell too, 91234 870 under a phone column: see analyze.)
_ODD_GROUPS = gate(
    re.compile(r"(?<![\w+$#.:/-])(?<!\d,)(?<!\d[ \t])([2-9]\d{0,6}(?:[ \t-]\d{1,7}){1,2})(?![\w])(?![ \t.,/-]?\d)")
)
_SPACED_LINE = re.compile(r"[2-9](?: \d){7}")
# Eight single digits with the same mark after each (a space may part the halves too).
_SEPARATED_HINT = re.compile(r"\d[.+*·—–-]\d[.+*·—–-]\d")
_SEPARATED_DIGITS = re.compile(
    r"(?<![\w.+*·—–-])([2-9]([.+*·—–-])\d(?:\2\d){2}(?:\2|[ \t]|[ \t]?\2[ \t]?)\d(?:\2\d){3})(?![\w+*·—–-]|\.\d)"
)
# A number typed a digit per line, as a phone's broken keyboard or a vertical scan gives it.
_DIGIT_PER_LINE = re.compile(r"(?m)^[ \t]*(\d(?:[ \t]*\n[ \t]*\d){7,10})[ \t]*$")
_SPACED_YEAR_DATE = re.compile(r"(?:19|20)\d{2}[ \t-](?:0?[1-9]|1[0-2])[ \t-]\d{1,2}")
# Eight single digits apart by commas (5,3,6,2,0,4,9,1).
_COMMA_DIGITS = gate(re.compile(r"(?<![\d,.])([2-9](?:,[ \t]?\d){7})(?![ \t]?[,.]?\d)"))
# A Chinese address's flat (室, 樓, 座 ...) or unit number, a space, then a phone (text
# normalisation spaces digits from Chinese: 13 樓 1306 5266 8104).
_FLAT_MARK = "[樓楼室座號号栋棟元層层]"
_FLAT_NUMBER = r"[ \t]?[A-Za-z]?\d{1,4}[A-Za-z]?[ \t]+"
_FLAT_HINT = re.compile(rf"{_FLAT_MARK}{_FLAT_NUMBER}\d")
_AFTER_FLAT = re.compile(rf"(?<={_FLAT_MARK}){_FLAT_NUMBER}((?:{_MAINLAND})|(?:{_HK}))(?![A-Za-z0-9])(?![ \t-]\d)")
# The two halves of a number read out with a word between them: 9138, then 2204.
_HALVES = re.compile(
    r"(?<![\d.,])(\d(?:[ \t]?\d){3})[ \t]*,?[ \t]*(?:and[ \t]+then|then|然後|跟住)[ \t]*,?[ \t]*(\d(?:[ \t]?\d){3})(?![\d])"
)


def _valid_abroad(digits: str) -> bool:
    """Whether national-format ``digits`` are a valid mobile in the Philippines, the UK,
    Indonesia or Pakistan (0300 4417 285: Hong Kong's helpers and traders dial home so).
    The UK's mobiles set aside for fiction (07700 900000-900999) count: invented records
    use them, and a phone word must stand beside them anyway."""
    if len(digits) == 11 and digits.startswith("07700900"):
        return True
    for region in ("PH", "GB", "ID", "PK"):
        try:
            number = phonenumbers.parse(digits, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in (
            phonenumbers.PhoneNumberType.MOBILE,
            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        ):
            return True
    return False


# A reference label just before the digits: a case, invoice or policy number, not a phone.
_REFERENCE = gate(
    re.compile(
        r"(?:(?-i:\bRN|\bMC|\bPO|\bP\.O\.)|\bref(?:erence)?|(?<!\bin )\bcase|\binv(?:oice)?|\bquot(?:e|ation)|\border|\bpolicy|\bmember(?:ship)?|\baccount|\bacct|\ba/c"
        r"|\bbooking|\breceipt|\bticket|\bclaim|\bcontract|\bserial|\bvoucher|\btracking|\bconf(?:irmation)?"
        r"|\bjobs?|\bwork[ \t]?order|\brefs|\breferences|\bdocket|\bwaybill|\bconsignment|\bshipment|\bbatch|\bcert(?:ificate)?"
        r"|(?-i:\bNo\.)"
        r"|\bstaff|\bemployee|\bstudent|\blicen[cs]e|\bpermit|\bloan|\bapplication|\bfile|\brooms?|\bsuites?|\bunits?"
        r"|\bmeter|(?-i:\bBRN?)|商業登記|商业登记|\bFPS[ \t]*ID|轉數快[ \t]*(?:ID|識別碼)|转数快[ \t]*(?:ID|识别码)|學號|員工|檔案|申請|電錶|电表|水錶|水表"
        r"|編號|编号|單號|单号|訂單|订单|賬號|账号|帳號|帳戶|账户|戶口|户口|保單|保单|案件)(?:[\s.:#：]|\bid\b|\bno\b|\bnumber\b|號碼|号码)*"
        # (a company's BR number, Our company BR No. is 65019877)
        r"(?:is[ \t]+)?"
        # and the reference's own capitals (保單號碼：P 9123 4567, 報案編號 NPRN 25012345), not
        # a word after the label (Order phone 5311-9846) or a word the label starts (brother)
        r"(?:(?-i:[A-Z]{1,5})[ \t-]?)?$",
        re.IGNORECASE,
    )
)
# A phone word heading a label that also names a reference ("Phone on account:").
_PHONE_HEAD = re.compile(
    r"phone|\btel\b|mobile|\bmob\b|\bcell|whats\s?app|\bfax|contact|direct[ \t]+(?:line|dial)|電話|手機|手提|电话|手机|傳真|传真|聯絡|聯繫|联系|联络",
    re.IGNORECASE,
)
# An amount: a currency before the digits (HK$ 9123 4567) or a currency or unit after them
# (6123.4567 USD, 61234567 cents, 5123 4567 units).
_CURRENCY_BEFORE = re.compile(r"(?:[$¥￥€£]|\b(?:HKD|USD|RMB|CNY|EUR|GBP|JPY|MOP)|港幣|港币|人民幣|人民币)[ \t]*$")
_AMOUNT_AFTER = re.compile(
    r"[ \t]*(?:(?:HKD|USD|RMB|CNY|EUR|GBP|JPY|MOP|dollars?|cents?|units?|pcs|pieces|shares)\b|元|蚊|港元|港幣|港币|件|股)",
    re.IGNORECASE,
)
_YEAR_RANGE = re.compile(r"(?:19|20)\d{2}\s?[-\s/‐‑‒–—−]\s?(?:19|20)\d{2}")
# A case or file number of a year, as courts and offices write them: 2831/2024.
_NUMBER_OF_YEAR = re.compile(r"\d{4}\s?/\s?(?:19|20)\d{2}")
_COURT_CODE = re.compile(r"\b[A-Z]{2,6}\s*$")
_SPACED_HINT = re.compile(r"\d\d?[ \t-]{1,3}\d\d?[ \t-]{1,3}\d|\d[Ool]|[Ool]\d|\d\n\d\n\d")
_OCR_DIGITS = str.maketrans("Ool", "001")
# A number with its country code broken over a line by a scan: +852 5⏎912 0446 (the next
# line indented, as a form or a list indents it).
# (Its first group up to five digits, a hyphen before the break: +91 94470⏎22381, +880 1711-⏎204558.)
_INTERNATIONAL_BROKEN = re.compile(
    r"(?<![\w+])(\+\d{1,3}[ \t-]?\d{1,5}[ \t]?-?\n[ \t]{0,8}(?:>[ \t]?)*\d[\d \t-]{2,12}\d)(?![\w])"
)
# +852 and a number split by a spaced hyphen or a slash (+852 9123 - 4567, +852 9123/4567),
# which the international pattern reads as a short number and stops at.
_HK_PREFIXED_SPLIT = re.compile(
    r"(?<![\w+])((?:\+|00)[ \t]?852[ \t-]?\d{4}[ \t]?[-/‐‑‒–—−][ \t]?\d{4})(?![\w])(?![ \t]?[-/]?[ \t]?\d)"
)
# A number inside a chat link, as shops and agents post them: wa.me/85291234567,
# api.whatsapp.com/send?phone=852..., a form's phone=... query.
_LINKED = re.compile(r"(?:wa\.me/|[?&](?:phone|tel|mobile)=)((?:\+|%2B)?\d{8,15})(?!\d)", re.IGNORECASE)
_MAINLAND_HINT = re.compile(r"1[3-9]\d{1,4}[ \t-]\d")
_HAN_NEAR = re.compile(r"[\u3400-\u9fff]")
_WORDS_BEFORE = re.compile(r"[A-Za-z\u3400-\u9fff][^\n\d]*[ \t(（]$")
# A mainland mobile grouped some other way (189 22 731 504, 18922 731 504): eleven
# digits starting 13-19, single spaces or hyphens between groups, next to a phone word.
_MAINLAND_GROUPED = re.compile(
    rf"(?<![A-Za-z0-9_+$])(?<!\d[ \t-])((?:(?:\+|00)[ \t]?86[ \t-]?)?1[3-9](?:[ \t-]?\d){{9}})(?![A-Za-z0-9])(?![ \t-]\d(?!{_STAMP_NEXT}))"
)
# Mainland numbers as company directories and delivery apps print them: a landline with
# its extension after a hyphen (0755-2698 3100-801), a mobile in dots (150.1234.0987), a
# delivery app's masked number with its extension (17189420356_2741, 13045218873,,6619).
_MAINLAND_PRINTED = gate(
    re.compile(
        r"(?<![\d.+-])("
        r"(?P<landline>0[1-9]\d{1,2}[ -]?\d{3,4}[ -]?\d{4})-\d{2,5}"
        r"|(?P<dotted>1[3-9]\d\.\d{4}\.\d{4})"
        r"|(?P<virtual>1[3-9]\d{9})(?:_|,,)\d{3,5}"
        r")(?![\d.])"
    )
)
# An extension after a number reaches the person as surely as the number: ext. 218,
# x 4105, 轉 115, #316 right after it, 內線 三零二 (a short run of numerals stays in Chinese,
# see normalize).
_EXTENSION = re.compile(
    r"(?:#|[ \t]*,?[ \t]*\(?[ \t]*(?:ext(?:ension|n)?\.?|x|(?:轉|转)?(?:內線|内线|分機|分机)|轉|转))[ \t]*[:：.]?[ \t]*"
    r"[0-9零〇一二三四五六七八九](?:[ \t]?[0-9零〇一二三四五六七八九]){0,4}\)?(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# Banker's numerals, as receipts write amounts and now and then a number (壹叁陆 零零贰壹 捌捌柒肆),
# and digits typed half in numerals as an input method switches (9 五 4 三 二 一 八 零): eight
# or eleven of them with no unit (拾, 佰, 元) among them, next to a phone word.
_NUMERAL_CHARS = "0-9零〇一二三四五六七八九壹贰貳叁參参肆伍陆陸柒捌玖"
_FINANCIAL_DIGITS = str.maketrans("零〇一二三四五六七八九壹贰貳叁參参肆伍陆陸柒捌玖", "001234567891223334566789")
# (A digit beside a numeral, as a number half typed and half dictated: 9一七三 0四八六.)
_FINANCIAL_HINT = re.compile(
    r"[壹贰貳叁參参肆伍陆陸柒捌玖]|[0-9][ \t]?[零〇一二三四五六七八九]|[零〇一二三四五六七八九][ \t]?[0-9]"
)
_FINANCIAL = re.compile(
    rf"(?<![{_NUMERAL_CHARS}拾佰仟萬万億亿])(?<![0-9][ \t])"
    rf"([{_NUMERAL_CHARS}](?:[ \t-]?[{_NUMERAL_CHARS}]){{7,10}})"
    rf"(?![ \t]?[{_NUMERAL_CHARS}拾佰仟萬万億亿元圓圆角整])"
)
_DATE_LIKE = re.compile(r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")


class PhoneRecognizer(RegexRecognizer):
    def __init__(self) -> None:
        super().__init__("PHONE_NUMBER", "HkPhoneRecognizer", PATTERN)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        for match in _COMMA_DIGITS.finditer(text) if "," in text else ():
            # Eight single digits apart by commas, as a customer typed them into a form; no
            # amount has single-digit groups, and a phone word or column must be beside them.
            digits = re.sub(r"\D", "", match[1])
            if _in_context(text, *match.span(1)) and _validity(digits, digits) is not None:
                results.append(tagged_result(self, self.recognizer_name, "PHONE_NUMBER", *match.span(1), 0.75))
        for match in _AFTER_FLAT.finditer(text) if _FLAT_HINT.search(text) else ():
            # A delivery list runs the flat number into the phone (樂民新村G座13樓1306 5266 8104):
            # the flat's digits just before keep PATTERN from taking the number.
            if not any(r.start < match.end(1) and match.start(1) < r.end for r in results):
                score = self.score(match, text)
                if score > 0.0:
                    results.append(tagged_result(self, self.recognizer_name, "PHONE_NUMBER", *match.span(1), score))
        for match in _MAINLAND_GROUPED.finditer(text) if _MAINLAND_HINT.search(text) else ():
            if any(r.start <= match.start(1) and match.end(1) <= r.end for r in results):
                continue
            digits = re.sub(r"\D", "", match[1])[-11:]
            if _in_context(text, *match.span(1)) and _parsed_validity("+86" + digits, "86" + digits) is not None:
                results.append(tagged_result(self, self.recognizer_name, "PHONE_NUMBER", *match.span(1), 0.85))
        for match in (
            _MAINLAND_PRINTED.finditer(text) if ("." in text or "-" in text or "_" in text or ",," in text) else ()
        ):
            inside = [r for r in results if r.start < match.end(1) and match.start(1) < r.end]
            if any(r.start < match.start(1) or r.end > match.end(1) for r in inside):
                continue
            core = match["landline"] or match["dotted"] or match["virtual"]
            digits = re.sub(r"\D", "", core).removeprefix("0")
            if _parsed_validity("+86" + digits, "86" + digits) is not None and (
                match["dotted"] is None or _in_context(text, *match.span(1))
            ):
                results = [r for r in results if r not in inside]  # the number found without its extension
                results.append(tagged_result(self, self.recognizer_name, "PHONE_NUMBER", *match.span(1), 0.85))
        if "wa.me/" in text or "=" in text:
            for match in _LINKED.finditer(text):
                if any(r.start < match.end(1) and match.start(1) < r.end for r in results):
                    continue
                digits = re.sub(r"\D", "", match[1].replace("%2B", "+").replace("%2b", "+"))
                if _validity(digits, digits) is not None or _parsed_validity("+" + digits, digits) is not None:
                    results.append(tagged_result(self, self.recognizer_name, "PHONE_NUMBER", *match.span(1), 0.9))
        if _FINANCIAL_HINT.search(text):
            for match in _FINANCIAL.finditer(text):
                if match[1].isascii() or not re.search(r"[0-9壹贰貳叁參参肆伍陆陸柒捌玖]", match[1]):
                    continue  # digits alone, or plain numerals, are the other patterns' (see normalize)
                digits = re.sub(r"[\s-]", "", match[1]).translate(_FINANCIAL_DIGITS)
                if len(digits) not in (8, 11) or not _in_context(text, *match.span(1)):
                    continue
                valid = _validity(digits, digits) if len(digits) == 8 else _parsed_validity("+86" + digits, digits)
                if valid is not None:
                    results.append(tagged_result(self, self.recognizer_name, "PHONE_NUMBER", *match.span(1), 0.85))
        if "852" in text:
            for match in _HK_PREFIXED_SPLIT.finditer(text):
                if any(r.start <= match.start(1) < r.end for r in results):
                    continue
                digits = re.sub(r"\D", "", match[1])[-8:]
                if _validity(digits, digits) is not None:
                    results.append(tagged_result(self, self.recognizer_name, "PHONE_NUMBER", *match.span(1), 0.9))
        if "+" in text and "\n" in text:
            for match in _INTERNATIONAL_BROKEN.finditer(text):
                digits = re.sub(r"\D", "", match[1])
                head = re.sub(r"\D", "", match[1].partition("\n")[0])
                whole = _parsed_validity("+" + digits, digits)
                # (a number of a range set aside for fiction, +44 7700 900 418, is a phone too
                # where a phone word says so)
                possible = whole is False and _in_context(text, *match.span(1))
                if (whole or possible) and not _parsed_validity("+" + head, head):
                    score = 0.85 if whole else 0.7
                    results.append(tagged_result(self, self.recognizer_name, "PHONE_NUMBER", *match.span(1), score))
        for match in _NATIONAL_ABROAD.finditer(text) if _NATIONAL_ABROAD_HINT.search(text) else ():
            if any(r.start < match.end(1) and match.start(1) < r.end for r in results):
                continue
            grouped = _GROUPED_ABROAD.fullmatch(match[1]) is not None and not _referenced(text, match.start(1))
            if (grouped or _in_context(text, *match.span(1))) and _valid_abroad(re.sub(r"\D", "", match[1])):
                results.append(tagged_result(self, self.recognizer_name, "PHONE_NUMBER", *match.span(1), 0.8))
        if "\n" in text:
            for match in _BROKEN_ANYWHERE.finditer(text):
                digits = re.sub(r"\D", "", match[0])
                if len(digits) not in (8, 11) or any(r.start < match.end() and match.start() < r.end for r in results):
                    continue
                line = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
                # A phone word before it, or a phone column it starts in (a pasted row broken in the cell).
                in_context = CONTEXT.search(line[-16:]) or _column_says_phone(text, match.start())
                # Eight digits: Hong Kong's; eleven: a mainland mobile (138 0265 7⏎419).
                valid = (
                    _validity(digits, digits) if len(digits) == 8 else _parsed_validity("+86" + digits, "86" + digits)
                )
                if in_context and valid:
                    results.append(tagged_result(self, self.recognizer_name, "PHONE_NUMBER", *match.span(), 0.8))
            for match in _SPLIT_MESSAGES.finditer(text):
                if any(r.start < match.end(2) and match.start(1) < r.end for r in results):
                    continue
                digits = match[1] + match[2]
                if _YEAR_RANGE.fullmatch(f"{match[1]}-{match[2]}"):
                    continue
                if _in_context(text, *match.span(1)) and _validity(digits, digits):
                    for half in (1, 2):
                        results.append(
                            tagged_result(self, self.recognizer_name, "PHONE_NUMBER", *match.span(half), 0.8)
                        )
        if " then " in text or "然後" in text or "跟住" in text:
            for match in _HALVES.finditer(text):
                digits = re.sub(r"\D", "", match[1] + match[2])
                if _in_context(text, match.start(1), match.end(2)) and _validity(digits, digits) is not None:
                    results.append(
                        tagged_result(self, self.recognizer_name, "PHONE_NUMBER", match.start(1), match.end(2), 0.8)
                    )
        for match in _ODD_GROUPS.finditer(text):
            digits = re.sub(r"\D", "", match[1])
            if len(digits) != 8 or any(r.start < match.end(1) and match.start(1) < r.end for r in results):
                continue
            if _SPACED_YEAR_DATE.fullmatch(match[1]):
                continue
            in_cell = text[match.start(1) - 1 : match.start(1)] == ","
            labelled = (
                _column_says_phone(text, match.start(1))
                if in_cell
                else CONTEXT.search(line_before(text, match.start(1), 16))
            )
            if labelled and not _referenced(text, match.start(1)) and _validity(digits, digits) is not None:
                results.append(tagged_result(self, self.recognizer_name, "PHONE_NUMBER", *match.span(1), 0.75))
        for match in _SEPARATED_DIGITS.finditer(text) if _SEPARATED_HINT.search(text) else ():
            # Eight digits one by one, a dot, plus or dash after each (6.3.3.8.0.4.1.9,
            # 9+8+1+2 6+6+0+3, 6—1—8—3 2—0—5—9): typed so, a number is a phone's.
            digits = re.sub(r"\D", "", match[1])
            overlaps = any(r.start < match.end(1) and match.start(1) < r.end for r in results)
            if not overlaps and _validity(digits, digits) is not None and not _referenced(text, match.start(1)):
                results.append(tagged_result(self, self.recognizer_name, "PHONE_NUMBER", *match.span(1), 0.75))
        if _SPACED_HINT.search(text) is None:
            return _with_extensions(self, text, results)
        for match in SPACED.finditer(text):
            score = self._spaced_score(match, text)
            if score > 0.0:
                results.append(tagged_result(self, self.recognizer_name, "PHONE_NUMBER", *match.span(1), score))
            elif "\n" in match[1] and (spaced_head := _SPACED_LINE.fullmatch(match[1].partition("\n")[0].rstrip())):
                # The join over a line break reached into the next row of a register
                # (黃 太 9 7 0 2 5 5 1 8⏎1 3 B): the number is the line's part.
                digits = re.sub(r"\D", "", spaced_head[0])
                if (validity := _validity(digits, digits)) is not None:
                    start = match.start(1)
                    results.append(
                        tagged_result(
                            self,
                            self.recognizer_name,
                            "PHONE_NUMBER",
                            start,
                            start + len(spaced_head[0]),
                            0.6 if validity else 0.5,
                        )
                    )
            elif (inner := _stray_digit_trimmed(match, text)) is not None:
                results.append(tagged_result(self, self.recognizer_name, "PHONE_NUMBER", *inner, 0.75))
        for match in _DIGIT_PER_LINE.finditer(text):
            digits = re.sub(r"\D", "", match[1])
            if _in_context(text, *match.span(1)) and _validity(digits, digits) is not None:
                results.append(tagged_result(self, self.recognizer_name, "PHONE_NUMBER", *match.span(1), 0.8))
        return _with_extensions(self, text, results)

    def _spaced_score(self, match: re.Match[str], text: str) -> float:
        """A number spaced digit by digit or in pairs (two groups or fewer are the main
        pattern's), with OCR letters allowed only next to a context word."""
        value = match[1]
        groups = re.split(r"[ \t/\n\-‐‑‒–—−]+", value.lstrip("+"))
        letters = sum(1 for c in value if c in "Ool")
        if letters > 2 or (len(groups) <= 2 and not letters):
            return 0.0
        if _THOUSANDS_BEFORE.search(text, max(0, match.start(1) - 5), match.start(1)):
            return 0.0  # 1,2 3 4 ...: the digits of an amount, not a number read out
        if _SPACED_DATE.fullmatch(value):
            return 0.0  # 14 / 06 / 2024
        digits = value.translate(_OCR_DIGITS)
        digits = re.sub(r"\D", "", digits)
        in_context = _in_context(text, *match.span(1))
        if (letters or "\n" in value) and not in_context:
            return 0.0
        if _referenced(text, match.start(1)):
            return 0.0
        if value.startswith("+") or (len(digits) == 11 and digits.startswith("852")):
            validity = _validity("+" + digits, digits)
        elif len(digits) == 8:
            validity = None if _DATE_LIKE.fullmatch(digits) else _validity(digits, digits)
        elif len(digits) == 11 and digits.startswith("1"):
            validity = _parsed_validity("+86" + digits, "86" + digits)
        elif in_context and _NATIONAL_ABROAD_HINT.match(digits) and _valid_abroad(digits):
            return 0.85  # a mobile dialled at home abroad, read out (0 7 9 1 1   1 2 3   4 5 6)
        else:
            return 0.0
        if validity is None:
            return 0.0
        if in_context:
            return 0.9 if validity else 0.6
        # Digits read out one by one are a phone number's way of being written.
        return 0.6 if validity else 0.5

    def score(self, match: re.Match[str], text: str) -> float:
        value = match[1]
        if _referenced(text, match.start(1)) or _coded(text, match.start(1)):
            return 0.0
        if (
            not value.startswith("+")
            and (
                _CURRENCY_BEFORE.search(text, max(0, match.start(1) - 8), match.start(1))
                or _AMOUNT_AFTER.match(text, match.end(1))
            )
            and not _in_context(text, *match.span(1))
        ):
            return 0.0
        if _NUMBER_OF_YEAR.fullmatch(value) and _COURT_CODE.search(text, max(0, match.start(1) - 12), match.start(1)):
            return 0.0  # KCCC 2831/2024: a case number of a year
        digits = re.sub(r"\D", "", value)
        if _TAIWAN_SHAPE.fullmatch(value):
            return _taiwan_score(value, digits, _in_context(text, *match.span(1)))
        if value.startswith("0") and not value.startswith("00") and len(digits) >= 10:
            # (an extension after it says phone as a phone word does: 020-3903 1857 转 8012)
            labelled = _in_context(text, *match.span(1)) or _EXTENSION.match(text, match.end(1)) is not None
            if labelled:
                return 0.85
            return 0.6 if _private_landline(text, match.start(1), digits) else 0.0
        if "." in value and (not _validity(digits, digits) or _DATE_LIKE.fullmatch(digits)):
            return 0.0  # 1234.5678 is a number unless it is a number in use
        if "\n" in value:
            # Split across a line break: a phone when a word says so, or when the second
            # half stands alone on its line (``Yoyo Lam 6172⏎4490⏎``).
            mobile = digits[-11:] if re.fullmatch(r"(?:86)?1[3-9]\d{9}", digits) else None
            valid = _parsed_validity("+86" + mobile, "86" + mobile) if mobile else _validity(digits, digits)
            if not valid or _YEAR_RANGE.fullmatch(value):
                return 0.0
            if _in_context(text, *match.span(1)):
                return 0.8
            alone = text.startswith("\n", match.end(1)) or match.end(1) == len(text)
            if alone and not text[max(0, match.start(1) - 1)].isdigit():
                return 0.55
            # or a mobile whose first half ends a line of words (a name, a label of a row):
            # Cheng Wai Man  9821⏎4410
            line = text[text.rfind("\n", 0, match.start(1)) + 1 : match.start(1)]
            return 0.55 if digits[0] in "569" and _WORDS_BEFORE.search(line) else 0.0
        dialled_abroad = value.startswith(("+", "00", "(", "86"))
        mainland = (
            len(digits) in (11, 13)
            and digits.lstrip("0").removeprefix("86").startswith("1")
            and (len(digits) == 11 or dialled_abroad)
            # +1 (415) 555-0143 is eleven digits starting 1 too, dialled to another country.
            and (not dialled_abroad or digits.lstrip("0").startswith("86"))
        )
        if mainland:
            validity = _parsed_validity("+86" + digits[-11:], "86" + digits[-11:])
            if validity is None:
                return 0.0
            # A range the metadata has not seen allocated (16x, 19x change yearly) is still
            # a mobile when dialled with +86 or labelled as a phone.
            if dialled_abroad or _in_context(text, *match.span(1)):
                return 0.9 if validity else 0.75
            if not validity:
                return 0.0
            # Without a phone word: a mainland mobile in Chinese text (寄件人：龍婷婷
            # 177 2035 6619), or grouped 3-4-4 as people write one, still reads as one.
            grouped = re.fullmatch(r"1\d\d[ \t-]\d{4}[ \t-]\d{4}", value) is not None
            return 0.6 if grouped or _HAN_NEAR.search(text, max(0, match.start(1) - 20), match.start(1)) else 0.4
        international = value.startswith(("+", "00", "(")) or (digits.startswith("852") and len(digits) == 11)
        # (+63) 917 123 4567: the number's own metadata reads the code without brackets.
        validity = _validity(re.sub(r"^\((\+\d{1,3})\)", r"\1", value), digits)
        if validity is None:
            return 0.0
        in_context = _in_context(text, *match.span(1))
        if international:
            if value.startswith(("(+", "00")) and not validity and not in_context:
                return 0.0  # (+12) 345 678, 0012 3456 789: a code on no valid number is a figure
            score = 0.9 if validity else 0.7
        elif _YEAR_RANGE.fullmatch(value):
            # A span of years (2019-2024) unless a phone word labels it right before.
            return 0.6 if context_near(text, match.start(1), match.start(1), CONTEXT, before=12, after=0) else 0.1
        elif digits[0] in "01" and len(digits) == 8:
            # No Hong Kong number starts with 0 or 1: a reference or an FPS ID, unless labelled
            # (and "FPS ID" or "No." is no phone's label: 收據簿號No.0341-0345).
            if _ID_BEFORE.search(text, max(0, match.start(1) - 12), match.start(1)):
                return 0.0
            score = 0.2
        elif len(value) > 8:  # written with a separator: 9123-4567, 9123 4567
            score = 0.75 if validity else 0.5
        elif _DATE_LIKE.fullmatch(digits):
            score = 0.2
        else:
            # Eight bare digits: a mobile's first digit makes an unallocated one still
            # read as a mistyped or invented mobile rather than a reference.
            score = 0.6 if validity else 0.5 if digits[0] in "569" else 0.2
        return min(0.95, score + 0.4) if in_context else score


_ID_BEFORE = re.compile(r"(?i)(?:fps(?:[ \t]*id)?|no\.?|#)[ \t]*[:：]?[ \t]*$")


# Words of an organisation's line: a landline after one is the business's, published.
_PUBLIC_LINE = re.compile(
    r"热线|熱線|总机|總機|总台|前台|物业|物業|服务|服務|客服|网点|網點|门店|門市|办公|辦公|保安|值班|传真|傳真"
    r"|公众|公眾|咨询|諮詢|预约|預約|订|訂|院舍|律所|校区|校區|中心|公司|酒店|学校|學校|医院|醫院|诊所|診所"
    r"|hotline|office|fax",
    re.IGNORECASE,
)


def _private_landline(text: str, start: int, digits: str) -> bool:
    """A mainland landline with its area code and no phone word beside it that is still a
    person's: in Chinese text after a name or a relation (外婆 阿琼 0755-8391 2206, a row
    of a contact table), where no organisation's word just before makes it a public line
    (物业服务中心 0755-8666 2099, 公开预约热线 0755-8321 6600)."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 14) : start]
    if not _HAN_NEAR.search(before) or _PUBLIC_LINE.search(before):
        return False
    return bool(_parsed_validity("+86" + digits[1:], "86" + digits[1:]))


def _in_context(text: str, start: int, end: int) -> bool:
    """A phone word near the number, or heading its table column."""
    if context_near(text, start, end, CONTEXT):
        return True
    header = column_header(text, start)
    return header is not None and CONTEXT.search(header) is not None


# A table column of reference numbers: Lalamove單, Order no., Tracking, 單號.
_REFERENCE_HEADER = re.compile(
    r"(?i)(?:單|单|號|号|\bref(?:erence)?|\border|\binvoice|\bjob|\btracking|\bwaybill|\bno\.?)[ \t]*$"
)


def _column_says_reference(text: str, start: int) -> bool:
    header = column_header(text, start)
    return (
        header is not None
        and (_REFERENCE_HEADER.search(header) or _REFERENCE.search(header)) is not None
        and CONTEXT.search(header) is None
    )


def _column_says_phone(text: str, start: int) -> bool:
    header = column_header(text, start)
    return header is not None and CONTEXT.search(header) is not None


# A code in capitals just before the digits names a reference: a transfer's (OTT 7781 2096),
# a police report's (RN TWDIST 26011845); not a phone word, nor a call log's direction
# (OUT 9624 8813).
_REFERENCE_CODE = re.compile(r"(?<![A-Za-z])([A-Z]{3,8})[ \t]*[#:.-]?[ \t]*$")
_PHONE_CODES = frozenset(
    "TEL FAX MOB MOBILE PHONE CELL CALL SMS WHATSAPP WECHAT HOME OFFICE DIRECT CONTACT HOTLINE LINE FPS NUMBER "
    "HKG HONG KONG TELEPHONE WORK EMERGENCY OUT OUTGOING INCOMING MISSED DIALLED DIALED CALLED CALLBACK SENT "
    "RECEIVED REPLY TEXT".split()
)


def _coded(text: str, start: int) -> bool:
    """Whether a capitalised code, not a phone word nor a name in capitals (CHAN TAI MAN
    9123 4567), stands just before ``start`` with no phone word near."""
    code = _REFERENCE_CODE.search(text, max(0, start - 12), start)
    if code is None or code[1] in _PHONE_CODES:
        return False
    gap = text[code.end(1) : start]
    if "\t" in gap or "  " in gap:
        return False  # a column apart: a list's company (东莞  OPPO  186...), then the number
    word = code[1].lower()
    if is_surname(word) or is_given(word, in_position=True):
        return False
    before = _WORD_BEFORE_CODE.search(text, max(0, code.start(1) - 24), code.start(1))
    if before is not None and is_given(before[1].lower(), in_position=True):
        return False  # JOSIE BALUYOT 6172 9035: a surname the lists lack, after a given name
    return not _in_context(text, start, start)


_WORD_BEFORE_CODE = re.compile(r"([A-Za-z]{2,})[ \t]+$")


_FPS_ID_LABEL = re.compile(r"(?i)FPS[ \t]*ID|轉數快|转数快")
_MOBILE_AHEAD = re.compile(r"[4-79]\d{3}[ \t-]?\d{4}(?![\d-])")


def _referenced(text: str, start: int) -> bool:
    """Whether a reference label (case, invoice, policy number) stands just before ``start``,
    and is the label's head: ``Phone on account:`` still labels a phone."""
    reference = _REFERENCE.search(text, max(0, start - 24), start)
    if reference is None:
        return _column_says_reference(text, start)
    if _FPS_ID_LABEL.search(reference[0]) and _MOBILE_AHEAD.match(text, start):
        return False  # an FPS ID has 7 or 9 digits: eight that read as a mobile are the mobile it is registered to
    # (The phone word may head a long label: Contact if the try-in needs re-booking: 9784 2213.)
    label = re.split(r"[\n,，;；|]", text[max(0, reference.start() - 48) : reference.start()])[-1]
    return _PHONE_HEAD.search(label) is None


def _stray_digit_trimmed(match: re.Match[str], text: str) -> tuple[int, int] | None:
    """Nine digits read out one by one where a stray digit next to them (chat's "2" for
    "too") leaves eight that are a mobile, next to a phone word: the eight's span."""
    value = match[1]
    if re.fullmatch(r"\d(?:[ \t]\d){8}", value) is None or not _in_context(text, *match.span(1)):
        return None
    digits = value.replace(" ", "").replace("\t", "")
    start, end = match.span(1)
    found = []
    for kept, span in ((digits[1:], (start + 2, end)), (digits[:-1], (start, end - 2))):
        if kept[0] in "569" and _validity(kept, kept):
            found.append(span)
    return found[0] if len(found) == 1 else None


# A country code a number's pattern left out: bracketed before spaced digits, or apart from
# the number by two spaces ((+852) 6 9 7 4 - 2 0 1 3, +852  5573 0926).
_CODE_BEFORE = re.compile(r"(?<![\w+])(?:\([ \t]?\+\d{1,3}[ \t]?\)|\+\d{1,3})[ \t]{1,3}$")


def _with_extensions(recognizer: RegexRecognizer, text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Each finding run on over the extension written after it (``2786 5501 ext. 218``), and
    back over a country code written apart before it."""
    extended = []
    for result in results:
        code = _CODE_BEFORE.search(text, max(0, result.start - 10), result.start)
        if code is not None and text[result.start : result.start + 1].isdigit():
            result = tagged_result(
                recognizer, recognizer.recognizer_name, "PHONE_NUMBER", code.start(), result.end, result.score
            )
        extension = _EXTENSION.match(text, result.end)
        if extension is not None and extension.end() > result.end:
            end = extension.end() - (1 if extension[0].endswith(")") and "(" not in extension[0] else 0)
            result = tagged_result(
                recognizer, recognizer.recognizer_name, "PHONE_NUMBER", result.start, end, result.score
            )
        extended.append(result)
    return extended


def _taiwan_score(value: str, digits: str, in_context: bool) -> float:
    """A Taiwan mobile (0932-118-407) or a landline with its area code bracketed ((02) 2758-3316,
    (0755) 2678 1234): grouped so, it reads as a number on its own; ten bare digits need a
    phone word."""
    try:
        valid = any(phonenumbers.is_valid_number(phonenumbers.parse(digits, region)) for region in ("TW", "CN"))
    except phonenumbers.NumberParseException:
        return 0.0
    if not valid:
        return 0.6 if in_context else 0.0
    if in_context:
        return 0.9
    return 0.75 if value.startswith("(") or re.search(r"\d[ \t-]\d", value) else 0.0


def _validity(value: str, digits: str) -> bool | None:
    """True: a number in use per the metadata; False: possible but unallocated; None: not a number."""
    national = _hong_kong_national(value, digits)
    if national is None:
        return _parsed_validity(value, digits)
    # What parsing would give, without parsing (a third of the cost): most numbers
    # in Hong Kong text are Hong Kong's, eight digits after an optional 852.
    return _judged(PhoneNumber(country_code=852, national_number=int(national)))


def valid_hong_kong(digits: str) -> bool:
    """Whether eight digits are a Hong Kong number in use per the metadata."""
    return (
        len(digits) == 8
        and not digits.startswith("0")
        and _judged(PhoneNumber(country_code=852, national_number=int(digits))) is True
    )


def _hong_kong_national(value: str, digits: str) -> str | None:
    """The eight national digits of a Hong Kong number (``9123 4567``, ``+852 9123 4567``,
    ``00852...``, ``(852) ...``), or ``None`` for anything else."""
    if value.startswith("+") or len(digits) == 11:
        national = digits[3:] if digits.startswith("852") and len(digits) == 11 else None
    elif digits.startswith("00"):
        national = digits[5:] if digits.startswith("00852") and len(digits) == 13 else None
    else:
        national = digits if len(digits) == 8 else None
    return national if national is not None and not national.startswith("0") else None


def _parsed_validity(value: str, digits: str) -> bool | None:
    """:func:`_validity` by parsing the number with ``phonenumbers``, for any country."""
    try:
        if value.startswith("+"):
            number = phonenumbers.parse(value, None)
        elif digits.startswith("00"):
            number = phonenumbers.parse("+" + digits[2:], None)
        elif len(digits) == 11 and digits.startswith(("852", "853")):  # (853) 2835 7710: Macau
            number = phonenumbers.parse("+" + digits, None)
        else:
            number = phonenumbers.parse(digits, "HK")
    except phonenumbers.NumberParseException:
        return None
    return _judged(number)


def _judged(number: PhoneNumber) -> bool | None:
    if phonenumbers.is_valid_number(number):
        return True
    return False if phonenumbers.is_possible_number(number) else None
