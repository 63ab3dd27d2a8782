"""Chinese names written without what usually gives them away
(:mod:`guardrail.pii.recognizers.name_zh_roles`, :mod:`name_zh_given`, the Chinese lists
of :mod:`name_neighbours`): given names used alone after a role or as a chat speaker,
doubled pet names before a parent's word, names in lists beside other names, foreign
names with a middle dot, donor-roll forms; and the ordinary words of the same shapes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guardrail.pii.recognizers.name_zh_given import given_shape
from guardrail.pii.redactor import Redactor
from tests.pii.coverage import PROPERTY, covered, person_spans


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a given name, pet name or nickname right after its bearer's role
        ("售后：已转给客服婉婷处理，请耐心等候", "婉婷"),
        ("直播间：主播楠楠说今晚加送小样", "楠楠"),
        ("備註（倉務阿輝填）：已出貨", "阿輝"),
        ("[14:02] 店員-樂樂：你好，有咩幫到你？", "樂樂"),
        ("業主委員會：保安強叔話今晚會巡樓", "強叔"),
        ("第三組：組長梁志浩、嘉琪、Ivan", "嘉琪"),
        ("报名：班长周敏，副班长待定", "周敏"),
        # a given name as a chat speaker, and a child's name before a parent's word
        ("俊傑：我今晚OT\n詠琪：我得\n俊傑：咁改聽日\n", "詠琪"),
        ("豆豆媽媽：請問明天要帶水嗎？\n老師：要的", "豆豆"),
        ("@果果爸爸 麻煩確認一下", "果果"),
        # after a word that joins or relates a person
        ("聽日我同家豪負責收錢", "家豪"),
        ("會帶埋我個仔浩然", "浩然"),
        ("你幫我頂俊熙嘅更得唔得", "俊熙"),
        ("Hello，凱琳今日要去覆診，請假一日", "凱琳"),
        # lists beside names
        ("二等獎：\n  黃子健　宁静　何美儀　江南\n", "宁静"),
        ("表演：財務部 鄭家樂、艾倫、何美玲\n", "艾倫"),
        ("1. 陳大文\n2. 李小梅\n3. 欧阳静 晚一点到\n4. 何志強\n", "欧阳静"),
        ("得獎者：\n何家駒（工程部）\n卓嘎（行政部）\n林美華（財務部）\n", "卓嘎"),
        # brackets, details, forms
        ("4. 瘦猴（黄志明）\n", "黄志明"),
        ("有冇人有郭偉的联系方式？", "郭偉"),
        ("3. 司徒倩 139 1234 5678\n", "司徒倩"),
        ("Twin | 王静 / WANG JING | E1234567", "王静"),
        ("舞蹈：古丽米拉·阿不都、热依拉\n", "古丽米拉·阿不都"),
        ("善信芳名：\n何府　何志堅　何陳秀芳　助金伍佰元\n", "何陳秀芳"),
        ("港幣貳仟元　陳門李氏\n", "陳門李氏"),
        ("主診醫師：岑醫師", "岑"),
        ("我哋已經搵咗 黃 議員嘅辦事處", "黃"),
        ("你好，我姓 梁，想問下", "梁"),
        ("中三級　第一名 翟慧敏（3A）", "翟慧敏"),
        ("指揮：龍詠兒；獨唱：鄭寶兒", "龍詠兒"),
        # spaced names, couples, obituaries, numbered roles, introductions
        ("客户：我太太叫 林 思 琪，想一齊開戶", "林 思 琪"),
        ("會員姓名：司徒 家 樂\n電話：9123 4567", "司徒 家 樂"),
        ("俊賢 & 嘉怡 婚宴座位表", "嘉怡"),
        ("顯妣何母陳太夫人，慟於", "何母陳"),
        ("司机2：欧阳婷　港澳通行证 C12345678", "欧阳婷"),
        ("大家好，我叫詠詩，係新同事", "詠詩"),
        ("@美寶 你幾時交表？", "美寶"),
        ("請卓謙同學放學後到校務處", "卓謙"),
        ("【更表】週一 黃敏 週二 何靜 週三 林峰", "何靜"),
        ("經手人：阿添　覆核：珍姐　批准：周生", "珍姐"),
        ("佢話個女思敏喺英國讀書", "思敏"),
        ("你同家樂講聲，會議改咗", "家樂"),
        ("本周值日生：梓睿、雨桐、一鸣、思琪，请早到", "雨桐"),
        ("多謝美蓮姐幫手執嘢！", "美蓮姐"),
        ("阿婆話佢個孫叫俊朗，讀緊中二", "俊朗"),
        ("学习委员欣妍负责点名", "欣妍"),
        ("今晚 booking 用咗 Karen 個名，人數 8，包括 Sam、曉晴、Rick、麗珊。", "麗珊"),
        ("Case note: client attended with her son 浩賢, aged 8.", "浩賢"),
        ("請將款項過數至戶口持有人「鄭麗珠」", "鄭麗珠"),
        ("阿爺（何九）同阿嫲（葉四妹）今晚嚟食飯", "葉四妹"),
        ("表哥小峰：我帶埋女朋友嚟", "小峰"),
        ("佢帶佢老爺何九嚟睇腳", "何九"),
        ("今天王磊没来上班，电话也不接", "王磊"),
        ("同事陳靜辭職咗", "陳靜"),
        ("上次同黃敏去飲茶，佢話想轉工", "黃敏"),
        ("我跟志明一起吃饭", "志明"),
        ("第三組：組長梁志浩、嘉琪、細路B（何俊彥，中四）", "細路B"),
    ],
)
def test_chinese_names_beside_their_cues_are_found(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON"), (text, person_spans(redactor, text))


@pytest.mark.parametrize(
    "text",
    [
        "請聯絡客服中心，前台登記後等候",
        "我同意呢個安排，搵到再講",
        "通知家長：明天學校旅行，天氣好",
        "大家好，謝謝大家。有問題請直接私訊老師。",
        "同事們辛苦晒，保安員會鎖門",
        "小心！小童，小食部今日休息",
        "財務部、人事部、行政部\n第一名、第二名、第三名\n",
        "會議紀錄\n出席\n缺席\n列席\n",
        "區議員辦事處今日休息，中西區區議員會見市民",
        "政府、市府、王府井",
        "《哈利·波特》同《福爾摩斯·探案》都好睇",
        "慢慢講，常常笑，謝謝你",
        "材料 陳皮 黃豆 白菜 高山 羅漢 冬菇",
        "周一 休息 周二 開會 周三 培訓",
        "我是房東，只想租俾學生",
        "委員一致同意，委員會下次再議",
        "甜品：楊枝甘露、芒果班戟、紅豆冰",
        "華南大區銷售經理",
        "小蘇打和白醋混合可以清潔",
        "同事去咗旅行，和大家一起去，跟進去",
        "去咗阿麗美容院，隔離係小明冰室同佳佳甜品",
        "票價：成人、小童、長者\n蔬菜：白菜、菜心、芥蘭",
        # pets named in Chinese text, and shops or firms named after their founders
        "寵物名：阿福（唐狗），Coco（貓）",
        "我隻狗叫Max仔 😂 唔係人嚟嘅\n店：Max仔係咩狗？",
        "張德興跌打醫館 覆診紀錄",
        "陳國強律師行\n地址：中環",
    ],
)
def test_ordinary_words_of_the_same_shapes_are_not_names(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


@pytest.mark.parametrize(
    ("word", "shaped"),
    [("晓雯", True), ("志強", True), ("朵朵", True), ("可可", True), ("中心", False), ("平安", False)]
    + [("謝謝", False), ("慢慢", False), ("大家", False), ("小姐", False)],
)
def test_given_name_shape(word: str, shaped: bool) -> None:
    assert given_shape(word) is shaped


_GIVEN = ["晓雯", "志豪", "嘉欣", "美玲", "芷晴", "俊傑", "朵朵", "乐乐"]
_ROLES = ["客服", "主播", "前台", "助理", "義工", "店員", "客服-"]


@PROPERTY
@given(name=st.sampled_from(_GIVEN), role=st.sampled_from(_ROLES), speaker=st.booleans())
def test_a_given_name_after_its_role_is_removed(redactor: Redactor, name: str, role: str, speaker: bool) -> None:
    if speaker:
        text = f"[10:0{len(name)}] {role}{name}：您好，請問有咩幫到你？\n買家：想查單\n"
    else:
        text = f"備註：已聯絡{role}{name}，佢話會跟進。"
    redaction = redactor.redact(text)
    assert name not in redaction.text, (text, redaction.text)
    for d in redaction.detections:
        assert 0 <= d.start < d.end <= len(text)
    assert redactor.redact(redaction.text).text == redaction.text


def test_a_role_speaking_and_a_thanks_are_not_names(redactor: Redactor) -> None:
    text = "車主：何師傅 白色七人車\n1. 小邱\n車主何師傅：滿咗\n小邱：好嘅 謝謝師傅"
    spans = person_spans(redactor, text)
    assert "車主" not in spans and "謝師傅" not in spans and "何師傅" in spans, spans


_FULL = ["陳嘉欣", "黃志明", "李美玲", "歐陽俊傑", "司徒詠詩", "何婉婷"]
_SEPARATORS = ["、", "　", " "]


@PROPERTY
@given(
    full=st.lists(st.sampled_from(_FULL), min_size=2, max_size=3, unique=True),
    bare=st.sampled_from(_GIVEN),
    separator=st.sampled_from(_SEPARATORS),
    position=st.integers(min_value=0, max_value=3),
    simplified=st.booleans(),
)
def test_a_given_name_in_a_list_of_names_is_removed(
    redactor: Redactor, full: list[str], bare: str, separator: str, position: int, simplified: bool
) -> None:
    from guardrail.pii.recognizers.name_lexicon import _t2s

    entries = list(full)
    entries.insert(min(position, len(entries)), bare)
    text = "得獎名單：\n" + separator.join(entries) + "\n請於週五前領獎。"
    if simplified:
        text, bare = _t2s().convert(text), _t2s().convert(bare)
    redaction = redactor.redact(text)
    assert bare not in redaction.text, (text, redaction.text)
    for d in redaction.detections:
        assert 0 <= d.start < d.end <= len(text)
    assert redactor.redact(redaction.text).text == redaction.text


@PROPERTY
@given(name=st.sampled_from(_FULL), spaced=st.sampled_from([" ", "  "]), label=st.sampled_from(["姓名：", "她叫 "]))
def test_a_letter_spaced_name_is_removed(redactor: Redactor, name: str, spaced: str, label: str) -> None:
    surname = 2 if name[:2] in ("歐陽", "司徒") else 1
    written = spaced.join([name[:surname], *name[surname:]])
    text = f"{label}{written}，電話另行通知"
    redaction = redactor.redact(text)
    assert not any(ch in redaction.text for ch in name[surname:]), (text, redaction.text)
    assert redactor.redact(redaction.text).text == redaction.text


def test_words_beside_names_in_a_list_stay(redactor: Redactor) -> None:
    assert person_spans(redactor, "參加者：陳大文、李美玲、素食者、長者") == ["陳大文", "李美玲"]
