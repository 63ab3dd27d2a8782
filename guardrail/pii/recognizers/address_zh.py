"""Hong Kong and mainland addresses written in Chinese.

An address is found by how it ends, not by how it starts: a floor and flat
(``7樓D室``, ``22楼A室``, ``三十一樓 十二室``), a flat after a building (``東昇樓1408室``),
a block and flat (``A座2205``, ``2单元801``), or a street number (``德輔道中88號``,
``兴发南路33号``). From that end it reaches back over the estate, building, street,
district and region names before it (``新界將軍澳寶林邨寶寧樓7樓D室``,
``广东省深圳市南山区粤海街道科苑路88号海韵花园3栋1802室``), which need no street number,
as most Hong Kong homes are written with none.

Chinese has no spaces, so where the address starts is decided by the words that
cannot begin one: the verbs, particles and pronouns that introduce it (``地址係``,
``住於``, ``寄往``, ``我叫…，住``) stop the reach back, as do punctuation and line
breaks (a line break only continues an address after an estate, street or block, as in
OCR'd forms). A known district or region (see :mod:`guardrail.pii.gazetteer`) inside
the reach is where the address starts when only ordinary words precede it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from presidio_analyzer import RecognizerResult

from guardrail.pii import gazetteer
from guardrail.pii.recognizers.address_fields import own_flats, room_numbers
from guardrail.pii.recognizers.base import RegexRecognizer, tagged_result
from guardrail.text.prefilter import may_match

_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
# Characters that introduce an address rather than begin one: verbs of living and
# sending, copulas, particles, pronouns, "address" itself. None starts or sits inside
# a common Hong Kong place name (和, 同, 落, 入 do, and are not here; nor is 企, of
# 企業廣場 and 企嶺下, nor 填 and 交, of 新填地街 and 交加街: 填寫 and 交到 stop at 寫 and 到).
_STOP = "哋訴诉係是為为於于在住址位探點点處处寫写咪緊紧喺嘅的請请叫啦呀囉嗎吗呢我你佢他她們们到去往寄送搬遷迁返回及與与或由從从向做改收即見见話话問问答谢謝過过已系繫"
_BODY_CJK = f"[{_CJK}]"
_N = r"\d(?: ?\d){0,3}"
_HN = "[一二三四五六七八九十]{1,4}"
# 層/层 is how the mainland writes a floor (中关村大厦15层).
# 字樓 is the Cantonese floor word (6字樓): after a number only. 頂樓 is the top floor (4座頂樓P1).
_FLOOR = rf"(?:(?:{_N}|{_HN}|[A-Z]|地下|地庫|地库|頂|顶) ?(?:樓|楼)|{_N} ?(?:字 ?[樓楼]|層|层|/F|F(?![A-Za-z])))"
_FLAT_MARK = r"(?:室|號室|号室|號房|号房|號舖|号铺|號鋪|舖|铺|鋪)"
# 房 alone is a room only after a room number (1201房), not after a count (3房, three bedrooms).
_FLAT = rf"(?:(?:[A-Z0-9](?: ?[A-Z0-9]){{0,4}}|{_HN}) ?{_FLAT_MARK}|\d{{3,4}} ?房)"
_BLOCK = rf"(?:第?(?:{_N}|[A-Z]{{1,2}}(?:\d{{1,3}})?|{_HN}) ?(?:座|栋|棟|幢|號樓|号楼|單元|单元))"
_STREET_END = r"(?:道中|道東|道西|道南|道北|大道|道|路|街|里|徑|径|巷|坊|圍|围|臺|台|坡|橋|桥|村|邨)"
# (and the rooftop hut or cockloft a tenement's poorest live in: 華昌樓天台屋)
_GROUND = r"(?:[A-Z] ?)?(?:地下|地庫|地库|地舖|地铺|天台屋|閣樓|阁楼)(?: ?[A-Z0-9]{1,3} ?(?:號|号)?(?:舖|铺|鋪)?)?"
_STREET_NO = rf"{_N}(?: ?[-至] ?{_N})?[A-Z]? ?(?:號|号)(?:院|倉|仓)?"
# A street number read out in Chinese numerals (蓮花路二零零八號): only after a street word.
_HN_STREET_NO = "[一二三四五六七八九十零〇百]{1,6}(?:號|号)"
# A tenement's flat by where it sits on the floor (三樓後座, 2樓尾房); Taiwan's numbered
# part of a floor (8樓之2).
_FLOOR_PART = r"(?:[前後后中]座|[前後后中尾頭头梗]房)"
_TAIL = (
    rf"(?:{_FLOOR}(?: ?{_FLAT}| ?{_FLOOR_PART}| ?[A-Z0-9](?: ?[0-9]){{0,3}}(?![A-Za-z0-9])(?: ?[號号座房])?)?(?:之 ?\d{{1,2}})?"
    # a warehouse or workshop on that floor (B栋一楼仓库)
    rf"(?: ?(?:倉庫|仓库|貨倉|货仓|廠房|厂房|車間|车间))?"
    # A block and its flat (2栋18B, A座2205, a unit's stair before it: 11栋1-704); a block alone is
    # a place (a pick-up point).
    rf"|{_BLOCK} ?(?:\d ?- ?)?(?:\d{{3,4}}|[A-Z]\d{{2,3}}|\d{{1,2}}[A-Z])(?![A-Za-z0-9])(?: ?(?:{_FLAT_MARK}|房))?"
    rf"|{_FLAT}"
    # (a flat's number after the block, then punctuation, a word or a dash: 良安樓 2209 嗰個阿婆; not a year,
    # a count, a listing's 1207 公寓, nor a floor or flat word that goes on with the address)
    rf"|(?<=[廈厦場场心園园苑閣阁樓楼邨村居軒轩峰庭台臺座栋棟]) ?\d{{3,4}}"
    rf"(?=[，,。.;；)）\n\"'」]|$|[ \u3000](?![ \u3000]*(?:[年月日號号元蚊個个人位次室房舖铺鋪座樓楼層层]|公寓))[{_CJK}]"
    # or a dash between a list's fields (富喜樓 1203 — 工人姐姐 ...)
    rf"|[ \u3000]+[—–-][ \u3000])"
    # (and a home block's flat closing a table's cell: ｜禾輋邨信和樓2112｜, | 龍昌樓 1203 |)
    rf"|(?<=[樓楼閣阁苑邨座栋棟]) ?\d{{3,4}}(?=[ \u3000]*[|｜\t])"
    rf"|{_STREET_END}(?: ?|[ \u3000]*\n[ \u3000]*)(?:{_STREET_NO}|{_HN_STREET_NO})(?: ?{_GROUND})?"
    # a village's subdivision before its house number (河上鄉村北約十一號)
    rf"|(?<=[東南西北东]約|[東南西北东]约) ?(?:{_STREET_NO}|{_HN_STREET_NO})"
    # A number after any name (北潭涌25號), not a date (3月15號), an ordinal (第3號), or a
    # bus, signal or counter (8號巴士): the address ends there or goes on as one.
    rf"|(?<=[{_CJK}])(?<![月第])(?<!月 )(?<!第 ) ?{_STREET_NO}(?: ?{_GROUND})?"
    rf"(?=$|[\s,，。.;；:：)）」』\"'、]|地|[A-Z0-9]|[{_CJK}]{{0,8}}?(?:樓|楼|座|室|大廈|大厦|中心|廣場|广场|花園|花园|商場|商场))"
    rf"|(?<=[號号{_CJK}]) ?{_GROUND}"
    # a mainland village's group (东关村3组, 城东村二组)
    # (or its numbered 社, 温泉村三社, or a named group, 大火地村民小组)
    # (then a verb of sending may follow: 刘楼村三组寄出)
    rf"|(?<=村) ?(?:{_N}|{_HN}) ?[组組队隊社](?:(?![^\W\d_A-Za-z])|(?=[寄送搬返回]))"
    rf"|(?<=村)民小[组組](?![^\W\d_A-Za-z])"
    # A public estate's named block, or a subsidised court's, with no floor (天恩邨恩慈樓, 兆康苑兆德閣).
    rf"|(?<=邨) ?[^\W\d_{_STOP}A-Za-z]{{1,4}}?[樓楼](?![^\W\d_A-Za-z])"
    rf"|(?<=苑) ?[^\W\d_{_STOP}A-Za-z]{{1,4}}?[閣阁](?![^\W\d_A-Za-z])"
    # A named block with no floor (日出康城首都2座): a home only after a word of living there.
    rf"|(?<=[{_CJK}A-Za-z ]){_BLOCK}(?![ \t]?[A-Za-z0-9])(?=[\s」』\"'”’）),，。、；;!！?？]|$))"
)
# What may come before the end: names (any Chinese character but a stop word),
# numbers of blocks and phases, spaces of OCR'd text, and a line break after a place word.
_PIECE = (
    rf"(?:[^\W\d_{_STOP}A-Za-z]|[ \u3000]|\d|[A-Z]|(?<=[邨村苑閣阁園园期號号街道路座龍龙港界區区市省縣县鎮镇約约樓楼廈厦])\n"
    # (an OCR'd form's spaced characters leave a space before the line break: 榕 園  樓 ⏎1 2  樓)
    rf"|(?<=[邨村苑閣阁園园期號号街道路座區区市樓楼廈厦] )\n|(?<=[邨村苑閣阁園园期號号街道路座區区市樓楼廈厦]  )\n"
    # a comma between an estate or block and the block or floor after it, as a chat lists
    # the parts (荃湾绿杨新邨，E座，17楼; 第5期，8座12樓)
    # (a reach back ends where the tail starts, which it cannot look past: \Z stands for it)
    rf"|(?<=[邨村苑閣阁園园城軒轩居期座栋棟樓楼廈厦]) ?[,，] ?(?=(?:{_BLOCK}|{_FLOOR})|\Z)"
    # a form's continuation line, indented under the first (通訊地址：新界沙田⏎　　　　沙角邨…)
    rf"|(?<=[{_CJK}])\n(?=[ \u3000]{{2,}})"
    # a block's number wrapped onto the next line (緻藍天 ⏎1座 12樓 A室)
    rf"|(?<=[{_CJK}])\n(?=[ \u3000]*{_BLOCK})|(?<=[{_CJK}] )\n(?=[ \u3000]*{_BLOCK})"
    r"|\([一二三四五六七八九東南西北东上下]\)(?=[邨村苑])"  # 石籬(二)邨, 翠屏(北)邨
    r"|[(（](?:\d{1,2}|[A-Z]) ?[座期][)）]"  # a court's block in brackets: 翠榕閣 (22座) 15樓F室, 兆麟閣(C座)
    r"|[寫写](?=字[樓楼])"  # 寫字樓, an office building: 寫 is no verb here
    r"|(?<![A-Za-z])[A-Z][a-z]{1,12}(?= ))"  # code-mixed: 我住 Tai Koo Shing 12座
)
# A mainland address's divisions, province to town, right before where the reach back
# stopped (at a word such as 向 that is also a village's name): the address starts there.
_ADMIN_CHAIN_BEFORE = re.compile(
    r"(?:[\u4e00-\u9fff]{1,6}?(?:省|自治区|自治區|市|县|縣|区|區|镇|鎮|乡|鄉|街道)){2,}[\u4e00-\u9fff]{0,2}\Z"
)
_REACH = 36  # characters reached back from an end: a long mainland address, or an OCR-spaced one
CHINESE = re.compile(rf"((?:{_PIECE}){{0,{_REACH}}}{_TAIL})")
_TAIL_ONLY = re.compile(_TAIL)
_REACH_BACK = re.compile(rf"(?:{_PIECE})+\Z")  # \Z: $ would also end before a line break
_HAN = re.compile(f"[{_CJK}]")
_LITERALS = frozenset("樓楼層层F室號号房舖铺鋪座栋棟幢元廈厦場场心園园苑閣阁邨村居軒轩峰庭台臺下庫库")
# A line that gives an address label and the start of an address, broken off by a scan
# anywhere (``住址：新界元朗天水圍天恩邨恩⏎澤樓2011室``): the address starts on it.
_LABEL_LINE = re.compile(
    rf"(?:地址|住址|住所|通訊地址|通讯地址|居住地址|送貨地址|送货地址|收貨地址|收货地址|[Aa]ddress|[Aa]ddr)"
    rf"[^:：\n（(]{{0,6}}[:：][ \t\u3000]*([{_CJK}0-9A-Z][^\s:：，,。]{{1,30}})$"
)
_NAMED_BLOCK_ONLY = re.compile(rf"{_BLOCK}$")
# A line short enough to be a district, estate or building alone.
_PLACE_LINE = re.compile(rf"[{_CJK}]{{2,10}}")
_FLAT_AT = re.compile(rf"{_FLAT_MARK}|{_FLOOR}")
# A block's number at a line's start, wrapped there from the estate's name above it.
_WRAPPED_BLOCK = re.compile(rf"[ \u3000]*{_BLOCK}")
_START_CHAR = re.compile(rf"[{_CJK}0-9A-Z]")
_ESTATE_WORD = re.compile(r"[邨村苑閣阁樓楼廈厦園园城居軒轩灣湾臺台道路街里座期]")
# A floor alone (a mall's second floor) is a place; a home has a flat, a block or a street number.
_HOME = re.compile(
    rf"{_FLAT_MARK}|{_FLOOR} ?(?:[A-Z0-9]{{1,4}}(?![A-Za-z0-9])|{_FLOOR_PART})|{_BLOCK}|(?:號|号)|\d{{3,4}}$"
    # a floor of a named block of an estate (李鄭屋邨孝廉樓6樓)
    rf"|[邨苑村][^\d\n]{{1,8}}?[樓楼閣阁軒轩居廈厦] ?{_FLOOR}"
    r"|邨 ?[^\W\d]{1,4}[樓楼]$|苑 ?[^\W\d]{1,4}[閣阁]$"
    rf"|村 ?(?:{_N}|{_HN}) ?[组組队隊社]$|村民小[组組]$"
)
# An estate's block named with no floor is a home after a word of living or sending there
# (佢住喺天恩邨恩慈樓), and a place in a notice's heading (利東邨 東昇樓).
_ESTATE_BLOCK_ONLY = re.compile(r"(?:邨 ?[^\W\d]{1,4}[樓楼]|苑 ?[^\W\d]{1,4}[閣阁])$")
_LIVING_BEFORE = re.compile(r"(?:住|搬|寄|送|返|地址|住址|[Aa]ddress)[^\n，,。]{0,4}$")
# A block and a floor and nothing else (到A座12楼行政前台): directions in an office; or
# after a hospital, university, school or hotel (瑪麗醫院K座12樓): a ward or a room there.
_BLOCK_FLOOR_ONLY = re.compile(rf"{_BLOCK} ?{_FLOOR}")
_INSTITUTION_FLOOR = re.compile(
    # (a department may stand between: 明愛醫院 專科門診 M 座 3 樓)
    rf"(?:醫院|医院|診所|诊所|大學|大学|學院|学院|學校|学校|中學|中学|小學|小学|酒店|商場|商场)"
    rf"(?: ?[^\W\d_A-Za-z]{{2,6}})? ?(?:{_BLOCK}|[A-Z] ?座)? ?{_FLOOR}$"
)
_FLOOR_ONLY = re.compile(_FLOOR)
_STREET_ONLY = re.compile(rf".*?[{_CJK}] ?{_STREET_NO}(?: ?{_GROUND})?")
_RANGE = re.compile(rf"[A-Z0-9] ?至 ?[A-Z0-9] ?{_FLAT_MARK}")
_RANGE_BEFORE = re.compile(r"\d ?[-至~] ?$")
# A list of parts after the flat, comma-separated: ``28樓B室, 3座, 嘉峰臺, 鴨脷洲``.
_MORE = re.compile(rf" ?[,，] ?((?:{_N}|[A-Z]) ?座|[^\W\d_{_STOP}A-Za-z]{{2,6}}(?![^\W\d_A-Za-z]))")
# A building named after the street number, with its block, tower, floor or flat if written
# (清水灣道9號碧沙花園18座, 港灣道1號會展中心, 中山五路219號中旅商業城東塔2305): the
# address goes on to it.
_STRONG_BUILDING_END = r"(?:大廈|大厦|中心|廣場|广场|花園|花园|商場|商场|大樓|大楼|山莊|山庄|豪庭|工場|工场)"
_BUILDING_END = rf"(?:{_STRONG_BUILDING_END}|苑|閣|阁|邨|村|城|軒|轩|居|臺|樓|楼|園|园|坊|灣|湾|雅苑|峰|庭)"
_AFTER_BUILDING = (
    rf"(?: ?{_BLOCK}| ?{_N} ?期| ?(?:[東西南北东中]|[A-Z] ?)?(?:座|翼|塔))?(?: ?[A-Z] ?[區区])?(?: ?{_FLOOR})?"
    rf"(?: ?{_FLAT}| ?\d{{3,4}}(?=[，,。.;；)）\n\"'」]|$))?"
)
_AFTER_STREET = re.compile(
    rf" ?(?:[^\W\d_{_STOP}A-Za-z]){{1,10}}?{_BUILDING_END}(?:[ \d期]{{0,4}}?{_BUILDING_END})?"
    rf"{_AFTER_BUILDING}(?![^\W\d_{_STOP}A-Za-z])"
)
# A building whose name ends unmistakably (大廈, 中心) may be followed by ordinary words
# (卑路乍街92號聯發大廈對出): the address ends with the name.
# Or a name of any ending with its block after it (光谷大道77号金融港B18栋).
_AFTER_STREET_BLOCK = re.compile(
    rf" ?(?:[^\W\d_{_STOP}A-Za-z]){{1,10}}? ?{_BLOCK}(?: ?{_FLOOR})?(?: ?{_FLAT}| ?\d{{3,4}}(?=[，,。.;；)）\n\"'」]|$))?"
)
_AFTER_STREET_STRONG = re.compile(rf" ?(?:[^\W\d_{_STOP}A-Za-z]){{1,10}}?{_STRONG_BUILDING_END}{_AFTER_BUILDING}")
_ENDS_IN_STREET_NO = re.compile(r"(?:號|号)$")
# Traditional characters of Hong Kong place names and their Simplified forms, so that
# 观塘 and 将军澳 are known as 觀塘 and 將軍澳 are (mainland writers use them).
_SIMPLIFIED = str.maketrans(
    "灣龍區將軍觀銅鑼與島環營堅彌塘陽興華東業樂寶藍濱嶺頭廣場園鄉雲蘭嶼門貝欖歡馬鞍麗壩鰂湧黃埔紅磡啟鑽聯匯圍邨臺漁鴨脷淺長葵聖風車顯徑",
    "湾龙区将军观铜锣与岛环营坚弥塘阳兴华东业乐宝蓝滨岭头广场园乡云兰屿门贝榄欢马鞍丽坝鲗涌黄埔红磡启钻联汇围邨台渔鸭脷浅长葵圣风车显径",
)
_REGIONS = ("香港", "九龍", "九龙", "新界", "離島", "离岛")
# Regions written without 省 or 自治区, and the mainland's big cities written without 市
# (地址没变 广西南宁市…, 寄去深圳南山区…): where an address starts after ordinary words.
_PROVINCE = re.compile(
    r"[\u4e00-\u9fff]{2,5}(?:自治區|自治区)|[\u4e00-\u9fff]{1,3}省|北京市|上海市|天津市|重慶市|重庆市|澳門|澳门"
    r"|廣西|广西|內蒙古|内蒙古|西藏|新疆|寧夏|宁夏"
    r"|北京|上海|天津|重慶|重庆|廣州|广州|深圳|東莞|东莞|佛山|珠海|中山|惠州|杭州|南京|蘇州|苏州|武漢|武汉|成都"
    r"|長沙|长沙|西安|廈門|厦门|福州|青島|青岛|鄭州|郑州|瀋陽|沈阳|大連|大连|昆明|南寧|南宁|合肥|濟南|济南"
)


# A mainland city (a big one without 市) and a district or county right after it.
_CITY_DISTRICT = re.compile(rf"(?:{_PROVINCE.pattern}|[\u4e00-\u9fff]{{2,4}}市)[\u4e00-\u9fff]{{1,4}}?(?:區|区|縣|县)")


# A gap of two spaces or more: between a table's cells, or inside an OCR'd address.
_CELL_GAP = re.compile(r"[ \u3000\t]{2,}")


def _after_cell_gap(text: str, start: int, tail: int) -> int:
    """Where an address reached back over a table's cells starts: after the last wide gap
    before its end, unless the cell before the gap ends in an estate or street word (太古城
    金殿台  翠榕閣: one address, spaced out). A courier sheet's row (JD0091827364   馬利亞
    27座8樓3室) puts a waybill and a name in the cells before the flat."""
    # (A gap after a line break indents a form's continuation line: not a cell's edge.)
    gaps = [gap for gap in _CELL_GAP.finditer(text, start, tail) if text[gap.start() - 1 : gap.start()] != "\n"]
    if not gaps:
        return start
    gap = gaps[-1]
    cell = text[start : gap.start()].rsplit(" ", 1)[-1].rsplit("\u3000", 1)[-1]
    if len(cell) < 2 or _ESTATE_WORD.match(text, gap.start() - 1):
        return start  # a letter-spaced OCR line (榕 園  樓), or one address spaced out
    return gap.end()


@cache
def _lines_of_places_before(text: str, start: int) -> int:
    """The start of up to three lines above ``start`` that hold nothing but a district or
    an estate or building's name, as a notice sets an address out line by line
    (九龍長沙灣⏎蘇屋邨⏎杜鵑樓⏎八樓 811 室)."""
    for _ in range(3):
        if start == 0 or text[start - 1] != "\n":
            break
        line_start = text.rfind("\n", 0, start - 1) + 1
        raw = text[line_start : start - 1]
        line = raw.strip(" \u3000")
        if not _PLACE_LINE.fullmatch(line) or not (line.startswith(_places()) or _ESTATE_WORD.search(line[-1])):
            break
        start = line_start + len(raw) - len(raw.lstrip(" \u3000"))
    return start


def _places() -> tuple[str, ...]:
    """Region and district names, longest first, in Traditional and Simplified spelling."""
    names = {e for e in gazetteer.entries("places") if not e.isascii() and len(e) >= 2}
    names.update(_REGIONS)
    names.update({name.translate(_SIMPLIFIED) for name in names})
    return tuple(sorted(names, key=len, reverse=True))


@cache
def chinese_places() -> frozenset[str]:
    """The names of :func:`_places`, for a lookup of one name."""
    return frozenset(_places())


@cache
def _named_places() -> tuple[str, ...]:
    """Estates and buildings in Chinese: names that may hold a district's name (日出康城)."""
    names = {e for kind in ("estates", "buildings") for e in gazetteer.entries(kind) if not e.isascii()}
    names.update({name.translate(_SIMPLIFIED) for name in names})
    return tuple(names)


