"""The month's reception roster as the public notice: gathered, rendered and audited once,
for the 接待日 page and ``petition-desk roster`` alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from petition_desk.db.engine import sqlite3
from petition_desk.errors import ValidationError
from petition_desk.services import audit, reception_store, roster
from petition_desk.services import settings as settings_mod
from petition_desk.services.audited_file import unless_recorded
from petition_desk.services.directory import User, list_leaders
from petition_desk.services.permissions import Permission, require
from petition_desk.services.roster import Entry

UNIT_NOT_SET = "（单位名称未填写）"


@dataclass(frozen=True)
class RosterNotice:
    """Everything the public notice of one month shows."""

    unit: str
    year: int
    month: int
    entries: list[Entry]
    titles: dict[int, str]  # leader id -> title
    rule_text: str
    unconfirmed_year: bool = False  # the year's holidays are not entered


def gather(
    conn: sqlite3.Connection, year: int, month: int, actor: User | None = None
) -> RosterNotice:
    """The month's notice; with ``actor``, an empty month is first generated from the rules."""
    entries = roster.month_entries(conn, year, month)
    unconfirmed = False
    if not entries and actor is not None:
        generated = roster.generate_month(conn, year, month, actor)
        entries, unconfirmed = generated.entries, generated.unconfirmed_year
    unit = settings_mod.load(conn)["unit_name"] or UNIT_NOT_SET
    titles = {r["id"]: r["title"] for r in list_leaders(conn, active_only=False)}
    rule_text = "、".join(r.describe() for r in reception_store.load_reception_rules(conn))
    return RosterNotice(unit, year, month, entries, titles, rule_text, unconfirmed)


def render_pdf(notice: RosterNotice, today: dt.date) -> bytes:
    from petition_desk.reports import roster_export

    return roster_export.render_pdf(*_parts(notice), today)


def _parts(notice: RosterNotice) -> tuple[str, int, int, list[Entry], dict[int, str], str]:
    """What both renderings take: unit, year, month, entries, titles, rule text."""
    return (notice.unit, notice.year, notice.month, notice.entries, notice.titles, notice.rule_text)


def export(notice: RosterNotice, out: Path, actor: User, conn: sqlite3.Connection, today: dt.date):
    """Write the notice to ``out`` (.xlsx or .pdf) and record who exported it."""
    require(actor, Permission.EXPORT)
    from petition_desk.reports import roster_export

    suffix = Path(out).suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise ValidationError("接待日安排只能导出为 .xlsx 或 .pdf 文件", "out")
    if suffix == ".pdf":
        Path(out).write_bytes(render_pdf(notice, today))
    else:
        roster_export.write_xlsx(Path(out), *_parts(notice))
    with unless_recorded(Path(out)):  # no audit entry, no file
        audit.record(
            conn,
            actor,
            "导出接待日安排",
            {"month": f"{notice.year}-{notice.month:02d}", "file": str(out)},
        )


def record_printed(conn: sqlite3.Connection, actor: User, year: int, month: int) -> None:
    """The notice went to the printer."""
    require(actor, Permission.READ)
    audit.record(conn, actor, "打印接待日安排", {"month": f"{year}-{month:02d}"})
