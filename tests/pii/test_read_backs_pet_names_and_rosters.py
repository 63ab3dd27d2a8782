"""Numbers read back, children's pet names and crowded rosters, as blind-written records
give them: each case stands for a class, not for one text.

- a number found in one writing is found in every other: said in words then read back in
  digits, quoted bare after its label (``BR is 61047728-000`` ... ``61047728 000``); not
  a reference that merely starts with the same characters (``RTS240517-003``);
- what a person is called besides their name, under its label or column (``小名：一一``,
  a ``小名`` column of ``想想``, ``远远``), not an empty answer (``小名：无``) nor a
  product's other name (``别名`` of an apple);
- the rest of a list of children's given names, sentence by sentence, where most entries
  are names, even a name that is also a word (``一心``); not a list of things;
- a title and a single initial before Chinese punctuation (``「送別 Miss J」``), a Hong Kong
  doctor by their given name's initials (``Dr Chan Ka-lok (KL)`` ... ``Dr KL``), the
  name a card is in (``the name on it is LAI SUMMER W``);
- a deputy's or adviser's title after a surname (``區副主席``, ``卢顾问``), not a firm's
  trade (``工程顧問有限公司``); a two-character surname alone once the full name is found
  (``司徒家樂`` ... ``由司徒整理``), not a road named after a family (``司徒拔道``);
- a rooftop hut or cockloft ending an address (``華昌樓天台屋``); a building abbreviated (``Bldg 3, Rm 2103``);
- a duty log's initials after each time (``21:40 (KCL)``), not a time zone; initials
  given in brackets after a person (``陳sir (CKW)``), not a firm's ticker; a ship's ranks
  (``Bosun Lam``), not a dog called Captain; elders as mainland neighbours call them
  (``王大娘``), an estate's aunties (``寶姨``), a classmate's father (``孙爸爸``), not a
  mother's sisters by order (``小姨``) nor one's own father; a name in brackets with its
  relation (``卞太太（汤丽，妻子）``); a name spelt after it is said (``gill g i double l``),
  not a word spelt (``cat is c a t``).
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, untouched


@pytest.mark.parametrize(
    ("text", "value", "entity"),
    [
        (
            "CALLER: My husband, Ivan. His is six two eight zero, five five one nine.\nAGENT: 6280 5519, thank you.",
            "6280 5519",
            "PHONE_NUMBER",
        ),
        ("CALLER: BR is 61047728-000 on the invoice.\nAGENT: 61047728 000. Lovely.", "61047728 000", "HK_BUSINESS_REG"),
    ],
)
def test_a_number_read_back_is_the_number_found(redactor: Redactor, text: str, value: str, entity: str) -> None:
    assert covered(redactor, text, value, entity=entity, at=text.rindex(value))


def test_a_reference_starting_like_a_found_number_is_not_read_back(redactor: Redactor) -> None:
    text = "Customer: Chan Siu Ming, phone 9123 4567.\nBatch 91234567-003 returned."
    assert untouched(redactor, text, "91234567-003")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("【三】幼儿：欧阳翊  小名：一一  男", ["一一"]),
        ("花名：肥仔，住喺附近", ["肥仔"]),
        (
            (
                "序号,姓名,性别,小名,主要联系人,电话\n2025026,沈可欣,女,糖糖,沈一鸣(父),13916284407\n"
                "2025027,李想,女,想想,赵丹(母),17714362290\n2025029,马思远,男,远远,马兰(母),13382105476"
            ),
            ["想想", "远远"],
        ),
    ],
)
def test_what_a_child_is_called_under_its_label(redactor: Redactor, text: str, names: list[str]) -> None:
    for name in names:
        assert covered(redactor, text, name, entity="PERSON"), name


@pytest.mark.parametrize(
    ("text", "kept"),
    [("小名：无", "无"), ("产品,别名,价格\n苹果,红富士,5\n香蕉,芝麻蕉,3", "红富士"), ("昵称：小鹿乱撞_HK", "小鹿乱撞")],
)
def test_an_empty_answer_or_a_products_other_name_is_no_name(redactor: Redactor, text: str, kept: str) -> None:
    assert untouched(redactor, text, kept)


def test_a_crowded_list_of_given_names_takes_its_word_like_names(redactor: Redactor) -> None:
    text = "第一組由我帶：樂謙、靖雯、家希、一心、天恩。第二組由麥生帶：子朗、Ayaan、浩文、梓軒。"
    for name in ("一心", "天恩"):
        assert covered(redactor, text, name, entity="PERSON"), name


def test_a_list_of_things_stays_a_list_of_things(redactor: Redactor) -> None:
    text = "材料：面粉、鸡蛋、一心、牛奶。"
    assert untouched(redactor, text, "一心")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("我開咗個 side group 「送別 Miss J」，唔好喺度講", "Miss J"),
        ("12/08 Dr Chan Ka-lok (KL)\nS: 食少咗一個星期\n\n26/08 Dr KL\nRecheck: BW 3.3kg", "Dr KL"),
        ("The card is 4556 0291 3377 8208. The name on it is LAI SUMMER W.", "LAI SUMMER W"),
        ("負責人祝師傅由區副主席通知。", "區副主席"),
        ("卢顾问，在吗？那个阿姨今天又跟我说", "卢顾问"),
        ("出席：冼錦泉（理事長）、司徒家樂\n名單由司徒整理，例如鄧伯。", "司徒"),
        ("3. 甄妹　埃華街5號華昌樓天台屋", "華昌樓天台屋"),
        ("door: Bldg 3, Rm 2103, Xinghai Mingcheng, Qianhai Rd, Nanshan District, Shenzhen", "Bldg 3"),
    ],
)
def test_initials_titles_surnames_and_homes(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, at=text.rindex(value))


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("出席：司徒家樂\n地址：司徒拔道1號", "司徒拔道"),
        ("司庫司徒倩華，FPS 9027 1846。\n司徒拔道嗰邊嘅舊會址已經退租。", "司徒拔道"),
        ("承辦商：宏建工程顧問有限公司", "宏建工程顧問有限公司"),
        ("本屆副主席由會員選出。", "副主席"),
    ],
)
def test_a_road_a_firm_and_a_post_are_no_names(redactor: Redactor, text: str, kept: str) -> None:
    assert not _person_at(redactor, text, kept)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a duty log signed with the officer's initials after each time
        ("19 Jul\n21:40 (KCL) T8 signal hoisted.\n21:55 (KCL) Guest of a member fell.\n22:05 (JM) Ambulance.", "JM"),
        ("Nominees unchanged (Captain S. Menon, Doris Yip).", "Captain S. Menon"),
        ("5. Bosun Lam reported that the mooring had slipped.", "Bosun Lam"),
        ("王大娘说她明天不来了，包大爷也是。", "包大爷"),
        ("3至10樓　甄美寶（寶姨）　9510 3376\n例如「婆婆，我係互委會嗰個寶姨呀」", "寶姨"),
        ("- 孙嘉祺（祺祺）自行到地铁站，孙爸爸在B口等，电话 +86 150 6721 3390", "孙爸爸"),
        ("13605176634|卞太太（汤丽，妻子）|13605176635|本人接听", "汤丽"),
        ('"hi good evening this is harpreet h a r p r e e t gill g i double l i am calling"', "g i double l"),
        ('Caller: Mrs Natalie Cheuk. "Cheuk is C-H-E-U-K, not Chuk."', "C-H-E-U-K"),
        # initials given in brackets after a person, then signing a register's rows
        ("Counter guard: 早更 陳sir (CKW) / 中更 Ravi (RS)\n07:40 | Mrs Ho | 湊孫 | 18:10 | CKW", "CKW"),
    ],
)
def test_log_initials_ranks_elders_aunties_and_spellings(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON", at=text.rindex(value))


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("09:00 (HKT) start\n10:00 (HKT) end", "HKT"),
        ("Apple Inc (AAPL) rose on Monday. AAPL fell on Tuesday.", "AAPL"),
        ("一个大爷在门口。这位大娘很热心。", "大娘"),
        ("阿姨好。我大姨同小姨嚟咗。姨丈都嚟。", "小姨"),
        ("我爸爸说。他的妈妈。有爸爸在。", "爸爸"),
        ("The word cat is c a t. Type yes y e s.", "c a t"),
        ("我哋blood bank有DEA1.1- 嘅血, donor係Captain. Extra HK$3,800. ok嘛?", "Extra"),
    ],
)
def test_time_zones_strangers_aunts_words_and_a_dog_are_no_names(redactor: Redactor, text: str, kept: str) -> None:
    assert not _person_at(redactor, text, kept)


def _person_at(redactor: Redactor, text: str, kept: str) -> bool:
    """Whether a PERSON finding overlaps ``kept`` at its last occurrence."""
    start = text.rindex(kept)
    return any(
        d.entity_type == "PERSON" and d.start < start + len(kept) and start < d.end for d in redactor.analyze(text)
    )
