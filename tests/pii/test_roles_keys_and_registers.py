"""How registers, envelopes, caretakers' notebooks and mainland files name people and
homes: each case stands for a class, not for one text.

- a home written with shortened words (``Hse 14``, ``TWR 5``, ``Hiram's Hwy``), in a
  chat's lower case with its block (``rm 1702 blk b lok fu est``), the name before it
  left out of the address and the address out of the name;
- a mobile "on file" after ``mob``; an HKID with a hyphen after its letters and its
  check digit in brackets (``WX-512734 (1)``), not a reference of that shape
  (``KX-7731902``);
- identity documents in a party's own column (``Tenant ID``, ``employer_id``), not in
  a record's (``Order ID``);
- a child's doubled name the text also writes before a school (``樂樂學校``), once the
  text gives the child's full name in brackets;
- 老张 after a role (``司机老张周四``), not a day read as a given name (``小李明天``);
- a JSON key that says more than "name" (``name_raw``), not a tool's (``tool_name``);
- a business speaking in a chat (``剪得好上門理髮:``) and a firm (``Lockhart & Yim CPA``)
  are no people;
- who prepared or answers for a working paper by three initials (``Fee earner: KYL``,
  ``Partner: HKH``) or two with the date after them (``Prepared by: KM  12/06/2024``),
  not a post (``Approved by: CEO``) nor a flight's airport; who wrote a note by a given
  name's syllable (``Written by Fai``);
- Cantonese nicknames after a relative's word or in a job sheet (``個孫豬仔``, ``個仔大隻佬``,
  ``細B:``), a baby by ``BB`` (``BB晴晴``, not ``BB車``), a sister by her given name
  (``阿妹鳳儀``), not a relative's word before an ordinary one (``細佬話``);
- an HKID read with its bracket said (``Y282784 bracket 9``); the name on a charge slip;
  a ledger's column of fee earners' initials (``| FE | AL |``);
  a call centre's roles before names (``质检 王磊``), not a verb (``覆核 宏基``);
- a post's author by a handle holding a name (``Posted by sarah_okonkwo``), not
  ``admin``; a parent by her child's name after ``的`` (``管账的子墨妈妈``).
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, person_spans, untouched


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "2\tRTS240517-002\tCHAN, Tai Man\tHse 14, Sea View Villas, Chuk Yeung Rd, Sai Kung, NT\tCard stmt",
            "Hse 14, Sea View Villas, Chuk Yeung Rd, Sai Kung, NT",
        ),
        ("= for Will Baker (neighbour, Flat 27B, Twr 5), picked up by him", "Flat 27B, Twr 5"),
        ('DH24-105534,NEW,Brown Ashley,"Hse 8 Marina Cove, Hiram\'s Hwy, Sai Kung",SRI WAHYUNI', "Hse 8 Marina Cove"),
    ],
)
def test_a_home_with_shortened_words(redactor: Redactor, text: str, address: str) -> None:
    assert covered(redactor, text, address)


def test_a_lower_case_flat_and_block_after_a_name_in_capitals(redactor: Redactor) -> None:
    text = "LT claim | empl CHEUNG, Ho Yin Kenny rm 1702 blk b lok fu est tel 9733 0628"
    assert covered(redactor, text, "rm 1702 blk b lok fu est", entity="ADDRESS")
    assert "CHEUNG, Ho Yin Kenny" in person_spans(redactor, text)
    assert untouched(redactor, text, "tel")


def test_a_mobile_on_file(redactor: Redactor) -> None:
    assert covered(redactor, "Card stmt Apr-24\tAU\tmob on file 9123 4587 no ans x2", "9123 4587")
    assert untouched(redactor, "see file 9123 4587 in the cabinet", "9123 4587")


def test_an_hkid_with_a_hyphen_after_its_letters(redactor: Redactor) -> None:
    assert covered(redactor, "l bautista | PH | P6620913A | WX-512734 (1) | 28/5", "WX-512734 (1)")
    assert untouched(redactor, "courier ref KX-7731902 pls call back", "KX-7731902")


TENANCIES = (
    "No\tPremises\tLandlord\tLL ID\tTenant\tTenant ID\tStamp cert\n"
    "1\tFlat C, 23/F, Tien Shan Mansion\tCHEUNG Yuk Lan\tL482915(0)\tIYER Priya\tZ4817362 / Z5029184\tTS-2406-4471823\n"
    "2\tFlat 9, 14/F, Block 2\tEvergreen Ltd\tBR 35920177\tANG Beatrix\tK2290174B (HKID pending)\tTS-2406-4472019\n"
)


@pytest.mark.parametrize("number", ["Z4817362", "Z5029184", "K2290174B"])
def test_documents_in_a_partys_own_id_column(redactor: Redactor, number: str) -> None:
    assert covered(redactor, TENANCIES, number)


def test_digits_in_an_employers_id_column(redactor: Redactor) -> None:
    text = "pol_no,type,employer_name,employer_id,plan\nDH24-105534,NEW,Brown Ashley,567204913,Plan A\n"
    assert covered(redactor, text, "567204913")


def test_an_order_id_column_keeps_its_numbers(redactor: Redactor) -> None:
    text = "Order ID\tItem\tQty\nZ4817362\tDesk lamp\t2\n"
    assert untouched(redactor, text, "Z4817362")


def test_a_childs_doubled_name_beside_her_school(redactor: Redactor) -> None:
    text = "黃太（黃美儀）同樂樂（黃樂天）大角咀 港灣豪庭\n另外黃太話樂樂學校（大角咀天主教小學）想明年組隊參加"
    assert covered(redactor, text, "樂樂", entity="PERSON", at=text.rindex("樂樂"))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("司机老张周四另有一单，改派阿彬", "老张"),
        ("管理处老张那边加了车位费", "老张"),
        ("会同维修師傅老黃入22A", "老黃"),
    ],
)
def test_an_old_surname_after_a_role(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON")


def test_a_day_after_a_nickname_is_no_given_name(redactor: Redactor) -> None:
    assert person_spans(redactor, "同事小李明天请假") == ["小李"]


def test_a_key_that_says_more_than_name(redactor: Redactor) -> None:
    text = '{"helper": {"name_raw": "Ambarwati", "nationality": "IDN"}}'
    assert covered(redactor, text, "Ambarwati", entity="PERSON")
    assert person_spans(redactor, '{"tool_name": "Lookup", "name": "Summarise"}') == []


def test_a_business_speaking_in_a_chat_is_no_person(redactor: Redactor) -> None:
    text = (
        "[3/9 19:42] Winnie Lau: Hi, 想 book 上門剪頭髮\n"
        "[3/9 19:50] 剪得好上門理髮: Hi Winnie 😊 可以呀\n"
        "[3/9 19:58] 剪得好上門理髮: 錢可以 cash 俾我\n"
    )
    assert untouched(redactor, text, "剪得好上門理髮")


def test_a_firm_of_accountants_is_no_person(redactor: Redactor) -> None:
    assert untouched(redactor, "Please see the letter from Lockhart & Yim CPA dated 3 May.", "Yim CPA")


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("Fee earner: KYL      Units: 4 (0.4hr)", "KYL"),
        ("Reviewed: R. Lui    Partner: HKH  Balance per GL", "HKH"),
        ("Checked: YCW (Vice-Principal)      Date: 1/3", "YCW"),
        ("Prepared by: KM  12/06/2024 Period end", "KM"),
        ("Filed by HC 06/03/2024", "HC"),
    ],
)
def test_initials_that_answer_for_a_paper(redactor: Redactor, text: str, initials: str) -> None:
    assert covered(redactor, text, initials, entity="PERSON")


@pytest.mark.parametrize("text", ["Approved by: CEO on 3 May", "flights from HK to KL then LHR", "ref by MC 1234"])
def test_posts_airports_and_codes_are_no_initials(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


def test_a_note_written_by_a_given_names_syllable(redactor: Redactor) -> None:
    assert covered(redactor, "Written by Fai, I am on annual leave 21-27 Oct", "Fai", entity="PERSON")
    assert person_spans(redactor, "vases made by Ming dynasty potters") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("話清明跟個孫豬仔返鄉下拜山", "豬仔"),
        ("聯絡人：個仔大隻佬（馬家豪）5147 9920", "大隻佬"),
        ("[12/6/24 16:31] 細B: 唔好再提啦\n[12/6/24 16:40] 細B: ok", "細B"),
        ("BB晴晴瞓晏覺 1點至3點", "BB晴晴"),
        ("急事打俾我阿妹鳳儀 6915-3380。", "鳳儀"),
        ("子女教育：女儿闫禾，就读实验小学", "闫禾"),
    ],
)
def test_nicknames_babies_and_sisters(redactor: Redactor, text: str, name: str) -> None:
    assert covered(redactor, text, name, entity="PERSON")


@pytest.mark.parametrize("text", ["買咗部BB車同BB床", "細佬話今晚唔返", "阿哥今日返工"])
def test_prams_and_relatives_words_alone_are_no_names(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


def test_an_hkid_read_with_its_bracket(redactor: Redactor) -> None:
    assert covered(redactor, "AGENT: Y282784 bracket 9, thank you.", "Y282784 bracket 9")
    assert untouched(redactor, "item A123456 bracket 1 of the list", "A123456")


def test_the_name_on_a_charge_slip(redactor: Redactor) -> None:
    assert covered(redactor, "7851 6708 (name on chargeslip W M TANG) RT24051412077", "W M TANG", entity="PERSON")


def test_a_call_centres_roles_before_names(redactor: Redactor) -> None:
    text = "录音 REC7731188420  坐席 陈佳怡  质检 王磊 场景：内地用户赴港消费"
    assert covered(redactor, text, "王磊", entity="PERSON")
    assert person_spans(redactor, "其實邊個負責覆核 宏基 張 VO？") == []


def test_a_nickname_of_both_scripts_recurs_as_a_name(redactor: Redactor) -> None:
    text = "[16/3/25 08:26] 細B: 唔好再提啦\n[16/3/25 08:30] 細B: ok\n[16/3/25 11:52] Joyce: 上次細B個腳架都係佢拎返"
    assert covered(redactor, text, "細B", entity="PERSON", at=text.rindex("細B"))


def test_a_ledgers_column_of_fee_earners(redactor: Redactor) -> None:
    ledger = "DATE     | FE  | HRS | NARRATIVE\n27/05/24 | AL  | 0.2 | tel w/ client\n28/05/24 | PCT | 0.6 | perusing report\n"
    assert covered(redactor, ledger, "PCT", entity="PERSON")
    assert person_spans(redactor, "DATE | DEPT | HRS\n27/05 | HR | 0.2\n28/05 | IT | 0.6") == []


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("Posted by sarah_okonkwo · 09 Feb, 10:14  Hi all", "sarah_okonkwo"),
        ("Re: Posted by MarieClaireD · 09 Feb, 12:47 Interested", "MarieClaireD"),
        ("Reply from priya.venkataraman, 3 Mar  Hi Hye-jin", "priya.venkataraman"),
        ("Run by: jdsouza   Run: 02/09/2024 08:47", "jdsouza"),
    ],
)
def test_a_posts_author_by_a_handle_holding_a_name(redactor: Redactor, text: str, handle: str) -> None:
    assert covered(redactor, text, handle, entity="PERSON")


@pytest.mark.parametrize("text", ["Posted by admin · 09 Feb", "Posted by HKExpatMoves, 3 Mar"])
def test_a_post_by_a_role_or_a_business_names_nobody(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


def test_a_parent_by_her_childs_name_after_a_word_pointing_at_her(redactor: Redactor) -> None:
    assert covered(redactor, "我是家委会管账的子墨妈妈（王婷），有问题找我", "子墨妈妈", entity="PERSON")
    assert person_spans(redactor, "这是我的好妈妈") == []


def test_a_post_submitted_by_a_foundation_names_nobody(redactor: Redactor) -> None:
    assert person_spans(redactor, "Minutes submitted by Hope Foundation on 3 May") == []


def test_a_shops_desk_speaking_is_no_person_whatever_its_first_word(redactor: Redactor) -> None:
    chat = "[15:02] Bloom & Bough CS: 你好 Chan小姐\n[15:05] Chan小姐: 婆婆去咗飲茶\n[15:06] Bloom & Bough CS: 最多等 15分鐘"
    assert untouched(redactor, chat, "Bloom")
