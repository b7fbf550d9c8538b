"""Papers of the archive: a volume's 卷内目录 and 备考表, and the 存信 packing list of a bundle.

Ruled A4 tables on the official margins (``letter_pdf.table_document``), fonts embedded.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from petition_desk.reports.letter_pdf import MM, TEXT_W, date_text, table_document
from petition_desk.reports.pdf_fonts import FontSet, font_set


@dataclass(frozen=True)
class ContentsRow:
    """One paper in a volume: 序号, 责任者, 题名, 日期, 页号 (first page in the volume)."""

    organ: str
    title: str
    day: str  # already in Chinese form, 2026年11月3日
    pages: int
    note: str = ""


@dataclass(frozen=True)
class VolumePapers:
    number: str
    unit: str
    retention: str
    rows: Sequence[ContentsRow]
    filed_by: str
    filed_on: str  # Chinese date
    cases: Sequence[str]  # the case numbers the volume holds


def _styles(fonts: FontSet):
    from reportlab.lib.styles import ParagraphStyle

    body = fonts.names["body"]
    return {
        "cell": ParagraphStyle("cell", fontName=body, fontSize=11, leading=15, wordWrap="CJK"),
        "head": ParagraphStyle(
            "head", fontName=fonts.names["heiti"], fontSize=11, leading=15, alignment=1
        ),
        "title": ParagraphStyle(
            "title", fontName=fonts.names["title"], fontSize=22, leading=30, alignment=1
        ),
        "text": ParagraphStyle("text", fontName=body, fontSize=14, leading=26, wordWrap="CJK"),
    }


def _p(text: object, style):
    from reportlab.platypus import Paragraph

    safe = str(text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(safe.replace("\n", "<br/>"), style)


def _table(rows: list[list], widths: Sequence[float], fonts: FontSet):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=[TEXT_W * w for w in widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("FONTNAME", (0, 0), (-1, -1), fonts.names["body"]),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def render_volume(papers: VolumePapers, fonts: FontSet | None = None) -> bytes:
    """卷内目录 (one row per paper, with its first page in the volume) then 备考表."""
    from reportlab.platypus import PageBreak, Spacer

    fonts = fonts or font_set()
    s = _styles(fonts)
    rows: list[list] = [
        [_p(h, s["head"]) for h in ("序号", "责任者", "题名", "日期", "页号", "备注")]
    ]
    page = 1
    for n, r in enumerate(papers.rows, start=1):
        rows.append(
            [
                _p(n, s["cell"]),
                _p(r.organ, s["cell"]),
                _p(r.title, s["cell"]),
                _p(r.day, s["cell"]),
                _p(page, s["cell"]),
                _p(r.note, s["cell"]),
            ]
        )
        page += r.pages
    total_pages = page - 1
    contents = _table(rows, (0.08, 0.18, 0.38, 0.16, 0.08, 0.12), fonts)
    note = _table(
        [
            [_p("卷号", s["head"]), _p(papers.number, s["cell"])],
            [_p("保管期限", s["head"]), _p(papers.retention, s["cell"])],
            [_p("所含案件", s["head"]), _p("、".join(papers.cases), s["cell"])],
            [
                _p("本卷情况说明", s["head"]),
                _p(f"本卷共有文件材料 {len(papers.rows)} 件，共 {total_pages} 页。", s["cell"]),
            ],
            [_p("立卷人", s["head"]), _p(papers.filed_by, s["cell"])],
            [_p("检查人", s["head"]), _p("", s["cell"])],
            [_p("立卷时间", s["head"]), _p(papers.filed_on, s["cell"])],
        ],
        (0.22, 0.78),
        fonts,
    )
    buf = io.BytesIO()
    doc = table_document(
        buf, fonts, title=f"卷内目录 {papers.number}", author=papers.unit, subject="卷内目录 备考表"
    )
    doc.build(
        [
            _p("卷内目录", s["title"]),
            Spacer(1, 3 * MM),
            _p(f"卷号：{papers.number}　　保管期限：{papers.retention}", s["text"]),
            Spacer(1, 3 * MM),
            contents,
            PageBreak(),
            _p("卷内备考表", s["title"]),
            Spacer(1, 6 * MM),
            note,
        ]
    )
    return buf.getvalue()


@dataclass(frozen=True)
class PackedLetter:
    number: str
    received: str  # Chinese date
    people: str
    summary: str
    reason: str


def render_packing_list(
    unit: str,
    village: str,
    year: int,
    letters: Sequence[PackedLetter],
    destroy_after: str,
    today,
    fonts: FontSet | None = None,
) -> bytes:
    """The list that goes into one bundle of 存信 letters (one village, one year)."""
    from reportlab.platypus import Spacer

    fonts = fonts or font_set()
    s = _styles(fonts)
    rows: list[list] = [
        [_p(h, s["head"]) for h in ("序号", "编号", "收信日期", "来信人", "内容摘要", "存信理由")]
    ]
    for n, letter in enumerate(letters, start=1):
        rows.append(
            [
                _p(n, s["cell"]),
                _p(letter.number, s["cell"]),
                _p(letter.received, s["cell"]),
                _p(letter.people, s["cell"]),
                _p(letter.summary, s["cell"]),
                _p(letter.reason, s["cell"]),
            ]
        )
    title = f"存信清单（{village}，{year}年）"
    buf = io.BytesIO()
    doc = table_document(buf, fonts, title=title, author=unit)
    doc.build(
        [
            _p(title, s["title"]),
            Spacer(1, 3 * MM),
            _p(f"本包共 {len(letters)} 件，保管至{destroy_after}，期满经批准后销毁。", s["text"]),
            Spacer(1, 3 * MM),
            _table(rows, (0.07, 0.13, 0.15, 0.13, 0.34, 0.18), fonts),
            Spacer(1, 8 * MM),
            _p(f"{unit}　　{date_text(today)}", s["text"]),
        ]
    )
    return buf.getvalue()
