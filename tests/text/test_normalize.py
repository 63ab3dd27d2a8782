from __future__ import annotations

import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from guardrail.text.normalize import _INVISIBLE, normalize


def test_every_format_character_counts_as_invisible() -> None:
    missing = [
        hex(c)
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) == "Cf" and not _INVISIBLE.match(chr(c))
    ]
    assert missing == []


def test_full_width_and_invisible_characters_fold_and_map_back() -> None:
    text = "電話９１２３\u200b４５６７"
    normalized = normalize(text)
    assert normalized.text == "電話 91234567"
    start = normalized.text.index("9")
    assert text[slice(*normalized.to_original(start, start + 8))] == "９１２３\u200b４５６７"


def test_ascii_is_returned_without_a_map() -> None:
    normalized = normalize("plain text 123")
    assert normalized.text == "plain text 123" and normalized.starts is None


@given(st.text())
def test_offsets_always_index_the_original(text: str) -> None:
    normalized = normalize(text)
    for i in range(len(normalized.text)):
        start, end = normalized.to_original(i, i + 1)
        assert 0 <= start <= end <= len(text)
        if end > start:
            assert unicodedata.normalize("NFKC", text[start:end]).strip() != "" or text[start:end].isspace()


def test_url_escapes_decode_inside_an_encoded_token_and_map_to_their_escape() -> None:
    text = "GET /s?email=ho.kin%40gmail.com&tel=%2B852%2061234567 and 50%20 off"
    normalized = normalize(text)
    assert "email=ho.kin@gmail.com&tel=+852 61234567 and 50%20 off" in normalized.text
    at = normalized.text.index("@")
    assert text[slice(*normalized.to_original(at, at + 1))] == "%40"


def test_a_scans_o_and_l_among_digits_read_as_digits() -> None:
    assert normalize("Tel: 9l38 5O2O").text == "Tel: 9138 5020"
    assert normalize("Date O3/O9/2O24, IBAN IT04 O510 4904").text == "Date 03/09/2024, IBAN IT04 O510 4904"


def test_digit_words_mixed_with_digits_read_as_spaced_digits() -> None:
    assert normalize("call 9 four 8 one 2 zero 3 7 now").text == "call 9 4 8 1 2 0 3 7 now"
    assert normalize("one is 5 and one is 7, born 2015").text == "one is 5 and one is 7, born 2015"


@given(st.text(alphabet="0123456789Ol %@+.abc onetwfivx-()"))
def test_offsets_index_the_original_for_digit_like_text(text: str) -> None:
    normalized = normalize(text)
    assert len(normalized.text) == (len(normalized.starts) if normalized.starts is not None else len(text))
    for i in range(len(normalized.text)):
        start, end = normalized.to_original(i, i + 1)
        assert 0 <= start <= end <= len(text)


def test_an_ideographic_full_stop_between_ascii_characters_is_a_dot() -> None:
    assert normalize("IP：203。0。113。9。下一句").text == "IP:203.0.113.9。下一句"


def test_json_escapes_decode_and_map_to_their_whole_escape() -> None:
    text = r'{"name": "\u9673\u5927\u6587", "mood": "\ud83d\ude00", "note": "line\nnext \"q\""}'
    normalized = normalize(text)
    assert '"name": "陳大文"' in normalized.text
    assert "😀" in normalized.text
    assert 'line\nnext "q"' in normalized.text
    at = normalized.text.index("陳")
    assert text[slice(*normalized.to_original(at, at + 3))] == r"\u9673\u5927\u6587"
    emoji = normalized.text.index("😀")
    assert text[slice(*normalized.to_original(emoji, emoji + 1))] == r"\ud83d\ude00"


def test_json_escaped_twice_decodes_and_a_lone_surrogate_stays() -> None:
    assert normalize(r"note: \\u6b50\\u967d and \ud83d alone").text == r"note: 歐陽 and \ud83d alone"


