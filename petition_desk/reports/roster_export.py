"""The month's reception roster as a public notice: an .xlsx sheet and a PDF after the
document layout (title, a ruled table, the unit and the date)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from petition_desk.domain.reception import WEEKDAYS, lunar_text
from petition_desk.reports.excel_cells import CellCleaner
from petition_desk.reports.letter_pdf import MM, TEXT_W, date_text, table_document
from petition_desk.reports.pdf_fonts import FontSet, font_set
from petition_desk.reports.xlsx_safe import guard_sheet
from petition_desk.services.roster import Entry

HEADERS = ("日期", "星期", "农历", "时间", "接待领导", "职务", "接待地点", "陪访单位")


def rows(entries: list[Entry], titles: dict[int, str]) -> list[list[str]]:
    return [
        [
            f"{e.day.month}月{e.day.day}日",
            WEEKDAYS[e.day.weekday()],
            lunar_text(e.day),
            f"{e.half_day} {e.time}",
            e.leader,
            titles.get(e.leader_id, ""),
            e.place,
            e.department or "—",
        ]
        for e in entries
    ]


def title_of(unit: str, year: int, month: int) -> str:
    return f"{unit}{year}年{month}月领导接待群众来访日安排表"


def write_xlsx(
    out: Path,
    unit: str,
    year: int,
    month: int,
    entries: list[Entry],
    titles: dict[int, str],
    rule_text: str,
) -> int:
    """Write the month's roster; returns how many cells had characters removed."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    cells = CellCleaner()
    unit = str(cells(unit))
    wb = Workbook()
    ws = wb.active
    ws.title = f"{month}月接待日"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.append([title_of(unit, year, month)])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws["A1"].font = Font(name="宋体", size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([f"接待日：{rule_text}（节假日除外）"])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HEADERS))
    ws.append(list(HEADERS))
    for c in ws[3]:
        c.font = Font(name="宋体", bold=True)
        c.border = border
        c.alignment = Alignment(horizontal="center")
    for r in rows(entries, titles):
        ws.append(cells.row(r))
        for c in ws[ws.max_row]:
            c.border = border
            c.font = Font(name="宋体")
    for col, width in zip("ABCDEFGH", (10, 6, 12, 18, 10, 10, 12, 14), strict=True):
        ws.column_dimensions[col].width = width
    ws.append([])
    ws.append([f"{unit}　{date_text(dt.date.today())}"])
    ws.page_setup.paperSize = "9"
    ws.print_title_rows = "3:3"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    guard_sheet(ws)  # formula injection: typed text stays text
    wb.save(out)
    return cells.changed


def render_pdf(
    unit: str,
    year: int,
    month: int,
    entries: list[Entry],
    titles: dict[int, str],
    rule_text: str,
    issued: dt.date,
    fonts: FontSet | None = None,
) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    fonts = fonts or font_set()
    body, title = fonts.names["body"], fonts.names["title"]
    big = ParagraphStyle("t", fontName=title, fontSize=22, leading=32, alignment=1, wordWrap="CJK")
    text = ParagraphStyle(
        "b", fontName=body, fontSize=14, leading=24, wordWrap="CJK", firstLineIndent=28
    )
    right = ParagraphStyle("r", parent=text, alignment=2, firstLineIndent=0)
    data = (
        [list(HEADERS), *rows(entries, titles)]
        if entries
        else [list(HEADERS), ["本月无接待日"] + [""] * 7]
    )
    table = Table(
        data,
        colWidths=[TEXT_W * w for w in (0.12, 0.07, 0.13, 0.2, 0.12, 0.12, 0.12, 0.12)],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), body),
                ("FONTSIZE", (0, 0), (-1, -1), 10.5),
                ("FONTNAME", (0, 0), (-1, 0), fonts.names["heiti"]),
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    buf = io.BytesIO()
    doc = table_document(buf, fonts, title=title_of(unit, year, month), author=unit)
    doc.build(
        [
            Paragraph(title_of(unit, year, month), big),
            Spacer(1, 6 * MM),
            Paragraph(
                f"为畅通群众诉求表达渠道，现将本月领导接待群众来访日安排公布如下。接待日为{rule_text}"
                f"（法定节假日除外），群众可于接待时间到接待地点反映问题。",
                text,
            ),
            Spacer(1, 4 * MM),
            table,
            Spacer(1, 12 * MM),
            Paragraph(unit, right),
            Paragraph(date_text(issued), right),
        ]
    )
    return buf.getvalue()