def _named_from_start(value: str, place: int) -> bool:
    """Whether an estate or building name begins before ``place`` and runs into it."""
    return any(0 <= value.find(name, 0, place + len(name)) < place for name in _named_places() if len(name) > 2)


def _first_named(value: str) -> int:
    """Offset of the first estate or building of the gazetteer named in ``value``, or -1."""
    found = [at for name in _named_places() if len(name) > 2 and (at := value.find(name)) >= 0]
    return min(found, default=-1)


def _first_place(value: str) -> int:
    """Offset of the first region, district or province named in ``value``, or -1."""
    best = -1
    province = _PROVINCE.search(value)
    if province:
        best = province.start()
    for name in _places():
        at = value.find(name)
        if at >= 0 and (best < 0 or at < best):
            best = at
    return best


# A village household by its villagers' group and house number, as a village's own lists
# give it with no village before it (一组14号, 三组坳上21号, 二组老井边7号, 到五组32号接);
# not 第一组.
_VILLAGE_GROUP = re.compile(
    r"(?:(?<!\w)|(?<=[到在住去送返於于]))[一二三四五六七八九十]{1,3}[组組](?:[\u4e00-\u9fff]{1,4}?)?[ \t]?\d{1,4}[ \t]?[号號](?![\d楼樓室栋棟])"
)


