"""Issuing the monthly 信访分析报告: gathered from ``figures``, numbered, kept as issued.

The report is an outgoing document like a notice: it takes the next number of its own kind
(``doc:analysis``) for the year, its PDF is kept byte for byte in ``documents`` (no case), and
the clerk's analysis paragraph and the figures it printed are kept beside it in
``analysis_reports`` so a later reader sees exactly what leaders and the county were sent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from petition_desk.db.connection import inserted_id, transaction
from petition_desk.db.engine import sqlite3
from petition_desk.domain.deadlines import Limits
from petition_desk.errors import ValidationError
from petition_desk.reports.analysis_report import ReportData, render, title_of
from petition_desk.services import audit
from petition_desk.services import figures as F
from petition_desk.services.directory import User
from petition_desk.services.documents import Document
from petition_desk.services.numbering import allocate, document_number
from petition_desk.services.permissions import Permission, require

KIND = "analysis"
MAX_ANALYSIS_CHARS = 4000


def _shift(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def gather(
    conn: sqlite3.Connection,
    month: str,
    as_of: dt.date,
    limits: Limits,
    *,
    analysis: str = "",
    number: str = "",
    issued: dt.date | None = None,
) -> ReportData:
    """The figures of ``month``, the previous month and the same month last year, and the rest."""
    first, last = F.month_bounds(month)
    prev = F.month_bounds(_shift(first, -1))
    year = F.month_bounds(_shift(first, -12))
    return ReportData(
        unit=limits.settings.get("unit_name") or "",
        number=number,
        issued=issued or as_of,
        current=F.compute(conn, first, last, as_of, limits),
        previous=F.compute(conn, *prev, as_of, limits),
        last_year=F.compute(conn, *year, as_of, limits),
        trend=F.monthly_trend(conn, first),
        # The report leaves the desk (county, leaders' files): a 保密 case is listed by number
        # and dates only, whoever issues it.
        overdue=F.overdue_cases(conn, as_of, visible="c.confidential = 0"),
        leaders=F.leader_cases(conn, as_of),
        analysis=analysis,
    )


def draft_analysis(data: ReportData) -> str:
    """A first draft of the analysis paragraph for the clerk to rewrite (never printed unseen)."""
    f = data.current
    top_cat = next(iter(f.by_category), None)
    top_village = next(iter(f.by_village), None)
    lines = []
    if top_cat:
        lines.append(
            f"本月反映最多的问题是{top_cat}（{f.by_category[top_cat]}件），"
            f"信访较集中的是{top_village}（{f.by_village.get(top_village or '', 0)}件）。"
        )
    below = [F.BY_KEY[k].label for k in F.RATE_KEYS if f.rate(k).below_target]
    if below:
        lines.append("、".join(below) + "未达到目标，需查明原因。")
    if f.overdue:
        lines.append(f"现有超期事项{f.overdue}件，建议逐件督办，明确办结时限。")
    lines.append("（请信访员根据实际情况填写主要问题、原因分析和工作建议。）")
    return "\n".join(lines)


def issue_report(
    conn: sqlite3.Connection,
    month: str,
    as_of: dt.date,
    limits: Limits,
    analysis: str,
    actor: User,
    now: dt.datetime | None = None,
) -> Document:
    """Number, render and keep the month's report with its analysis paragraph, atomically."""
    from petition_desk.reports.pdf_fonts import font_set

    require(actor, Permission.ISSUE_DOCUMENTS)  # a numbered document, like a letter
    now = now or dt.datetime.now()
    analysis = analysis.strip()
    if not analysis:
        raise ValidationError("请先填写“分析和建议”，再出具分析报告", "analysis")
    if len(analysis) > MAX_ANALYSIS_CHARS:
        raise ValidationError(f"“分析和建议”不能超过{MAX_ANALYSIS_CHARS}字", "analysis")
    if not limits.settings.get("unit_name"):
        raise ValidationError("请先在“设置”中填写单位名称，报告标题和落款需要它", "unit_name")
    fonts = font_set()
    with transaction(conn):
        seq = allocate(conn, f"doc:{KIND}", now.year)
        number = document_number(now.year, seq, limits.settings.get("doc_prefix_analysis", ""))
        data = gather(
            conn, month, as_of, limits, analysis=analysis, number=number, issued=now.date()
        )
        pdf = render(data, fonts)
        digest = hashlib.sha256(pdf).hexdigest()
        stamp = now.isoformat(timespec="seconds")
        doc_id = inserted_id(
            conn.execute(
                "INSERT INTO documents(case_id, kind, year, seq, number, sha256, pdf, font, masked,"
                " issued_at, issued_by, issuer, official) VALUES (NULL,?,?,?,?,?,?,?,1,?,?,?,1)",
                (
                    KIND,
                    now.year,
                    seq,
                    number,
                    digest,
                    pdf,
                    fonts.describe(),
                    stamp,
                    actor.id,
                    actor.name,
                ),
            )
        )
        conn.execute(
            "INSERT INTO analysis_reports(document_id, month, as_of, analysis, figures)"
            " VALUES (?,?,?,?,?)",
            (
                doc_id,
                month,
                as_of.isoformat(),
                analysis,
                json.dumps(data.current.as_json(), ensure_ascii=False, sort_keys=True),
            ),
        )
        audit.record(
            conn,
            actor,
            "出具分析报告",
            {"number": number, "month": month, "title": title_of(data)},
            now,
        )
    return Document(doc_id, None, KIND, number, digest, pdf, fonts.describe(), stamp, actor.name)


def issued_reports(conn: sqlite3.Connection, month: str | None = None) -> list[dict]:
    """Reports issued (for a month), newest first, with the analysis paragraph kept."""
    sql = (
        "SELECT d.id, d.number, d.issued_at, d.issuer, a.month, a.as_of, a.analysis"
        " FROM analysis_reports a JOIN documents d ON d.id = a.document_id"
    )
    rows = conn.execute(
        sql + (" WHERE a.month = ?" if month else "") + " ORDER BY d.id DESC",
        (month,) if month else (),
    )
    keys = ("id", "number", "issued_at", "issuer", "month", "as_of", "analysis")
    return [dict(zip(keys, r, strict=True)) for r in rows]
