"""A person on a case: the fields, their Chinese names and the one validator.

Registration and the correction of a person's details both use ``validate_person``, so what
one accepts the other accepts too (an ID number decides the gender in both).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from petition_desk.domain.idcard import parse_id
from petition_desk.domain.phones import parse_phone
from petition_desk.domain.text import (
    ID_MAX,
    LINE_MAX,
    NAME_MAX,
    PHONE_MAX,
    SHORT_MAX,
    check_length,
    clean_into,
)
from petition_desk.domain.vocab import Gender, Role
from petition_desk.errors import ValidationError

#: The stored details of a person, with the names a clerk reads.
PERSON_FIELDS: dict[str, str] = {
    "name": "姓名",
    "gender": "性别",
    "id_number": "身份证号",
    "phone": "联系电话",
    "address": "住址",
    "village": "村（社区）",
    "workplace": "工作单位",
}

#: The longest each typed field may be (characters).
_LIMITS: dict[str, int] = {
    "name": NAME_MAX,
    "gender": SHORT_MAX,
    "id_number": ID_MAX,
    "phone": PHONE_MAX,
    "address": LINE_MAX,
    "village": SHORT_MAX,
    "workplace": SHORT_MAX,
}


@dataclass
class PersonInput:
    """One person on the form. ``person_id`` links an existing person instead of a new one."""

    name: str = ""
    gender: str = ""
    id_number: str = ""
    phone: str = ""
    address: str = ""
    village: str = ""
    workplace: str = ""
    role: Role = Role.PETITIONER
    person_id: int | None = None
    #: When the ID number is already on file with other details: "" asks the clerk,
    #: ``USE_STORED`` keeps the stored details, ``CORRECT_STORED`` records the typed ones as
    #: a correction of the stored person.
    on_file: str = ""


USE_STORED = "stored"
CORRECT_STORED = "correct"

#: The details compared when a typed ID number is already on file.
COMPARED_FIELDS = ("name", "phone", "address", "village", "workplace")


def validate_person(p: PersonInput, index: int | None, today: dt.date, *, anonymous: bool) -> dict:
    """Check one person; return their cleaned fields or raise with every problem named.

    On the registration form ``index`` is the person's place (fields named ``people.N.x``,
    messages starting 第N位信访人); for one person alone (a correction) it is None.
    """
    problems: dict[str, str] = {}
    prefix = "" if index is None else f"people.{index}."
    who = "" if index is None else f"第{index + 1}位信访人："
    # Text is cleaned at the door (control characters, NUL, NFC) and held to its length.
    typed = {}
    for key, limit in _LIMITS.items():
        label = who + PERSON_FIELDS[key]
        typed[key] = clean_into(getattr(p, key) or "", label, prefix + key, problems, line=True)
        check_length(typed[key], limit, label, prefix + key, problems)
    out = {
        "name": typed["name"],
        "gender": typed["gender"] or None,
        "id_number": None,
        "id_legacy": 0,
        "phone": None,
        "address": typed["address"],
        "village": typed["village"],
        "workplace": typed["workplace"],
    }
    if not anonymous:
        if not out["name"]:
            problems[prefix + "name"] = f"{who}请填写姓名"
        if not out["address"] and not out["village"]:
            problems[prefix + "address"] = f"{who}请填写住址"
    try:
        p.role = Role(p.role)
    except ValueError:
        problems[prefix + "role"] = f"{who}身份应为信访人、代表或联名人"
    if out["gender"] and out["gender"] not in {g.value for g in Gender}:
        problems[prefix + "gender"] = f"{who}性别应为“男”或“女”"
    if typed["id_number"] and prefix + "id_number" not in problems:
        try:
            parsed = parse_id(typed["id_number"], today=today)
            out["id_number"], out["id_legacy"] = parsed.number, int(parsed.legacy)
            sex = Gender.MALE.value if parsed.male else Gender.FEMALE.value
            if out["gender"] and out["gender"] != sex:
                problems[prefix + "gender"] = f"{who}性别与身份证号不符（身份证号显示为{sex}）"
            out["gender"] = out["gender"] or sex
        except ValidationError as exc:
            problems[prefix + "id_number"] = f"{who}{exc}"
    if typed["phone"] and prefix + "phone" not in problems:
        try:
            out["phone"] = parse_phone(typed["phone"])
        except ValidationError as exc:
            problems[prefix + "phone"] = f"{who}{exc}"
    if problems:
        raise ValidationError(problems)
    return out
