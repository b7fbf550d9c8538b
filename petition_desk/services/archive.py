"""立卷归档 (docs/domain.md §3, §11): a case is filed only when its file is complete, into a
volume numbered by the configured scheme (year, retention period, sequence); several cases of
one petitioner may share a volume. An archived case is read-only until a logged, reasoned
re-opening.

What "complete" means is derived from the case's own history: every document a step called
for was issued (``lifecycle.STEP_DOCUMENTS``), or a reason none was due is recorded; a 交办 has
the department's report; a handled matter has its 回访 or the reason there was none; a 复查 or
复核 that was asked for has its result.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from petition_desk.db.connection import inserted_id, transaction
from petition_desk.db.engine import sqlite3
from petition_desk.domain.lifecycle import Action, Step
from petition_desk.domain.vocab import Disposition, State
from petition_desk.domain.volumes import volume_number
from petition_desk.errors import TransitionError, ValidationError
from petition_desk.reports.templates import KINDS
from petition_desk.services import settings as settings_mod
from petition_desk.services.calendar_store import load_limits
from petition_desk.services.cases import get_case, history
from petition_desk.services.directory import User
from petition_desk.services.documents import documents_called_for
from petition_desk.services.events import apply_step
from petition_desk.services.numbering import allocate
from petition_desk.services.permissions import Permission, require

PERMANENT = "永久"


@dataclass
class FileCheck:
    """What the file of a case holds and what it lacks, in the clerk's words."""

    case_id: int
    retention: str
    missing: list[str] = field(default_factory=list)
    #: gaps a recorded reason can close: "notice" (a notice not issued), "follow_up"
    excusable: set[str] = field(default_factory=set)

    @property
    def complete(self) -> bool:
        return not self.missing


def retention_of(conn: sqlite3.Connection, case: dict, events: list | None = None) -> str:
    """The retention period of a case's file: 永久, or a number of years as ``30年``.

    Important matters are kept permanently: collective visits, a leader's 包案, and matters
    that went to 复查/复核. Repeat petitions and matters that needed 督办 or an extension are
    kept for the long period, the rest for the short one (periods are settings).
    """
    values = settings_mod.load(conn)
    if case["state"] == State.FILED.value or case["disposition"] == Disposition.FILE.value:
        return f"{values['retention_letters_years']}年"
    actions = {e.action for e in (events if events is not None else history(conn, case["id"]))}
    if (
        case["collective"]
        or case.get("owner_leader_id")
        or Action.REQUEST_REVIEW.value in actions
        or Action.REQUEST_REREVIEW.value in actions
    ):
        return PERMANENT
    if case["repeat"] or case["supervision_count"] or case["extension_days"]:
        return f"{values['retention_long_years']}年"
    return f"{values['retention_short_years']}年"


def check_file(conn: sqlite3.Connection, case_id: int) -> FileCheck:
    """Is the file of ``case_id`` complete enough to archive? Says what is missing."""
    case = get_case(conn, case_id)
    events = history(conn, case_id)
    result = FileCheck(case_id, retention_of(conn, case, events))
    actions = Counter(e.action for e in events)
    if not actions[Action.REGISTER.value] and not actions[Action.IMPORT.value]:
        result.missing.append("登记记录")
    if not case["disposition"] and case["state"] != State.CLOSED.value:
        result.missing.append("处理方式（受理、交办、转送等）")
    # What the history called for and was not issued (or recorded as told on paper): the
    # same rules the documents service issues by. The 来访登记表 is the registration itself.
    missing_docs = Counter(
        c.kind for c in documents_called_for(conn, case_id) if c.kind != "visit-form"
    )
    for kind, gap in missing_docs.items():
        result.missing.append(f"{KINDS[kind].title}（缺 {gap} 份）")
        if KINDS[kind].to_petitioner and kind != "reply":
            result.excusable.add("notice")
    if actions[Action.ASSIGN.value] and not actions[Action.DEPARTMENT_REPORT.value]:
        result.missing.append("承办单位办结报告")
    handled = case["disposition"] in (Disposition.ACCEPT.value, Disposition.ASSIGN.value)
    if handled and not actions[Action.FOLLOW_UP.value]:
        result.missing.append("回访记录")
        result.excusable.add("follow_up")
    for request, answer, name in (
        (Action.REQUEST_REVIEW, Action.REVIEW_RESULT, "复查结果"),
        (Action.REQUEST_REREVIEW, Action.REREVIEW_RESULT, "复核结果"),
    ):
        if actions[request.value] > actions[answer.value]:
            result.missing.append(name)
    return result


