import pytest
from hypothesis import given
from hypothesis import strategies as st

from petition_desk.domain.phones import mask_phone, parse_phone
from petition_desk.errors import ValidationError


@pytest.mark.parametrize(
    "text, expected",
    [
        ("13812341234", "13812341234"),
        ("138 1234 1234", "13812341234"),
        ("+86 13812341234", "13812341234"),
        ("0797-8123456", "0797-8123456"),
        ("010-62345678", "010-62345678"),
        ("（0797）8123456", "07978123456"),
    ],
)
def test_valid_phones(text, expected):
    assert parse_phone(text) == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("1381234123", "11位"),
        ("12812341234", "11位"),
        ("07978", "区号-号码"),
        ("abc", "格式不正确"),
    ],
)
def test_invalid_phones_say_why(text, message):
    with pytest.raises(ValidationError, match=message):
        parse_phone(text)


def test_masking():
    assert mask_phone("13812341234") == "138****1234"


@given(st.text())
def test_never_crashes(text):
    try:
        parse_phone(text)
    except ValidationError as exc:
        assert exc.field == "phone"