def test_backslashes_without_a_unicode_escape_are_left_alone() -> None:
    text = r"C:\new\table and printf('\n')"
    assert normalize(text).text == text


@given(st.text(alphabet='\\u0123abcdef9"nrt /陳'))
def test_offsets_index_the_original_for_escape_like_text(text: str) -> None:
    normalized = normalize(text)
    for i in range(len(normalized.text)):
        start, end = normalized.to_original(i, i + 1)
        assert 0 <= start <= end <= len(text)


def test_an_ideographic_space_between_a_tables_numbers_parts_them() -> None:
    assert normalize("72\u30002565 3308").text == "72\t2565 3308"
    assert normalize("+852 9735 1180\u30002026/06").text == "+852 9735 1180\t2026/06"
    # a phone's halves, and digits spaced one by one, stay one number
    assert normalize("電話：9123\u30004567").text == "電話:9123 4567"
    assert normalize("9\u30004\u30003\u30001").text == "9 4 3 1"


def test_a_registers_ideographic_gaps_become_one_tab_each_and_spaced_letters_stay() -> None:
    assert normalize("2\u3000仝赟\u3000\u3000男\u3000空腹血糖").text == "2\t仝赟\t男\t空腹血糖"
    # a name padded to width, digits spaced one by one, a number's halves: spaces, as before
    assert normalize("5. 麥\u3000根\u300061歲\u3000冇手機").text == "5. 麥 根\t61 歲\t冇手機"
    assert normalize("電話：9\u30004\u30003\u30001\u30007").text == "電話:9 4 3 1 7"
    assert normalize("手提：六三八一\u3000四零七七\u3000日間").text == "手提:6 3 8 1 4 0 7 7\t日間"
    # one gap on a line (a form's two fields) and an indent set no cells apart
    assert normalize("姓名：陳大文\u3000電話：9123 4567").text == "姓名:陳大文 電話:9123 4567"
    folded = normalize("\u3000\u3000日期\u3000收件人\u3000速遞")
    assert folded.text == "  日期\t收件人\t速遞"
    assert folded.to_original(4, 7) == (4, 7)


def test_one_digit_word_among_digits_written_one_by_one_reads_as_a_digit() -> None:
    assert normalize("Mobile 9 one 4 4 - 2 6 0 7 or leave").text == "Mobile 9 1 4 4 2 6 0 7 or leave"
    assert normalize("Room 1 one 2").text == "Room 1 one 2"


def test_a_number_said_twice_in_numerals_stays_two_numbers() -> None:
    folded = normalize("我電話係六七三四，二零八五，六七三四二零八五。平日").text
    assert folded == "我電話係 6 7 3 4 2 0 8 5; 6 7 3 4 2 0 8 5。平日"


def test_a_number_said_then_written_stays_two_numbers() -> None:
    text = normalize("mobile nine-one-three-four, two-two-eight-zero (9134 2280).").text
    assert "(9134 2280)" in text and text.count("9 1 3 4") == 1


def test_an_ideographic_stop_before_a_capital_ends_a_sentence_and_一_between_halves_is_a_dash() -> None:
    assert "hotmail.com。Bosco" in normalize("係 fok.ming88@hotmail.com。Bosco 想").text
    assert "gmail.com" in normalize("chan@gmail。com").text
    assert normalize("佢電話 6580一3349").text.endswith("6580-3349")
    assert normalize("一一三四").text == "一一三四"


def test_a_spoken_check_letter_joins_a_run_said_in_words_and_a_mixed_run_keeps_its_words() -> None:
    assert normalize("即係 Y 三三零 五四八，括號 A，啱").text == "即係 Y 3 3 0 5 4 8 ( A,啱"
    # digits written and said mixed have no bracket word to rewrite: the words stay
    assert normalize("call 9 four 8 one 2 zero 3 7 bracket A ok").text.endswith("bracket A ok")
