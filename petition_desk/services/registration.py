"""Registering a petition: the form's content, its validation, and the saving transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from petition_desk.db.connection import inserted_id, transaction
from petition_desk.db.engine import sqlite3
from petition_desk.domain.deadlines import due_fields
from petition_desk.domain.lifecycle import Action
from petition_desk.domain.person import (
    COMPARED_FIELDS,
    CORRECT_STORED,
    PERSON_FIELDS,
    USE_STORED,
    PersonInput,
    validate_person,
)
from petition_desk.domain.pinyin import initials
from petition_desk.domain.text import (
    FACTS_MAX,
    LINE_MAX,
    REQUEST_MAX,
    SHORT_MAX,
    SUMMARY_MAX,
    check_length,
    clean_into,
)
from petition_desk.domain.vocab import MAX_REPRESENTATIVES, Channel, Purpose, Role, State
from petition_desk.errors import ValidationError
from petition_desk.services import events
from petition_desk.services.calendar_store import load_limits
from petition_desk.services.directory import User
from petition_desk.services.numbering import CASE, allocate, case_number
from petition_desk.services.people import correct_person
from petition_desk.services.permissions import Permission, require
from petition_desk.services.repeat import PersonKey, is_repeat
from petition_desk.services.visibility import visible_sql

#: More people than this in one visit is a typing mistake, not a visit.
MAX_HEAD_COUNT = 9_999

#: The case's texts: attribute, Chinese label, longest length, one line only.
_TEXTS = (
    ("summary", "摘要", SUMMARY_MAX, True),
    ("request", "诉求", REQUEST_MAX, False),
    ("facts", "事实和理由", FACTS_MAX, False),
    ("place", "地点", LINE_MAX, True),
    ("category", "问题类别", SHORT_MAX, True),
    ("reception_kind", "接访方式", SHORT_MAX, True),
)

#: How far a received time may lie ahead of the PC clock before it counts as "in the future".
CLOCK_SKEW = dt.timedelta(minutes=5)


@dataclass
class CaseInput:
    """Everything the registration form collects."""

    channel: Channel
    received_at: dt.datetime
    category: str
    summary: str = ""
    request: str = ""
    facts: str = ""
    purpose: Purpose | None = None
    place: str = ""
    people: list[PersonInput] = field(default_factory=list)
    head_count: int = 1
    collective: bool = False
    anonymous: bool = False
    skipped_level: bool = False
    law_related: bool = False
    confidential: bool = False
    urgent: bool = False
    #: the leader who received the visit (首问责任人) and how (随机接访/专题约访/现场接访)
    leader_id: int | None = None
    reception_kind: str = ""
    #: the text came from a scanned letter read by OCR; the date written on the letter (the
    #: received time stays when the desk received it: that is when the clock starts)
    from_ocr: bool = False
    letter_date: str = ""


def validate(
    case: CaseInput, now: dt.datetime, categories: list[str], *, unlisted_category: bool = False
) -> list[dict]:
    """Check the whole form and return the cleaned people; every problem is reported at once.

    ``unlisted_category`` lets the ledger import keep a category typed in an old ledger that is
    not on the settings list (it is reported to the clerk); the form never sets it.
    """
    problems: dict[str, str] = {}
    people: list[dict] = []
    # Text is cleaned at the door and held to a length that fits its purpose.
    for key, label, limit, line in _TEXTS:
        text = clean_into(getattr(case, key), label, key, problems, line=line)
        check_length(text, limit, label, key, problems)
        setattr(case, key, text)
    try:
        case.channel = Channel(case.channel)
    except ValueError:
        problems["channel"] = "请选择信访形式"
    if case.received_at > now + CLOCK_SKEW:
        problems["received_at"] = "收到时间不能晚于现在"
    if not case.category.strip() or (case.category not in categories and not unlisted_category):
        problems["category"] = "请选择问题类别"
    if not case.request.strip():
        problems["request"] = "请填写诉求"
    if not case.facts.strip() and not case.summary.strip():
        problems["facts"] = "请填写事实和理由或摘要"
    if not case.people and not case.anonymous:
        problems["people"] = "请至少填写一位信访人（匿名信件请勾选“匿名”）"
    for i, p in enumerate(case.people):
        try:
            people.append(validate_person(p, i, now.date(), anonymous=case.anonymous))
        except ValidationError as exc:
            problems.update(exc.problems)
    reps = sum(1 for p in case.people if p.role is Role.REPRESENTATIVE)
    if case.collective:
        if case.head_count < 2:
            problems["head_count"] = "集体访人数至少为2人"
        if reps > MAX_REPRESENTATIVES:
            problems["people"] = f"集体访推选代表不得超过{MAX_REPRESENTATIVES}人，现有{reps}人"
    elif case.head_count < 1:
        problems["head_count"] = "人数至少为1"
    if case.head_count > MAX_HEAD_COUNT:
        problems["head_count"] = f"人数不能超过 {MAX_HEAD_COUNT}"
    ids = [p["id_number"] for p in people if p["id_number"]]
    if len(ids) != len(set(ids)):
        problems["people"] = "同一身份证号在本次登记中出现了两次"
    if problems:
        raise ValidationError(problems)
    return people


class PersonDiffersError(ValidationError):
    """A typed ID number is on file under other details, and the clerk has not chosen yet.

    ``differences`` maps the person's place on the form to ``{field: (stored, typed)}``; the
    form shows them and sets ``PersonInput.on_file`` to the clerk's choice. Nothing is saved.
    """

    def __init__(self, differences: dict[int, dict[str, tuple[str, str]]]) -> None:
        self.differences = differences
        problems = {}
        for i, diff in differences.items():
            names = "、".join(PERSON_FIELDS[k] for k in diff)
            problems[f"people.{i}.id_number"] = (
                f"第{i + 1}位信访人：该身份证号已登记，但本次填写的{names}与登记的不同，"
                "请选择使用已登记的信息，或将本次填写的信息作为更正记录"
            )
        super().__init__(problems)


def differences_on_file(
    conn: sqlite3.Connection, people: list[PersonInput], cleaned: list[dict]
) -> dict[int, dict[str, tuple[str, str]]]:
    """For each unlinked person whose ID number is on file: the typed details that differ.

    A field left empty on the form is not a difference (the stored value stays).
    """
    out: dict[int, dict[str, tuple[str, str]]] = {}
    for i, (p, clean) in enumerate(zip(people, cleaned, strict=True)):
        if p.person_id is not None or not clean["id_number"]:
            continue
        row = conn.execute(
            f"SELECT {', '.join(COMPARED_FIELDS)} FROM people WHERE id_number = ?",
            (clean["id_number"],),
        ).fetchone()
        if row is None:
            continue
        diff = {
            k: (row[k] or "", clean[k])
            for k in COMPARED_FIELDS
            if clean[k] and clean[k] != (row[k] or "")
        }
        if diff:
            out[i] = diff
    return out


def check_on_file(
    conn: sqlite3.Connection,
    case: CaseInput,
    now: dt.datetime,
    categories: list[str],
    *,
    unlisted_category: bool = False,
) -> list[dict]:
    """Raise ``PersonDiffersError`` for a known ID number typed with other details, unless the
    choice was made (``PersonInput.on_file``). For checking ahead, as the importer's dry run.
    Returns the cleaned people (``validate``)."""
    cleaned = validate(case, now, categories, unlisted_category=unlisted_category)
    differences = differences_on_file(conn, case.people, cleaned)
    undecided = {i: d for i, d in differences.items() if not case.people[i].on_file}
    if undecided:
        raise PersonDiffersError(undecided)
    return cleaned


def same_case_key(case: CaseInput, people: list[dict]) -> tuple:
    """What makes two registrations the same case: when and how it came, who (names and ID
    numbers, in order) and everything it says. ``people``: the cleaned people of ``case``."""
    return (
        case.received_at.isoformat(timespec="minutes"),
        case.channel.value,
        tuple((p["name"], p["id_number"] or "") for p in people),
        case.summary.strip(),
        case.request.strip(),
        case.facts.strip(),
    )


def twin_on_file(conn: sqlite3.Connection, want: tuple, viewer: User) -> str | None:
    """The number of a case ``viewer`` can see registered with ``want`` (``same_case_key``):
    the same row of a ledger imported again, or a month two ledgers both hold. A 保密 case
    hidden from ``viewer`` is never matched: naming it would confirm who filed it."""
    vis = visible_sql(viewer)
    rows = conn.execute(
        "SELECT c.id, c.number, c.channel, c.summary, c.request, c.facts FROM cases c "
        f"WHERE c.received_at = ? AND c.people_names = ? AND c.summary = ? AND {vis}",
        (want[0], " ".join(name for name, _id in want[2]), want[3]),
    ).fetchall()
    for case_id, number, channel, summary, request, facts in rows:
        on_file = conn.execute(
            "SELECT p.name, coalesce(p.id_number, '') FROM case_people cp "
            "JOIN people p ON p.id = cp.person_id WHERE cp.case_id = ? ORDER BY cp.position",
            (case_id,),
        ).fetchall()
        key = (want[0], channel, tuple(tuple(r) for r in on_file), summary, request, facts)
        if key == want:
            return str(number)
    return None


def _save_person(conn: sqlite3.Connection, p: PersonInput, clean: dict, now: str) -> int:
    """Reuse the linked or identical person (same ID number); otherwise create one."""
    if p.person_id is not None:
        return p.person_id
    if clean["id_number"]:
        row = conn.execute(
            "SELECT id FROM people WHERE id_number = ?", (clean["id_number"],)
        ).fetchone()
        if row:
            return int(row[0])
    cur = conn.execute(
        "INSERT INTO people(name, gender, id_number, id_legacy, phone, address, village, "
        "workplace, created_at, initials) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (
            clean["name"] or "匿名",
            clean["gender"],
            clean["id_number"],
            clean["id_legacy"],
            clean["phone"],
            clean["address"],
            clean["village"],
            clean["workplace"],
            now,
            initials(clean["name"]),
        ),
    )
    return inserted_id(cur)


COLLECTIVE_CHANNELS = (Channel.VISIT.value, Channel.LEADER_RECEPTION.value)


def is_collective_visit(channel: str, head_count: int, settings: Mapping[str, Any]) -> bool:
    """A visit of ``collective_threshold`` or more people is a collective visit (集体访)."""
    return str(channel) in COLLECTIVE_CHANNELS and head_count >= int(
        settings["collective_threshold"]
    )


def register_case(
    conn: sqlite3.Connection,
    case: CaseInput,
    actor: User,
    now: dt.datetime | None = None,
    *,
    unlisted_category: bool = False,
) -> tuple[int, str]:
    """Validate and save a new case with its people and its first event; return (id, number).

    Everything happens in one transaction: a failure saves nothing and uses up no number.
    """
    require(actor, Permission.REGISTER)
    now = now or dt.datetime.now()
    rules = load_limits(conn)
    if is_collective_visit(case.channel, max(case.head_count, len(case.people)), rules.settings):
        case.collective = True  # whatever the checkbox says (the threshold is a setting)
    categories = list(rules.settings["categories"])
    people = validate(case, now, categories, unlisted_category=unlisted_category)
    stamp = now.isoformat(timespec="seconds")
    # A known ID number never silently replaces what was typed: the clerk chooses.
    differences = differences_on_file(conn, case.people, people)
    if any(not case.people[i].on_file for i in differences):
        raise PersonDiffersError(
            {i: d for i, d in differences.items() if not case.people[i].on_file}
        )
    for i, diff in differences.items():
        if case.people[i].on_file == USE_STORED:  # the case carries the details on file
            people[i].update({k: stored or None for k, (stored, _typed) in diff.items()})
    with transaction(conn):
        person_ids = [
            _save_person(conn, p, clean, stamp)
            for p, clean in zip(case.people, people, strict=True)
        ]
        if len(set(person_ids)) != len(person_ids):
            raise ValidationError("同一个人在本次登记中出现了两次", "people")
        keys = [PersonKey.of(conn, pid) for pid in person_ids]
        repeat = any(
            is_repeat(conn, key, case.category, case.received_at.date(), rules) for key in keys
        )
        year = case.received_at.year
        seq = allocate(conn, CASE, year)
        number = case_number(year, seq)
        names = " ".join(
            conn.execute("SELECT name FROM people WHERE id = ?", (pid,)).fetchone()[0]
            for pid in person_ids
        )
        village = next((c["village"] for c in people if c["village"]), "")
        row = {
            "number": number,
            "year": year,
            "seq": seq,
            "channel": case.channel.value,
            "received_at": case.received_at.isoformat(timespec="minutes"),
            "registered_by": actor.id,
            "registered_at": stamp,
            "purpose": case.purpose.value if case.purpose else None,
            "category": case.category,
            "summary": case.summary.strip(),
            "request": case.request.strip(),
            "facts": case.facts.strip(),
            "place": case.place.strip(),
            "village": village,
            "head_count": max(case.head_count, len(person_ids), 1),
            "collective": int(case.collective),
            "repeat": int(repeat),
            "anonymous": int(case.anonymous),
            "skipped_level": int(case.skipped_level),
            "law_related": int(case.law_related),
            "confidential": int(case.confidential),
            "urgent": int(case.urgent),
            "people_names": names,
            "state": State.REGISTERED.value,
        }
        row.update(due_fields(row, rules))
        cols = ", ".join(row)
        marks = ", ".join("?" * len(row))
        case_id = inserted_id(
            conn.execute(f"INSERT INTO cases({cols}) VALUES ({marks})", tuple(row.values()))
        )
        conn.executemany(
            "INSERT INTO case_people(case_id, person_id, role, position) VALUES (?,?,?,?)",
            [
                (case_id, pid, p.role.value, i)
                for i, (pid, p) in enumerate(zip(person_ids, case.people, strict=True))
            ],
        )
        data: dict[str, object] = {"number": number, "repeat": bool(repeat), "people": person_ids}
        if case.from_ocr:
            data["ocr"] = True
            if case.letter_date:
                data["letter_date"] = case.letter_date
        events.record(
            conn,
            case_id,
            now,
            actor,
            Action.REGISTER,
            data,
            state_before=None,
            state_after=State.REGISTERED,
        )
        # Recorded after the registration, so the history reads in order.
        for i, diff in differences.items():
            if case.people[i].on_file == CORRECT_STORED:
                correct_person(
                    conn,
                    case_id,
                    person_ids[i],
                    {k: typed for k, (_stored, typed) in diff.items()},
                    "登记时核对：身份证号已登记，按本次填写的信息更正",
                    actor,
                    now,
                )
        if case.leader_id is not None:
            # Imported here: leaders builds on cases, which registration must not depend on.
            from petition_desk.services.leaders import set_first_leader

            set_first_leader(
                conn, case_id, case.leader_id, case.reception_kind or "随机接访", actor, now
            )
    return int(case_id), number
