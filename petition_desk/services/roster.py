"""The month's reception roster: leaders in rotation on the reception days, swaps with notice.

Rotation continues across months (the first day of a month goes to the leader after the one
who had the last day before it), so over a year the counts per leader differ by at most one.
Entries a clerk changed by hand are marked manual and kept when the month is generated again.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from petition_desk.db.connection import inserted_id, transaction
from petition_desk.db.engine import sqlite3
from petition_desk.domain import reception
from petition_desk.domain.text import LINE_MAX, NOTE_MAX, clean_text
from petition_desk.errors import NotFoundError, ValidationError
from petition_desk.services import reception_store
from petition_desk.services import settings as settings_mod
from petition_desk.services.calendar_store import load_calendar
from petition_desk.services.directory import User, list_leaders
from petition_desk.services.permissions import Permission, require


@dataclass(frozen=True)
class Entry:
    id: int
    day: dt.date
    half_day: str
    leader_id: int
    leader: str
    place: str
    department_id: int | None
    department: str
    manual: bool
    confirmed: bool
    note: str
    office_hours: str = reception.DEFAULT_OFFICE_HOURS

    @property
    def time(self) -> str:
        """The reception time of this half-day within the unit's office hours."""
        return reception.half_day_times(self.office_hours).get(self.half_day, self.half_day)


_ENTRY_SQL = (
    "SELECT r.id, r.day, r.half_day, r.leader_id, l.name, r.place, r.accompany_department_id,"
    " coalesce(d.name, ''), r.manual, r.confirmed, r.note FROM roster r"
    " JOIN leaders l ON l.id = r.leader_id"
    " LEFT JOIN departments d ON d.id = r.accompany_department_id"
)


def _office_hours(conn: sqlite3.Connection) -> str:
    return str(settings_mod.load(conn)["office_hours"])


def _entry(row, office_hours: str = reception.DEFAULT_OFFICE_HOURS) -> Entry:
    return Entry(
        row[0],
        dt.date.fromisoformat(row[1]),
        row[2],
        row[3],
        row[4],
        row[5],
        row[6],
        row[7],
        bool(row[8]),
        bool(row[9]),
        row[10],
        office_hours,
    )


def month_entries(conn: sqlite3.Connection, year: int, month: int) -> list[Entry]:
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    rows = conn.execute(
        f"{_ENTRY_SQL} WHERE r.day BETWEEN ? AND ? ORDER BY r.day, r.half_day",
        (first.isoformat(), last.isoformat()),
    )
    hours = _office_hours(conn)
    return [_entry(r, hours) for r in rows]


def coming(conn: sqlite3.Connection, today: dt.date, limit: int = 10) -> list[Entry]:
    rows = conn.execute(
        f"{_ENTRY_SQL} WHERE r.day >= ? ORDER BY r.day, r.half_day LIMIT ?",
        (today.isoformat(), limit),
    )
    hours = _office_hours(conn)
    return [_entry(r, hours) for r in rows]


def on_day(conn: sqlite3.Connection, day: dt.date) -> list[Entry]:
    rows = conn.execute(f"{_ENTRY_SQL} WHERE r.day = ?", (day.isoformat(),))
    hours = _office_hours(conn)
    return [_entry(r, hours) for r in rows]


