"""Mainland landlines without a phone word, Indonesian mobiles in dots, and Chinese given
names that stand beside another name: each case stands for a class, not for one text.

- a mainland landline with its area code after a person in Chinese text (``外婆 阿琼
  0755-8391 2206``, a contact table's row) is a phone; after an organisation's word
  (``公开预约热线``, ``物业服务中心``) it is the business's published line and stays;
- a mobile grouped as Indonesia and the Philippines dial it, in dots (``0821.3345.7701``),
  is a phone; a dotted version or invoice number is not;
- a given name joined by 同 / 和 to a found name (``同學浩晉同樂瑤``), before a church
  title (``蘊華姊妹``) or after 同學 is a name; ordinary words so placed are not;
- rarer surnames (粘, 眭, 殳) and given-name characters (業, 群) that mainland and Hong
  Kong names use;
- a login after a user label that is an initial and a surname (``user=hyip``, ``account
  jvillanueva``), not a service account or an English word (``account ending 4471``);
- a lower-case word-name, once the text named its bearer, before a quote's end or a
  dash (``call dickson not angel"``), not a quoted word after an article;
- banker's numerals grouped with hyphens (``壹叁柒-贰陆捌零-伍伍肆叁``) after a phone word; a
  floor said as ``23 floor``;
- 小 + a compound surname as a speaker (``小司马：``); a given name before 阿姨, 叔叔, 伯伯;
- a nickname set equal to a found name (``Bear = Cheung Ho Yin``), not a field's word;
- a surname before Miss as before Sir (``岑 Miss``); 甄, 顧, 駱, 郝 as common surnames
  that take 生 and 太 (``甄生``).
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, person_spans, untouched


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("家长：樊太 136 9120 4475 / 外婆 阿琼 0755-8391 2206", "0755-8391 2206"),
        ("| B1-012 | 覃卫国 | 0755-2658 3017 |", "0755-2658 3017"),
        ("4\t万阿姨\t020 8123 4570", "020 8123 4570"),
    ],
)
def test_a_mainland_landline_after_a_person_is_a_phone(redactor: Redactor, text: str, number: str) -> None:
    assert covered(redactor, text, number, entity="PHONE_NUMBER")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("正确号码请问前台。公开预约热线 0755-8321 6600，不要写成病人电话", "0755-8321 6600"),
        ("停水通知，翠竹苑物业服务中心 020-8552 3170", "020-8552 3170"),
        ("律所总机 0755-8663 2100", "0755-8663 2100"),
    ],
)
def test_a_landline_after_an_organisation_stays(redactor: Redactor, text: str, number: str) -> None:
    assert untouched(redactor, text, number)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("- mother Ibu Siti Aminah, Ponorogo 0821.3345.7701", "0821.3345.7701"),
        ("sister in Cavite 0917.663.1852", "0917.663.1852"),
    ],
)
def test_a_mobile_grouped_in_dots_as_dialled_abroad_is_a_phone(redactor: Redactor, text: str, number: str) -> None:
    assert covered(redactor, text, number, entity="PHONE_NUMBER")


def test_a_dotted_invoice_number_is_no_phone(redactor: Redactor) -> None:
    assert untouched(redactor, "invoice 0812.2024.0091 paid in full", "0812.2024.0091")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("軒仔成日講起同學浩晉同樂瑤，可唔可以安排佢哋坐埋一齊？", "浩晉"),
        ("軒仔成日講起同學浩晉同樂瑤，可唔可以安排佢哋坐埋一齊？", "樂瑤"),
        ("各位弟兄姊妹，蘊華姊妹今朝入咗醫院", "蘊華"),
        ("陳美玲和嘉欣都上车了。", "嘉欣"),
        ("阿德（粘德輝）大坑東邨", "粘德輝"),
        ("佢媽媽眭麗珍都有嚟陪堂", "眭麗珍"),
        ("收件人写了我婆婆莫凤群，电话写成", "莫凤群"),
        ("老钟（钟伟业） | 身份证", "钟伟业"),
    ],
)
def test_a_given_name_beside_a_name_or_a_title_is_a_name(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON")


@pytest.mark.parametrize(
    "text", ["同學們好，同學會今晚開會", "請同學自備文具", "我和中心的同事都去了", "陳美玲和平安夜的活動"]
)
def test_ordinary_words_beside_a_name_or_after_a_title_stay(redactor: Redactor, text: str) -> None:
    assert not [name for name in person_spans(redactor, text) if name not in ("陳美玲",)]


@pytest.mark.parametrize(
    ("text", "login"),
    [
        ("2026-10-21T08:58:13Z gw=vpn-gw02.corp.example.hk user=hyip status=OK", "hyip"),
        ("AD shows account jvillanueva locked after five tries", "jvillanueva"),
        ("09:31:26 login user=linxiaowei ip=14.153.67.201", "linxiaowei"),
    ],
)
def test_an_initial_and_a_surname_after_a_user_label_is_a_login(redactor: Redactor, text: str, login: str) -> None:
    assert covered(redactor, text, login, entity="PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "user=admin user=root user=guest user=backup user=deploy",
        "To complete the review for account ending 4471 we still need a copy of your ID.",
        "The account holder and the user agent are shown in the account details.",
    ],
)
def test_service_accounts_and_words_after_a_user_label_are_no_login(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ('4. Angel & Dickson Mak - CONFIRM, "please call dickson not angel" (852) 5410 2298', "angel"),
        (
            "Resident Honey Lai, rm A712. 22:05 a male tried the gate, said visiting honey - she did not invite him",
            "honey",
        ),
    ],
)
def test_a_lower_case_word_name_before_a_quote_or_a_dash_is_the_person(
    redactor: Redactor, text: str, mention: str
) -> None:
    assert covered(redactor, text, mention, entity="PERSON", at=text.rindex(mention))


def test_a_quoted_word_after_an_article_stays_the_word(redactor: Redactor) -> None:
    text = 'Rocky Tse joined in March. The "rocky" start - we recovered by June.'
    at = text.index('"rocky"') + 1
    assert not any(d.start < at + 5 and at < d.end for d in redactor.analyze(text))


@pytest.mark.parametrize(("text", "surname"), [("負責老師：岑 Miss、Fiona", "岑"), ("聽日陳Sir同岑Miss帶隊", "岑")])
def test_a_surname_before_miss_is_a_teacher_named(redactor: Redactor, text: str, surname: str) -> None:
    assert covered(redactor, text, surname, entity="PERSON")


@pytest.mark.parametrize(
    ("text", "surname"), [("已致電甄生2764 1158", "甄"), ("顧太話唔得閒", "顧"), ("駱生嚟咗", "駱")]
)
def test_common_hong_kong_surnames_take_the_short_titles(redactor: Redactor, text: str, surname: str) -> None:
    assert covered(redactor, text, surname, entity="PERSON")


def test_a_nickname_set_equal_to_a_name_is_a_name_wherever_it_stands(redactor: Redactor) -> None:
    text = '| 06/10 | water bottle "Bear" | basketball court | Bear = Cheung Ho Yin 3B | - |'
    assert covered(redactor, text, "Bear", entity="PERSON")
    assert covered(redactor, text, "Bear", entity="PERSON", at=text.rindex("Bear"))


@pytest.mark.parametrize("text", ["Owner = Chan Tai Man", "Total = Chan Tai Man"])
def test_a_field_word_set_equal_to_a_name_stays(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == ["Chan Tai Man"]


def test_banker_numerals_with_hyphens_are_a_phone(redactor: Redactor) -> None:
    text = "住蛇口花园城三期5栋2单元1701，手机壹叁柒-贰陆捌零-伍伍肆叁，要建档"
    assert covered(redactor, text, "壹叁柒-贰陆捌零-伍伍肆叁", entity="PHONE_NUMBER")


def test_a_floor_said_as_a_number_and_floor_is_in_the_address(redactor: Redactor) -> None:
    text = "caller: at home, flat 11, 23 floor, Tin Yan House, Tin Ping Estate, Sheung Shui"
    assert covered(redactor, text, "flat 11, 23 floor, Tin Yan House, Tin Ping Estate", entity="ADDRESS")
    assert untouched(redactor, "The mall has 3 floors and 23 floor plans.", "23 floor")


@pytest.mark.parametrize(
    ("text", "name"), [("小司马：监控可以找物业调", "小司马"), ("老冯终于从候补转正了，秀兰阿姨很高兴", "秀兰")]
)
def test_a_compound_surname_speaker_and_a_given_name_before_auntie(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON")


def test_a_role_before_auntie_is_no_name(redactor: Redactor) -> None:
    assert person_spans(redactor, "保安阿姨很好，清洁阿姨也好") == []
