"""Reading a case and performing lifecycle steps on it, each in one transaction."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from petition_desk.db.connection import transaction
from petition_desk.db.engine import sqlite3
from petition_desk.domain.deadlines import Clock, running_clocks
from petition_desk.domain.idcard import mask_id
from petition_desk.domain.lifecycle import Action, Step
from petition_desk.domain.phones import mask_phone
from petition_desk.errors import NotFoundError, ValidationError
from petition_desk.services import audit, visibility
from petition_desk.services.calendar_store import load_limits
from petition_desk.services.directory import User
from petition_desk.services.events import apply_step
from petition_desk.services.permissions import Permission, allowed, require


@dataclass(frozen=True)
class Event:
    """One entry of a case's history."""

    id: int
    at: str
    actor: str
    action: str
    state_before: str | None
    state_after: str
    data: dict[str, Any]


def get_case(conn: sqlite3.Connection, case: int | str) -> dict[str, Any]:
    """A case's row as a dict, by id or by number (``2026-0137``)."""
    if isinstance(case, str):
        row = conn.execute("SELECT * FROM cases WHERE number = ?", (case,)).fetchone()
    else:
        row = conn.execute("SELECT * FROM cases WHERE id = ?", (case,)).fetchone()
    if row is None:
        raise NotFoundError(f"案件“{case}”不存在")
    return dict(row)


def open_case(conn: sqlite3.Connection, case_id: int, actor: User) -> dict[str, Any]:
    """A case opened to be read in full (the case window): its row, once the viewer is known
    to be allowed (``RestrictedCase`` for a hidden 保密 case, ``services/visibility.py``) and
    the viewing of its personal details is in the audit log. Call once per opening; reading
    it again in the same window (``get_case``) is not another viewing."""
    require(actor, Permission.READ)
    case = get_case(conn, case_id)
    visibility.require_visible(conn, actor, case_id)
    audit.record_view(conn, actor, case["number"])
    return case


def case_people(
    conn: sqlite3.Connection, case_id: int, viewer: User | None = None
) -> list[dict[str, Any]]:
    """The people of a case in registration order, with their role.

    Shown to ``viewer``: ID numbers and phones come masked unless the viewer's role may see
    them unmasked (查阅 may not). Without a viewer (services, documents) they come whole.
    """
    rows = conn.execute(
        "SELECT p.*, cp.role FROM case_people cp JOIN people p ON p.id = cp.person_id "
        "WHERE cp.case_id = ? ORDER BY cp.position",
        (case_id,),
    )
    people = [dict(r) for r in rows]
    if viewer is not None and not allowed(viewer, Permission.VIEW_UNMASKED):
        for p in people:
            p["id_number"] = mask_id(p["id_number"] or "")
            p["phone"] = "\n".join(mask_phone(n) for n in (p["phone"] or "").split("\n"))
    return people


def history(conn: sqlite3.Connection, case_id: int) -> list[Event]:
    """The case's events, oldest first."""
    rows = conn.execute(
        "SELECT id, at, actor, action, state_before, state_after, data FROM case_events "
        "WHERE case_id = ? ORDER BY id",
        (case_id,),
    )
    return [Event(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6])) for r in rows]


def clocks(conn: sqlite3.Connection, case_id: int) -> list[Clock]:
    """The clocks running for a case now."""
    return running_clocks(get_case(conn, case_id), load_limits(conn))


def perform(
    conn: sqlite3.Connection,
    case_id: int,
    action: Action,
    params: dict[str, Any],
    actor: User,
    at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Step:
    """Perform a lifecycle step: check, update the case and append its event atomically.

    ``at`` is when the step happened (defaults to now); it may not lie in the future.
    """
    require(actor, Permission.HANDLE)
    now = now or dt.datetime.now()
    at = at or now
    if at > now + dt.timedelta(minutes=5):
        raise ValidationError("办理时间不能晚于现在", "at")
    if action is Action.REGISTER:
        raise ValidationError("登记请使用登记表", "action")
    rules = load_limits(conn)
    with transaction(conn):
        case = get_case(conn, case_id)
        if action is Action.ASSIGN:
            _check_department(conn, params.get("department_id"))
        return apply_step(conn, case, action, params, at, actor, rules)


def _check_department(conn: sqlite3.Connection, dept: Any) -> None:
    if (
        isinstance(dept, int)
        and conn.execute("SELECT 1 FROM departments WHERE id = ? AND active", (dept,)).fetchone()
        is None
    ):
        raise ValidationError("所选承办单位不存在或已停用", "department_id")


def received_span(conn: sqlite3.Connection) -> tuple[dt.date, dt.date] | None:
    """The first and last day on which a case was received; None for an empty desk."""
    first, last = conn.execute("SELECT min(received_at), max(received_at) FROM cases").fetchone()
    if first is None:
        return None
    return dt.date.fromisoformat(first[:10]), dt.date.fromisoformat(last[:10])
