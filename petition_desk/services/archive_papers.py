"""The papers the archive prints: a volume's 卷内目录 and 备考表, the 存信 packing list of each
bundle (one village, one year), and the year's volume list in Excel."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from petition_desk.db.engine import sqlite3
from petition_desk.domain.deadlines import as_date
from petition_desk.errors import NotFoundError
from petition_desk.reports.templates import KINDS
from petition_desk.services import audit
from petition_desk.services import settings as settings_mod
from petition_desk.services.directory import User
from petition_desk.services.permissions import Permission, require
from petition_desk.services.visibility import RESTRICTED_TEXT, visible_sql


def _cn(day: object) -> str:
    d = as_date(day)  # type: ignore[arg-type]
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def pdf_pages(data: bytes) -> int:
    """How many pages a kept PDF has (1 for anything that is not a PDF: a photo, a scan)."""
    if not data.startswith(b"%PDF"):
        return 1
    import pypdfium2

    doc = pypdfium2.PdfDocument(data)
    try:
        return max(len(doc), 1)
    finally:
        doc.close()


def _hidden(conn: sqlite3.Connection, case_ids: list[int], viewer: User | None) -> set[int]:
    """The cases of ``case_ids`` that are 保密 and not ``viewer``'s to see (none without one)."""
    if viewer is None or not case_ids:
        return set()
    vis = visible_sql(viewer)
    if vis == "1":
        return set()
    sql = f"SELECT c.id FROM cases c WHERE c.id IN (SELECT value FROM json_each(?)) AND NOT ({vis})"
    return {r[0] for r in conn.execute(sql, (json.dumps(case_ids),))}


def volume_papers(
    conn: sqlite3.Connection, volume_id: int, db_path: Path, viewer: User | None = None
):
    """What the 卷内目录 lists: every kept document and attachment of the volume's cases.

    For ``viewer``, a 保密 case they may not see is listed by its number and date: its
    summary, its documents' kinds and numbers and its attachments' names are "（保密）" (each
    still listed with its date and pages: the volume's count of papers stays true)."""
    from petition_desk.reports.volume_pdf import ContentsRow, VolumePapers
    from petition_desk.services.attachments import attachments_of

    vol = conn.execute(
        "SELECT number, retention, created_at, created_by FROM volumes WHERE id = ?", (volume_id,)
    ).fetchone()
    if vol is None:
        raise NotFoundError(f"案卷 id={volume_id} 不存在")
    unit = str(settings_mod.load(conn)["unit_name"]) or "（单位名称未填写）"
    cases = conn.execute(
        "SELECT id, number, registered_at, summary FROM cases WHERE volume_id = ? ORDER BY id",
        (volume_id,),
    ).fetchall()
    hidden = _hidden(conn, [c["id"] for c in cases], viewer)
    rows: list[tuple[str, ContentsRow]] = []
    for case_id, number, registered_at, summary in cases:
        summary = RESTRICTED_TEXT if case_id in hidden else summary
        rows.append(
            (
                registered_at,
                ContentsRow(unit, f"信访事项登记（{number}）：{summary}", _cn(registered_at), 1),
            )
        )
        for kind, doc_number, issued_at, pdf in conn.execute(
            "SELECT kind, number, issued_at, pdf FROM documents WHERE case_id = ? ORDER BY id",
            (case_id,),
        ):
            title = KINDS[kind].title if kind in KINDS else kind
            if case_id in hidden:  # its kinds would tell how it was handled
                title, doc_number = f"文书{RESTRICTED_TEXT}", ""
            rows.append(
                (
                    issued_at,
                    ContentsRow(
                        unit, f"{title} {doc_number}".strip(), _cn(issued_at), pdf_pages(pdf)
                    ),
                )
            )
        for att in attachments_of(conn, db_path, case_id):
            try:
                pages = pdf_pages(att.path.read_bytes())
            except OSError:  # the file beside the database is gone: listed, counted as one
                pages = 1
            name = RESTRICTED_TEXT if case_id in hidden else att.name
            rows.append(
                (att.added_at, ContentsRow("信访人", name, _cn(att.added_at), pages, "附件"))
            )
    rows.sort(key=lambda r: r[0])
    return VolumePapers(
        vol["number"],
        unit,
        vol["retention"],
        [r for _at, r in rows],
        vol["created_by"],
        _cn(vol["created_at"]),
        [c["number"] for c in cases],
    )


