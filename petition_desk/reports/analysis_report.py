"""The monthly 信访分析报告 (seed 篇十, domain.md §11) as a GB/T 9704 PDF.

Laid out on the same 22 x 28 grid as the notices (``letter_pdf._Grid``), fonts embedded
(``pdf_fonts``). Every number comes from ``services.figures``; month-on-month (环比) and
year-on-year (同比) changes compare the same figures for the previous month and the same month
a year before. The clerk's analysis and suggestions are printed as written.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

from petition_desk import __version__
from petition_desk.reports.analysis_charts import draw_chart
from petition_desk.reports.letter_pdf import (
    BODY_PT,
    LEFT,
    LINES,
    PAGE_H,
    PAGE_W,
    PITCH,
    SIGNATURE_LINES,
    TEXT_W,
    _Grid,
    _Line,
    _signature,
    _title,
    date_text,
    wrap,
)
from petition_desk.reports.pdf_fonts import FontSet
from petition_desk.services.figure_charts import ChartKind, charts
from petition_desk.services.figures import (
    BY_KEY,
    RATE_KEYS,
    Figures,
    LeaderCases,
    OverdueCase,
    change_text,
)

MAX_OVERDUE_LISTED = 20
TOP_LISTED = 5


@dataclass(frozen=True)
class ReportData:
    """Everything the report prints (``services.analysis_reports.gather`` fills it)."""

    unit: str
    number: str
    issued: dt.date
    current: Figures
    previous: Figures
    last_year: Figures
    trend: list[tuple[str, int, int]]
    overdue: list[OverdueCase]
    leaders: list[LeaderCases]
    analysis: str


def month_label(f: Figures) -> str:
    return f"{f.first.year}年{f.first.month}月"


def title_of(data: ReportData) -> str:
    return f"{data.unit}{month_label(data.current)}信访分析报告"


def _changes(now: int | float, prev: int | float, last_year: int | float) -> str:
    return f"{change_text(now, prev, '环比')}，{change_text(now, last_year, '同比')}"


def _ranking(cur: dict[str, int], prev: dict[str, int], year: dict[str, int]) -> str:
    parts = []
    for name, n in list(cur.items())[:TOP_LISTED]:
        parts.append(f"{name}{n}件（{_changes(n, prev.get(name, 0), year.get(name, 0))}）")
    return "、".join(parts) if parts else "无"


def paragraphs(data: ReportData) -> list[str]:
    """The report's text, paragraph by paragraph (headings start with 一、…)."""
    f, p, y = data.current, data.previous, data.last_year
    month = month_label(f)
    out = [
        "一、总体情况",
        f"{month}，共收到群众信访事项{f.cases}批{f.persons}人次，批次{_changes(f.cases, p.cases, y.cases)}。"
        f"其中来信{f.letters}件（{_changes(f.letters, p.letters, y.letters)}）；"
        f"来访{f.visit_batches}批{f.visit_persons}人次（{_changes(f.visit_batches, p.visit_batches, y.visit_batches)}）；"
        f"集体访{f.collective_batches}批{f.collective_persons}人次；重复信访{f.repeat}件"
        f"（{_changes(f.repeat, p.repeat, y.repeat)}）。",
        "按信访形式：" + "、".join(f"{k}{v}件" for k, v in f.by_channel.items()) + "。",
        "按处理方式：" + "、".join(f"{k}{v}件" for k, v in f.by_disposition.items()) + "。",
        "二、主要指标",
    ]
    for key in RATE_KEYS:
        r, d = f.rate(key), BY_KEY[key]
        if r.percent is None:
            out.append(f"{d.label}：本期无应统计事项。")
            continue
        target = (
            ""
            if r.target is None
            else f"，目标{r.target}%，{'未达目标' if r.below_target else '已达目标'}"
        )
        before = p.rate(key).percent
        mom = "" if before is None else f"，上月{before:.1f}%"
        out.append(f"{d.label}{r}（{r.numerator}/{r.denominator}）{target}{mom}。")
    out += [
        "三、问题类别和区域分布",
        "反映较多的问题：" + _ranking(f.by_category, p.by_category, y.by_category) + "。",
        "信访较多的村（社区）：" + _ranking(f.by_village, p.by_village, y.by_village) + "。",
        "四、超期事项",
    ]
    if not data.overdue:
        out.append(f"截至{date_text(f.as_of)}，无超期事项。")
    else:
        out.append(f"截至{date_text(f.as_of)}，超期事项{f.overdue}件：")
        for o in data.overdue[:MAX_OVERDUE_LISTED]:
            holder = "、".join(
                x
                for x in (o.department and f"承办{o.department}", o.owner and f"包案领导{o.owner}")
                if x
            )
            out.append(
                f"{o.number}，{o.category}，{o.clock}期限{date_text(o.due)}，超期{o.days_over}日"
                + (f"，{holder}" if holder else "，尚未确定承办单位")
                + "。"
            )
        if len(data.overdue) > MAX_OVERDUE_LISTED:
            rest = len(data.overdue) - MAX_OVERDUE_LISTED
            out.append(f"另有{rest}件，详见当月台账“超期”表。")
    out.append("五、领导阅批和包案")
    for lr in f.review:
        target = (
            ""
            if lr.rate.target is None
            else f"（目标{lr.rate.target}%{'，未达目标' if lr.rate.below_target else ''}）"
        )
        out.append(
            f"{lr.leader}阅批{lr.rate.numerator}件，呈阅{lr.rate.denominator}件，阅批率{lr.rate}{target}。"
        )
    owned = [x for x in data.leaders if x.owned]
    if owned:
        out.append(
            "领导包案："
            + "；".join(
                f"{x.leader}包案{x.owned}件，未结{x.open}件，超期{x.overdue}件" for x in owned
            )
            + "。"
        )
    else:
        out.append("本期无领导包案事项。")
    out.append("六、分析和建议")
    out.extend(line.strip() for line in data.analysis.splitlines() if line.strip())
    return out