# A mainland compound's block and flat with nothing before them (9栋1603, 12棟901, 11栋1-704, A栋2603).
_BLOCK_AND_FLAT = re.compile(
    r"(?:\d{1,2}|[A-Z]) ?[栋棟幢] ?(?:\d ?- ?)?\d{3,4}(?: ?(?:室|房))?"
    # a Hong Kong estate's block, floor and flat run together, as a logbook or a chat writes them (3座18C, 5座27A)
    r"|(?:\d{1,2}|[A-Z]) ?座 ?\d{1,2}[A-H]"
)
# A floor and its flat's letter alone (好似係26樓F), not a ward or zone of that floor (11樓B病房).
_FLOOR_AND_LETTER = re.compile(r"\d{1,2} ?[樓楼] ?[A-H]")
_ZONE_AFTER = re.compile(r"[ \u3000]*(?:病房|病床|床|區|区|閘|闸|廳|厅|號|号|櫃|柜|出口|入口|座位)")
# A time or a row's number before such a flat, which the reach back took in with it.
_MINUTES = re.compile(r"(?<=\d:)\d{2}[ \u3000]+(?=\S)")
_NUMBERS_BEFORE_FLAT = re.compile(rf"[\d ]*?\d[ \u3000]+(?=(?:{_BLOCK_AND_FLAT.pattern})\Z)")


