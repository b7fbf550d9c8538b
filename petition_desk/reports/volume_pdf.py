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


def styles(fonts: FontSet):
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


def para(text: object, style):
    from reportlab.platypus import Paragraph

    safe = str(text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(safe.replace("\n", "<br/>"), style)


def ruled_table(rows: list[list], widths: Sequence[float], fonts: FontSet):
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
    s = styles(fonts)
    rows: list[list] = [
        [para(h, s["head"]) for h in ("序号", "责任者", "题名", "日期", "页号", "备注")]
    ]
    page = 1
    for n, r in enumerate(papers.rows, start=1):
        rows.append(
            [
                para(n, s["cell"]),
                para(r.organ, s["cell"]),
                para(r.title, s["cell"]),
                para(r.day, s["cell"]),
                para(page, s["cell"]),
                para(r.note, s["cell"]),
            ]
        )
        page += r.pages
    total_pages = page - 1
    contents = ruled_table(rows, (0.07, 0.17, 0.36, 0.2, 0.08, 0.12), fonts)
    note = ruled_table(
        [
            [para("卷号", s["head"]), para(papers.number, s["cell"])],
            [para("保管期限", s["head"]), para(papers.retention, s["cell"])],
            [para("所含案件", s["head"]), para("、".join(papers.cases), s["cell"])],
            [
                para("本卷情况说明", s["head"]),
                para(f"本卷共有文件材料 {len(papers.rows)} 件，共 {total_pages} 页。", s["cell"]),
            ],
            [para("立卷人", s["head"]), para(papers.filed_by, s["cell"])],
            [para("检查人", s["head"]), para("", s["cell"])],
            [para("立卷时间", s["head"]), para(papers.filed_on, s["cell"])],
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
            para("卷内目录", s["title"]),
            Spacer(1, 3 * MM),
            para(f"卷号：{papers.number}　　保管期限：{papers.retention}", s["text"]),
            Spacer(1, 3 * MM),
            contents,
            PageBreak(),
            para("卷内备考表", s["title"]),
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

    fonts = fonts or font_set()
    s = styles(fonts)
    rows: list[list] = [
        [para(h, s["head"]) for h in ("序号", "编号", "收信日期", "来信人", "内容摘要", "存信理由")]
    ]
    for n, letter in enumerate(letters, start=1):
        rows.append(
            [
                para(n, s["cell"]),
                para(letter.number, s["cell"]),
                para(letter.received, s["cell"]),
                para(letter.people, s["cell"]),
                para(letter.summary, s["cell"]),
                para(letter.reason, s["cell"]),
            ]
        )
    return listing_pdf(
        f"存信清单（{village}，{year}年）",
        unit,
        f"本包共 {len(letters)} 件，保管至{destroy_after}，期满经批准后销毁。",
        ruled_table(rows, (0.06, 0.15, 0.18, 0.12, 0.31, 0.18), fonts),
        today,
        fonts,
    )


def listing_pdf(title: str, unit: str, intro: str, table, today, fonts: FontSet, extra=()) -> bytes:
    """A titled list for the archive: a sentence, the ruled table, ``extra`` flowables (the
    signature lines), then the unit and the date."""
    from reportlab.platypus import Spacer

    s = styles(fonts)
    buf = io.BytesIO()
    doc = table_document(buf, fonts, title=title, author=unit)
    doc.build(
        [
            para(title, s["title"]),
            Spacer(1, 3 * MM),
            para(intro, s["text"]),
            Spacer(1, 3 * MM),
            table,
            *[flowable for item in extra for flowable in (Spacer(1, 6 * MM), item)],
            Spacer(1, 8 * MM),
            para(f"{unit}　　{date_text(today)}", s["text"]),
        ]
    )
    return buf.getvalue()