def _ensure(grid: _Grid, lines: int) -> None:
    """Start a new page unless ``lines`` grid lines are left on this one."""
    if grid.line + lines > LINES:
        grid.new_page()


def _put(grid: _Grid, text: str, *, role: str = "body", indent: int = 2, align: str = "left"):
    """A paragraph on the grid (wrapped by the notices' rules), page after page."""
    pieces = wrap(text, grid.fonts.names[role], BODY_PT, indent)
    for i, piece in enumerate(pieces):
        _ensure(grid, 1)
        last = i == len(pieces) - 1
        grid.place(_Line(piece, role, indent if i == 0 else 0, not last, align))


CHART_LINES = {ChartKind.COLUMNS: 9, ChartKind.BARS: 7, ChartKind.RATES: 6}


def render(data: ReportData, fonts: FontSet) -> bytes:
    """The PDF bytes of the report (reproducible: same data, same bytes)."""
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(
        buf,
        pagesize=(PAGE_W, PAGE_H),
        invariant=1,
        pageCompression=1,
        initialFontName=fonts.names["body"],
        initialFontSize=16,
    )
    title = title_of(data)
    c.setTitle(title)
    c.setAuthor(data.unit)
    c.setSubject(f"{title} {data.number}")
    c.setKeywords(f"字体：{fonts.describe()}")
    c.setCreator(f"信访接待台 Petition Desk {__version__}")
    grid = _Grid(c, fonts)
    _title(grid, title)
    _put(grid, data.number, indent=0, align="center")
    grid.line += 1
    pictures = charts(data.current, data.trend)
    for para in paragraphs(data):
        if re.match(r"^[一二三四五六七八九十]+、", para):
            _ensure(grid, 2)  # a heading never ends a page
            _put(grid, para, role="heiti")
            if para.startswith("三、"):
                # The charts go before the distribution they illustrate.
                for chart in pictures:
                    lines = CHART_LINES[chart.kind]
                    _ensure(grid, lines)
                    top = grid.baseline(grid.line) + PITCH * 0.6
                    height = lines * PITCH - 4
                    draw_chart(c, chart, LEFT, top - height, TEXT_W, height, fonts.names["body"])
                    grid.line += lines
        else:
            _put(grid, para)
    _ensure(grid, SIGNATURE_LINES)
    _signature(grid, data.unit, data.issued)
    grid.page_number()
    c.showPage()
    c.save()
    return buf.getvalue()