def print_volume(conn: sqlite3.Connection, volume_id: int, db_path: Path, actor: User) -> bytes:
    """The 卷内目录 and 备考表 of a volume as PDF bytes; the print is audited."""
    from petition_desk.reports.volume_pdf import render_volume

    require(actor, Permission.HANDLE)  # the papers name the petitioners
    papers = volume_papers(conn, volume_id, db_path, actor)
    pdf = render_volume(papers)
    audit.record(conn, actor, "打印卷内目录", {"number": papers.number})
    return pdf


@dataclass(frozen=True)
class Bundle:
    """存信 letters of one village and one year."""

    village: str
    year: int
    case_ids: tuple[int, ...]


def filed_bundles(conn: sqlite3.Connection) -> list[Bundle]:
    """Every bundle of 存信 letters, by village then year (letters without a village together)."""
    rows = conn.execute(
        "SELECT coalesce(nullif(village, ''), '（未填村社区）'), year, group_concat(id) "
        "FROM cases WHERE state = '存信' GROUP BY 1, 2 ORDER BY 1, 2"
    ).fetchall()
    return [Bundle(v, y, tuple(int(i) for i in ids.split(","))) for v, y, ids in rows]


def packing_list(conn: sqlite3.Connection, bundle: Bundle, actor: User, today: dt.date) -> bytes:
    """The PDF list that goes into a bundle of 存信 letters; the print is audited. A 保密
    letter ``actor`` may not see is listed by its number and date only. (That it is a 存信
    letter of the bundle's village is what the bundle is: the list goes in with the letters.)"""
    from petition_desk.reports.volume_pdf import PackedLetter, render_packing_list

    require(actor, Permission.HANDLE)  # the list names the petitioners
    values = settings_mod.load(conn)
    letters = []
    hidden = _hidden(conn, list(bundle.case_ids), actor)
    for case_id in bundle.case_ids:
        c = conn.execute(
            "SELECT number, received_at, people_names, summary FROM cases WHERE id = ?", (case_id,)
        ).fetchone()
        event = conn.execute(
            "SELECT data FROM case_events WHERE case_id = ? AND action = '存信' ORDER BY id DESC",
            (case_id,),
        ).fetchone()
        reason = json.loads(event[0]).get("reason", "") if event else ""
        if case_id in hidden:  # its number and date only, as in the ledger
            letters.append(PackedLetter(c[0], _cn(c[1]), *(RESTRICTED_TEXT,) * 3))
        else:
            letters.append(PackedLetter(c[0], _cn(c[1]), c[2], c[3], reason))
    years = int(values["retention_letters_years"])
    destroy_after = f"{bundle.year + years}年12月31日"
    unit = str(values["unit_name"]) or "（单位名称未填写）"
    pdf = render_packing_list(unit, bundle.village, bundle.year, letters, destroy_after, today)
    audit.record(
        conn,
        actor,
        "打印存信清单",
        {"village": bundle.village, "year": bundle.year, "cases": len(letters)},
    )
    return pdf


def write_volume_list(conn: sqlite3.Connection, year: int, out: Path, actor: User) -> int:
    """The year's volumes in an .xlsx (卷号, 保管期限, 案件, 件数, 立卷人, 立卷时间); returns how many."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    require(actor, Permission.EXPORT)
    rows = conn.execute(
        "SELECT v.number, v.retention, group_concat(c.number, '、'), count(c.id), v.created_by, "
        "v.created_at FROM volumes v LEFT JOIN cases c ON c.volume_id = v.id WHERE v.year = ? "
        "GROUP BY v.id ORDER BY v.retention, v.seq",
        (year,),
    ).fetchall()
    wb = Workbook()
    ws = wb.active
    ws.title = f"{year}年案卷目录"
    unit = str(settings_mod.load(conn)["unit_name"]) or ""
    ws.append([f"{unit}{year}年信访案卷目录"])
    ws["A1"].font = Font(name="宋体", size=14, bold=True)
    ws.append(["序号", "卷号", "保管期限", "所含案件", "件数", "立卷人", "立卷时间"])
    for n, r in enumerate(rows, start=1):
        ws.append([n, r[0], r[1], r[2] or "", r[3], r[4], _cn(r[5])])
    for col, width in zip("ABCDEFG", (6, 18, 10, 40, 6, 10, 14), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=3):
        row[3].alignment = Alignment(wrap_text=True, vertical="top")
    part = out.with_name(f".{out.name}.part")
    wb.save(part)
    part.replace(out)
    audit.record(conn, actor, "导出案卷目录", {"year": year, "file": str(out), "rows": len(rows)})
    return len(rows)
