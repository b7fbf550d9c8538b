"""A person on a case: the fields, their Chinese names and the one validator.

Registration and the correction of a person's details both use ``validate_person``, so what
one accepts the other accepts too (an ID number decides the gender in both).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from petition_desk.domain.idcard import parse_id
from petition_desk.domain.phones import parse_phone
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


def validate_person(p: PersonInput, index: int | None, today: dt.date, *, anonymous: bool) -> dict:
    """Check one person; return their cleaned fields or raise with every problem named.

    On the registration form ``index`` is the person's place (fields named ``people.N.x``,
    messages starting 第N位信访人); for one person alone (a correction) it is None.
    """
    problems: dict[str, str] = {}
    prefix = "" if index is None else f"people.{index}."
    who = "" if index is None else f"第{index + 1}位信访人："
    out = {
        "name": p.name.strip(),
        "gender": p.gender.strip() or None,
        "id_number": None,
        "id_legacy": 0,
        "phone": None,
        "address": p.address.strip(),
        "village": p.village.strip(),
        "workplace": p.workplace.strip(),
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
    if p.id_number.strip():
        try:
            parsed = parse_id(p.id_number, today=today)
            out["id_number"], out["id_legacy"] = parsed.number, int(parsed.legacy)
            sex = Gender.MALE.value if parsed.male else Gender.FEMALE.value
            if out["gender"] and out["gender"] != sex:
                problems[prefix + "gender"] = f"{who}性别与身份证号不符（身份证号显示为{sex}）"
            out["gender"] = out["gender"] or sex
        except ValidationError as exc:
            problems[prefix + "id_number"] = f"{who}{exc}"
    if p.phone.strip():
        try:
            out["phone"] = parse_phone(p.phone)
        except ValidationError as exc:
            problems[prefix + "phone"] = f"{who}{exc}"
    if problems:
        raise ValidationError(problems)
    return out
