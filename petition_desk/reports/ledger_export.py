"""The month-end ledger (信访台账) as an .xlsx for the county.

Written with openpyxl's write-only mode so memory stays flat however many cases the period
holds; the file appears only when complete (written beside, then renamed), so a cancelled or
failed export never leaves half a ledger behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from petition_desk.domain.deadlines import Limits, as_date, handling_due
from petition_desk.domain.idcard import mask_id
from petition_desk.domain.phones import mask_phone
from petition_desk.errors import Cancelled
from petition_desk.reports.excel_cells import CellCleaner
from petition_desk.services.leaders import review_rates
from petition_desk.services.stats import Figures, figures

HEADERS: tuple[tuple[str, float], ...] = (
    ("序号", 6),
    ("编号", 11),
    ("登记日期", 11),
    ("形式", 8),
    ("信访人", 12),
    ("人数", 6),
    ("身份证号", 21),
    ("联系电话", 14),
    ("住址/村", 18),
    ("问题类别", 12),
    ("反映事项摘要", 30),
    ("诉求", 24),
    ("处理方式", 9),
    ("承办单位", 12),
    ("告知日期", 11),
    ("办结期限", 11),
    ("办结日期", 11),
    ("是否按期", 9),
    ("答复结果", 9),
    ("回访满意度", 10),
    ("包案领导", 9),
    ("状态", 9),
    ("备注", 18),
)
OVERDUE_HEADERS: tuple[tuple[str, float], ...] = (
    ("序号", 6),
    ("编号", 11),
    ("登记日期", 11),
    ("信访人", 12),
    ("问题类别", 12),
    ("反映事项摘要", 30),
    ("期限类型", 12),
    ("期限", 11),
    ("超期天数", 9),
    ("承办单位", 12),
    ("状态", 9),
)
DATE_COLUMNS = {"登记日期", "告知日期", "办结期限", "办结日期", "期限"}
WRAP_COLUMNS = {"反映事项摘要", "诉求", "住址/村", "备注", "信访人", "身份证号", "联系电话"}

CASE_SQL = """
SELECT c.*, d.name AS department, l.name AS owner,
  (SELECT group_concat(p.id_number, char(10)) FROM case_people cp JOIN people p
     ON p.id = cp.person_id WHERE cp.case_id = c.id AND p.id_number IS NOT NULL) AS ids,
  (SELECT group_concat(p.phone, char(10)) FROM case_people cp JOIN people p
     ON p.id = cp.person_id WHERE cp.case_id = c.id AND p.phone IS NOT NULL) AS phones,
  (SELECT p.address FROM case_people cp JOIN people p ON p.id = cp.person_id
     WHERE cp.case_id = c.id ORDER BY cp.position LIMIT 1) AS address
