"""The charts of the 统计 page and the 信访分析报告, as plain data drawn from ``figures``.

One description per chart (title, kind, labels, series, targets) is drawn twice: by a QPainter
widget on screen (``ui/charts.py``) and by reportlab graphics in the PDF
(``reports/analysis_charts.py``), so the picture and the printed report cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from petition_desk.services.figures import BY_KEY, RATE_KEYS, Figures

TOP_N = 8


class ChartKind(StrEnum):
    COLUMNS = "columns"  # vertical bars, one group per label (trend)
    BARS = "bars"  # horizontal bars (rankings)
    RATES = "rates"  # horizontal bars on a 0–100 % scale with a target mark each


@dataclass(frozen=True)
class Chart:
    title: str
    kind: ChartKind
    labels: list[str]
    series: list[tuple[str, list[float]]]  # (legend, one value per label)
    targets: list[float | None] = field(default_factory=list)  # RATES only
    note: str = ""

    def below_target(self, i: int) -> bool:
        """True when bar ``i`` of a RATES chart is under its target (drawn red)."""
        if self.kind is not ChartKind.RATES or not self.targets:
            return False
        target = self.targets[i]
        return target is not None and self.series[0][1][i] < target


def nice_ceiling(value: float) -> float:
    """The axis maximum: ``value`` rounded up to 1, 1.2, 1.6, 2, 4, 6 or 8 times a power of ten, so
    that quarter lines fall on round numbers (146 -> 160, 38 -> 40)."""
    if value <= 0:
        return 1.0
    power = 10 ** (len(str(int(value))) - 1)
    for step in (1, 1.2, 1.6, 2, 4, 6, 8, 10):
        if value <= step * power:
            return step * power
    return 10.0 * power


def _top(data: dict[str, int], n: int = TOP_N) -> tuple[list[str], list[float]]:
    items = list(data.items())[:n]
    return [k for k, _ in items], [float(v) for _, v in items]


def trend_chart(trend: list[tuple[str, int, int]]) -> Chart:
    """12 months of 信访总量 with the same month a year before."""
    labels = [f"{int(m[5:])}月" for m, _, _ in trend]
    this_year = trend[-1][0][:4] if trend else ""
    return Chart(
        "近12个月信访总量（批次）",
        ChartKind.COLUMNS,
        labels,
        [
            ("本期", [float(n) for _, n, _ in trend]),
            ("上年同月", [float(p) for _, _, p in trend]),
        ],
        note=f"截至{this_year}年{labels[-1] if labels else ''}",
    )


def charts(f: Figures, trend: list[tuple[str, int, int]]) -> list[Chart]:
    """Every chart, in the order the page and the report show them."""
    out = [trend_chart(trend)]
    for key, title in (
        ("by_category", "按问题类别（前{n}）"),
        ("by_village", "按村（社区）（前{n}）"),
        ("by_channel", "按信访形式"),
    ):
        labels, values = _top(getattr(f, key))
        out.append(Chart(title.format(n=TOP_N), ChartKind.BARS, labels, [("件数", values)]))
    rates = [(BY_KEY[k].label, f.rate(k)) for k in RATE_KEYS]
    shown = [(label, r) for label, r in rates if r.percent is not None]
    out.append(
        Chart(
            "主要比率与目标（%）",
            ChartKind.RATES,
            [label for label, _ in shown],
            [("比率", [round(r.percent or 0.0, 1) for _, r in shown])],
            [None if r.target is None else float(r.target) for _, r in shown],
            note="竖线为目标；红色为未达目标",
        )
    )
    return out
