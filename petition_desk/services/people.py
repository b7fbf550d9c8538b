"""Finding people already on file while a clerk types, with their earlier cases."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from petition_desk.db.connection import transaction
from petition_desk.db.engine import sqlite3
from petition_desk.domain.idcard import normalize
from petition_desk.domain.lifecycle import Action
from petition_desk.domain.person import PERSON_FIELDS, PersonInput, validate_person
from petition_desk.domain.phones import normalize_phone
from petition_desk.domain.pinyin import initials
from petition_desk.domain.text import clean_text
from petition_desk.errors import ValidationError
from petition_desk.services import events
from petition_desk.services.directory import User
from petition_desk.services.permissions import Permission, require
from petition_desk.services.repeat import EarlierCase
from petition_desk.services.visibility import masked


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


def cases_of_person(
    conn: sqlite3.Connection, person_id: int, limit: int = 20, visible: str = "1"
) -> list[EarlierCase]:
    """The person's cases, newest first; a 保密 case the viewer may not see (``visible``, from
    ``services.visibility.visible_sql``) with its number and date only."""
    shown = ", ".join(masked(visible, f"c.{col}") for col in ("category", "summary", "state"))
    rows = conn.execute(
        f"SELECT c.id, c.number, c.received_at, {shown}, {masked(visible, 'c.next_due', None)} "
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
    visible: str = "1",
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
                found[r[0]] = PersonMatch(
                    r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], reason=reason
                )

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
        PersonMatch(**{**m.__dict__, "cases": cases_of_person(conn, m.id, visible=visible)})
        for m in found.values()
    ]


def correct_person(
    conn: sqlite3.Connection,
    case_id: int,
    person_id: int,
    changes: dict[str, str],
    reason: str,
    actor: User,
    at: dt.datetime | None = None,
) -> dict:
    """Correct a typing mistake in a person's details, as an event on the case.

    The old and new values are kept in the event; the person's name is updated on every case
    that names them (and so in the search index). Returns the recorded changes.
    """
    require(actor, Permission.HANDLE)
    at = at or dt.datetime.now()
    reason = clean_text(reason, "更正原因", "reason")
    if not reason:
        raise ValidationError("请填写更正原因", "reason")
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError(f"以下项目不能更正：{'、'.join(sorted(unknown))}", "changes")
    row = conn.execute(
        f"SELECT {', '.join(PERSON_FIELDS)} FROM people WHERE id = ?", (person_id,)
    ).fetchone()
    if (
        row is None
        or conn.execute(
            "SELECT 1 FROM case_people WHERE case_id = ? AND person_id = ?", (case_id, person_id)
        ).fetchone()
        is None
    ):
        raise ValidationError("该人员不属于此案件", "person")
    old = dict(zip(PERSON_FIELDS, row, strict=True))
    # The corrected person is checked by the same validator as a registration.
    merged: dict[str, str] = {k: str(old[k] or "") for k in PERSON_FIELDS} | {
        k: (v or "").strip() for k, v in changes.items()
    }
    person = PersonInput(
        name=merged["name"],
        gender=merged["gender"],
        id_number=merged["id_number"],
        phone=merged["phone"],
        address=merged["address"],
        village=merged["village"],
        workplace=merged["workplace"],
    )
    cleaned = validate_person(person, None, at.date(), anonymous=False)
    clean: dict[str, str | None] = {
        k: cleaned[k] or None for k in changes if (old[k] or None) != (cleaned[k] or None)
    }
    if not clean:
        raise ValidationError("没有需要更正的内容", "changes")
    if (
        "id_number" in clean
        and clean["id_number"]
        and conn.execute(
            "SELECT 1 FROM people WHERE id_number = ? AND id <> ?", (clean["id_number"], person_id)
        ).fetchone()
    ):
        raise ValidationError("该身份证号已登记在另一人名下，请核对后关联该人", "id_number")
    recorded = {k: {"old": old[k], "new": v} for k, v in clean.items()}
    with transaction(conn):
        sets = ", ".join(f"{k} = ?" for k in clean)
        conn.execute(f"UPDATE people SET {sets} WHERE id = ?", (*clean.values(), person_id))
        if "name" in clean:
            conn.execute(
                "UPDATE people SET initials = ? WHERE id = ?",
                (initials(clean["name"] or ""), person_id),
            )
            for (other_case,) in conn.execute(
                "SELECT case_id FROM case_people WHERE person_id = ?", (person_id,)
            ).fetchall():
                names = " ".join(
                    n
                    for (n,) in conn.execute(
                        "SELECT p.name FROM case_people cp JOIN people p ON p.id = cp.person_id "
                        "WHERE cp.case_id = ? ORDER BY cp.position",
                        (other_case,),
                    )
                )
                conn.execute("UPDATE cases SET people_names = ? WHERE id = ?", (names, other_case))
        events.record(
            conn,
            case_id,
            at,
            actor,
            Action.CORRECT,
            {"person": old["name"], "changes": recorded, "reason": reason.strip()},
        )
    return recorded