FROM cases c
LEFT JOIN departments d ON d.id = c.department_id
LEFT JOIN leaders l ON l.id = c.owner_leader_id
WHERE c.received_at >= ? AND c.received_at < ?
ORDER BY c.received_at, c.id
"""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    cases: int
    overdue: int
    figures: Figures
    #: cells whose text held characters the xlsx format cannot (removed on the way out)
    cells_cleaned: int = 0


def period_bounds(month: str) -> tuple[dt.date, dt.date]:
    """``2026-11`` -> (2026-11-01, 2026-11-30)."""
    first = dt.date.fromisoformat(f"{month}-01")
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    return first, nxt - dt.timedelta(days=1)


def _masked(values: str | None, mask: Callable[[str], str], unmasked: bool) -> str:
    if not values:
        return ""
    return "\n".join(v if unmasked else mask(v) for v in values.split("\n"))


def _on_time(case: sqlite3.Row, due: dt.date | None, today: dt.date) -> str:
    if case["replied_on_time"] is not None:
        return "是" if case["replied_on_time"] else "否"
    if due is not None and due < today and case["replied_at"] is None:
        return "超期未办结"
    return ""


def _remarks(case: sqlite3.Row) -> str:
    marks = [
        label
        for key, label in (
            ("repeat", "重复信访"),
            ("collective", "集体访"),
            ("skipped_level", "越级"),
            ("anonymous", "匿名"),
            ("urgent", "紧急"),
            ("law_related", "涉法涉诉"),
        )
        if case[key]
    ]
    if case["extension_days"]:
        marks.append(f"延期{case['extension_days']}日")
    if case["next_due"] and not case["next_due_confirmed"]:
        marks.append("期限未确认（该年节假日未录入）")
    return "、".join(marks)


def ledger_rows(
    conn: sqlite3.Connection,
    first: dt.date,
    last: dt.date,
    rules: Limits,
    today: dt.date,
    *,
    unmasked: bool = False,
) -> Iterator[list]:
    """One list of cell values per case received in the period, in HEADERS order."""
    end = (last + dt.timedelta(days=1)).isoformat()
    for n, c in enumerate(conn.execute(CASE_SQL, (first.isoformat(), end)), start=1):
        due = handling_due(dict(c), rules).day if c["accepted_at"] else as_date(c["next_due"])
        yield [
            n,
            c["number"],
            as_date(c["received_at"]),
            c["channel"],
            c["people_names"],
            c["head_count"],
            _masked(c["ids"], mask_id, unmasked),
            _masked(c["phones"], mask_phone, unmasked),
            c["address"] or c["village"],
            c["category"],
            c["summary"],
            c["request"],
            c["disposition"] or "未处理",
            c["department"] or c["forwarded_to"] or "",
            as_date(c["notice_at"]),
            due,
            as_date(c["closed_at"] or c["replied_at"]),
            _on_time(c, due, today),
            c["reply_result"] or "",
            c["satisfaction"] or "",
            c["owner"] or "",
            c["state"],
            _remarks(c),
        ]


def overdue_rows(conn: sqlite3.Connection, today: dt.date) -> Iterator[list]:
    rows = conn.execute(
        "SELECT c.number, c.received_at, c.people_names, c.category, c.summary, c.next_due_kind,"
        " c.next_due, d.name, c.state FROM cases c LEFT JOIN departments d"
        " ON d.id = c.department_id WHERE c.next_due < ? ORDER BY c.next_due, c.id",
        (today.isoformat(),),
    )
    for n, r in enumerate(rows, start=1):
        due = as_date(r[6]) or today  # next_due < today: never empty here
        yield [
            n,
            r[0],
            as_date(r[1]),
            r[2],
            r[3],
            r[4],
            r[5],
            due,
            (today - due).days,
            r[7] or "",
            r[8],
        ]


class _Book:
    """A write-only workbook with the few styles the ledger uses."""

    def __init__(self) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

        self.wb = Workbook(write_only=True)
        self.cells = CellCleaner()
        thin = Side(style="thin", color="999999")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        header = NamedStyle(
            "ledger_header",
            font=Font(bold=True, name="宋体", size=11),
            fill=PatternFill("solid", fgColor="DDEBF7"),
            border=border,
            alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
        )
        body = NamedStyle(
            "ledger_body",
            font=Font(name="宋体", size=10),
            border=border,
            alignment=Alignment(vertical="top", wrap_text=False),
        )
        wrap = NamedStyle(
            "ledger_wrap",
            font=Font(name="宋体", size=10),
            border=border,
            alignment=Alignment(vertical="top", wrap_text=True),
        )
        date = NamedStyle(
            "ledger_date",
            font=Font(name="宋体", size=10),
            border=border,
            alignment=Alignment(vertical="top"),
            number_format="yyyy-mm-dd",
        )
        percent = NamedStyle(
            "ledger_percent", font=Font(name="宋体", size=10), border=border, number_format="0.0%"
        )
        for style in (header, body, wrap, date, percent):
            self.wb.add_named_style(style)

    def sheet(self, title: str, headers, page_title: str):
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.utils import get_column_letter

        ws = self.wb.create_sheet(title)
        for i, (_name, width) in enumerate(headers, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "C2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}1"
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = "9"  # A4 (Worksheet.PAPERSIZE_A4)
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.oddHeader.center.text = page_title
        ws.oddHeader.center.size = 12
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
        cells = []
        for name, _width in headers:
            cell = WriteOnlyCell(ws, value=name)
            cell.style = "ledger_header"
            cells.append(cell)
        ws.append(cells)
        styles = [
            "ledger_date"
            if n in DATE_COLUMNS
            else "ledger_wrap"
            if n in WRAP_COLUMNS
            else "ledger_body"
            for n, _ in headers
        ]

        def append(values: list, overrides: dict[int, str] | None = None) -> None:
            row = []
            for i, (value, style) in enumerate(zip(values, styles, strict=True)):
                cell = WriteOnlyCell(ws, value=self.cells(value))
                cell.style = (overrides or {}).get(i, style)
                row.append(cell)
            ws.append(row)

        return ws, append


def export_ledger(
    conn: sqlite3.Connection,
    out: Path,
    first: dt.date,
    last: dt.date,
    rules: Limits,
    today: dt.date,
    *,
    unmasked: bool = False,
    progress: Callable[[int, int], bool] | None = None,
) -> ExportResult:
    """Write the ledger of cases received from ``first`` to ``last`` (inclusive) to ``out``.

    ``progress(done, total)`` may return False to cancel (raises ``Cancelled``).
    """
    out = Path(out)
    end = (last + dt.timedelta(days=1)).isoformat()
    total = conn.execute(
        "SELECT count(*) FROM cases WHERE received_at >= ? AND received_at < ?",
        (first.isoformat(), end),
    ).fetchone()[0]
    unit = rules.settings.get("unit_name") or ""
    period = f"{first:%Y年%m月%d日}至{last:%Y年%m月%d日}"
    book = _Book()
    tmp = out.with_name(f".{out.name}.part")
    try:
        count, overdue, figs = _fill(
            book, conn, first, last, rules, today, unit, period, unmasked, progress, total
        )
        book.wb.save(tmp)
        os.replace(tmp, out)
    except BaseException:
        # Finish the streamed sheets so nothing is left open, then throw the partial file away.
        # (the original error is the one that matters, not one from this clean-up)
        with contextlib.suppress(Exception):
            book.wb.save(tmp)
        raise
    finally:
        tmp.unlink(missing_ok=True)
    if progress:
        progress(total, total)
    return ExportResult(out, count, overdue, figs, book.cells.changed)


def _fill(book, conn, first, last, rules, today, unit, period, unmasked, progress, total):
    _ws, append = book.sheet("台账", HEADERS, f"{unit} 信访台账（{period}）")
    count = 0
    for values in ledger_rows(conn, first, last, rules, today, unmasked=unmasked):
        append(values)
        count += 1
        if progress and count % 500 == 0 and progress(count, total) is False:
            raise Cancelled
    figs = figures(conn, first, last, today, rules)
    _stats_sheet(book, figs, unit, period, review_rates(conn, first, last))
    _ws2, append2 = book.sheet(
        "超期", OVERDUE_HEADERS, f"{unit} 超期信访事项（截至{today:%Y年%m月%d日}）"
    )
    overdue = 0
    for values in overdue_rows(conn, today):
        append2(values)
        overdue += 1
    return count, overdue, figs


def _stats_sheet(book: _Book, f: Figures, unit: str, period: str, rates=()) -> None:
    headers = (("项目", 26), ("数值", 14), ("分子", 10), ("分母", 10))
    _ws, append = book.sheet("统计", headers, f"{unit} 信访统计（{period}）")
    rows: list[list] = [
        ["批次（件）", f.batches, None, None],
        ["人次", f.persons, None, None],
        ["集体访批次", f.collective, None, None],
        ["集体访人次", f.collective_persons, None, None],
        ["重复信访件数", f.repeat, None, None],
    ]
    for label, rate in (
        ("及时受理率", f.timely_notice),
        ("按期办结率", f.on_time_reply),
        ("群众满意率", f.satisfaction),
        ("参评率", f.participation),
        ("息诉息访率", f.settled),
    ):
        value = None if rate.percent is None else round(rate.percent / 100, 4)
        rows.append([label, value, rate.numerator, rate.denominator])
    rows.append(["当前超期件数", f.overdue_now, None, None])
    for title, data in (
        ("按信访形式", f.by_channel),
        ("按问题类别", f.by_category),
        ("按处理方式", f.by_disposition),
        ("按村（社区）", f.by_village),
    ):
        rows.append([f"【{title}】", None, None, None])
        rows.extend([f"　{k}", v, None, None] for k, v in data.items())
    if rates:
        rows.append(["【领导阅批率】", None, None, None])
        for r in rates:
            value = None if r.percent is None else round(r.percent / 100, 4)
            mark = "" if r.meets_target is not False else "（未达目标）"
            rows.append(
                [f"　{r.leader}（目标{r.target}%）{mark}阅批率", value, r.reviewed, r.passed]
            )
    for r in rows:
        is_rate = r[0].endswith("率")
        append(r, {1: "ledger_percent"} if is_rate else None)


def export_and_record(
    conn: sqlite3.Connection,
    out: Path,
    first: dt.date,
    last: dt.date,
    rules: Limits,
    today: dt.date,
    actor,
    *,
    unmasked: bool = False,
    progress: Callable[[int, int], bool] | None = None,
) -> ExportResult:
    """``export_ledger`` and the audit entry saying who exported what (domain.md §10)."""
    from petition_desk.services import audit
    from petition_desk.services.audited_file import unless_recorded

    result = export_ledger(
        conn, out, first, last, rules, today, unmasked=unmasked, progress=progress
    )
    with unless_recorded(out):  # no audit entry, no file
        audit.record(
            conn,
            actor,
            "导出台账",
            {
                "from": first,
                "to": last,
                "cases": result.cases,
                "unmasked": unmasked,
                "file": str(out),
            },
        )
    return result