def new_volume(
    conn: sqlite3.Connection, year: int, retention: str, actor: User, now: dt.datetime
) -> tuple[int, str]:
    """Allocate the next volume of ``year`` and ``retention`` (inside the caller's transaction)."""
    scheme = str(settings_mod.load(conn)["volume_scheme"])
    seq = allocate(conn, f"volume:{retention}", year)
    number = volume_number(scheme, year, retention, seq)
    volume_id = inserted_id(
        conn.execute(
            "INSERT INTO volumes(number, year, retention, seq, created_at, created_by) "
            "VALUES (?,?,?,?,?,?)",
            (number, year, retention, seq, now.isoformat(timespec="seconds"), actor.name),
        )
    )
    return volume_id, number


@dataclass(frozen=True)
class Volume:
    id: int
    number: str
    year: int
    retention: str
    cases: int


def volumes_of_petitioner(conn: sqlite3.Connection, case_id: int) -> list[Volume]:
    """Volumes already holding a case of one of this case's people (to file them together)."""
    rows = conn.execute(
        "SELECT v.id, v.number, v.year, v.retention, "
        " (SELECT count(*) FROM cases x WHERE x.volume_id = v.id) "
        "FROM volumes v WHERE v.id IN (SELECT c.volume_id FROM cases c "
        " JOIN case_people cp ON cp.case_id = c.id WHERE cp.person_id IN "
        " (SELECT person_id FROM case_people WHERE case_id = ?)) ORDER BY v.id",
        (case_id,),
    ).fetchall()
    return [Volume(*r) for r in rows]


def archive(
    conn: sqlite3.Connection,
    case_id: int,
    actor: User,
    now: dt.datetime | None = None,
    *,
    volume_id: int | None = None,
    no_notice_reason: str = "",
    no_follow_up_reason: str = "",
) -> Step:
    """File a complete case into a new volume, or into ``volume_id`` (one of its petitioner's).

    Refuses, naming what is missing, unless every gap is one a recorded reason may close
    (a notice not issued, no 回访) and that reason is given.
    """
    require(actor, Permission.HANDLE)
    now = now or dt.datetime.now()
    check = check_file(conn, case_id)
    reasons = {"notice": no_notice_reason.strip(), "follow_up": no_follow_up_reason.strip()}
    unexcused = [
        m
        for m in check.missing
        if not (
            ("notice" in check.excusable and "告知书" in m and reasons["notice"])
            or (m == "回访记录" and reasons["follow_up"])
        )
    ]
    if unexcused:
        raise ValidationError(f"案卷不完整，不能归档。缺少：{'、'.join(unexcused)}", "file")
    case = get_case(conn, case_id)
    with transaction(conn):
        if volume_id is None:
            volume_id, number = new_volume(conn, now.year, check.retention, actor, now)
        else:
            row = conn.execute(
                "SELECT number, retention FROM volumes WHERE id = ?", (volume_id,)
            ).fetchone()
            if row is None:
                raise ValidationError("所选案卷不存在", "volume")
            if volume_id not in {v.id for v in volumes_of_petitioner(conn, case_id)}:
                raise ValidationError("只能并入同一信访人已有的案卷", "volume")
            number = row[0]
        params = {
            "volume_no": number,
            "no_notice_reason": reasons["notice"],
            "no_follow_up_reason": reasons["follow_up"],
        }
        step = apply_step(conn, case, Action.ARCHIVE, params, now, actor, load_limits(conn))
        conn.execute("UPDATE cases SET volume_id = ? WHERE id = ?", (volume_id, case_id))
    return step


def reopen(
    conn: sqlite3.Connection, case_id: int, reason: str, actor: User, now: dt.datetime | None = None
) -> Step:
    """Open an archived case again (a 复查/复核 result arriving later), with the reason logged."""
    require(actor, Permission.HANDLE)
    now = now or dt.datetime.now()
    case = get_case(conn, case_id)
    if case["state"] != State.ARCHIVED.value:
        raise TransitionError("只有已归档的案件需要重新启用")
    with transaction(conn):
        return apply_step(
            conn, case, Action.REOPEN, {"reason": reason}, now, actor, load_limits(conn)
        )
