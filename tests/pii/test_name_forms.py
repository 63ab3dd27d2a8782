"""Names in forms of address and documents (:mod:`guardrail.pii.recognizers.name_forms`)
and pets' names (:mod:`guardrail.pii.recognizers.name_pets`): honorifics, Korean names,
e-mail header lists, court captions and witnesses, quoted handles, WeChat forwards and
signatures, lower-case chat names; and the look-alikes that must stay."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guardrail.pii.redactor import Redactor
from tests.pii.coverage import PROPERTY, covered


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # honorifics after a name
        ("Please ask Mori-san to confirm the shipment.", "Mori"),
        ("We will send the samples to Hayashi-sama by Friday.", "Hayashi"),
        ("Thanks Pearl-san, noted.", "Pearl"),
        # Korean names
        ("New joiner: Choi Ji-hoon (Finance)", "Choi Ji-hoon"),
        ("Contact: KANG SEO-JIN, Seoul office", "KANG SEO-JIN"),
        # e-mail header lists
        ("From: Lam, Rocky\nSent: Monday\nTo: Yip, Kit; Chu, Ginger\nSubject: rates", "Yip, Kit"),
        ("From: Mabel Ko\nTo: Dennis\nCC: Alan Siu, P. Y. Tong\nSubject: hi", "P. Y. Tong"),
        # court captions and witnesses
        ("BETWEEN\n LAU PEARL WING SZE              Plaintiff\n and\n", "LAU PEARL WING SZE"),
        ("PW3, Fok Sunny, a taxi driver, said he saw the car.", "Fok Sunny"),
        ("The evidence of DW1, Hazel, is rejected.", "Hazel"),
        # handles
        ("> grace.bakes wrote:\n> see you sat", "grace.bakes"),
        ("- mandy_yip | 1 x scarf | paid", "mandy_yip"),
        # WeChat forwards and signatures
        ("【王晓东】明天的会改到下午\n【李娜】收到", "王晓东"),
        ("意见：同意。——邓涛", "邓涛"),
        # lower-case chat names
        ("hey its amber from the yoga class!", "amber"),
        ("hi crystal~ 你幾時有空", "crystal"),
        ("ok my bf ray will pick it up", "ray"),
        ("my helper Rowelyn will open the door", "Rowelyn"),
        ("sorry ivy is sick today", "ivy"),
        ("pls send to candy wong at the shop", "candy wong"),
        ("I met Jade's brother at the gym", "Jade"),
        ("the owner mrs hargreaves called", "hargreaves"),
        ("Toolbox talk given by Foreman Ip at 07:30", "Ip"),
        # word-like given names whose sentence makes them people
        ("Could Ginger sign the delivery note?", "Ginger"),
        ("Summer said the venue is booked.", "Summer"),
        ("Please ask Jade to check the invoice.", "Jade"),
        ("Sunny from accounts will call you back.", "Sunny"),
        # possessives after a title, names in URL queries, accented surnames
        ("Mr Anand's flight lands at 9", "Anand"),
        ("GET /pay?amount=120&billing_name=Lau+Wing+Yan&ref=1 200", "Lau+Wing+Yan"),
        ("2. NUÑEZ, Maria  Cook  PHL", "NUÑEZ, Maria"),
        # mainland titles, joined initials, Indonesian and Filipino titles, a word-like name with "and I"
        ("周工说样品明天到", "周"),
        ("这个事找黄sir确认", "黄"),
        ("Checked by WK Lee, 3/11", "WK Lee"),
        ("tolong bilang Mbak Yuni ya", "Yuni"),
        ("Crystal and I will host the table", "Crystal"),
        ("@Summer can you join at 3?", "Summer"),
        ("今天小张和婷婷请假", "婷婷"),
        ("Deponent: Crystal Mak Hoi Ling", "Crystal Mak Hoi Ling"),
        ("请联系前台小丽登记", "小丽"),
        ("See you soon,\n— Ginger", "Ginger"),
        ("Gurdeep Kaur w/o Balwinder Singh", "Gurdeep Kaur"),
        ("I spoke to amber yesterday about the lease", "amber"),
        ("Happy birthday Jade!!", "Jade"),
        ("聽日同crystal去行山", "crystal"),
        ("叫埋Honey一齊食飯", "Honey"),
        ("ginger佢今日唔得閒", "ginger"),
        ("申請人資料\n姓名 陳 家 樂        電話", "陳 家 樂"),
        ("- Imran Qureshi — Pakistan — passport on file", "Imran Qureshi"),
        ("Near miss reported by Santosh: forklift too fast", "Santosh"),
        # nicknames and titled rarer surnames in Simplified chats
        ("备注：老吴下月退休", "老吴"),
        ("明天聚餐，覃主任请客", "覃"),
    ],
)
def test_names_in_forms_of_address_are_found(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON"), (text, value)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Can you walk Max and Bella tomorrow? Bella pulls a lot.", "Bella"),
        ("Fed Teddy & Coco (cats) at 8am, Teddy ate well", "Teddy"),
        ("Her corgi Lucky needs a bath", "Lucky"),
        # the animal beside the name, with its breed or age, or in apposition
        ("export the HK part (with Mochi the corgi)", "Mochi"),
        ("12:30 | Kenneth (ragdoll cat)     | check", "Kenneth"),
        ("09:30 | Winston (shih tzu, 11)    | NOT lamb cut", "Winston"),
        ("We'll meet at Sunny Bay station", "Sunny"),
        ("Award: HK$ 3,200 payable in 14 days", "Award"),
        ("| 3 | LIMBU Ram | Scaffolder | ok |", "Scaffolder"),
        ("我係 Coco 主人，想改覆診時間", "Coco"),
        ("The King said nothing, our Summer was wet.", "King"),
        ("Login IP: 10.2.3.4 at 09:00", "IP"),
        ("这里正在施工，请绕行", "施"),
        ("Prepared by HR Team on Monday", "HR"),
        ("INVOICE\nBill to: Acme Ltd\nBill no. 4471", "Bill"),
        ("宠物名称：豆豆  品种：柴犬", "豆豆"),
        ("我们慢慢来，谢谢", "慢慢"),
        ("客服小组会跟进", "小组"),
        ("Met with IT about the server", "IT"),
        ("同apple汁一齊飲", "apple"),
        ("同team講咗，搵boss傾下", "team"),
        ("- Sri Lanka — Thailand — Vietnam routes", "Sri Lanka"),
        ("【周大福】会员积分已到账", "周大福"),
    ],
)
def test_pets_places_and_trades_are_not_names(redactor: Redactor, text: str, word: str) -> None:
    spans = [text[d.start : d.end] for d in redactor.analyze(text) if d.entity_type == "PERSON"]
    assert not any(word in span for span in spans), spans


def test_a_pet_word_does_not_hide_a_person_named_beside_it(redactor: Redactor) -> None:
    text = "Kit will walk Max today; Kit's sister Mandy pays."
    assert covered(redactor, text, "Mandy", entity="PERSON")


@PROPERTY
@given(
    surname=st.sampled_from(["Chan", "Wong", "Lee", "Cheung", "Ho", "Tam"]),
    first=st.sampled_from(["Kit", "Jade", "Sunny", "Crystal", "Ginger", "Summer"]),
    separator=st.sampled_from(["; ", "; '", ";"]),
)
def test_every_entry_of_a_cc_line_is_removed(redactor: Redactor, surname: str, first: str, separator: str) -> None:
    entry = f"{surname}, {first}"
    text = f"From: Ng, Alan\nTo: Team\nCc: Kwok, Ben{separator}{entry}\nSubject: Q3\n\nPlease review."
    redaction = redactor.redact(text)
    assert entry not in redaction.text
    for d in redactor.analyze(text):
        assert 0 <= d.start < d.end <= len(text)
    assert redactor.redact(redaction.text).text == redaction.text


@PROPERTY
@given(
    name=st.sampled_from(["Ito", "Sato", "Cherry", "Mika", "Tanabe"]), suffix=st.sampled_from(["san", "sama", "kun"])
)
def test_a_name_before_an_honorific_is_removed(redactor: Redactor, name: str, suffix: str) -> None:
    text = f"Could {name}-{suffix} approve the quotation today?"
    assert name not in redactor.redact(text).text
