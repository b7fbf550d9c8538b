"""来访登记表: the registration record a visitor reads and signs, as a ruled A4 table.

A form, not an outgoing document: it has no document number (domain.md §11). It shows the
visit's own date and time (2026年11月27日 15时48分) and ends with the petitioner's signature
line under a sentence confirming the record.
"""

from __future__ import annotations

import datetime as dt
import io

from petition_desk.reports.letter_pdf import MM, TEXT_W, table_document
from petition_desk.reports.pdf_fonts import FontSet
from petition_desk.reports.wording import datetime_text


def render_visit_form(
    case: dict, people: list[dict], values: dict[str, str], fonts: FontSet
) -> bytes:
    """The form for one case; ID numbers and phones arrive already masked unless chosen not."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    body, title = fonts.names["body"], fonts.names["title"]
    cell = ParagraphStyle("cell", fontName=body, fontSize=12, leading=17, wordWrap="CJK")
    head = ParagraphStyle("head", parent=cell, fontName=fonts.names["heiti"], alignment=1)
    big = ParagraphStyle("title", fontName=title, fontSize=22, leading=30, alignment=1)

    def p(text: object, style=cell) -> Paragraph:
        safe = (
            str(text or "")
            .replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\n", "<br/>")
        )
        return Paragraph(safe, style)

    w = TEXT_W
    rows = [
        [
            p("编号", head),
            p(case["number"]),
            p("来访时间", head),
            p(datetime_text(dt.datetime.fromisoformat(case["received_at"]))),
        ],
        [p("信访形式", head), p(case["channel"]), p("人数", head), p(case["head_count"])],
    ]
    for person in people:
        rows.append(
            [
                p(person["role"], head),
                p(f"{person['name']}（{person['gender'] or '—'}）"),
                p("身份证号", head),
                p(person["id_number"] or "—"),
            ]
        )
        rows.append(
            [
                p("联系电话", head),
                p(person["phone"] or "—"),
                p("住址", head),
                p(person["address"] or person["village"] or "—"),
            ]
        )
    rows += [
        [p("问题类别", head), p(case["category"]), p("问题发生地", head), p(case["place"] or "—")],
        [p("反映事项", head), p(case["summary"]), "", ""],
        [p("诉求", head), p(case["request"]), "", ""],
        [p("事实和理由", head), p(case["facts"] or "—"), "", ""],
        [p("登记单位", head), p(values["单位名称"]), p("登记日期", head), p(values["日期"])],
        [p("接待人签字", head), p(""), p("信访人签字", head), p("")],
    ]
    # The visit time (2026年11月27日 15时48分) fits on one line of its cell.
    table = Table(rows, colWidths=[w * 0.17, w * 0.29, w * 0.17, w * 0.37])
    style = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        # Empty cells would otherwise be set in (unembedded) Helvetica.
        ("FONTNAME", (0, 0), (-1, -1), body),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    first_span = 2 + 2 * len(people) + 1
    for r in range(first_span, first_span + 3):
        style.append(("SPAN", (1, r), (3, r)))
    sig = len(rows) - 1
    style.append(("TOPPADDING", (0, sig), (-1, sig), 16))
    style.append(("BOTTOMPADDING", (0, sig), (-1, sig), 16))
    table.setStyle(TableStyle(style))
    buf = io.BytesIO()
    doc = table_document(
        buf,
        fonts,
        title="来访登记表",
        author=values["单位名称"],
        subject=f"来访登记表 案件{case['number']}",
    )
    confirm = p("以上内容经本人核对无误。", cell)
    sign = ParagraphStyle("sign", parent=cell, fontSize=14, leading=20, alignment=2)
    signature = p("信访人（签字）：＿＿＿＿＿＿＿＿　　　年　　月　　日", sign)
    doc.build(
        [
            p("来访登记表", big),
            Spacer(1, 8 * MM),
            table,
            Spacer(1, 6 * MM),
            confirm,
            Spacer(1, 8 * MM),
            signature,
        ]
    )
    return buf.getvalue()