class ChineseAddressRecognizer(RegexRecognizer):
    """Finds the ends first (cheap, and rare in text), then reaches back from each over
    the name pieces before it; ends whose reach back touches the address before them
    extend it (``…7樓`` then ``D室``). The result is what :data:`CHINESE` matches, at a
    tenth of the cost of trying it at every character."""

    def __init__(self) -> None:
        super().__init__("ADDRESS", "HkChineseAddressRecognizer", CHINESE)
        # Every match ends in a floor, flat, block or street number, or in digits after
        # a building word: a text with none of these characters is not searched.
        self._literals = _LITERALS

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if _HAN.search(text) is None:
            return []
        rooms = [
            tagged_result(self, self.recognizer_name, "ADDRESS", *span, 0.7)
            for span in (*room_numbers(text), *own_flats(text))
        ]
        if not may_match(self._literals, text):
            return rooms
        spans: list[list[int]] = []
        for tail in _TAIL_ONLY.finditer(text):
            reach = _REACH_BACK.search(text, max(0, tail.start() - _REACH), tail.start())
            start = reach.start() if reach else tail.start()
            start = _after_cell_gap(text, start, tail.start())
            if spans and start <= spans[-1][1] and tail.start() - spans[-1][0] <= _REACH:
                spans[-1][1] = tail.end()
            else:
                spans.append([start, tail.end()])
        results = []
        for start, end in spans:
            start, end = self._trimmed(text, start, end)
            chain = _ADMIN_CHAIN_BEFORE.search(text, max(0, start - 30), start)
            if chain is not None:
                start = chain.start()  # 湖南省邵阳市隆回县桃洪镇|向家村五组17号: the divisions before a stop word
            score = self._score(text, start, end)
            if score > 0.0:
                results.append(tagged_result(self, self.recognizer_name, "ADDRESS", start, end, score))
        for match in _VILLAGE_GROUP.finditer(text):
            if not any(r.start <= match.start() < r.end for r in results):
                results.append(tagged_result(self, self.recognizer_name, "ADDRESS", *match.span(), 0.6))
        return results + [room for room in rooms if not any(r.start < room.end and room.start < r.end for r in results)]

    @staticmethod
    def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
        """The span from its first real character, from the first place name when only
        ordinary words come before it, and on over a comma-separated list of parts."""
        value = text[start:end]
        lead = len(value) - len(value.lstrip(" \u3000\n"))
        # (21:10 2座10E, 07:52 3座16楼C: a log's time before the flat, not part of it)
        if row := _NUMBERS_BEFORE_FLAT.match(value, lead):
            lead = row.end()
        elif minutes := _MINUTES.match(text, start + lead, end):
            lead = minutes.end() - start
        start += lead
        value = value[lead:]
        place = _first_place(value)
        if place > 0 and _ESTATE_WORD.search(value, 0, place) is None and not _named_from_start(value, place):
            start += place
        elif place < 0 and (named := _first_named(value)) > 0 and _ESTATE_WORD.search(value, 0, named) is None:
            start += named  # 有關麗港城第18座…: from the estate's name, with no district before it
        wrap = text.find("\n", start, end)
        if wrap > start and _WRAPPED_BLOCK.match(text, wrap + 1):
            head = text[start:wrap]
            if _first_place(head) < 0 and _ESTATE_WORD.search(head) is None:
                start = wrap + 1 + len(text[wrap + 1 :]) - len(text[wrap + 1 :].lstrip(" \u3000"))  # 活動詳情⏎3座…
        if start > 0 and text[start - 1] == "\n":
            line_start = text.rfind("\n", 0, start - 1) + 1
            label = _LABEL_LINE.search(text, line_start, start - 1)
            if label is not None:
                start = label.start(1)
        start = _lines_of_places_before(text, start)
        if _ENDS_IN_STREET_NO.search(text, start, end) and (
            building := _AFTER_STREET.match(text, end)
            or _AFTER_STREET_STRONG.match(text, end)
            or _AFTER_STREET_BLOCK.match(text, end)
        ):
            end = building.end()
        while (more := _MORE.match(text, end)) is not None:
            part = more[1]
            if not (part.endswith("座") or _ESTATE_WORD.search(part[-1]) or part in _places()):
                break
            end = more.end()
        return start, end

    @staticmethod
    def _score(text: str, start: int, end: int) -> float:
        value = text[start:end]
        if _BLOCK_AND_FLAT.fullmatch(value) or (
            _FLOOR_AND_LETTER.fullmatch(value) and not _ZONE_AFTER.match(text, end)
        ):
            return 0.6  # 我是9栋1603的, 探5座27A: a flat in the compound the chat is about
        if not _START_CHAR.match(value) or len(value.replace(" ", "")) < 4:
            return 0.0
        cjk = sum(1 for c in value if "\u3400" <= c <= "\u9fff")
        if cjk < 2:
            return 0.0
        if _RANGE.search(value) or _RANGE_BEFORE.search(text, max(0, start - 4), start):
            return 0.0  # flats 10-20樓 A至H室: a notice's range, not somebody's home
        home = _HOME.search(value) is not None
        if home and _ESTATE_BLOCK_ONLY.search(value) and _FLOOR_ONLY.search(value) is None:
            home = _LIVING_BEFORE.search(text, max(0, start - 12), start) is not None
        if _NAMED_BLOCK_ONLY.search(value) and not _FLAT_AT.search(value) and "號" not in value and "号" not in value:
            before = _ESTATE_WORD.search(value[:-2]) is not None or _first_place(value) >= 0
            # (a mainland city and its district before the block make it a postal address
            # whatever comes before it: 长沙岳麓区银杏苑5栋)
            postal = _CITY_DISTRICT.match(value) is not None
            if not postal and (not before or _LIVING_BEFORE.search(text, max(0, start - 12), start) is None):
                return 0.0  # 去A座搵我: a block as a meeting point, not a home
            home = home or postal
        if _BLOCK_FLOOR_ONLY.fullmatch(value) or (
            _INSTITUTION_FLOOR.search(value) and "號" not in value and "号" not in value
        ):
            return 0.45  # no flat and no name, or a floor of an institution: a place, not a home
        named = _first_place(value) >= 0 or _ESTATE_WORD.search(_FLOOR_ONLY.sub("", value)) is not None
        if not named and _STREET_ONLY.fullmatch(value):
            return 0.0  # 編號123號: a number, not a street number
        if home and named:
            return 0.85
        if home:
            return 0.6
        return 0.45 if named else 0.0
