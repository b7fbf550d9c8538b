"""The 统计 page: the month's figures and charts (``services.figures``), off the GUI thread.

Every figure shows its definition as a tooltip (the same text as the 统计 sheet's 口径 column
and the README); rates with a target show it, in red when below.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from petition_desk.services import figures as F
from petition_desk.services.figure_charts import charts
from petition_desk.ui.charts import ChartWidget
from petition_desk.ui.context import DeskContext
from petition_desk.ui.widgets import pydate, qdate

BELOW_TARGET = QColor("#c62828")


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of ``day``'s month."""
    return F.month_bounds(day)


class StatsPage(QWidget):
    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.figures: F.Figures | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.month = QDateEdit(qdate(ctx.today()))
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setCalendarPopup(True)
        self.as_of = QDateEdit(qdate(ctx.today()))
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.setCalendarPopup(True)
        self.as_of.setToolTip(
            self.tr("Rates count only what had happened by this day; overdue is as of this day.")
        )
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.report_button = QPushButton(self.tr("Analysis report…"))
        self.status = QLabel()
        top.addWidget(QLabel(self.tr("Month")))
        top.addWidget(self.month)
        top.addWidget(QLabel(self.tr("As of")))
        top.addWidget(self.as_of)
        top.addWidget(self.refresh_button)
        top.addWidget(self.status, 1)
        top.addWidget(self.report_button)
        layout.addLayout(top)

        splitter = QSplitter()
        self.tabs = QTabWidget()
        self.summary = _table([self.tr("Figure"), self.tr("Value"), self.tr("Target")])
        self.tabs.addTab(self.summary, self.tr("Figures"))
        self.tables: dict[str, QTableWidget] = {}
        titles = {
            "by_channel": self.tr("By channel"),
            "by_category": self.tr("By category"),
            "by_disposition": self.tr("By disposition"),
            "by_village": self.tr("By village"),
        }
        for key, title in titles.items():
            self.tables[key] = _table([title, self.tr("Cases")])
            self.tabs.addTab(self.tables[key], title)
        self.rates = _table([self.tr("Leader"), self.tr("Annotation rate"), self.tr("Target")])
        self.tabs.addTab(self.rates, self.tr("Leaders' annotation"))
        splitter.addWidget(self.tabs)
        chart_host = QWidget()
        grid = QGridLayout(chart_host)
        grid.setContentsMargins(0, 0, 0, 0)
        self.charts = [ChartWidget() for _ in range(5)]
        self.charts[0].setMinimumHeight(130)
        grid.addWidget(self.charts[0], 0, 0, 1, 2)
        for i, chart in enumerate(self.charts[1:]):
            grid.addWidget(chart, 1 + i // 2, i % 2)
        splitter.addWidget(chart_host)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([360, 1080])  # tables narrow, charts wide
        layout.addWidget(splitter, 1)

        self.refresh_button.clicked.connect(self.refresh)
        self.report_button.clicked.connect(self.open_report)
        self.month.dateChanged.connect(lambda _d: self.refresh())
        self.as_of.dateChanged.connect(lambda _d: self.refresh())
        ctx.casesChanged.connect(self.refresh)
        ctx.settingsChanged.connect(self.refresh)
        self.refresh()

    def period(self) -> tuple[dt.date, dt.date, dt.date]:
        first, last = month_bounds(pydate(self.month.date()))
        return first, last, pydate(self.as_of.date())

    def refresh(self) -> None:
        first, last, as_of = self.period()
        limits = self.ctx.rules()
        self.status.setText(self.tr("Computing…"))
        self.ctx.reader.submit(
            lambda conn: (
                F.compute(conn, first, last, as_of, limits),
                F.monthly_trend(conn, first),
            ),
            self.show_figures,
            lambda exc: self.status.setText(str(exc)),
        )

    def show_figures(self, result: tuple[F.Figures, list]) -> None:
        f, trend = result
        first, _last, as_of = self.period()
        if (f.first, f.as_of) != (first, as_of):
            return  # an older request answered late: the newer one is on its way
        self.figures = f
        self.status.setText(
            self.tr("%1 to %2, as of %3")
            .replace("%1", f.first.isoformat())
            .replace("%2", f.last.isoformat())
            .replace("%3", f.as_of.isoformat())
        )
        rows: list[tuple[F.Definition, str, str, bool]] = []
        for key in F.COUNT_KEYS:
            if key != "review":
                rows.append((F.BY_KEY[key], str(getattr(f, key)), "", False))
        for key in F.RATE_KEYS:
            r = f.rate(key)
            target = "" if r.target is None else f"≥ {r.target}%"
            rows.append(
                (F.BY_KEY[key], f"{r}  ({r.numerator}/{r.denominator})", target, r.below_target)
            )
        self.summary.setRowCount(len(rows))
        for i, (d, value, target, below) in enumerate(rows):
            tip = d.explain()
            for col, text in enumerate((d.label, value, target)):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                if below and col > 0:
                    item.setForeground(QBrush(BELOW_TARGET))
                self.summary.setItem(i, col, item)
        self.summary.resizeColumnsToContents()
        for key, table in self.tables.items():
            _fill(table, [(k, str(v)) for k, v in getattr(f, key).items()])
        review_tip = F.BY_KEY["review"].explain()
        self.rates.setRowCount(len(f.review))
        for i, lr in enumerate(f.review):
            cells = (
                lr.leader,
                f"{lr.rate}  ({lr.rate.numerator}/{lr.rate.denominator})",
                f"≥ {lr.rate.target}%",
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(review_tip)
                if lr.rate.below_target and col > 0:
                    item.setForeground(QBrush(BELOW_TARGET))
                self.rates.setItem(i, col, item)
        self.rates.resizeColumnsToContents()
        for widget, chart in zip(self.charts, charts(f, trend), strict=True):
            widget.set_chart(chart)

    def open_report(self) -> None:
        from petition_desk.ui.report_dialog import ReportDialog

        first, _last, as_of = self.period()
        ReportDialog(self.ctx, f"{first:%Y-%m}", as_of, self).exec()


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.horizontalHeader().setStretchLastSection(True)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    return t


def _fill(table: QTableWidget, rows: list[tuple[str, str]]) -> None:
    table.setRowCount(len(rows))
    for r, (a, b) in enumerate(rows):
        table.setItem(r, 0, QTableWidgetItem(a))
        table.setItem(r, 1, QTableWidgetItem(b))
    table.resizeColumnToContents(0)
