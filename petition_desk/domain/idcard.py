"""Resident identity numbers (GB 11643-1999) and their masking.

An 18-character number is 6 digits of area code, 8 of birth date, 3 of sequence (odd = male)
and a check character. 15-digit numbers from before 1999 are accepted only as legacy records.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from petition_desk.errors import ValidationError

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
# First two digits of every province-level area code in use (plus 71/81/82 and 83 for
# Taiwan/HK/Macau residence permits); anything else cannot be a real number.
_PROVINCES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
        "83",
    ]
)
_SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")
FIELD = "id_number"


@dataclass(frozen=True)
class IdNumber:
    """A checked identity number."""

    number: str
    birth_date: dt.date
    male: bool
    legacy: bool  # a 15-digit number


def check_digit(first17: str) -> str:
    """Return the GB 11643 check character for the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def normalize(text: str) -> str:
    """Strip blanks and full-width characters a clerk or a spreadsheet may add."""
    table = str.maketrans("０１２３４５６７８９ｘＸ", "0123456789XX")
    return re.sub(r"\s+", "", str(text)).translate(table).upper().replace("x", "X")


def parse_id(text: str, *, today: dt.date | None = None, allow_legacy: bool = True) -> IdNumber:
    """Check ``text`` as an identity number and return what it encodes.

    Raises ``ValidationError`` (field ``id_number``) with a Chinese message that says exactly
    what is wrong; never any other exception, whatever the input.
    """
    today = today or dt.date.today()
    raw = normalize(text)
    if not raw:
        raise ValidationError("身份证号不能为空", FIELD)
    if _SCIENTIFIC.match(raw) or (raw.endswith(".0") and raw[:-2].isdigit()):
        raise ValidationError(
            "身份证号被存成了数字（科学计数法或小数），后几位已丢失，请按原件重新录入", FIELD
        )
    if len(raw) == 15:
        if not raw.isdigit():
            raise ValidationError("15位旧身份证号只能由数字组成", FIELD)
        if not allow_legacy:
            raise ValidationError("15位身份证号是旧证件号码，请录入18位号码", FIELD)
        birth = _birth(raw[6:12], century="19", today=today)
        _check_area(raw)
        return IdNumber(raw, birth, int(raw[14]) % 2 == 1, legacy=True)
    if len(raw) != 18:
        raise ValidationError(f"身份证号应为18位，现在是{len(raw)}位", FIELD)
    if not raw[:17].isdigit() or not (raw[17].isdigit() or raw[17] == "X"):
        raise ValidationError("身份证号前17位必须是数字，末位是数字或X", FIELD)
    _check_area(raw)
    birth = _birth(raw[6:14], century="", today=today)
    expected = check_digit(raw[:17])
    if raw[17] != expected:
        raise ValidationError(f"身份证号校验位错误，应为 {expected}", FIELD)
    return IdNumber(raw, birth, int(raw[16]) % 2 == 1, legacy=False)


def _check_area(raw: str) -> None:
    if raw[:2] not in _PROVINCES or raw[2:6] == "0000":
        raise ValidationError(f"身份证号地区码 {raw[:6]} 不存在", FIELD)


def _birth(digits: str, *, century: str, today: dt.date) -> dt.date:
    text = century + digits
    try:
        birth = dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise ValidationError(f"身份证号中的出生日期 {text} 不是有效日期", FIELD) from None
    if birth > today:
        raise ValidationError("身份证号中的出生日期晚于今天", FIELD)
    if birth.year < 1880:
        raise ValidationError(f"身份证号中的出生年份 {birth.year} 不合理", FIELD)
    return birth


def mask_id(number: str) -> str:
    """Mask an identity number for documents that leave the desk: ``110105********002X``."""
    number = number or ""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
