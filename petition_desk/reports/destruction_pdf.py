"""The 销毁清册: the list of files destroyed in one approved batch, for signature."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from petition_desk.reports.letter_pdf import date_text
from petition_desk.reports.pdf_fonts import FontSet, font_set
from petition_desk.reports.volume_pdf import listing_pdf, para, ruled_table, styles


@dataclass(frozen=True)
class DestroyedRow:
    number: str
    received: str  # ISO date
    category: str
    disposition: str
    volume: str  # the volume number, or 存信
    retention: str
    kept_until: str  # ISO date


def _cn(iso: str) -> str:
    return date_text(dt.date.fromisoformat(iso[:10]))


def render_destruction_list(
    unit: str,
    batch_id: int,
    approved_by: str,
    approved_on: str,
    reason: str,
    rows: Sequence[DestroyedRow],
    today: dt.date,
    fonts: FontSet | None = None,
) -> bytes:
    from reportlab.lib.styles import ParagraphStyle

    fonts = fonts or font_set()
    s = styles(fonts)
    # eight columns on a portrait page: a smaller face keeps numbers and dates on one line
    small = ParagraphStyle("small", parent=s["cell"], fontSize=9, leading=12)
    small_head = ParagraphStyle("small_head", parent=s["head"], fontSize=9, leading=12)
    table_rows: list[list] = [
        [
            para(h, small_head)
            for h in (
                "序号",
                "案件编号",
                "收到日期",
                "问题类别",
                "处理方式",
                "卷号",
                "保管期限",
                "期满日期",
            )
        ]
    ]
    for n, r in enumerate(rows, start=1):
        table_rows.append(
            [
                para(v, small)
                for v in (
                    n,
                    r.number,
                    _cn(r.received),
                    r.category,
                    r.disposition,
                    r.volume,
                    r.retention,
                    _cn(r.kept_until),
                )
            ]
        )
    signatures = ruled_table(
        [
            [
                para("批准人", s["head"]),
                para(approved_by, s["cell"]),
                para("批准日期", s["head"]),
                para(_cn(approved_on), s["cell"]),
            ],
            [
                para("监销人", s["head"]),
                para("", s["cell"]),
                para("销毁人", s["head"]),
                para("", s["cell"]),
            ],
        ],
        (0.15, 0.35, 0.15, 0.35),
        fonts,
    )
    return listing_pdf(
        f"信访档案销毁清册（第{batch_id}批）",
        unit,
        f"共 {len(rows)} 件。销毁理由和依据：{reason}",
        ruled_table(table_rows, (0.05, 0.13, 0.17, 0.15, 0.09, 0.16, 0.08, 0.17), fonts),
        today,
        fonts,
        extra=(signatures,),
    )
