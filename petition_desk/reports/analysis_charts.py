"""The charts of ``services.figure_charts`` drawn on a reportlab canvas (vector, fonts embedded).

The same chart descriptions are painted on screen by ``ui/charts.py``; this is the printed twin.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor, black, white
from reportlab.pdfbase.pdfmetrics import stringWidth

from petition_desk.services.figure_charts import Chart, ChartKind, nice_ceiling

SERIES = (HexColor("#3b6fb6"), HexColor("#b9c7dd"))
BELOW = HexColor("#c62828")
GRID = HexColor("#d9d9d9")
LABEL_PT = 10.5  # 五号: the smallest size a printed government report uses


def draw_chart(c, chart: Chart, x: float, y: float, w: float, h: float, font: str) -> None:
    """Draw ``chart`` in the box whose lower-left corner is (x, y)."""
    c.saveState()
    c.setFillColor(white)
    c.setStrokeColor(GRID)
    c.rect(x, y, w, h, stroke=1, fill=1)
    c.setFillColor(black)
    c.setFont(font, 12)
    c.drawString(x + 6, y + h - 16, chart.title)
    c.setFont(font, LABEL_PT)
    area = (x + 6, y + 6, w - 12, h - 28)
    if not chart.labels:
        c.drawCentredString(x + w / 2, y + h / 2, "本期无数据")
    elif chart.kind is ChartKind.COLUMNS:
        _columns(c, chart, area, font)
    else:
        _bars(c, chart, area, font)
    c.restoreState()


def _columns(c, chart: Chart, area, font: str) -> None:
    ax, ay, aw, ah = area
    # legend, top right
    lx = ax + aw
    for i, (name, _v) in reversed(list(enumerate(chart.series))):
        lx -= stringWidth(name, font, LABEL_PT)
        c.setFillColor(black)
        c.drawString(lx, ay + ah - LABEL_PT, name)
        lx -= 12
        c.setFillColor(SERIES[i])
        c.rect(lx, ay + ah - LABEL_PT, 8, 8, stroke=0, fill=1)
        lx -= 10
    ah -= LABEL_PT + 6
    peak = nice_ceiling(max((max(v) for _n, v in chart.series if v), default=0))
    left = stringWidth(str(int(peak)), font, LABEL_PT) + 6
    px, py, pw, ph = ax + left, ay + LABEL_PT + 4, aw - left, ah - LABEL_PT - 4
    for k in range(5):
        gy = py + ph * k / 4
        c.setStrokeColor(GRID)
        c.line(px, gy, px + pw, gy)
        c.setFillColor(black)
        c.drawRightString(px - 3, gy - 3, f"{peak * k / 4:.0f}")
    groups, n = len(chart.labels), len(chart.series)
    slot = pw / groups
    bar = slot * 0.8 / n
    for g, label in enumerate(chart.labels):
        x0 = px + g * slot + slot * 0.1
        for s, (_name, values) in enumerate(chart.series):
            c.setFillColor(SERIES[s])
            c.rect(x0 + s * bar, py, bar - 0.5, ph * values[g] / peak, stroke=0, fill=1)
        c.setFillColor(black)
        c.drawCentredString(px + g * slot + slot / 2, ay, label)


def _bars(c, chart: Chart, area, font: str) -> None:
    ax, ay, aw, ah = area
    rates = chart.kind is ChartKind.RATES
    values = chart.series[0][1]
    peak = 100.0 if rates else (max(values, default=0) or 1)
    label_w = max(stringWidth(t, font, LABEL_PT) for t in chart.labels) + 6
    value_w = stringWidth("100.0%", font, LABEL_PT) + 6
    bottom = ay + (LABEL_PT + 4 if chart.note else 0)
    px, pw = ax + label_w, aw - label_w - value_w
    row = (ay + ah - bottom) / len(chart.labels)
    bar_h = min(row * 0.7, LABEL_PT * 1.4)
    for i, label in enumerate(chart.labels):
        top = ay + ah - i * row
        by = top - (row + bar_h) / 2
        below = chart.below_target(i)
        c.setFillColor(black)
        c.drawRightString(px - 4, by + bar_h / 2 - 3.5, label)
        bw = pw * min(values[i], peak) / peak
        c.setFillColor(BELOW if below else SERIES[0])
        c.rect(px, by, bw, bar_h, stroke=0, fill=1)
        c.setFillColor(BELOW if below else black)
        text = f"{values[i]:.1f}%" if rates else f"{values[i]:.0f}"
        end = bw
        if rates and chart.targets and chart.targets[i] is not None:
            end = max(bw, pw * chart.targets[i] / 100)
        c.drawString(px + end + 3, by + bar_h / 2 - 3.5, text)
        if rates and chart.targets and chart.targets[i] is not None:
            tx = px + pw * chart.targets[i] / 100
            c.setStrokeColor(black)
            c.setLineWidth(1.5)
            c.line(tx, by - 2, tx, by + bar_h + 2)
            c.setLineWidth(1)
    if chart.note:
        c.setFillColor(HexColor("#555555"))
        c.drawRightString(ax + aw, ay, chart.note)
