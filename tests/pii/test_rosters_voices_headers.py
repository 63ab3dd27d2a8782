"""Names in care rosters, voice transcripts, group-chat logs, payment files and mail
headers, in the forms blind parts dev47 and dev48 wrote them; each case stands for a class.

- a table column headed by the people a centre or a firm lists (長者, 義工, 司機);
- a chat log's Chinese date and time before the speaker (11月30日 08:14 康仔：);
- a name spoken letter-spaced before a particle or verb (我係區 嘉 敏呀);
- a relative's full name right after "my grandson" or "my daughter" (我個孫岑俊傑喺);
- a full name after 我媽 and a space;
- a display name before an address in angle brackets (Élodie Marchand <…>);
- a nickname opening a list's line and saying something (- 莉莉姐話…);
- a word-like English name joined by 同 to a name found (Happy 同 Winter);
- a married woman's husband's surname before her own name (嫲嫲谷黃玉英, 母親司徒陳秀蓮);
- a given name after 個孫, 細女, 大仔; 阿 before any capitalised name (由阿Jim代);
- a nickname in quotes after 叫他 (街坊都叫他「坤叔」); a letter-spaced name before 或 / 及;
- 肥 and a given-name character doing something (肥龍幫…, 肥仔明入場), not 肥肉 or 減肥;
- the name someone "goes by", and a name after a lower-case romanised ``ah``;
- a compound surname, a space and the given name inside running text (感谢夏侯 子健自愿,
  團長諸葛 偉倫帶隊), not an age after it (宇文 浩十八岁) nor 東方 航空;
- a given name and a surname that is an English word (Rocky To, Hope So, Faith Long), and
  such a surname in capitals before romanised given syllables (YOUNG Hoi Lam);
- an English given name before a Chinese title (Winter老師), a doubled Chinese name in
  brackets after the full name (梁芷澄（澄澄）), a surname before a police rank (梁沙展);
- the name someone goes by, in brackets after the full name, and wherever the text uses
  it alone afterwards (TSANG Wing Ki (King) … King has not replied);
- an estate's block and a bare flat number before a word (良景邨良安樓 2209 嗰個阿婆), a
  court's lettered block in brackets (兆麟閣(C座)15樓H室);
- kept: a config's or a table's identifiers (oncall-primary, reg_ip), while a handle made
  of name syllables (candy_lok) stays a name.
"""

from __future__ import annotations

import pytest

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import covered, person_spans

NAMES = [
    (
        (
            "| 編號 | 長者 | 地址 | 電話 |\n|---|---|---|---|\n| M-014 | 梁亞娣 | 油麻地窩打老道8號3樓C室 | 2780 4416 |\n"
            "| M-021 | 甘炳 | 佐敦吳松街150號2字樓後座 | 女兒手機 |"
        ),
        "甘炳",
    ),
    ("11月30日 08:14 康仔：今日街市有平蟹賣\n11月30日 08:20 陳伯：好呀\n11月30日 08:21 康仔：知道", "康仔"),
    ("「喂，你好，我係區 嘉 敏呀，即係上個禮拜訂咗張梳化", "區 嘉 敏"),
    ("早晨，我係聶 少 萍嘅女，我阿媽原本約咗今日十點覆診", "聶 少 萍"),
    ("有個自稱職員打嚟，話我個孫岑俊傑喺大陸出咗事", "岑俊傑"),
    ("嗰個阿婆住二樓，佢個女冼詠詩俾錢，用卡碌", "冼詠詩"),
    ("2026/11/23 09:40 Sunshine：紧急联系人 我妈 林秀琴 +86 159 8812 0436", "林秀琴"),
    ("V-3307,Atelier Lumière SARL,Élodie Marchand <elodie@atelier-lumiere.example>,FR14", "Élodie Marchand"),
    ("- candy_lok | 2 x tote (navy) | paid", "candy_lok"),
    ("（義工群組轉貼）週六送飯改動\n- 莉莉姐話佢媽媽入咗院，今個禮拜唔使送", "莉莉姐"),
    ("[14/11/2025, 21:26] Class Rep: 另外 Happy 同 Winter 下星期四 school trip 去 HK Park", "Happy"),
    ("PS 我阿嫲莫陳潔冰都想一齊洗禮", "莫陳潔冰"),
    ("| 谷 芷 琳 | 中四 | 嫲嫲谷黃玉英 | 2690 4451 |", "谷黃玉英"),
    ("案主母親司徒陳秀蓮間中過嚟幫手", "司徒陳秀蓮"),
    ("容婆婆話佢個孫俊傑啱啱考入理工大學", "俊傑"),
    ("細女芷晴唔肯返學", "芷晴"),
    ("Ms Wendy 請假，佢嘅F.3 Maths 由阿Jim代", "阿Jim"),
    ("七十三歲的聶炳坤在這裏補鞋四十年，街坊都叫他「坤叔」。坤叔笑說要等兒子回來接手", "坤叔"),
    ("报名请向秘书黄 晓 彤或文书登记", "黄 晓 彤"),
    ("多謝阿 Dee開車；仲有肥龍幫成座樓清走冧落嚟嘅樹枝", "肥龍"),
    ("今日水電阿強同泥水肥仔明入場", "肥仔明"),
    ("管理處提醒：廣告上寫住「Winter老師，6280 1937」，請勿理會", "Winter"),
    ("學生：梁芷澄（澄澄）\n今日情緒：開心", "澄澄"),
    ("My mum's helper Siti Nurhaliza Rahmawati (goes by Nur) finishes with us end of Feb", "Nur"),
    ("Kitchen tap leaking. Can you ask ah Wing the plumber, his number is below", "Wing"),
    ("2. 感谢夏侯 子健自愿担任本年度消防演习负责人", "夏侯 子健"),
    ("本年冬令營由團長諸葛 偉倫帶隊，副團長協助", "諸葛 偉倫"),
    ("第二架車由東方 曉琳負責，喺太古城集合", "東方 曉琳"),
    ("申屠 浩 要的 去工厂", "申屠 浩"),
    ("Card is circulating - currently with Tax, next goes to Rocky To then IT.", "Rocky To"),
    ("Still missing Faith Long (she said she'll pay cash tmr).", "Faith Long"),
    ("Faith House: YOUNG Hoi Lam (5D)\nHope House: Rocky Man (5A)", "YOUNG Hoi Lam"),
    ("我自己嘅聯絡電話係9108 4526。負責警員係觀塘警署嘅梁沙展。", "梁沙展"),
    ("第一圍（主家席）：嫲嫲鄭梁瑞英、大伯鄭國華、大伯娘鄭何美寶", "鄭何美寶"),
    ("Respondents:\n1. LAW Chun Hei (Rocky)   - present\n3. TSANG Wing Ki (King)   - absent", "Rocky"),
]