def get_entry(conn: sqlite3.Connection, entry_id: int) -> Entry:
    row = conn.execute(f"{_ENTRY_SQL} WHERE r.id = ?", (entry_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"排班 id={entry_id} 不存在")
    return _entry(row, _office_hours(conn))


@dataclass(frozen=True)
class Generated:
    entries: list[Entry]
    created: int
    kept_manual: int
    unconfirmed_year: bool


def _log(conn, entry_id, day, actor: User, action, old, new, reason="", late=False, at=None):
    conn.execute(
        "INSERT INTO roster_changes(roster_id, day, at, actor, action, old_leader_id,"
        " new_leader_id, reason, late_override) VALUES (?,?,?,?,?,?,?,?,?)",
        (
            entry_id,
            day.isoformat(),
            (at or dt.datetime.now()).isoformat(timespec="seconds"),
            actor.name,
            action,
            old,
            new,
            reason,
            int(late),
        ),
    )


def generate_month(
    conn: sqlite3.Connection, year: int, month: int, actor: User, now: dt.datetime | None = None
) -> Generated:
    """(Re)build the month from the rules; manual entries stay as the clerk left them."""
    require(actor, Permission.MANAGE_ROSTER)
    rules = reception_store.load_reception_rules(conn)
    if not rules:
        raise ValidationError("还没有接待日规则，请先添加（如“农历逢三、六、九上午”）", "rules")
    rota = [r["id"] for r in list_leaders(conn)]
    if not rota:
        raise ValidationError("还没有领导名单，请先在“设置”中添加领导", "leaders")
    values = settings_mod.load(conn)
    slots = reception.month_slots(
        rules,
        year,
        month,
        load_calendar(conn),
        include_rest_days=bool(values["receive_on_rest_days"]),
        default_place=values["reception_place"],
    )
    first = dt.date(year, month, 1)
    with transaction(conn):
        manual = {(e.day, e.half_day) for e in month_entries(conn, year, month) if e.manual}
        conn.execute(
            "DELETE FROM roster WHERE day BETWEEN ? AND ? AND manual = 0",
            (
                first.isoformat(),
                dt.date(year, month, calendar.monthrange(year, month)[1]).isoformat(),
            ),
        )
        previous = conn.execute(
            "SELECT leader_id FROM roster WHERE day < ? ORDER BY day DESC, half_day DESC LIMIT 1",
            (first.isoformat(),),
        ).fetchone()
        turn = (rota.index(previous[0]) + 1) if previous and previous[0] in rota else 0
        created = 0
        for slot in slots.slots:
            if (slot.day, slot.half_day) in manual:
                turn += 1  # the manual entry used this turn
                continue
            leader_id = rota[turn % len(rota)]
            turn += 1
            entry_id = inserted_id(
                conn.execute(
                    "INSERT INTO roster(day, half_day, leader_id, place, confirmed) VALUES (?,?,?,?,?)",
                    (
                        slot.day.isoformat(),
                        slot.half_day,
                        leader_id,
                        slot.place,
                        int(slot.confirmed),
                    ),
                )
            )
            created += 1
            _log(conn, entry_id, slot.day, actor, "生成", None, leader_id, at=now)
    return Generated(month_entries(conn, year, month), created, len(manual), slots.unconfirmed_year)


def _clean(text: str, label: str, field: str, limit: int = NOTE_MAX) -> str:
    """A reason, place or note cleaned at the door and held to ``limit`` characters."""
    text = clean_text(text, label, field)
    if len(text) > limit:
        raise ValidationError(f"{label}不能超过 {limit} 字", field)
    return text


def swap(
    conn: sqlite3.Connection,
    entry_id: int,
    new_leader_id: int,
    actor: User,
    *,
    today: dt.date,
    reason: str = "",
    override: bool = False,
    exchange: bool = True,
    now: dt.datetime | None = None,
) -> Entry:
    """Give a day to another leader, who takes over (and, with ``exchange``, hands over his
    next own day in return).

    A swap less than the configured notice before the day is refused unless ``override`` with
    a reason; every change is written to the roster log.
    """
    require(actor, Permission.MANAGE_ROSTER)
    reason = _clean(reason, "理由", "reason")
    entry = get_entry(conn, entry_id)
    if entry.leader_id == new_leader_id:
        raise ValidationError("调换后的领导与原领导相同", "leader")
    if (
        conn.execute("SELECT 1 FROM leaders WHERE id = ? AND active", (new_leader_id,)).fetchone()
        is None
    ):
        raise ValidationError("所选领导不存在或已停用", "leader")
    if entry.day < today:
        raise ValidationError("已过去的接待日不能调换", "day")
    notice = int(settings_mod.load(conn)["swap_notice_days"])
    late = (entry.day - today).days < notice
    if late and not (override and reason.strip()):
        raise ValidationError(
            f"须至少提前{notice}天告知群工办；距接待日仅{(entry.day - today).days}天。"
            f"如确需调换，请填写理由并选择“仍要调换”",
            "late",
        )
    with transaction(conn):
        conn.execute(
            "UPDATE roster SET leader_id = ?, manual = 1 WHERE id = ?", (new_leader_id, entry_id)
        )
        _log(
            conn,
            entry_id,
            entry.day,
            actor,
            "调换",
            entry.leader_id,
            new_leader_id,
            reason.strip(),
            late,
            now,
        )
        if exchange:
            other = conn.execute(
                "SELECT id, day FROM roster WHERE leader_id = ? AND day > ? ORDER BY day LIMIT 1",
                (new_leader_id, entry.day.isoformat()),
            ).fetchone()
            if other:
                conn.execute(
                    "UPDATE roster SET leader_id = ?, manual = 1 WHERE id = ?",
                    (entry.leader_id, other[0]),
                )
                _log(
                    conn,
                    other[0],
                    dt.date.fromisoformat(other[1]),
                    actor,
                    "调换（互换）",
                    new_leader_id,
                    entry.leader_id,
                    reason.strip(),
                    late,
                    now,
                )
    return get_entry(conn, entry_id)


def edit(
    conn: sqlite3.Connection,
    entry_id: int,
    actor: User,
    *,
    place: str | None = None,
    department_id: int | None = None,
    note: str | None = None,
    now: dt.datetime | None = None,
) -> Entry:
    """Change place, accompanying department (陪访) or note; the entry becomes manual."""
    require(actor, Permission.MANAGE_ROSTER)
    place = None if place is None else _clean(place, "地点", "place", LINE_MAX)
    note = None if note is None else _clean(note, "备注", "note")
    entry = get_entry(conn, entry_id)
    with transaction(conn):
        conn.execute(
            "UPDATE roster SET place = coalesce(?, place), accompany_department_id = ?,"
            " note = coalesce(?, note), manual = 1 WHERE id = ?",
            (
                place,
                department_id if department_id is not None else entry.department_id,
                note,
                entry_id,
            ),
        )
        _log(
            conn,
            entry_id,
            entry.day,
            actor,
            "修改",
            entry.leader_id,
            entry.leader_id,
            f"地点：{place or entry.place}；陪访：{department_id or ''}",
            at=now,
        )
    return get_entry(conn, entry_id)


def changes(conn: sqlite3.Connection, day_from: dt.date, day_to: dt.date) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT c.*, a.name AS old_leader, b.name AS new_leader FROM roster_changes c"
        " LEFT JOIN leaders a ON a.id = c.old_leader_id LEFT JOIN leaders b ON b.id = c.new_leader_id"
        " WHERE c.day BETWEEN ? AND ? ORDER BY c.id",
        (day_from.isoformat(), day_to.isoformat()),
    ).fetchall()


def counts(conn: sqlite3.Connection, first: dt.date, last: dt.date) -> dict[str, int]:
    """Reception half-days per leader in a period (for checking fairness)."""
    return dict(
        conn.execute(
            "SELECT l.name, count(*) FROM roster r JOIN leaders l ON l.id = r.leader_id"
            " WHERE r.day BETWEEN ? AND ? GROUP BY l.name",
            (first.isoformat(), last.isoformat()),
        )
    )
