"""Latin-script names as rosters, papers, exports and lists write them
(:mod:`guardrail.pii.recognizers.name_rosters`), and the look-alikes that must stay."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guardrail.pii.recognizers.name_rosters import children_by_class
from guardrail.pii.redactor import Redactor
from tests.pii.coverage import PROPERTY, covered


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a surname before a comma
        ("[09:14] Yip, Priscilla joined\n[09:15] Recording started", "Yip, Priscilla"),
        ("Notes saved to Mok, Vanessa's drive.", "Mok, Vanessa"),
        ("Applicant B: Reyes, Ma. Cristina T.  ref 4410", "Reyes, Ma. Cristina T."),
        ("  4    CHOW Ka Yan, Gloria        present", "CHOW Ka Yan, Gloria"),
        # initials
        ("We thank R.-H. Park and B. J. O'Reilly for the samples.", "R.-H. Park"),
        ("We thank R.-H. Park and B. J. O'Reilly for the samples.", "B. J. O'Reilly"),
        ("Author contributions: W.L.T. conceived the study; H.Y. and C.K. analysed the data.", "W.L.T."),
        ("Author contributions: W.L.T. conceived the study; H.Y. and C.K. analysed the data.", "H.Y."),
        ("Author contributions: W.L.T. conceived the study; H.Y. and C.K. analysed the data.", "C.K."),
        ("收款人寫「WONG K F」就得", "WONG K F"),
        # roster lines and pinyin beside Chinese
        ("  12    PEREIRA Tiago Manuel      Y\n  13    CHAN Siu Ming    N", "PEREIRA Tiago Manuel"),
        ("  5    O'SULLIVAN Aoife            late", "O'SULLIVAN Aoife"),
        ("Room | 王静 / WANG JING | G40021187", "WANG JING"),
        # a word-like or hyphenated given name before a surname, a quoted nickname
        ("1. Cherry Kwok\n2. Rain Lau\n3. Peter", "Rain Lau"),
        ("Thanks to Anne-Sophie Lim and Ji-hoon Kwon for the slides.", "Anne-Sophie Lim"),
        ("Thanks to Anne-Sophie Lim and Ji-hoon Kwon for the slides.", "Ji-hoon Kwon"),
        ('Editor: Wing Yan "Jade" Tsang', 'Wing Yan "Jade" Tsang'),
        # attendee lines
        ("Attendees: Kenji T., Daisy, Ruby (chair), Ho Wai Kit", "Ruby"),
        ("Apologies: Summer, Victor Lam", "Summer"),
        # airline names with a title, a sole proprietor, an English name after the Chinese ones
        ("Rooming list:\n1. YIP/KA WAI MR — room 1204\n2. HO/MEI MS — room 1205", "YIP/KA WAI MR"),
        ("Rooming list:\n1. YIP/KA WAI MR — room 1204\n2. HO/MEI MS — room 1205", "HO/MEI MS"),
        ("and\nKWOK Siu Fai trading as Siu Fai Plumbing   2nd Defendant", "KWOK Siu Fai"),
        ("  戶口名：CHEUNG WING YAN APPLE\n", "CHEUNG WING YAN APPLE"),
        ("  > Lee, Karen: 我聽日 WFH", "Lee, Karen"),
        # chat exports: a name or handle over the message, with its time
        ("jason.leung  11:02 AM\nsure, on it\nMaya Fernandes [11:04 AM]\nthanks", "jason.leung"),
        ("jason.leung  11:02 AM\nsure, on it\nMaya Fernandes [11:04 AM]\nthanks", "Maya Fernandes"),
        ("Our new colleague's name is Rain.", "Rain"),
        # rotas and sign-up lists
        ("Cleaning rota\nMon - Ruby\nTue - Will\nWed - Sky / Kit", "Will"),
        ("Cleaning rota\nMon - Ruby\nTue - Will\nWed - Sky / Kit", "Sky"),
        ("Lunch duty: Week 1: Honey, Week 2: Rocky", "Honey"),
        ("Hiking sign-up\n1. vivian\n2. ah keung\n3. sunny\n4. Tom Lau\n5. Jacky", "ah keung"),
        ("Hiking sign-up\n1. vivian\n2. ah keung\n3. sunny\n4. Tom Lau\n5. Jacky", "sunny"),
        ("Tony Lam: 5. Tony 6. Joyce 7. Summer (my cousin)\n1. Eddie 2. Carmen 3. Kit", "Summer"),
        ("Buddy pairs:\nHoney → Marcus\nVivian → Ginger\nSky → Oscar", "Ginger"),
        ("Buddy pairs:\nHoney → Marcus\nTofu → Ginger\nVivian → Oscar", "Tofu"),
        ("Still waiting for Priya from Facilities and Jade from Payroll.", "Jade"),
        ("My grandpa Zé taught me the recipe.", "Zé"),
        ("Our neighbour Lemon feeds the cats.", "Lemon"),
        ("Home visit (caseworker TK) on 3/4; seen again by Nurse WY.", "TK"),
        ("Congratulations to the winners: Holly, Rocky, Pearl and Sky!", "Rocky"),
        ("RSVP so far: Ruby +1, Kit, Sandy (maybe), Candy", "Sandy"),
        ("- Honey Ip (Mon)\n- Will Tse (Fri)\n- Summer (Sat)", "Will Tse"),
        ("eunice: ok la\nkelvin: 收到\nhoney: 👍 me too", "honey"),
        (" Tofu Ma          yr3 BBA\n Karen Lo         yr2\n Eddie Ho         yr1", "Tofu Ma"),
        ("Sunday school: Pearl and Ruby (twins, P.4)", "Ruby"),
        ("Pick-up list: Summer (P.3), Kit (7 yo)", "Summer"),
        ("Contacts: Holly 9123 4567 / Rocky 6123 4567", "Rocky"),
        ("reply: ginger 9 0 2 6 6 1 3 4", "ginger"),
        ("oh and honey from the class wants one too", "honey"),
        ("Theatre 3. Scrub: Holly / Kit; circulating: Dawn", "Holly"),
        # only a person fits
        ("and above all to Ginger, who read every draft.", "Ginger"),
        ("Call Crystal's mobile if the door is locked.", "Crystal"),
    ],
)
def test_roster_and_list_names_are_found(redactor: Redactor, text: str, value: str) -> None:
    assert covered(redactor, text, value, entity="PERSON"), redactor.analyze(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("CALLER: Oh, right, I forgot about that.", "Oh"),
        ("The U.S. and the U.K. agreed; see e.g. the annex.", "U.S."),
        ("The ceremony is in Lee Shau Kee Hall on Friday.", "Lee Shau Kee"),
        ("I worked in the Kadoorie lab for two years.", "Kadoorie"),
        ("Host: Tony Lam\nProducer: Ivy Chan", "Producer"),
        ("Pay in Euro or USD only.", "Euro"),
        ("Received: from mail01 by mx2 with ESMTPS", "Received"),
        ("Fees are the same. So, the deposit is due today.", "So"),
        ("Fees are the same. So, Derek, the deposit is due today.", "So"),
        ("login 2: src_ip=203.0.113.9 dst_port=443", "src_ip"),
        ("Her daughter wants a Hello Kitty cake.", "Kitty"),
        ("CP4 Pak Kung Au  09:00-12:00  water station", "Kung Au"),
        ("Mandy Ho: ok btw I am not the Mandy printer on 3/F", "printer"),
        ("Typhoon Koinu and Tropical Storm Sanba brought rain.", "Koinu"),
        ("Lectures are in the Wong Kam Fai Amenities Centre this term.", "Wong Kam Fai"),
        ("Rooms in the Lau Chi Ming Science Building are booked.", "Lau Chi Ming"),
        ("Agenda  9:00\nLunch 12:30\nClosing 17:00", "Lunch"),
        ("Shopping list\n1. apple\n2. orange\n3. cherry\n4. milk", "cherry"),
        ("Steps:\nLogin → Settings\nSettings → Privacy\nPrivacy → Delete", "Privacy"),
        ("Set up Django and Jira before the sprint.", "Django"),
        ("My friend Google told me it would rain.", "Google"),
        ("The four seasons: Spring, Summer, Autumn and Winter.", "Summer"),
        ("Summer: July to August\nWinter: December to February\nNote: closed on holidays", "Summer"),
        ("Contacts\nMum Ma\nHappy Valley\nSai Kung", "Valley"),
        ("Order 9123 4567 shipped; may 6123 4567 be yours?", "may"),
        ("the data from finance is late", "data"),
        ("Colours: Ruby / Jade\nCover: Apple / Samsung", "Ruby"),
        ("Thanks to Google, Apple and Microsoft for the grants.", "Apple"),
        ("Escalated to Officer IT desk; checker TBC.", "TBC"),
        ("Offices in Chan Kin Ming Chambers, Central.", "Chan Kin Ming"),
        ("Itinerary: Day 1: Arrival, Day 2: Summer Palace, Day 3: Departure", "Summer"),
    ],
)
def test_roster_look_alikes_are_kept(redactor: Redactor, text: str, word: str) -> None:
    start = text.index(word)
    spans = [(d.start, d.end) for d in redactor.analyze(text) if d.entity_type == "PERSON"]
    assert not any(s < start + len(word) and start < e for s, e in spans), spans


_SURNAMES = ["Chan", "Wong", "Leung", "Ho", "Fernandes", "Santos", "Kwon", "Nakamura"]
_GIVEN = ["Jasmine", "Derek", "Vanessa", "Tiago", "Priscilla", "Gordon", "Hiroshi", "Mandy"]


@PROPERTY
@given(surname=st.sampled_from(_SURNAMES), first=st.sampled_from(_GIVEN), caps=st.booleans())
def test_any_surname_comma_given_is_removed(redactor: Redactor, surname: str, first: str, caps: bool) -> None:
    value = f"{surname.upper() if caps else surname}, {first}"
    text = f"[10:02] {value} joined the meeting"
    redacted = redactor.redact(text).text
    assert first not in redacted
    assert redactor.redact(redacted).text == redacted


def test_a_warranty_in_brackets_is_no_child() -> None:
    text = "Order Apple (2 yrs warranty) and Room 5 (F.2)"
    assert list(children_by_class(text)) == []