def test_an_alias_in_brackets_is_a_name_wherever_it_recurs(redactor: Redactor) -> None:
    text = "3. TSANG Wing Ki (King)   - absent\nAction: King has not replied; remind King by phone."
    assert person_spans(redactor, text).count("King") == 3


def test_a_role_in_brackets_is_no_alias(redactor: Redactor) -> None:
    spans = person_spans(redactor, "Mr Chan Tai Man (Chair) opened; Apple Tsui (Finance, 12/F) took notes")
    assert not any("Chair" in s or "Finance" in s for s in spans), spans


ADDRESSES = [
    ("2) 屯門 良景邨良安樓 2209 嗰個阿婆，佢個女俾錢", "良景邨良安樓 2209"),
    ("地址：屯門兆康苑兆麟閣(C座)15樓H室", "屯門兆康苑兆麟閣(C座)15樓H室"),
]


@pytest.mark.parametrize(("text", "value"), ADDRESSES)
def test_estate_flats_written_short_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="ADDRESS")


@pytest.mark.parametrize("text", ["中環大樓 2024 年落成", "天河北 时代广场 东座 1207 公寓 | 外籍，要英文合同"])
def test_a_year_or_a_listing_after_a_building_is_no_home(redactor: Redactor, text: str) -> None:
    assert not any(d.entity_type == "ADDRESS" for d in redactor.analyze(text)), text


@pytest.mark.parametrize(("text", "value"), NAMES)
def test_names_in_rosters_voices_and_headers_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON")


def test_the_kin_word_stays_outside_the_relatives_name(redactor: Redactor) -> None:
    assert person_spans(redactor, "話我個孫岑俊傑喺大陸出咗事") == ["岑俊傑"]


@pytest.mark.parametrize(
    "text",
    [
        "INSERT INTO t_user_hk (uid, real_name, mobile, reg_ip, reg_time) VALUES",
        "receivers:\n  - name: oncall-primary\n    email_configs:",
        "From: Customer Service <cs@bank.example.hk>",
        "Harbour Logistics Ltd <ops@harbour.example.com>",
        "我 係 好 開 心 呀",
        "- 新加一位\n1. 大家話好",
        "記得 Apple 同 Orange 要買，用 Excel 同 Word 整份報告",
        "阿Sir話唔得，要等一陣",
        "佢細女好叻，大女好乖",
        "我減肥成功，肥肉少食，肥料要落多啲",
        "Excel老師教得好，Iphone哥",
        "ah ok sure, ah Central is far; the app aka WhatsApp",
        "I Hope So too. Long Island. A Long Way To Go. Happy To Help",
        "東方 航空的航班延誤",
    ],
)
def test_identifiers_firms_and_spaced_words_are_no_names(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []
