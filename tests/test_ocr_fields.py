"""Proposed fields from recognised text: plain strings, no OCR needed."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from petition_desk.domain.idcard import check_digit
from petition_desk.ocr.fields import FIELDS, accepted_values, is_id_card, propose

TODAY = dt.date(2026, 11, 16)
LETTER = """红旗镇人民政府：
我叫张建国，男，家住红旗镇东风村三组，身份证号11010519491231002X，联系电话13812345678。
事实和理由：2025年我家承包地被村里调整给他人，
至今未给任何补偿，多次找村委会无果。
诉求：请求镇政府依法恢复我家承包地或给予合理补偿。
此致
敬礼！
信访人：张建国
二〇二六年十一月三日"""


def by_field(text, **kw):
    return {p.field: p for p in propose(text, today=TODAY, **kw)}


def test_a_letter_with_headings():
    values = accepted_values(propose(LETTER, villages=["东风村", "红旗村"], today=TODAY))
    assert values == {
        "name": "张建国",
        "gender": "男",
        "id_number": "11010519491231002X",
        "phone": "13812345678",
        "address": "红旗镇东风村三组",
        "village": "东风村",
        "letter_date": "2026-11-03",
        "request": "请求镇政府依法恢复我家承包地或给予合理补偿。",
        "facts": "2025年我家承包地被村里调整给他人，至今未给任何补偿，多次找村委会无果。",
    }


def test_each_proposal_names_its_line():
    found = by_field(LETTER)
    assert found["name"].source == "信访人：张建国"
    assert found["name"].line == 7
    assert found["letter_date"].source == "二〇二六年十一月三日"
    assert [p.field for p in propose(LETTER)] == [f for f in FIELDS if f in found]


def test_a_failed_checksum_is_shown_with_the_reason_and_not_used():
    found = by_field("反映人：李四\n身份证号：110105194912310021")
    assert found["id_number"].value == "110105194912310021"
    assert found["id_number"].problem == "身份证号校验位错误，应为 X"
    assert not found["id_number"].usable
    assert "id_number" not in accepted_values(found.values())


def test_a_good_number_wins_over_a_bad_one_and_blanks_inside_are_dropped():
    found = by_field("身份证 110105194912310021\n身份证 1101 0519 4912 3100 2X")
    assert found["id_number"].value == "11010519491231002X"
    assert found["id_number"].usable


def test_phones_mobile_landline_and_full_width():
    assert by_field("联系电话：0797-8123456")["phone"].value == "0797-8123456"
    assert by_field("手机１３９００００１１１１")["phone"].value == "13900001111"
    # The digits of an identity number are not a phone number.
    assert "phone" not in by_field("身份证号11010519491231002X")


def test_the_village_is_matched_against_the_list_even_misread():
    found = by_field("家住红旗镇东凤村三组", villages=["东风村", "红旗村"])
    assert found["village"].value == "东风村"
    assert found["village"].confidence < 1
    assert "village" not in by_field("家住红旗镇东风村三组")  # no list: nothing to match


def test_the_letter_date_is_the_last_one_not_a_birthday():
    text = "落款：王芳\n出生于1950年1月1日\n2026年11月2日"
    assert by_field(text)["letter_date"].value == "2026-11-02"
    assert by_field("王芳\n2026.11.5")["letter_date"].value == "2026-11-05"
    assert by_field("王芳\n2027年1月5日")["letter_date"].problem == "来信日期晚于今天"


def test_a_letter_without_headings_gives_the_body_as_facts_with_less_confidence():
    text = "镇政府：\n我家的房子漏雨三年了。希望政府帮助维修。\n反映人：赵六\n2026年10月8日"
    found = by_field(text)
    assert found["facts"].value == "我家的房子漏雨三年了。希望政府帮助维修。"
    assert found["request"].value == "希望政府帮助维修。"
    assert found["facts"].confidence <= 0.7
    assert found["name"].value == "赵六"


def test_an_id_card_layout():
    card = "姓名 王秀英\n性别 女 民族 汉\n出生 1968年3月7日\n住址 江西省吉安市永丰县红旗镇\n东风村三组12号\n公民身份号码 36082519680307002X"
    assert is_id_card(card.splitlines())
    assert accepted_values(propose(card, villages=["东风村"])) == {
        "name": "王秀英",
        "gender": "女",
        "id_number": "36082519680307002X",
        "address": "江西省吉安市永丰县红旗镇东风村三组12号",
        "village": "东风村",
    }


def test_a_card_whose_name_is_on_its_own_line():
    card = "姓名\n王秀英\n性别女民族汉\n公民身份号码\n36082519680307002X"
    values = accepted_values(propose(card))
    assert values["name"] == "王秀英"
    assert values["id_number"] == "36082519680307002X"


def test_low_confidence_characters_lower_the_proposal():
    lines = ["信访人：张建国"]
    confs = [[0.99] * 4 + [0.99, 0.42, 0.99]]
    [p] = propose(lines, confs)
    assert p.value == "张建国"
    assert p.confidence == 0.42


def test_confidences_that_no_longer_fit_the_edited_text_are_ignored():
    [p] = propose(["信访人：张建国"], [[0.5, 0.5]])
    assert p.confidence == 1.0


def test_nothing_is_invented_from_empty_or_unrelated_text():
    assert propose("") == []
    # Plain prose is offered only as the facts, at the confidence of a guess.
    [facts] = propose("今天天气很好")
    assert (facts.field, facts.confidence) == ("facts", 0.7)


# -- properties -----------------------------------------------------------------------------

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "建国秀英桂兰志强海燕明华玉梅春生德福"


@st.composite
def id_numbers(draw):
    area = draw(st.sampled_from(["110105", "360825", "440305", "510104", "362422"]))
    birth = draw(st.dates(dt.date(1930, 1, 1), dt.date(2008, 12, 31)))
    seq = draw(st.integers(0, 999))
    first17 = f"{area}{birth:%Y%m%d}{seq:03d}"
    return first17 + check_digit(first17)


@st.composite
def petitioners(draw):
    name = draw(st.sampled_from(SURNAMES)) + draw(st.text(alphabet=GIVEN, min_size=1, max_size=2))
    phone = (
        "1" + draw(st.sampled_from("3456789")) + draw(st.text("0123456789", min_size=9, max_size=9))
    )
    village = draw(st.sampled_from(["东风村", "红旗村", "青山社区", "河西村"]))
    when = draw(st.dates(dt.date(2020, 1, 1), TODAY))
    label = draw(st.sampled_from(["信访人", "反映人", "落款"]))
    colon = draw(st.sampled_from(["：", ":", "", " "]))
    return name, draw(id_numbers()), phone, village, when, label, colon


@settings(max_examples=150, deadline=None)
@given(petitioners(), st.booleans())
def test_known_fields_come_back_from_any_letter(p, chinese_date):
    name, id_number, phone, village, when, label, colon = p
    date = f"{when.year}年{when.month}月{when.day}日"
    text = "\n".join(
        [
            "镇人民政府：",
            f"本人家住红旗镇{village}五组，身份证号码{id_number}，手机{phone}。",
            "诉求：请求解决宅基地纠纷。",
            "此致",
            f"{label}{colon}{name}",
            date if chinese_date else when.isoformat(),
        ]
    )
    values = accepted_values(
        propose(text, villages=["东风村", "红旗村", "青山社区", "河西村"], today=TODAY)
    )
    assert values["name"] == name
    assert values["id_number"] == id_number
    assert values["phone"] == phone
    assert values["village"] == village
    assert values["address"] == f"红旗镇{village}五组"
    assert values["letter_date"] == when.isoformat()
    assert values["request"] == "请求解决宅基地纠纷。"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=12), st.lists(st.text(max_size=6), max_size=3))
def test_any_text_gives_well_formed_proposals_and_never_raises(lines, villages):
    proposals = propose(lines, villages=villages, today=TODAY)
    fields = [p.field for p in proposals]
    assert len(fields) == len(set(fields))
    assert all(f in FIELDS for f in fields)
    assert all(0.0 <= p.confidence <= 1.0 for p in proposals)
    assert all(0 <= p.line < max(1, len(lines)) for p in proposals)


@settings(max_examples=100, deadline=None)
@given(id_numbers(), st.integers(0, 16), st.sampled_from("0123456789"))
def test_a_misread_digit_is_never_offered_as_usable(id_number, at, digit):
    misread = id_number[:at] + digit + id_number[at + 1 :]
    found = by_field(f"身份证号{misread}")
    if misread == id_number:
        assert found["id_number"].usable
    else:
        # GB 11643's check character catches every single wrong digit.
        assert not found["id_number"].usable


def test_the_command_line_says_how_to_add_ocr_when_it_is_missing(monkeypatch, tmp_path, capsys):
    from petition_desk.ocr import cli

    monkeypatch.setattr(cli, "available", lambda: False)
    assert cli.main(["ocr", str(tmp_path / "letter.png")]) == 2
    assert 'pip install "petition-desk[ocr]"' in capsys.readouterr().err


def test_an_id_card_page_beats_the_letter_for_who_the_petitioner_is():
    from petition_desk.ocr.fields import propose_pages

    card = [
        "姓名 王秀英",
        "性别 女 民族 汉",
        "住址 江西省永丰县东风村三组",
        "公民身份号码 36082519680307002X",
    ]
    values = accepted_values(
        propose_pages([(LETTER.splitlines(), None), (card, None)], villages=["东风村"], today=TODAY)
    )
    assert values["name"] == "王秀英"
    assert values["id_number"] == "36082519680307002X"
    assert values["address"] == "江西省永丰县东风村三组"
    assert values["phone"] == "13812345678"  # the card has none: the letter's
    assert values["letter_date"] == "2026-11-03"
