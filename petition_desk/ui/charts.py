"""Charts of the 统计 page, painted with QPainter.

Why our own small widget: QtCharts is not in PySide6-Essentials (it needs PySide6-Addons,
~175 MB in the bundle), pyqtgraph needs numpy and matplotlib is larger still; the page needs
only bars, grouped bars and rates against a target, which QPainter draws crisply at any DPI.
The data comes from ``services.figure_charts`` — the same descriptions the PDF report draws.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from petition_desk.services.figure_charts import Chart, ChartKind, nice_ceiling

SERIES_COLORS = (QColor("#3b6fb6"), QColor("#b9c7dd"))
BELOW = QColor("#c62828")
TARGET = QColor("#333333")
GRID = QColor("#e3e3e3")


class ChartWidget(QWidget):
    """One chart; ``set_chart`` replaces what it shows."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.chart: Chart | None = None
        self.setMinimumSize(160, 110)  # the window may be made small; the page then crowds
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_chart(self, chart: Chart) -> None:
        self.chart = chart
        self.setToolTip(chart.title + (f"\n{chart.note}" if chart.note else ""))
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        p.setPen(QPen(GRID))
        p.drawRect(self.rect().adjusted(0, 0, -1, -1))
        if self.chart is None:
            return
        c = self.chart
        title_font = QFont(self.font())
        title_font.setBold(True)
        p.setFont(title_font)
        p.setPen(QColor("black"))
        tm = QFontMetrics(title_font)
        p.drawText(
            QRectF(8, 4, self.width() - 16, tm.height() + 4), Qt.AlignmentFlag.AlignLeft, c.title
        )
        p.setFont(self.font())
        top = tm.height() + 12
        area = QRectF(8, top, self.width() - 16, self.height() - top - 8)
        if not c.labels:
            p.drawText(area, Qt.AlignmentFlag.AlignCenter, self.tr("No data for this period"))
            return
        if c.kind is ChartKind.COLUMNS:
            self._columns(p, c, area)
        else:
            self._bars(p, c, area)
        p.end()

    def _legend(self, p: QPainter, c: Chart, area: QRectF) -> float:
        fm = QFontMetrics(self.font())
        x = area.right()
        for i, (name, _v) in reversed(list(enumerate(c.series))):
            w = fm.horizontalAdvance(name)
            x -= w
            p.setPen(QColor("black"))
            p.drawText(QRectF(x, area.top(), w + 2, fm.height()), name)
            x -= 14
            p.fillRect(QRectF(x, area.top() + fm.height() / 2 - 5, 10, 10), SERIES_COLORS[i])
            x -= 10
        return fm.height() + 4

    def _columns(self, p: QPainter, c: Chart, area: QRectF) -> None:
        fm = QFontMetrics(self.font())
        area = area.adjusted(0, self._legend(p, c, area), 0, 0)
        peak = nice_ceiling(max((max(v) for _n, v in c.series if v), default=0))
        left = fm.horizontalAdvance(str(int(peak))) + 6
        plot = area.adjusted(left, 4, 0, -fm.height() - 4)
        p.setPen(QPen(GRID))
        for k in range(5):
            y = plot.bottom() - plot.height() * k / 4
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(QColor("#666666"))
            p.drawText(
                QRectF(area.left(), y - fm.height() / 2, left - 4, fm.height()),
                Qt.AlignmentFlag.AlignRight,
                f"{peak * k / 4:.0f}",
            )
            p.setPen(QPen(GRID))
        n, groups = len(c.series), len(c.labels)
        slot = plot.width() / groups
        bar = slot * 0.8 / n
        for g, label in enumerate(c.labels):
            x0 = plot.left() + g * slot + slot * 0.1
            for s, (_name, values) in enumerate(c.series):
                h = plot.height() * values[g] / peak
                p.fillRect(QRectF(x0 + s * bar, plot.bottom() - h, bar - 1, h), SERIES_COLORS[s])
            p.setPen(QColor("black"))
            p.drawText(
                QRectF(plot.left() + g * slot, plot.bottom() + 2, slot, fm.height()),
                Qt.AlignmentFlag.AlignHCenter,
                label,
            )

    def _bars(self, p: QPainter, c: Chart, area: QRectF) -> None:
        fm = QFontMetrics(self.font())
        rates = c.kind is ChartKind.RATES
        values = c.series[0][1]
        peak = 100.0 if rates else (max(values, default=0) or 1)
        label_w = max(fm.horizontalAdvance(t) for t in c.labels) + 8
        value_w = fm.horizontalAdvance("100.0%") + 6
        plot = area.adjusted(label_w, 0, -value_w, -(fm.height() + 2 if c.note else 0))
        row = plot.height() / len(c.labels)
        bar_h = min(row * 0.7, fm.height() * 1.4)
        for i, label in enumerate(c.labels):
            y = plot.top() + i * row + (row - bar_h) / 2
            p.setPen(QColor("black"))
            p.drawText(
                QRectF(area.left(), plot.top() + i * row, label_w - 6, row),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            w = plot.width() * min(values[i], peak) / peak
            color = BELOW if c.below_target(i) else SERIES_COLORS[0]
            p.fillRect(QRectF(plot.left(), y, w, bar_h), color)
            text = f"{values[i]:.1f}%" if rates else f"{values[i]:.0f}"
            p.setPen(color if c.below_target(i) else QColor("black"))
            end = w
            target = c.targets[i] if rates and c.targets else None
            if target is not None:
                end = max(w, plot.width() * target / 100)
            p.drawText(
                QRectF(plot.left() + end + 4, plot.top() + i * row, value_w + 40, row),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            if target is not None:
                tx = plot.left() + plot.width() * target / 100
                p.setPen(QPen(TARGET, 2))
                p.drawLine(QPointF(tx, y - 3), QPointF(tx, y + bar_h + 3))
        if c.note:
            p.setPen(QColor("#666666"))
            p.drawText(
                QRectF(area.left(), area.bottom() - fm.height(), area.width(), fm.height()),
                Qt.AlignmentFlag.AlignRight,
                c.note,
            )
