"""Telephone numbers: mobiles (``1[3-9]`` + 9 digits) and landlines (``0797-8123456``)."""

from __future__ import annotations

import re

from petition_desk.errors import ValidationError

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?[2-9]\d{6,7}(-\d{1,6})?$")
FIELD = "phone"


def normalize_phone(text: str) -> str:
    """Drop blanks, brackets and a +86 prefix; keep the dash of an area code."""
    t = re.sub(r"[\s()（）]", "", str(text)).replace("－", "-").replace("—", "-")
    t = t.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if t.startswith("+86"):
        t = t[3:].lstrip("-")
    return t


def parse_phone(text: str) -> str:
    """Return the normalised phone number or raise ``ValidationError`` in Chinese."""
    t = normalize_phone(text)
    if not t:
        raise ValidationError("联系电话不能为空", FIELD)
    if _MOBILE.match(t):
        return t
    if _LANDLINE.match(t):
        return t
    digits = t.replace("-", "")
    if digits.isdigit() and digits.startswith("1"):
        return _raise(f"手机号码应为以1开头的11位数字，现在是{len(digits)}位")
    if digits.isdigit() and digits.startswith("0"):
        return _raise("固定电话应写成“区号-号码”，如 0797-8123456")
    return _raise("联系电话格式不正确：手机号为11位数字，固定电话如 0797-8123456")


def _raise(message: str) -> str:
    raise ValidationError(message, FIELD)


def mask_phone(number: str) -> str:
    """Mask a phone number for documents that leave the desk: ``138****1234``."""
    number = number or ""
    if len(number) < 7:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]
