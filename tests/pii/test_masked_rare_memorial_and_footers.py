"""Names as payment screens mask them, rare characters, the dead in memorial lists,
handles, and an organisation's own contact in footers and notices, as the blind-written
round of 2026-12-03 evening gave them: each case stands for a class.

- a payee masked as a transfer shows it (``KWOK K*** Y***``, ``陳*明``, ``王**``), not bold
  markdown;
- a name with a character of the supplementary planes (``蔡𡌅業``), which an HKSCS font
  shows and a BMP-only class cut out;
- the dead a memorial list names (``先妣歐陽李氏``, ``亡夫麥炳``), a married woman's 氏 form;
- a handle speaking in a chat though a trade word ends it (``kc_chow.design: hi``), not a
  config key (``reg_ip: 10.0.0.1``); a name's handle ending ``.hk`` (``joanne.lau.hk``),
  not a firm's domain (``kamwah.hk``); a double underscore (``wong__joey``); a marketplace's
  seller; a handle holding a name the table gives beside it (``@raj.thapa.hk``);
- a nickname after an English label (``Preferred name / nickname: Viv``) or in a "Known
  as" column; a given syllable said twice as an alias (``Wong Wing-sze (Wingwing)``), the
  last given character with 仔 (``梁卓謙``: ``謙仔``); a police rank or a Thai teacher's
  title kept with the name (``Inspector Wong``, ``Kru Nong``); a compound surname before a
  place's name (``歐陽啟德``, not the district 啟德); a slash after a full name ends it;
- ``Sr Chan``, ``Warden Leung``; ``肥陳``; a 老 nickname filling a log's cell (``|老马``);
  a crew list's ``PP`` column; a mobile after a name in capitals whose surname the lists
  lack (``JOSIE BALUYOT 6172 9035``), not after a code (``REF ABCD``);
- a village's group before a verb of sending (``刘楼村三组寄出``); a mainland mobile read
  out in numerals before a time (``一三五 八七零二 六六一九，9点半``); a supply chain's name
  (``鲜丰供应链``) is a business's;
- a mainland city and district before an estate's block (``长沙岳麓区银杏苑5栋``);
- an organisation's own contact kept: a line labelled in brackets with its hours, an
  enquiry line naming the office, a production office, a secretary's or a race's mailbox
  under its display name, a footer of address, team mailbox and fixed line, and the
  address after 本會; while the same shapes stay personal where a person owns them.
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, untouched


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("付款：FPS 轉數快 ➡️ 9537 2864（KWOK K*** Y***）", "KWOK K*** Y***"),
        ("得 FPS 轉 6387 2105 名會顯示 WONG K** L** 當面check完先轉", "WONG K** L**"),
        ("收款人：陳*明，已到賬。", "陳*明"),
        ("3-20 | 蔡𡌅業 | 1 | — | 九一三二 八零七五 | 佢自己", "蔡𡌅業"),
        ("　先考歐陽德輝　先妣歐陽李氏　亡夫麥炳\n\n總結", "歐陽李氏"),
        ("0258｜麥婆婆　$500　現金　附薦亡夫麥炳", "麥炳"),
        ("[2/4 13:10] kc_chow.design: hi 我係 KC\n[2/4 13:41] kc_chow.design: 上門 ok!", "kc_chow.design"),
        ("2025/03/04 9:40:02,joanne.lau.hk,劉卓瑩 Joanne,+852 5102 6633", "joanne.lau.hk"),
        ("2025/03/06 12:15:20,wong__joey,王芷晴,9260-8813", "wong__joey"),
        ("Seller: kelvinwong.snaps   ·   You: jess_lamlam", "kelvinwong.snaps"),
        ("| Raj Thapa              | @raj.thapa.hk      | 6902 1157   | pending |", "raj.thapa.hk"),
        ("Full name: CHEUNG Wing-sze Vivian\nPreferred name / nickname: Viv\nMobile: 9174 2286", "Viv"),
        ("Witnesses: Marcus Tsang, Wong Wing-sze (Wingwing) (5402 8816)", "Wingwing"),
        ('a man calling himself "Inspector Wong", said the ID was used', "Inspector Wong"),
        ("Sat 11am 係 Kru Nong 教, 佢係女教練", "Kru Nong"),
        ("| Name (as on ID)   | Known as | Mobile    |\n| GURUNG Bishal     | Bish     | 6123 4567 |", "Bish"),
        ("委員 歐陽啟德、麥太", "歐陽啟德"),
        ("我係4B班梁卓謙的媽媽。由於謙仔九月尾起留院。", "謙仔"),
        ("18/3  outreach nurse Sr Chan (Ruttonjee Hospital palliative team)", "Sr Chan"),
        ("(knee surgery in June); Warden Leung, can you check the lift?", "Warden Leung"),
        ("[8/7/2025 21:30] 麥太: 另外肥陳問我哋個位肯唔肯頂俾佢", "肥陳"),
        ("10/14|YT2024101400137号|地址不在本片区，系错分|已退回网点重派|老马", "老马"),
    ],
)
def test_a_person_named_as_screens_lists_and_handles_give_them(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON"), name


def test_a_mainland_city_and_district_make_a_block_a_postal_address(redactor: Redactor) -> None:
    text = "“李春燕 139 2875 4410 长沙岳麓区银杏苑5栋”"
    assert covered(redactor, text, "长沙岳麓区银杏苑5栋", entity="ADDRESS")


def test_a_crew_lists_passport_column(redactor: Redactor) -> None:
    text = "2. KOVALENKO, Andrii     UKR   PP FK418702    TK 71 16/05 2355 via IST"
    assert covered(redactor, text, "FK418702", entity="HK_PASSPORT")
    assert untouched(redactor, "see pp 12-15 of the manual", "12-15")


def test_a_mobile_after_a_name_in_capitals_whose_surname_the_lists_lack(redactor: Redactor) -> None:
    text = "(3) 家中外傭 JOSIE BALUYOT　6172 9035（只限通知，不可代簽）"
    assert covered(redactor, text, "6172 9035", entity="PHONE_NUMBER")
    assert untouched(redactor, "REF ABCD 6172 9035", "6172 9035")


def test_a_villages_group_before_a_verb_of_sending_is_an_address(redactor: Redactor) -> None:
    text = "要让妻子从郸城县汲冢镇刘楼村三组寄出"
    assert covered(redactor, text, "郸城县汲冢镇刘楼村三组", entity="ADDRESS")


def test_a_mainland_mobile_read_out_in_numerals_before_a_time(redactor: Redactor) -> None:
    text = "叫了个搬家师傅，李师傅 一三五 八七零二 六六一九，9点半到11栋"
    assert covered(redactor, text, "一三五 八七零二 六六一九", entity="PHONE_NUMBER")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("**Note** The SALE B** is on.", "SALE"),
        ("reg_ip: 10.0.0.1", "reg_ip"),
        ("see kamwah.hk for prices", "kamwah.hk"),
        ("Nickname: None\nPreferred name: same", "None"),
        ("户名 张海鹰，农行", "农行"),
        ("打乔雅登还是瑞蓝好？", "乔雅登"),
        ("Member: Nadia Chan Hoi-yan / IH-M-1187", "IH-M-1187"),
        ("去A座搵我", "A座"),
        ("3. 鲜丰供应链 已发货，鲜丰说明天到", "鲜丰"),
        ("共 1 2 3 4 5 6 7,8 元", "1 2 3 4"),
    ],
)
def test_look_alikes_stay(redactor: Redactor, text: str, kept: str) -> None:
    assert untouched(redactor, text, kept)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Dr Lam, tel 2811 4402 (clinic line, Mon-Sat)", "2811 4402"),
        ("4.　如有查詢，請於辦公時間致電本處選舉組 2654 1360，", "2654 1360"),
        (
            "Production office: Unit 1203, 12/F, Kwai Fung Industrial Centre, 2 Kwai Fung Crescent   Tel: 2614 8830",
            "2614 8830",
        ),
        (
            "Production office: Unit 1203, 12/F, Kwai Fung Industrial Centre, 2 Kwai Fung Crescent   Tel: 2614 8830",
            "Unit 1203",
        ),
        ("To: KEARC Secretary <secretary@kearc.example.hk>", "secretary@kearc.example.hk"),
        ("To: Race Secretariat <entries@southsidepaddling.example.org>", "entries@southsidepaddling.example.org"),
        (
            "IRONHARBOUR CROSSFIT - WAIVER\nUnit 8, 11/F, Wah Lok Industrial Centre, 31 Shan Mei Street, Fo Tan  |  hello@ironharbour.example.hk  |  3480 2210",
            "3480 2210",
        ),
        (
            "IRONHARBOUR CROSSFIT - WAIVER\nUnit 8, 11/F, Wah Lok Industrial Centre, 31 Shan Mei Street, Fo Tan  |  hello@ironharbour.example.hk  |  3480 2210",
            "hello@ironharbour.example.hk",
        ),
        ("填妥後交回會所或郵寄至本會（大角咀福全街46號地下）。", "大角咀福全街46號地下"),
    ],
)
def test_an_organisations_own_contact_is_kept(redactor: Redactor, text: str, kept: str) -> None:
    assert untouched(redactor, text, kept)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("My flat: Flat 3, 11/F, Block B, Heng Fa Chuen | amy.chan@example.com | 2345 6789", "2345 6789"),
        ("My flat: Flat 3, 11/F, Block B, Heng Fa Chuen | amy.chan@example.com | 2345 6789", "Flat 3"),
        ("請寄回陳太（大角咀福全街46號地下）", "大角咀福全街46號地下"),
    ],
)
def test_the_same_shapes_stay_personal_where_a_person_owns_them(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value)
