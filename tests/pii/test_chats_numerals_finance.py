"""Personal data in work-group chats, dictated numbers and finance paperwork, in the forms
blind parts on care, cross-border work and banking wrote it; each case stands for a class.

- names: a two-character name spaced apart in a list or after a field's colon, a
  WeChat or Slack sender above the message, a nickname speaking in a dated log, a full
  name introduced as such, a lower-case sign-off after ``thx``, a less common surname
  before a usual given pair, 老 before any surname, ``Sis. Joy``, a patronymic (binti);
- numbers: a phone followed by a date or a CSV's next cell, Chinese numerals with a word
  starting right after them or a line break after a comma, an IBAN read out a character
  at a time;
- kept: a chat's id, a supermarket chain, a post's mailbox, a pension scheme's name, a
  mail system's mailbox and a Message-ID.
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, person_spans

NAMES = [
    ("参会：蒋文博、苏 静、Leo 陆、冯家明（香港线上）", "苏 静"),
    ("承租方（乙方）：范 婷\u3000\u3000联系电话：176-8802-5391", "范 婷"),
    ("刘洋 10:07\n收到，我下午跟进。\n\nAmy Zhou 周敏 10:16\n我来。\n\n刘洋 10:20\n好的", "刘洋"),
    ("11/28 08:41 张丽萍: 旧的那个离职了\n11/28 08:55 小马: 收到，今天十点过关", "小马"),
    ("大佬: OK，阿妹你幫佢填表，佢全名係 SRI WAHYUNI，HKID WX229855(2)", "SRI WAHYUNI"),
    ("pls send the forms to my office, attn me.\n\nthx\nmatt", "matt"),
    # a less common surname before a given name's usual pair, in prose
    ("主家枱就我同老公、閔淑貞同佢先生", "閔淑貞"),
    ("另外地下车库B区的灯坏了，戚美玲说已经报修了", "戚美玲"),
    # a rarer surname before a given name's usual pair, then a particle or a stop
    ("我想到庞晓磊和柴梦琪。", "柴梦琪"),
    ("三姑話會遲到，仇家寶同佢老婆一齊嚟", "仇家寶"),
    # a compound surname and one given character
    ("房东尉迟芳阿姨现在到处找他", "尉迟芳"),
    ("另外他提到的助理仲孙琳，名字我不确定", "仲孙琳"),
    ("还没联系上的：东方明，她现在住南京", "东方明"),
    # 老 before a surname outside the commonest, as mainland chats name a colleague
    ("斋堂组交给老俞，他做了十几年", "老俞"),
    # a church rota's titles before word-like names
    ("20/12 (Sat) — Bro. Kenneth, Sis. Joy, Angel", "Joy"),
    # a Slack sender's login above the message
    (
        "Joyce  11:02\nnew joiner starts today. laptop ready?\n\ntsz.hin  11:04\nready.\n\ntsz.hin  11:05\nthx",
        "tsz.hin",
    ),
    # a Malay or Indonesian name with its patronymic
    ("Candidate: Nurhayati (passport name NURHAYATI BINTI SUPARMAN), Indonesian", "NURHAYATI BINTI SUPARMAN"),
    ("Name: AHMAD BIN ISMAIL", "AHMAD BIN ISMAIL"),
]


@pytest.mark.parametrize(("text", "value"), NAMES)
def test_names_in_chats_and_lists_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON")


NUMBERS = [
    # a CSV row's next cell after a phone: a year, a date
    ("姓名,電話,出生年份\n何美儀,9213 0886,1972\n", "9213 0886"),
    ("HR2024-0931,司徒嘉欣,9381 5526,司徒國強,2694 3170,2024-12-02", "2694 3170"),
    (
        "時間戳記,電郵地址,參加者姓名,聯絡電話\n2024/11/26 上午 7:02:11,ckl@gmail.com,鍾 嘉 麗,六三二八 九零一五,1958",
        "六三二八 九零一五",
    ),
    ("处理：致电寄件人，更正电话为 6724 8819，11月26日重新派送。", "6724 8819"),
    ("小郑连续旷工三天，打他电话 一五九 一八二六 七七零三 一直关机", "一五九 一八二六 七七零三"),
    ("有问题打小叶手机，一八六，三三七零，\n二九一四，就这样。", "一八六，三三七零，\n二九一四"),
    (
        "RM: It's a UK account. G B 0 8 H B U K 2 5 9 3 9 5 7 7 1 7 6 3 6 9. Beneficiary?",
        "G B 0 8 H B U K 2 5 9 3 9 5 7 7 1 7 6 3 6 9",
    ),
]


@pytest.mark.parametrize(("text", "value"), NUMBERS)
def test_dictated_and_dated_numbers_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value)


TRAVEL_AND_DIRECTORY = [
    # passports after pp in lower case, a US passport grouped 4 + 4 + 1, one in a cell
    ("2. Jomar Villanueva, ship crew (PH), pp p3390127b, ship phone via agent only", "p3390127b"),
    ("3. Reginald Thompson, US passport 5629 1048 3, email via agent", "5629 1048 3"),
    ("| Badge | Name | Doc |\n|---|---|---|\n| M-0413 | Fiona McLeod | UK passport 548821077 |", "548821077"),
    # an ID column, after the text has said passports
    (
        "I've put passports for overseas guests.\n\n| Guest | ID | Diet |\n|---|---|---|\n| Gareth | 533907146 | - |",
        "533907146",
    ),
    # mainland numbers as directories and delivery apps print them
    ("销售一部 缪晓峰 销售总监\n座机 0755-2698 3100-801", "0755-2698 3100-801"),
    ("财务部 甘露 出纳 分机 812 / 150.1234.0987", "150.1234.0987"),
    ("Sitong\n人力资源部｜广州汇澜生物科技有限公司\n020-3903 1857 转 8012", "020-3903 1857 转 8012"),
    ("顾客手机尾号 3827 / 隐私号：17189420356_2741", "17189420356_2741"),
    # international numbers a PDF broke over a line; a Pakistani mobile as dialled at home
    ("Family contact: his wife Lakshmi Menon, +91 94470\n22381 (copied from PDF)", "+91 94470\n22381"),
    ("emergency contact is her brother +880 1711-\n204558. Her HK mobile is 5702 4416.", "+880 1711-\n204558"),
    ("Muhammad, PAK passport AB1827364 / mob 0300 4417 285 (pk number)", "0300 4417 285"),
    # a Philippine mobile grouped as dialled there, with no phone word beside it
    ("Her sister Mylene can confirm: 0927-441-8092, mylene@example.com", "0927-441-8092"),
]


@pytest.mark.parametrize(("text", "value"), TRAVEL_AND_DIRECTORY)
def test_passports_and_printed_mainland_numbers_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value)


def test_an_address_set_out_line_by_line_is_covered_whole(redactor: Redactor) -> None:
    text = "本人之送達地址為：\n九龍長沙灣\n蘇屋邨\n杜鵑樓\n八樓 811 室\n\n此致"
    assert covered(redactor, text, "九龍長沙灣\n蘇屋邨\n杜鵑樓\n八樓 811 室", entity="ADDRESS")
    greeting = "多謝你哋幫手\n九龍何文田愛民邨嘉民樓十樓1012室"
    [found] = [d for d in redactor.analyze(greeting) if d.entity_type == "ADDRESS"]
    assert greeting[found.start : found.end] == "九龍何文田愛民邨嘉民樓十樓1012室"


def test_a_sign_up_lists_people_are_names_and_a_shopping_lists_words_are_not(redactor: Redactor) -> None:
    signup = "例：姓名+门牌+份数\n1. 施雅琴 11-1-2201 1份\n2. 杭晓燕 3-2-502 2份\n3. Sunny 9-2-801 1份"
    for name in ("施雅琴", "杭晓燕", "Sunny"):
        assert covered(redactor, signup, name, entity="PERSON"), name
    assert person_spans(redactor, "1. 蘋果 3個\n2. 香蕉 5條\n3. Apple 2 boxes") == []


def test_a_confirmation_number_and_a_version_are_no_phone_or_passport(redactor: Redactor) -> None:
    for text in (
        "Conf no. 88120473, guest asked for late check-out",
        "version 150.1234.0987 released",
        "Invoice 0927-441-8092 paid in full",
    ):
        assert redactor.analyze(text) == [], text


def test_a_word_after_a_dictated_number_stays_a_word(redactor: Redactor) -> None:
    text = "打他电话 一五九 一八二六 七七零三 一直关机"
    assert all("直" not in text[d.start : d.end] for d in redactor.analyze(text))


NOT_NAMES = [
    "2026-10-29 深圳 華潤萬家超市 RMB 2,860.00",
    "From: sandy.ma@agent.example.hk\nTo: Mortgage Specialist\nCc: Claims Team",
    "MPF SCHEME MEMBER'S REQUEST FOR TRANSFER\nBCT (MPF) Pro Choice",
    # 東方 and a rare surname at the start of words and places
    "去东方明珠塔睇夜景，再搭东方航空返去",
    "佢係福建晋江龙湖镇人",
    "做夢都估唔到會升職",
    # a coach's session headings
    "Session 6: left-hand layups\nSession 7: cancelled, rain.\nSession 8: free throws",
]


@pytest.mark.parametrize("text", NOT_NAMES)
def test_chains_posts_and_schemes_are_not_names(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


def test_a_thousands_comma_still_ends_no_phone(redactor: Redactor) -> None:
    assert not any(d.entity_type == "PHONE_NUMBER" for d in redactor.analyze("total HK$1234 5678,900 paid"))


def test_system_mailboxes_and_message_ids_are_no_ones_email(redactor: Redactor) -> None:
    text = (
        "Message-ID: <20241129091241.3F2A11C0041@mail.kowloonledger.com.hk>\n"
        "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nTo: chan.taiman@gmail.com"
    )
    emails = [text[d.start : d.end] for d in redactor.analyze(text) if d.entity_type == "EMAIL_ADDRESS"]
    assert emails == ["chan.taiman@gmail.com"]
    assert person_spans(redactor, text) == []


def test_a_chats_id_is_no_hkid(redactor: Redactor) -> None:
    text = "Live Chat transcript\nChat ID: LC8837120\n\n10:31 Bot: Hi!"
    assert not any(d.entity_type == "HK_ID" for d in redactor.analyze(text))


def test_an_id_column_with_no_passport_said_keeps_its_numbers(redactor: Redactor) -> None:
    text = "| Order | ID | Qty |\n|---|---|---|\n| Desk lamp | 12345678 | 3 |"
    assert "12345678" in redactor.redact(text).text
