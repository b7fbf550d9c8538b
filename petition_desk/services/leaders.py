"""Leaders and cases: 首问责任 at reception, 阅批 of letters, and 领导包案 (docs/domain.md §7)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from petition_desk.db.connection import inserted_id, transaction
from petition_desk.db.engine import sqlite3
from petition_desk.domain.deadlines import Clock, running_clocks
from petition_desk.domain.lifecycle import Action
from petition_desk.domain.text import NOTE_MAX, clean_text
from petition_desk.domain.vocab import OPEN_STATES, State
from petition_desk.errors import NotFoundError, ValidationError
from petition_desk.services import events
from petition_desk.services import settings as settings_mod
from petition_desk.services.calendar_store import load_limits
from petition_desk.services.cases import get_case
from petition_desk.services.directory import User
from petition_desk.services.permissions import Permission, require
from petition_desk.services.visibility import RESTRICTED_TEXT

RECEPTION_KINDS = ("随机接访", "专题约访", "现场接访")


def _leader_name(conn: sqlite3.Connection, leader_id: int) -> str:
    row = conn.execute("SELECT name FROM leaders WHERE id = ? AND active", (leader_id,)).fetchone()
    if row is None:
        raise ValidationError("所选领导不存在或已停用", "leader")
    return row[0]


def _event(conn, case_id: int, at: dt.datetime, actor: User, action: Action, data: dict) -> None:
    events.record(conn, case_id, at, actor, action, data)


def pass_for_review(
    conn: sqlite3.Connection,
    case_id: int,
    leader_id: int,
    actor: User,
    at: dt.datetime | None = None,
) -> int:
    """A letter addressed or passed to a leader: open a 阅批 record."""
    require(actor, Permission.HANDLE)
    at = at or dt.datetime.now()
    name = _leader_name(conn, leader_id)
    with transaction(conn):
        review_id = inserted_id(
            conn.execute(
                "INSERT INTO leader_reviews(case_id, leader_id, passed_at) VALUES (?,?,?)",
                (case_id, leader_id, at.isoformat(timespec="seconds")),
            )
        )
        _event(conn, case_id, at, actor, Action.PASS_FOR_REVIEW, {"leader": name})
    return int(review_id)


def record_review(
    conn: sqlite3.Connection,
    review_id: int,
    instruction: str,
    result: str,
    actor: User,
    at: dt.datetime | None = None,
) -> None:
    """The leader's 批示 and what came of it."""
    require(actor, Permission.REVIEW)
    at = at or dt.datetime.now()
    row = conn.execute(
        "SELECT case_id, leader_id, reviewed_at FROM leader_reviews WHERE id = ?", (review_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"阅批记录 id={review_id} 不存在")
    instruction = clean_text(instruction, "领导批示", "instruction")
    result = clean_text(result, "办理结果", "result")
    for text, label, field in (
        (instruction, "领导批示", "instruction"),
        (result, "办理结果", "result"),
    ):
        if len(text) > NOTE_MAX:
            raise ValidationError(f"{label}不能超过 {NOTE_MAX} 字", field)
    if not instruction.strip():
        raise ValidationError("请填写领导批示", "instruction")
    if row[2]:
        raise ValidationError("该阅批记录已登记批示", "instruction")
    with transaction(conn):
        conn.execute(
            "UPDATE leader_reviews SET reviewed_at = ?, instruction = ?, result = ? WHERE id = ?",
            (at.isoformat(timespec="seconds"), instruction.strip(), result.strip(), review_id),
        )
        _event(
            conn,
            row[0],
            at,
            actor,
            Action.LEADER_REVIEW,
            {
                "leader": _leader_name(conn, row[1]),
                "instruction": instruction.strip(),
                "result": result.strip(),
            },
        )


def reviews_of(conn: sqlite3.Connection, case_id: int) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT r.*, l.name AS leader FROM leader_reviews r JOIN leaders l ON l.id = r.leader_id"
        " WHERE r.case_id = ? ORDER BY r.id",
        (case_id,),
    ).fetchall()


