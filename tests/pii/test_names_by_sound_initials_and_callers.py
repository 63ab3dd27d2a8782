"""Names, numbers and homes as blind-written records give them: each case stands for a
class, not for one text.

- minority and foreign names spelt by sound and joined by a dot (``买买提·吐尔逊``), then
  their parts alone; not a brand and its branch (``碧桂园·凤凰城``) nor a book's title;
- dotted initials standing alone (``(F.L., 71)``), a title before one capital
  (``Mr L's``), not abbreviations (``P.S.``, ``N.T.``, ``C.O.D.``);
- a relative's name run on from the word for them, before their number
  (``舅舅曾繁荣，152-...``), not "the father's number" (``父亲的电话``);
- Japanese names in Chinese (``（佐藤健一）``), not a crossing (``福田口岸``);
- a congregation's titles after a verb (``和蒯恩典姊妹``), the variant surname ``龎``;
- Cantonese nicknames (``細佬強``, ``添嬸``), an English name after a kin word (``阿媽May``),
  a short form of a name found (``Tiff`` for Tiffany), a display name's name recurring;
- numbers read out in both languages at once, paused with commas or fillers, an HKID's
  check letter after a spoken bracket, a card's sixteen digits kept whole;
- a village's group or 社 closing a mainland address, a neighbour's own flat by floor and
  letter (``我係七樓A``);
- not a person: an amount (``每張一百蚊``); a direct line is not public because the
  hotline after it is.
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, person_spans, untouched


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("3. 热依拉·买买提，学号2024110355，女。\n国庆留校：热依拉和小王。", ["热依拉·买买提", "热依拉"]),
        ("父亲买买提·吐尔逊，手机18299031746。", ["买买提·吐尔逊"]),
        ("开场舞——行政部 苏小妹、古丽娜尔·买买提", ["古丽娜尔·买买提"]),
    ],
)
def test_names_spelt_by_sound_and_their_parts(redactor: Redactor, text: str, names: list[str]) -> None:
    for name in names:
        assert covered(redactor, text, name, entity="PERSON", at=text.rindex(name)), name


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("致碧桂园·凤凰城物业服务中心的投诉信", "碧桂园·凤凰城"),
        ("【禾悦家政·南山科技园店】月嫂派单台账", "禾悦家政·南山科技园店"),
        ("《哈利·波特》同《福爾摩斯·探案》都好睇", "哈利·波特"),
    ],
)
def test_a_brand_and_its_branch_or_a_title_is_no_name(redactor: Redactor, text: str, kept: str) -> None:
    assert untouched(redactor, text, kept)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('3. "Uncle Fai" - (F.L., 71), file CP-2024-0655', "F.L."),
        ("2. M.D.C. - EAP referral via employer", "M.D.C."),
        ("Grandfather of a former client (W.K.L., closed 2023) phoned", "W.K.L."),
        ("Needs Mr L's own signed consent, not the wife's.", "Mr L"),
    ],
)
def test_initials_standing_for_someone(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "P.S. bring the receipts on Friday",
        "Lot 1344 in D.D. 221, Yuen Long, N.T.",
        "Payment terms: C.O.D. for the first three orders",
    ],
)
def test_abbreviations_are_no_initials(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


def test_a_relatives_name_before_their_number(redactor: Redactor) -> None:
    text = "紧急联系人填的是他舅舅曾繁荣，152-8837-4410。"
    assert covered(redactor, text, "曾繁荣", entity="PERSON")
    assert person_spans(redactor, "父亲的电话15908342671。") == []


def test_japanese_names_in_chinese(redactor: Redactor) -> None:
    text = "8. Kevin（佐藤健一），妈妈 佐藤由纪 185 6734 0921，爸爸 佐藤 隆（不会说中文）"
    for name in ("佐藤健一", "佐藤由纪", "佐藤 隆"):
        assert covered(redactor, text, name, entity="PERSON"), name
    assert untouched(redactor, "每日由保姆车从 福田口岸 接送", "福田口岸")


def test_church_titles_and_a_variant_surname(redactor: Redactor) -> None:
    assert covered(redactor, "和蒯恩典姊妹一同家訪", "蒯恩典", entity="PERSON")
    assert covered(redactor, "龎潔瑩今日好開心。", "龎潔瑩", entity="PERSON")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("細佬強話佢架車有車載雪櫃", "細佬強"),
        ("佢老婆添嬸好冷靜，打咗999", "添嬸"),
        ("佢同阿媽May行樓梯落街買嘢食", "May"),
        ("From: Tiffany Sze\n\n> Tiff - Grandma won't go anywhere without her", "Tiff"),
        ("From: Desmond Tang\n\nThanks for the gig!\nDes", "Des"),
        ("要不您看看陈昊爸爸能不能来？\n\n朵朵爸爸 陈昊  15:31\n我来接", "陈昊爸爸"),
    ],
)
def test_nicknames_kin_and_short_forms(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON", at=text.rindex(name) if name == "Tiff" else None)


@pytest.mark.parametrize(
    ("text", "value", "entity"),
    [
        ("新號碼係 九四七二，ah，eight-one-five-three。", "九四七二，ah，eight-one-five-three", "PHONE_NUMBER"),
        ("用我嘅啦，five-one-three-eight, 二 零 七 四，佢聽", "five-one-three-eight, 二 零 七 四", "PHONE_NUMBER"),
        ("佢電話 6 2 0 5, 3 3 7 8，你哋可以直接搵佢。", "6 2 0 5, 3 3 7 8", "PHONE_NUMBER"),
        (
            "即係 Y three three zero five four eight bracket A，啱唔啱？",
            "Y three three zero five four eight bracket A",
            "HK_ID",
        ),
        ("即係 Y 三三零 五四八，括號 A，啱唔啱", "Y 三三零 五四八，括號 A", "HK_ID"),
        ("身份證 E 六五六零二零 six，出世日期", "E 六五六零二零 six", "HK_ID"),
        (
            "林太: 五四一二，two two three one，二三一九，zero zero nine one。",
            "五四一二，two two three one，二三一九，zero zero nine one",
            "CREDIT_CARD",
        ),
    ],
)
def test_numbers_read_out_in_both_languages(redactor: Redactor, text: str, value: str, entity: str) -> None:
    assert covered(redactor, text, value, entity=entity)


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("家庭住址云南省昭通市镇雄县以勒镇大火地村民小组，父母务农。", "云南省昭通市镇雄县以勒镇大火地村民小组"),
        ("家庭地址甘肃省定西市通渭县平襄镇温泉村三社。", "甘肃省定西市通渭县平襄镇温泉村三社"),
        ("Hello 明哥，我係七樓A 陳太，", "七樓A"),
    ],
)
def test_village_groups_and_a_neighbours_own_flat(redactor: Redactor, text: str, home: str) -> None:
    assert covered(redactor, text, home, entity="ADDRESS")


def test_an_amount_is_no_name(redactor: Redactor) -> None:
    assert untouched(redactor, "新匙卡每張一百蚊，收錢", "張一百")


def test_a_hotline_label_belongs_to_the_number_after_it(redactor: Redactor) -> None:
    text = "Senior Catering Sales Manager\nD +852 3916 5524  Hotline +852 3916 5000"
    assert covered(redactor, text, "+852 3916 5524", entity="PHONE_NUMBER")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("我與蒯恩典姊妹一同家訪。恩典姊妹帶了魚湯", "恩典"),
        ("記錄人：佘曉昉傳道\n日期：2025年10月3日", "佘曉昉"),
        ("家中只靠她一份收入，兩個孩子靳梓琮和靳梓翀仍在讀小學", "靳梓琮"),
        ("Desk: Wincy / Grace T.\nDate: Tue 11 Mar", "Wincy"),
    ],
)
def test_a_rare_surnames_given_name_a_preachers_title_a_child_and_a_hong_kong_name(
    redactor: Redactor, text: str, name: str
) -> None:
    assert covered(redactor, text, name, entity="PERSON", at=text.rindex(name))


def test_a_neighbours_flat_wherever_it_recurs(redactor: Redactor) -> None:
    text = "Hello 明哥，我係七樓A 陳太，\n七樓A個水喉又漏"
    assert covered(redactor, text, "七樓A", entity="ADDRESS", at=text.rindex("七樓A"))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Present: Claire Donnelly-Wong (Chair, CDW), Rohan Bhattacharya (Treasurer, RB)\n"
            + "Actions: RB – refunds + FPS by 18/2. CDW to chase the hotel.",
            "CDW",
        ),
        ("Table 4: Mr and Mrs Lau, Sunny Lau.\nThe Laus will bring the cake.", "Laus"),
        ("Surname is K for King, A for Apple, M for Mary, then Kam.", "K for King, A for Apple, M for Mary"),
        ("已请呼吸科贲晓东医生电话指导，家属同意", "贲晓东"),
        ("2. 靳国庆（85岁，心衰）：侄子本周未接电话", "靳国庆"),
        ("成晚平穩，蔚秀珍婆婆三點幾起身話搵老爺", "蔚秀珍"),
        ("二樓A區12床冼桂英婆婆個孫女嚟探", "冼桂英"),
        ("佢話：「尹Miss好好，但係我瞓唔着。」", "尹Miss"),
    ],
)
def test_initials_of_a_name_found_families_spelt_names_and_titled_staff(
    redactor: Redactor, text: str, name: str
) -> None:
    assert covered(redactor, text, name, entity="PERSON", at=text.rindex(name))


def test_initials_are_not_a_time(redactor: Redactor) -> None:
    text = "Priyanka Mehta (Secretary)\nThe call is at 5 PM."
    assert untouched(redactor, text, "PM")


def test_a_dates_month_is_no_name(redactor: Redactor) -> None:
    text = "Ana's sick leave runs from 19 Jun to 30 Jun; the agency will call her employer."
    assert untouched(redactor, text, "Jun")


def test_a_number_a_column_apart_from_a_brand_is_a_phone(redactor: Redactor) -> None:
    text = "13. 麦嘉雯  香港  汇丰  15902078813\n14. 蔡文亮  东莞  OPPO  18676920347"
    assert covered(redactor, text, "18676920347", entity="PHONE_NUMBER")
    assert untouched(redactor, "Transfer OTT 7781 2096 received", "7781 2096")


def test_a_romanised_elders_title_said_twice(redactor: Redactor) -> None:
    assert covered(redactor, "Pick up Kwan Por Por at 9am from her home.", "Kwan Por Por", entity="PERSON")


def test_a_direct_line_for_a_claim_is_a_phone(redactor: Redactor) -> None:
    text = "Please complete Form HL-07. Direct line for this claim: 2921 7735."
    assert covered(redactor, text, "2921 7735", entity="PHONE_NUMBER")
    assert untouched(redactor, "Claim no: 2921 7735", "2921 7735")


def test_a_relatives_name_before_their_age_and_a_display_names_chinese(redactor: Redactor) -> None:
    assert covered(redactor, "外公蒙德胜六十三岁，种菜卖菜", "蒙德胜", entity="PERSON")
    text = "[3/4/2024 21:08] Kaylin 凱琳: 咁邊個同社工傾？\n[3/4/2024 21:11] 爸爸: 凱琳你抄低佢啦"
    assert covered(redactor, text, "凱琳", entity="PERSON", at=text.rindex("凱琳"))


def test_siblings_of_one_surname(redactor: Redactor) -> None:
    text = "蒙欣怡和蒙欣悦是一对双胞胎，一个在三年级。"
    for name in ("蒙欣怡", "蒙欣悦"):
        assert covered(redactor, text, name, entity="PERSON"), name
    assert person_spans(redactor, "高中生和高年级都要交表") == []
