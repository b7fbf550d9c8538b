import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from petition_desk.domain.idcard import check_digit, mask_id, parse_id
from petition_desk.errors import ValidationError

TODAY = dt.date(2026, 11, 16)


@pytest.mark.parametrize(
    "number, birth, male",
    [
        ("11010519491231002X", dt.date(1949, 12, 31), False),
        ("440524188001010014", dt.date(1880, 1, 1), True),
        ("11010119900307803X", dt.date(1990, 3, 7), True),
    ],
)
def test_valid_numbers_decode(number, birth, male):
    parsed = parse_id(number, today=TODAY)
    assert (parsed.birth_date, parsed.male, parsed.legacy) == (birth, male, False)


def test_lower_case_x_and_blanks_are_normalised():
    assert parse_id(" 110105 19491231 002x ", today=TODAY).number == "11010519491231002X"


def test_wrong_check_digit_names_the_right_one():
    with pytest.raises(ValidationError, match="校验位错误，应为 X") as exc:
        parse_id("110105194912310021", today=TODAY)
    assert exc.value.field == "id_number"


@pytest.mark.parametrize(
    "number, message",
    [
        ("1101051949123100", "应为18位"),
        ("11010519491331002A", "末位是数字或X"),
        ("110105194902300020", "不是有效日期"),
        ("990105194912310020", "地区码"),
        ("1.10105194912310E+17", "科学计数法"),
        ("110105194912310000.0", "科学计数法"),
        ("", "不能为空"),
    ],
)
def test_invalid_numbers_say_why(number, message):
    with pytest.raises(ValidationError, match=message):
        parse_id(number, today=TODAY)


def test_birth_date_in_the_future_is_refused():
    first17 = "11010520261231001"
    with pytest.raises(ValidationError, match="晚于今天"):
        parse_id(first17 + check_digit(first17), today=TODAY)


def test_fifteen_digit_numbers_are_legacy_only():
    parsed = parse_id("110105491231002", today=TODAY)
    assert parsed.legacy and parsed.birth_date == dt.date(1949, 12, 31)
    with pytest.raises(ValidationError, match="旧证件"):
        parse_id("110105491231002", today=TODAY, allow_legacy=False)


def test_masking_keeps_area_and_tail():
    assert mask_id("11010519491231002X") == "110105********002X"


@given(st.text())
def test_parser_never_crashes_on_arbitrary_text(text):
    try:
        parse_id(text, today=TODAY)
    except ValidationError as exc:
        assert str(exc)


@given(st.integers(min_value=0, max_value=10**17 - 1))
def test_a_computed_check_digit_always_validates_or_fails_on_date_or_area(n):
    first17 = f"{n:017d}"
    try:
        parsed = parse_id(first17 + check_digit(first17), today=TODAY)
    except ValidationError as exc:
        assert "校验位" not in str(exc)
    else:
        assert parsed.number.startswith(first17)
