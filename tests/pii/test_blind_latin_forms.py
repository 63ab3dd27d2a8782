"""Names in Latin script, phones, HKIDs and English addresses in the forms a blind set of
chats, registers and spreadsheets wrote them, and the words beside them that must stay.

Each case stands for a class (a speaker with an accented or role-prefixed name, a
roster's ``SURNAME / GIVEN`` with spaces, a post speaking in a chat), not for one text.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guardrail.pii.evaluation import leaked
from guardrail.pii.recognizers.name_lexicon import AMBIGUOUS_GIVEN, is_place
from guardrail.pii.recognizers.names_world import MORE_GIVEN_NAMES, MORE_SURNAMES
from guardrail.pii.redactor import Redactor
from tests.pii.coverage import PROPERTY, covered, person_spans
from tests.pii.test_names import assert_removed

NAMES = [
    # chat speakers: accented, a day/month stamp, an abbreviated post before the name
    ("10/01/27 06:12 - Zoë: hi\n10/01/27 06:13 - Me: ok", "Zoë"),
    ("12/03/26 09:00 - Håkon: landed\n12/03/26 09:01 - Me: great", "Håkon"),
    ("30/11 08:02 CSO Wing: 今日有搬屋\n30/11 08:05 保安 Ah Keung: 收到", "Wing"),
    ("04/12 19:40 PM Kelvin: deck ready?\n04/12 19:41 Me: yes", "Kelvin"),
    ("8/11/2026 21:20 - Chris 周: 3. 一位\n8/11/2026 21:33 - Cherry: ok", "Chris 周"),
    # a speaker found once is a name on every line, accents and all
    ('Group "Buddy: Renée + Me"\n10/01/27 06:12 - Renée: landed\n10/01/27 06:13 - Me: ok', "Renée"),
    # rosters: SURNAME / GIVEN with the slash spaced out, any case
    ("#  Surname / Given     Nationality  Passport\n1  OKAFOR / CHIDI      NGA          A1234567", "OKAFOR / CHIDI"),
    ("#  Surname / Given     Nationality  Passport\n1  lam / wai kit       HKG          K1234567", "lam / wai kit"),
    # a surname a particle leads, inverted; dotted initials before a surname
    ("| Berth | Owner | Contact |\n|---|---|---|\n| C-01 | van Rijn, Maarten | 9123 4567 |", "van Rijn, Maarten"),
    ("Account holder: R.K. van Dijk\n\nQueries: office", "R.K. van Dijk"),
    # after "my name is", a name of two words or more that no list knows
    ("Dear team, my name is Evangelina Dela Rosa-Mercado and I am writing", "Evangelina Dela Rosa-Mercado"),
    # a CSV column headed by a role as its last word (incoming_student, home_buddy)
    ("incoming_student,home_uni,buddy\nAnouk Verhoeven,TU Delft,lam ka yan\n", "Anouk Verhoeven"),
    ("incoming_student,home_uni,buddy\nAnouk Verhoeven,TU Delft,lam ka yan\n", "lam ka yan"),
    # names from Europe, South and South-East Asia, Africa that the lists now know, anywhere
    ("Log excerpt attached by on-call (Grzegorz Kowalczyk):\n\nERROR timeout", "Grzegorz Kowalczyk"),
    ("Escalated to Thibault Mercier and Oluwaseun Adeyemi for sign-off.", "Thibault Mercier"),
    ("Escalated to Thibault Mercier and Oluwaseun Adeyemi for sign-off.", "Oluwaseun Adeyemi"),
    # a nickname in brackets inside the name; a name spaced out letter by letter
    ('{"display_name": "Wing Yan (Winnie) Cheuk", "email": "w@x.example"}', "Wing Yan (Winnie) Cheuk"),
    ("Name of patient : R A M A C H A N D R A N  Lakshmi\nHKID No. : R290231-0", "R A M A C H A N D R A N  Lakshmi"),
    # a small-word surname closing a name cell
    ("Guest,Side,Phone\nTommy Yip,Groom,9026 7713\nkelvin to,Groom,9773 1108\n", "kelvin to"),
    # the other of a pair joined to a found name
    ("Group 「Derek & Cherry 婚宴」\n8/11/2026 21:14 - Cherry: 各位\n8/11/2026 21:16 - Cherry: thanks", "Derek"),
    ('Chat "Buddy: Zoë + Wing Sze"\n10/01/27 06:12 - Zoë: hi\n10/01/27 06:13 - Zoë: ok', "Wing Sze"),
    # chat exports that are not "Name: message": LINE's tabs, IRC's <name>, Slack's name and time
    ("21:15\tSupaporn\tthe parcel arrived\n21:16\tNadiya\tgreat", "Nadiya"),
    ("2026-03-12 21:15:03 <Anouk> hi\n2026-03-12 21:15:09 <Bogdan> hey", "Bogdan"),
    ("Wirawan Tjandra  9:15 AM\nmerged the PR\nIoana Marinescu  9:17 AM\nthanks", "Ioana Marinescu"),
    # a name object's parts under bare keys; a CSV name cell before a cell that starts with a name
    ('{"customer": {"first": "Ngozi", "last": "Eze"}, "phone": "+852 6123 4567"}', "Eze"),
    ("Name,Email\nOkonkwo Chidi,chidi@example.com\nVo Thi Hoa,hoa@example.com", "Okonkwo Chidi"),
    # a Chinese name typed spaced out in a column of names
    (
        "TM-001\t黄志强\tnot found\nTM-002\tYeung Hiu Tung\tID needed\nTM-003\tJoanna Mak\trefund\nTM-004\t李 娜\tlost\n",
        "李 娜",
    ),
    # a labelled Chinese name with a space only after its (compound) surname
    ("學生：司徒 朗\u3000性別：男", "司徒 朗"),
    # a list entry after a time and a dash
    ("Interview slots: 10:30 – Isla Ng (K1)\n11:00 – next family", "Isla Ng"),
    # an English name with its surname in Chinese after it
    ("報名：\n1. Hope Chan\n2. Jackie 張\n3. Sunny Sy", "Jackie 張"),
    ("今日 studio 有嘉賓 Chloe 鄭!", "Chloe 鄭"),
    # an Arabic article joined to the surname
    ("I spoke to Khalid bin Abdullah al-Mansouri regarding the lease.", "al-Mansouri"),
]


@pytest.mark.parametrize(("text", "value"), NAMES)
def test_names_in_blind_forms_are_removed(redactor: Redactor, text: str, value: str) -> None:
    assert_removed(redactor, text, value)


NOT_NAMES = [
    "[27/11 08:14] Harbourmaster: berth C-08 is free\n[27/11 08:20] Harbourmaster: noted",
    "[02/12 10:00] Gatekeeper: gate open\n[02/12 10:05] Gatekeeper: closed",
    # a role as a header's last word does not make a host name a person
    "Host Name            MAC Address         IP\nKitchen-Speaker      3C:22:FB:91:0A:7E   192.168.1.101\n",
    "The file name is Quarterly Report and it is late.",
    # things in a field or column that holds things, a table's header row, a heading
    "Found at: Cinema lobby | Item: kid's water bottle (blue, Paw Patrol)\nStatus: unclaimed",
    "student,home_uni,buddy_email\nx1,Sciences Po,a@b.example\nx2,Ecole Polytechnique,c@d.example\n",
    "Berth | Vessel | LOA | Remarks\nC-04 | Sea Breeze | 42ft | fees paid\n",
    "DAILY EXCEPTION REPORT – Tsing Yi Hub – Shift B\nProblem: parcel marked delivered",
    "Requester: see ticket\nLog excerpt attached by on-call:\nERROR timeout",
    "Follow-up: MOPD Robert Black GOPC in 2 wks; FHKAM (Ortho)",
    "Where lost 遺失地點: Washroom L3 near Zara\nStatus: kept",
    "last scan Huanggang, then Futian depot",
    "Signed: A. Concerned Citizen of Discovery Bay",
    "bus fares went up again; gill nets are banned",
    "We met at the Lotte Duty Free counter, then Jo Malone.",
    # a form's label in the airline slash form; a pronoun after a word-like name
    "IBAN: DE89 3704 0044 0532 0130 00\nBIC/SWIFT: COBADEFFXXX\nRef: INV 2025/03",
    'The minister says it should "modernise", and I hope he will listen.',
    # a note's abbreviation once at a line start; accounts and hosts in a user column
    "Bisoprolol 2.5mg daily\nFU: Cardiac SOPD 8 wks; rehab class",
    "| user | ip | status |\n|---|---|---|\n| svc-backup | 10.0.4.12 | service |\n| wh-nvr-02 | 10.0.4.2 | ok |",
    "Insurer needs these before 28/12; the main contractor (Gammon) was told.",
    # one unknown word before a colon labels a field; a venue named like a person
    "Meeting notes – Project Phoenix kickoff\nAgenda: scope, timeline, risks",
    "Order #A-2291 | Item: running shoes | Size: 42 | Colour: Grey",
    "Venue | Capacity | Contact\nStar Hall | 500 | Events Desk\nRotunda 2 | 200 | Events Desk",
    "Merry Christmas and Happy New Year from all of us!",
    "Lunch  12:30 PM\nat the club\nBriefing  2:00 PM\nroom 3",
    '{"last": "updated", "first": true, "given": "2024-01-01"}',
    '{"step": {"first": "Preheat the oven", "then": "Serve"}}',
    "Bill to: Hollis & Grange Ltd, accounts department",
]


def test_a_bracketed_code_on_no_valid_number_is_a_figure(redactor: Redactor) -> None:
    assert not any(d.entity_type == "PHONE_NUMBER" for d in redactor.analyze("the ratio (+12) 345 678 rose"))


@pytest.mark.parametrize("text", NOT_NAMES)
def test_posts_and_words_in_blind_forms_are_not_names(redactor: Redactor, text: str) -> None:
    assert person_spans(redactor, text) == []


def test_a_business_before_a_name_is_not_a_name(redactor: Redactor) -> None:
    text = "Agency: 你好！我係 Sunny Maids 嘅 Joyce，我哋搵到個 candidate"
    assert person_spans(redactor, text) == ["Joyce"]


IDENTIFIERS = [
    # a pasted spreadsheet row broken inside its phone cell
    ("Guest,Side,Phone,Diet\nAmy Lo,Bride,9026 7713,\nBen Wu,Groom,9418\n2209,\n", "9418\n2209"),
    ("日期 | 訪客 | 單位 | 聯絡電話\n29/11 | 陳生 | 3C | 9\n0715 228\n30/11 | 李生 | 4D | \n", "9\n0715 228"),
    # the same card number written again with another letter or without its check digit
    ("ID No.: K 402311 (5)   (note: K402311 or R402311?)", "K402311"),
    ("ID No.: K 402311 (5)   (note: K402311 or R402311?)", "R402311"),
    # a country code in brackets
    ("her cell is (+63) 917 123 4567, call after 6", "(+63) 917 123 4567"),
    ("Tel: (+44) 20 7946 0958", "(+44) 20 7946 0958"),
    # the last digits and check character of a card
    ("Her HKID ends in 3456(7), please verify", "3456(7)"),
]


@pytest.mark.parametrize(("text", "value"), IDENTIFIERS)
def test_identifiers_in_blind_forms_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value)


ADDRESSES = [
    # an estate's phase in brackets; a hotel's name with an ampersand before its street
    "Address: Rm 907, Kam Fung House, Upper Ngau Tau Kok (II) Estate, Kwun Tong, Kln\n",
    "I am staying at Room 2210, Novotel Kowloon & Harbourfront, 88 Chatham Road South, Tsim Sha Tsui until Friday.",
    # a post office box
    "Mailing: P.O. Box 12345, General Post Office, Hong Kong\n",
    # abroad: a Dutch street with a floor in Roman numerals and a postcode with letters
    "Bill to:\nMs Anna Smit\nPrinsengracht 233-II, 1015 DT Amsterdam, Netherlands\n",
    # abroad: a flat and names closed by an Indian PIN code after the city
    'we have "C-1203, Lodha Bellissimo, Mahalaxmi, Mumbai 400011" on file',
]


@pytest.mark.parametrize("text", ADDRESSES)
def test_english_addresses_in_blind_forms_are_covered(redactor: Redactor, text: str) -> None:
    start = next(m.start() for m in re.finditer(r"Rm|Room|Prinsengracht|C-1203|P\.O\.", text))
    ends = ("Kln", "Tsim Sha Tsui", "Netherlands", "400011", "Hong Kong")
    end = max(text.find(w) + len(w) for w in ends if w in text)
    assert covered(redactor, text, text[start:end])


LABELLED_ADDRESSES = [
    # a labelled address in any country's shape, on its line or on the lines under it
    ("Permanent address: 2-14-3 Minami-Aoyama, Minato-ku, Tokyo 107-0062, Japan\n", "2-14-3 Minami-Aoyama"),
    ("Address (Nepal): Ward No. 6, Bharatpur-10, Chitwan\nPhone: 9123 4567", "Ward No. 6, Bharatpur-10, Chitwan"),
    ("Home address: 27 Jalan Ampang, 50450 Kuala Lumpur  Tel: 9123 4567", "27 Jalan Ampang, 50450 Kuala Lumpur"),
    ("Mailing address:\n    PO Box 4471,\n    Kathmandu 44600\n[ ] proof checked", "PO Box 4471,\n    Kathmandu 44600"),
    # a second line with no number, a form's dot leaders, the district's field under it
    (
        "address (line 1) . Rm 1503, 15/F\naddress (line 2) . Hoi Tak House, Hoi Lai Estate\n",
        "Hoi Tak House, Hoi Lai Estate",
    ),
    ("Address line 2: Hoi Tak House, Hoi Lai Estate\nDistrict: Sham Shui Po\n[ ] proof checked", "Sham Shui Po"),
]


@pytest.mark.parametrize(("text", "value"), LABELLED_ADDRESSES)
def test_labelled_addresses_anywhere_are_covered(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value)
    assert "proof checked" not in "".join(text[d.start : d.end] for d in redactor.analyze(text))


@pytest.mark.parametrize(
    "text",
    [
        "E-mail address: a.b@example.com",
        "IP address: 10.1.2.3",
        "Address: same as above",
        "Address: N/A",
        "Please send it to this address. He will sign.",
    ],
)
def test_other_kinds_of_address_are_not_addresses(redactor: Redactor, text: str) -> None:
    assert not any(d.entity_type == "ADDRESS" for d in redactor.analyze(text))


_GIVEN = sorted(g for g in MORE_GIVEN_NAMES if g not in AMBIGUOUS_GIVEN and len(g) > 3 and not is_place(g))
_SURNAMES = sorted(s for s in MORE_SURNAMES if len(s) > 3 and not is_place(s))
# Each a form the blind set wrote names in: a stamped chat speaker, a crew list's
# SURNAME / GIVEN, a CSV column headed by a role, a JSON name object, brackets after a role.
_FORMS = [
    "12/03/26 09:00 - {g} {s}: landed\n12/03/26 09:01 - Me: ok",
    "#  Surname / Given     Nationality\n1  {S} / {G}      GBR\n",
    "incoming_student,home_uni\n{g} {s},Sciences Po\n",
    '{{"first": "{g}", "last": "{s}"}}',
    "Log excerpt attached by on-call ({g} {s}):\n\nERROR timeout",
]


@PROPERTY
@given(
    first=st.sampled_from(_GIVEN),
    last=st.sampled_from(_SURNAMES),
    form=st.sampled_from(_FORMS),
)
def test_any_listed_name_in_a_blind_form_is_removed(redactor: Redactor, first: str, last: str, form: str) -> None:
    given_name, surname = first.capitalize(), last.capitalize()
    text = form.format(g=given_name, s=surname, G=given_name.upper(), S=surname.upper())
    once = redactor.redact(text)
    for part in (given_name, surname):
        assert not leaked("PERSON", part, once.text) and part.lower() not in once.text.lower(), (text, once.text)
    for detection in once.detections:
        assert 0 <= detection.start < detection.end <= len(text)
    assert redactor.redact(once.text).text == once.text
