"""The 统计 page: the month's figures (domain.md §6), computed off the GUI thread."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from petition_desk.services.leaders import review_rates
from petition_desk.services.stats import Figures, figures
from petition_desk.ui.context import DeskContext


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    return first, nxt - dt.timedelta(days=1)


class StatsPage(QWidget):
    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.figures: Figures | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.month = QDateEdit(QDate(ctx.today()))
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setCalendarPopup(True)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.status = QLabel()
        top.addWidget(QLabel(self.tr("Month")))
        top.addWidget(self.month)
        top.addWidget(self.refresh_button)
        top.addWidget(self.status, 1)
        layout.addLayout(top)
        self.summary = QTableWidget(0, 2)
        self.summary.setHorizontalHeaderLabels([self.tr("Figure"), self.tr("Value")])
        self.tables: dict[str, QTableWidget] = {}
        grid = QGridLayout()
        self.rates = QTableWidget(0, 2)
        self.rates.setHorizontalHeaderLabels(
            [self.tr("Annotation rate (阅批率)"), self.tr("Rate / target")]
        )
        self.rates.horizontalHeader().setStretchLastSection(True)
        first_cell = QVBoxLayout()
        first_cell.addWidget(self.summary, 3)
        first_cell.addWidget(self.rates, 1)
        grid.addLayout(first_cell, 0, 0)
        titles = {
            "by_channel": self.tr("By channel"),
            "by_category": self.tr("By category"),
            "by_disposition": self.tr("By disposition"),
            "by_village": self.tr("By village"),
            "by_state": self.tr("By state"),
        }
        for i, (key, title) in enumerate(titles.items(), start=1):
            t = QTableWidget(0, 2)
            t.setHorizontalHeaderLabels([title, self.tr("Cases")])
            t.horizontalHeader().setStretchLastSection(True)
            self.tables[key] = t
            grid.addWidget(t, i // 3, i % 3)
        layout.addLayout(grid, 1)
        self.refresh_button.clicked.connect(self.refresh)
        self.month.dateChanged.connect(lambda _d: self.refresh())
        ctx.casesChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        first, last = month_bounds(self.month.date().toPython())
        today, rules = self.ctx.today(), self.ctx.rules()
        self.status.setText(self.tr("Computing…"))
        self.ctx.reader.submit(
            lambda conn: (
                figures(conn, first, last, today, rules),
                review_rates(conn, first, last),
            ),
            self.show_figures,
            lambda exc: self.status.setText(str(exc)),
        )

    def show_figures(self, result: tuple[Figures, list]) -> None:
        f, rates = result
        self.figures, self.review_rates = f, rates
        _fill(
            self.rates,
            [
                (
                    r.leader,
                    "—"
                    if r.percent is None
                    else f"{r.percent:.0f}% / {r.target}%  ({r.reviewed}/{r.passed})"
                    + ("" if r.meets_target is not False else " ✗"),
                )
                for r in rates
            ],
        )
        self.status.setText(f"{f.date_from} — {f.date_to}")
        rows = [
            (self.tr("Cases (批次)"), str(f.batches)),
            (self.tr("Persons (人次)"), str(f.persons)),
            (self.tr("Collective visits"), f"{f.collective} / {f.collective_persons}"),
            (self.tr("Repeat petitions"), str(f.repeat)),
            (self.tr("Timely notice rate"), _rate(f.timely_notice)),
            (self.tr("On-time reply rate"), _rate(f.on_time_reply)),
            (self.tr("Satisfaction rate"), _rate(f.satisfaction)),
            (self.tr("Participation rate"), _rate(f.participation)),
            (self.tr("Settled rate"), _rate(f.settled)),
            (self.tr("Overdue now"), str(f.overdue_now)),
        ]
        _fill(self.summary, rows)
        for key, table in self.tables.items():
            _fill(table, [(k, str(v)) for k, v in getattr(f, key).items()])


def _rate(rate) -> str:
    return f"{rate}  ({rate.numerator}/{rate.denominator})"


def _fill(table: QTableWidget, rows: list[tuple[str, str]]) -> None:
    table.setRowCount(len(rows))
    for r, (a, b) in enumerate(rows):
        table.setItem(r, 0, QTableWidgetItem(a))
        table.setItem(r, 1, QTableWidgetItem(b))
    table.resizeColumnToContents(0)
