"""Finding people already on file while a clerk types, with their earlier cases."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from petition_desk.idcard import normalize
from petition_desk.phones import normalize_phone
from petition_desk.repeat import EarlierCase


@dataclass(frozen=True)
class PersonMatch:
    """A stored person who may be the one at the desk, and why we think so."""

    id: int
    name: str
    gender: str | None
    id_number: str | None
    phone: str | None
    address: str
    village: str
    workplace: str
    reason: str  # "身份证号" / "电话" / "姓名" / "拼音"
    cases: list[EarlierCase] = field(default_factory=list)


_PERSON_COLS = "id, name, gender, id_number, phone, address, village, workplace"


def cases_of_person(conn: sqlite3.Connection, person_id: int, limit: int = 20) -> list[EarlierCase]:
    """The person's cases, newest first."""
    rows = conn.execute(
        "SELECT c.id, c.number, c.received_at, c.category, c.summary, c.state, c.next_due "
        "FROM case_people cp JOIN cases c ON c.id = cp.case_id WHERE cp.person_id = ? "
        "ORDER BY c.received_at DESC, c.id DESC LIMIT ?",
        (person_id, limit),
    )
    return [EarlierCase(*r) for r in rows]


def find_matches(
    conn: sqlite3.Connection,
    *,
    name: str = "",
    id_number: str = "",
    phone: str = "",
    limit: int = 10,
) -> list[PersonMatch]:
    """People matching what has been typed so far, strongest evidence first.

    ID numbers match from 6 characters, phones from 4 (as prefixes, on indexes); names match
    exactly or as a prefix, and Latin letters match pinyin initials (``zjg`` -> 张建国).
    """
    found: dict[int, PersonMatch] = {}

    def take(sql: str, args: tuple, reason: str) -> None:
        for r in conn.execute(
            f"SELECT {_PERSON_COLS} FROM people WHERE {sql} ORDER BY id DESC LIMIT ?",
            (*args, limit),
        ):
            if r[0] not in found and len(found) < limit:
                found[r[0]] = PersonMatch(*r, reason=reason)

    id_text = normalize(id_number)
    if len(id_text) >= 6:
        take("id_number >= ? AND id_number < ? || char(127)", (id_text, id_text), "身份证号")
    phone_text = normalize_phone(phone)
    if len(phone_text) >= 4:
        take("phone >= ? AND phone < ? || char(127)", (phone_text, phone_text), "电话")
    name_text = name.strip()
    if name_text:
        if re.fullmatch(r"[A-Za-z]{2,10}", name_text):
            low = name_text.lower()
            take("initials >= ? AND initials < ? || char(127)", (low, low), "拼音")
        else:
            take("name = ?", (name_text,), "姓名")
            if len(name_text) >= 2:
                take("name > ? AND name < ? || char(1114111)", (name_text, name_text), "姓名")
    return [
        PersonMatch(**{**m.__dict__, "cases": cases_of_person(conn, m.id)}) for m in found.values()
    ]


def get_person(conn: sqlite3.Connection, person_id: int) -> PersonMatch:
    r = conn.execute(f"SELECT {_PERSON_COLS} FROM people WHERE id = ?", (person_id,)).fetchone()
    return PersonMatch(*r, reason="", cases=cases_of_person(conn, person_id))
