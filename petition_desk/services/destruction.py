"""销毁 (docs/domain.md §11): an approved batch erases the files past their retention.

For each case the personal data and the content go — the petitioners' details (a person who
still has a live case keeps theirs), the texts of the case and of its history, the leaders'
instructions, the kept documents' bytes, the attachments beside the database — while a
minimal record stays: number, dates, channel, category, disposition, state, volume and the
batch. The search index is purged and the file vacuumed, so the raw file no longer holds the
erased data; backups made afterwards do not either (older ones keep it until they rotate out).
The batch, who approved it and why are kept, and a 销毁清册 is produced for signature.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from petition_desk.db.connection import inserted_id, transaction
from petition_desk.db.engine import sqlite3
from petition_desk.errors import ValidationError
from petition_desk.services import audit
from petition_desk.services import settings as settings_mod
from petition_desk.services.attachments import folder_for
from petition_desk.services.directory import User
from petition_desk.services.permissions import Permission, require
from petition_desk.services.retention import Due, due_for_destruction

ERASED = "（已销毁）"
#: The data every event of a destroyed case keeps (the schema accepts exactly this).
REDACTED_EVENT = '{"已销毁": true}'


@dataclass(frozen=True)
class Batch:
    id: int
    approved_at: str
    approved_by: str
    reason: str
    due: list[Due]
    files_removed: int


def _erase_case(conn: sqlite3.Connection, case_id: int, batch_id: int, stamp: str) -> list[str]:
    """Blank one case inside the batch's transaction; return its attachment paths to remove."""
    people = [
        r[0]
        for r in conn.execute("SELECT person_id FROM case_people WHERE case_id = ?", (case_id,))
    ]
    conn.execute(
        "UPDATE cases SET summary = ?, request = '', facts = '', place = '', people_names = '', "
        "destroyed_at = ?, destruction_batch_id = ? WHERE id = ?",
        (ERASED, stamp, batch_id, case_id),
    )
    conn.execute("DELETE FROM case_people WHERE case_id = ?", (case_id,))
    for person_id in people:
        still_named = conn.execute(
            "SELECT 1 FROM case_people WHERE person_id = ? LIMIT 1", (person_id,)
        ).fetchone()
        if still_named is None:
            conn.execute("DELETE FROM people WHERE id = ?", (person_id,))
    conn.execute("UPDATE case_events SET data = ? WHERE case_id = ?", (REDACTED_EVENT, case_id))
    conn.execute(
        "UPDATE leader_reviews SET instruction = '', result = '' WHERE case_id = ?", (case_id,)
    )
    conn.execute("UPDATE documents SET pdf = X'' WHERE case_id = ?", (case_id,))
    paths = [
        r[0] for r in conn.execute("SELECT path FROM attachments WHERE case_id = ?", (case_id,))
    ]
    conn.execute("DELETE FROM attachments WHERE case_id = ?", (case_id,))
    return paths


def destroy(
    conn: sqlite3.Connection,
    db_path: Path,
    as_of: dt.date,
    reason: str,
    actor: User,
    now: dt.datetime | None = None,
) -> Batch:
    """Erase every file past its retention as of ``as_of``, as one approved batch.

    Only the administrator approves a destruction (it cannot be undone).
    """
    require(actor, Permission.DESTROY)
    now = now or dt.datetime.now()
    if not reason.strip():
        raise ValidationError("请填写销毁的理由和依据（如保管期满、经鉴定无保存价值）", "reason")
    if as_of > now.date():
        raise ValidationError("只能销毁截至今天已保管期满的案卷", "as_of")
    due = due_for_destruction(conn, as_of)
    if not due:
        raise ValidationError("没有保管期满、待销毁的案卷", "as_of")
    stamp = now.isoformat(timespec="seconds")
    removed: list[str] = []
    # Freed pages are overwritten with zeros, not left readable in the file.
    conn.execute("PRAGMA secure_delete = ON")
    with transaction(conn):
        batch_id = inserted_id(
            conn.execute(
                "INSERT INTO destruction_batches(approved_at, approved_by, reason, as_of, cases) "
                "VALUES (?,?,?,?,?)",
                (stamp, actor.name, reason.strip(), as_of.isoformat(), len(due)),
            )
        )
        for d in due:
            removed.extend(_erase_case(conn, d.case_id, batch_id, stamp))
        audit.record(
            conn,
            actor,
            "批准销毁",
            {"batch": batch_id, "cases": len(due), "reason": reason.strip(), "as_of": as_of},
            now,
        )
    base = folder_for(Path(db_path))
    gone = 0
    for rel in removed:
        target = base / rel
        if target.exists():
            target.unlink()
            gone += 1
    purge(conn)
    return Batch(batch_id, stamp, actor.name, reason.strip(), due, gone)


def purge(conn: sqlite3.Connection) -> None:
    """Make the erased text unreadable in the raw file: merge the search index's segments
    (dropping deleted entries), rebuild the file and truncate the write-ahead log."""
    conn.execute("INSERT INTO cases_fts(cases_fts) VALUES ('optimize')")
    # The 2-character grams of names and texts too (a deleted case's grams linger in old
    # segments until they are merged).
    conn.execute("INSERT INTO cases_grams(cases_grams) VALUES ('optimize')")
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def destruction_list(conn: sqlite3.Connection, batch: Batch, today: dt.date) -> bytes:
    """The 销毁清册 of a batch (PDF) for the approver, the supervisor and the one destroying."""
    from petition_desk.reports.destruction_pdf import DestroyedRow, render_destruction_list

    unit = str(settings_mod.load(conn)["unit_name"]) or "（单位名称未填写）"
    rows = []
    for d in batch.due:
        c = conn.execute(
            "SELECT received_at, category, disposition FROM cases WHERE id = ?", (d.case_id,)
        ).fetchone()
        rows.append(
            DestroyedRow(
                d.number,
                c[0][:10],
                c[1],
                c[2] or "",
                d.volume or d.kind,
                d.retention,
                d.kept_until.isoformat(),
            )
        )
    return render_destruction_list(
        unit, batch.id, batch.approved_by, batch.approved_at[:10], batch.reason, rows, today
    )
