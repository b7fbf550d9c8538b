"""The clerk's holiday table and the ``Limits`` every clock is computed from."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from petition_desk.db.connection import transaction
from petition_desk.db.engine import sqlite3
from petition_desk.domain.deadlines import Limits, due_fields
from petition_desk.domain.workdays import WorkCalendar
from petition_desk.errors import ValidationError
from petition_desk.services import audit
from petition_desk.services import settings as settings_mod
from petition_desk.services.directory import User
from petition_desk.services.permissions import Permission, require


def load_calendar(conn: sqlite3.Connection) -> WorkCalendar:
    overrides = {
        dt.date.fromisoformat(day): bool(work)
        for day, work in conn.execute("SELECT day, workday FROM holiday_overrides")
    }
    years = [y for (y,) in conn.execute("SELECT year FROM holiday_years")]
    return WorkCalendar(overrides, years)


def load_limits(conn: sqlite3.Connection) -> Limits:
    """Settings and the work calendar as stored in this database."""
    return Limits(settings_mod.load(conn), load_calendar(conn))


def _changed_by(
    conn: sqlite3.Connection, actor: User, what: str, details: dict[str, object]
) -> None:
    """The work calendar moves legal due dates: only the administrator changes it, and each
    change is in the 操作日志."""
    require(actor, Permission.MANAGE_SETTINGS)
    audit.record(conn, actor, what, details)


def set_override(
    conn: sqlite3.Connection,
    day: dt.date,
    workday: bool,
    note: str = "",
    *,
    actor: User,
) -> None:
    """Declare ``day`` a working day or a day off; due dates of open cases are recomputed."""
    _changed_by(
        conn,
        actor,
        "修改工作日历",
        {"what": f"{day.isoformat()} {'上班' if workday else '休息'} {note.strip()}".strip()},
    )
    with transaction(conn):
        conn.execute(
            "INSERT INTO holiday_overrides(day, workday, note) VALUES (?, ?, ?) "
            "ON CONFLICT(day) DO UPDATE SET workday = excluded.workday, note = excluded.note",
            (day.isoformat(), int(workday), note.strip()),
        )
        recompute_due_dates(conn)


def remove_override(conn: sqlite3.Connection, day: dt.date, *, actor: User) -> None:
    _changed_by(conn, actor, "修改工作日历", {"what": f"删除 {day.isoformat()} 的调休设置"})
    with transaction(conn):
        conn.execute("DELETE FROM holiday_overrides WHERE day = ?", (day.isoformat(),))
        recompute_due_dates(conn)


def confirm_year(conn: sqlite3.Connection, year: int, note: str = "", *, actor: User) -> None:
    """Mark ``year``'s schedule as completely entered: its due dates become confirmed."""
    _changed_by(conn, actor, "确认全年节假日", {"year": year})
    with transaction(conn):
        conn.execute("INSERT OR REPLACE INTO holiday_years(year, note) VALUES (?, ?)", (year, note))
        recompute_due_dates(conn)


def import_holidays(conn: sqlite3.Connection, path: Path, year: int, *, actor: User) -> int:
    """Import a year's schedule from CSV rows ``date,上班|休息[,note]`` and confirm the year.

    Rows outside ``year`` are refused, so a file for the wrong year cannot slip in.
    """
    _changed_by(conn, actor, "导入节假日", {"year": year, "file": Path(path).name})
    rows: list[tuple[str, int, str]] = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        import csv  # only for an import of a holiday file, not at every start

        for n, rec in enumerate(csv.reader(fh), start=1):
            if not rec or not rec[0].strip() or rec[0].strip() in ("日期", "date"):
                continue
            try:
                day = dt.date.fromisoformat(rec[0].strip())
            except ValueError:
                raise ValidationError(
                    f"第{n}行日期“{rec[0]}”无效，应为 2027-01-01 的形式"
                ) from None
            kind = (rec[1] if len(rec) > 1 else "").strip()
            if kind not in ("上班", "休息"):
                raise ValidationError(f"第{n}行类型应为“上班”或“休息”，现在是“{kind}”")
            if day.year != year:
                raise ValidationError(f"第{n}行日期 {day} 不属于 {year} 年")
            rows.append(
                (day.isoformat(), int(kind == "上班"), rec[2].strip() if len(rec) > 2 else "")
            )
    with transaction(conn):
        conn.executemany(
            "INSERT OR REPLACE INTO holiday_overrides(day, workday, note) VALUES (?, ?, ?)", rows
        )
        conn.execute("INSERT OR REPLACE INTO holiday_years(year, note) VALUES (?, '导入')", (year,))
        recompute_due_dates(conn)
    return len(rows)


def recompute_due_dates(conn: sqlite3.Connection) -> int:
    """Recompute ``next_due`` of every case with a running clock (after a calendar change)."""
    rules = load_limits(conn)
    changed = 0
    rows = conn.execute("SELECT * FROM cases WHERE next_due IS NOT NULL").fetchall()
    for row in rows:
        fields = due_fields(dict(row), rules)
        if (
            fields["next_due"] != row["next_due"]
            or fields["next_due_confirmed"] != row["next_due_confirmed"]
        ):
            conn.execute(
                "UPDATE cases SET next_due = ?, next_due_kind = ?, next_due_confirmed = ? "
                "WHERE id = ?",
                (
                    fields["next_due"],
                    fields["next_due_kind"],
                    fields["next_due_confirmed"],
                    row["id"],
                ),
            )
            changed += 1
    return changed


def overrides(conn: sqlite3.Connection) -> list[tuple[str, bool, str]]:
    """The clerk's holiday table: (day, working day?, note), by date."""
    return [
        (day, bool(work), note)
        for day, work, note in conn.execute(
            "SELECT day, workday, note FROM holiday_overrides ORDER BY day"
        )
    ]


def entered_years(conn: sqlite3.Connection) -> list[int]:
    """Years whose holiday schedule was marked complete by the clerk."""
    return [y for (y,) in conn.execute("SELECT year FROM holiday_years ORDER BY year")]