def assign_owner(
    conn: sqlite3.Connection,
    case_id: int,
    leader_id: int,
    deadline: dt.date,
    actor: User,
    at: dt.datetime | None = None,
) -> None:
    """领导包案: a named leader owns an important case until it is resolved, by a deadline."""
    require(actor, Permission.REVIEW)
    at = at or dt.datetime.now()
    name = _leader_name(conn, leader_id)
    case = get_case(conn, case_id)
    if case["state"] in (State.CLOSED.value, State.ARCHIVED.value, State.FILED.value):
        raise ValidationError("已办结的案件不能包案", "case")
    if deadline < at.date():
        raise ValidationError("包案期限不能早于今天", "deadline")
    with transaction(conn):
        conn.execute(
            "UPDATE cases SET owner_leader_id = ?, owner_due = ? WHERE id = ?",
            (leader_id, deadline.isoformat(), case_id),
        )
        _event(
            conn,
            case_id,
            at,
            actor,
            Action.ASSIGN_OWNER,
            {"leader": name, "deadline": deadline.isoformat(), "previous": case["owner_leader_id"]},
        )


def set_first_leader(
    conn: sqlite3.Connection, case_id: int, leader_id: int, kind: str, actor: User, at: dt.datetime
) -> None:
    """The leader who received the visit becomes 首问责任人 and stays so until it is closed."""
    if kind not in RECEPTION_KINDS:
        raise ValidationError(f"接访方式应为：{'、'.join(RECEPTION_KINDS)}", "reception_kind")
    case = get_case(conn, case_id)
    if case["first_leader_id"] is not None:
        raise ValidationError("首问责任人已确定，办结前不能更换", "leader")
    name = _leader_name(conn, leader_id)
    with transaction(conn):
        conn.execute(
            "UPDATE cases SET first_leader_id = ?, reception_kind = ? WHERE id = ?",
            (leader_id, kind, case_id),
        )
        _event(
            conn,
            case_id,
            at,
            actor,
            Action.LEADER_RECEPTION,
            {"leader": name, "reception_kind": kind},
        )


@dataclass(frozen=True)
class OwnedCase:
    id: int
    number: str
    summary: str
    state: str
    owner_due: str | None
    clocks: list[Clock]


def _case_row(row: sqlite3.Row) -> dict:
    """The case's own columns (without the visibility flag selected beside them)."""
    case = dict(row)
    case.pop("shown_in_full", None)
    return case


def owned_cases(conn: sqlite3.Connection, leader_id: int, visible: str = "1") -> list[OwnedCase]:
    """A leader's 包案 and 首问 cases that are still open, with their running clocks.

    ``visible``: the viewer's rule (``services.visibility.visible_sql``); a hidden 保密 case is
    listed with its number and dates only.
    """
    rules = load_limits(conn)
    rows = conn.execute(
        f"SELECT c.*, {visible} AS shown_in_full FROM cases c"
        " WHERE (c.owner_leader_id = ? OR c.first_leader_id = ?) AND c.state IN"
        f" ({','.join('?' * len(OPEN_STATES))}) ORDER BY coalesce(c.owner_due, c.next_due)",
        (leader_id, leader_id, *OPEN_STATES),
    ).fetchall()
    return [
        OwnedCase(
            r["id"],
            r["number"],
            r["summary"] if r["shown_in_full"] else RESTRICTED_TEXT,
            r["state"] if r["shown_in_full"] else RESTRICTED_TEXT,
            r["owner_due"],
            running_clocks(_case_row(r), rules),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class ReviewRate:
    leader: str
    principal: bool
    passed: int
    reviewed: int
    target: int

    @property
    def percent(self) -> float | None:
        return None if self.passed == 0 else 100.0 * self.reviewed / self.passed

    @property
    def meets_target(self) -> bool | None:
        p = self.percent
        return None if p is None else p + 1e-9 >= self.target


def review_rates(conn: sqlite3.Connection, first: dt.date, last: dt.date) -> list[ReviewRate]:
    """Each active leader's 阅批率 for letters passed to them in the period."""
    values = settings_mod.load(conn)
    end = (last + dt.timedelta(days=1)).isoformat()
    rows = conn.execute(
        "SELECT l.name, l.principal, count(r.id), count(r.reviewed_at) FROM leaders l"
        " LEFT JOIN leader_reviews r ON r.leader_id = l.id AND r.passed_at >= ? AND r.passed_at < ?"
        " WHERE l.active GROUP BY l.id ORDER BY l.rotation, l.id",
        (first.isoformat(), end),
    )
    return [
        ReviewRate(
            name,
            bool(p),
            n,
            done,
            int(values["principal_review_target" if p else "other_review_target"]),
        )
        for name, p, n, done in rows
    ]
