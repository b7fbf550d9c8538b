"""The 接待日 page: the month's reception days with leader and place, the coming days, swaps,
the rules, and each leader's 包案 cases and 阅批 rate."""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from petition_desk.domain import reception
from petition_desk.domain.deadlines import tier_for
from petition_desk.errors import DeskError, ValidationError
from petition_desk.services import leaders, reception_store, roster, roster_notice
from petition_desk.services.directory import list_departments, list_leaders
from petition_desk.services.visibility import visible_sql
from petition_desk.ui.context import DeskContext
from petition_desk.ui.form_dialog import FormDialog
from petition_desk.ui.ledger_model import TIER_COLOURS
from petition_desk.ui.reception_rules import ReceptionRulesDialog
from petition_desk.ui.widgets import ERROR_STYLE, ask_printer

EntryRole = Qt.ItemDataRole.UserRole + 1
RECEPTION_COLOUR = QColor("#e3f0ff")


class SwapDialog(FormDialog):
    """Give a reception day to another leader; late swaps need a reason and a deliberate tick."""

    def __init__(self, ctx: DeskContext, entry: roster.Entry, parent=None):
        self.ctx, self.entry = ctx, entry
        self.leader = QComboBox()
        for r in list_leaders(ctx.conn):
            if r["id"] != entry.leader_id:
                self.leader.addItem(r["name"], r["id"])
        self.exchange = QCheckBox(
            QApplication.translate(
                "SwapDialog", "Exchange: the original leader takes the other's next day"
            )
        )
        self.exchange.setChecked(True)
        self.reason = QLineEdit()
        self.override = QCheckBox(
            QApplication.translate("SwapDialog", "Swap even though the notice period is not met")
        )
        super().__init__(
            QApplication.translate("SwapDialog", "Swap reception day"),
            [
                (
                    QApplication.translate("SwapDialog", "Day"),
                    QLabel(f"{entry.day} {entry.half_day}  {entry.leader}"),
                ),
                (QApplication.translate("SwapDialog", "Leader taking over"), self.leader),
                ("", self.exchange),
                (QApplication.translate("SwapDialog", "Reason"), self.reason),
                ("", self.override),
            ],
            parent=parent,
        )

    def run(self) -> None:
        roster.swap(
            self.ctx.conn,
            self.entry.id,
            self.leader.currentData(),
            self.ctx.user,
            today=self.ctx.today(),
            reason=self.reason.text(),
            override=self.override.isChecked(),
            exchange=self.exchange.isChecked(),
            now=self.ctx.now(),
        )


class EntryDialog(FormDialog):
    """Place, accompanying department (陪访) and a note for one reception day."""

    def __init__(self, ctx: DeskContext, entry: roster.Entry, parent=None):
        self.ctx, self.entry = ctx, entry
        self.place = QLineEdit(entry.place)
        self.department = QComboBox()
        self.department.addItem(QApplication.translate("EntryDialog", "(none)"), None)
        for dept_id, name in list_departments(ctx.conn):
            self.department.addItem(name, dept_id)
        self.department.setCurrentIndex(max(0, self.department.findData(entry.department_id)))
        self.note = QLineEdit(entry.note)
        super().__init__(
            QApplication.translate("EntryDialog", "Reception day details"),
            [
                (
                    QApplication.translate("EntryDialog", "Day"),
                    QLabel(f"{entry.day} {entry.half_day}  {entry.leader}"),
                ),
                (QApplication.translate("EntryDialog", "Place"), self.place),
                (QApplication.translate("EntryDialog", "Accompanying department"), self.department),
                (QApplication.translate("EntryDialog", "Note"), self.note),
            ],
            parent=parent,
        )

    def run(self) -> None:
        roster.edit(
            self.ctx.conn,
            self.entry.id,
            self.ctx.user,
            place=self.place.text().strip(),
            department_id=self.department.currentData(),
            note=self.note.text().strip(),
            now=self.ctx.now(),
        )


class ReceptionPage(QWidget):
    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        today = ctx.today()
        self.year, self.month = today.year, today.month
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.prev_button = QPushButton("◀")
        self.next_button = QPushButton("▶")
        self.month_label = QLabel()
        self.month_label.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.generate_button = QPushButton(self.tr("Generate this month's roster"))
        self.swap_button = QPushButton(self.tr("Swap…"))
        self.details_button = QPushButton(self.tr("Place / accompanying…"))
        self.xlsx_button = QPushButton(self.tr("Export Excel…"))
        self.pdf_button = QPushButton(self.tr("Export PDF notice…"))
        self.print_button = QPushButton(self.tr("Print notice…"))
        self.rules_button = QPushButton(self.tr("Rules…"))
        for w in (self.prev_button, self.month_label, self.next_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.rules_button)
        bar.addWidget(self.generate_button)
        layout.addLayout(bar)
        # A second row keeps the page narrow enough for a 1366-pixel screen.
        actions = QHBoxLayout()
        for w in (
            self.swap_button,
            self.details_button,
            self.xlsx_button,
            self.pdf_button,
            self.print_button,
        ):
            actions.addWidget(w)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.rules_label = QLabel()
        self.warning = QLabel()
        self.warning.setStyleSheet(ERROR_STYLE)
        self.warning.setWordWrap(True)
        layout.addWidget(self.rules_label)
        layout.addWidget(self.warning)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.grid = QTableWidget(6, 7)
        self.grid.setHorizontalHeaderLabels(list(reception.WEEKDAYS))
        self.grid.verticalHeader().hide()
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.grid.setWordWrap(True)
        self.splitter.addWidget(self.grid)
        side = QTabWidget()
        self.coming = QListWidget()
        side.addTab(self.coming, self.tr("Coming days"))
        self.owned = QTreeWidget()
        self.owned.setHeaderLabels(
            [
                self.tr("Leader / case"),
                self.tr("State"),
                self.tr("Next due"),
                self.tr("Owner deadline"),
            ]
        )
        # The case column takes the room left; the others fit their text (a case number was
        # cut to "2026-1…").
        owned_header = self.owned.header()
        owned_header.setStretchLastSection(False)
        owned_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            owned_header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        side.addTab(self.owned, self.tr("Leaders' cases"))
        self.rates = QTableWidget(0, 4)
        self.rates.setHorizontalHeaderLabels(
            [self.tr("Leader"), self.tr("Passed"), self.tr("Annotated"), self.tr("Rate / target")]
        )
        self.rates.horizontalHeader().setStretchLastSection(True)
        side.addTab(self.rates, self.tr("Annotation rate"))
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)
        self.prev_button.clicked.connect(lambda: self.shift(-1))
        self.next_button.clicked.connect(lambda: self.shift(1))
        self.generate_button.clicked.connect(self.generate)
        self.swap_button.clicked.connect(self.swap_selected)
        self.details_button.clicked.connect(self.edit_selected)
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.print_button.clicked.connect(lambda: self.print_notice())
        self.rules_button.clicked.connect(self.edit_rules)
        self.grid.itemSelectionChanged.connect(self._selection_changed)
        self.grid.itemDoubleClicked.connect(lambda _i: self.swap_selected())
        ctx.casesChanged.connect(self.refresh_side)
        ctx.settingsChanged.connect(self.refresh)
        self.refresh()

    # -- month --------------------------------------------------------------------------------
    def shift(self, months: int) -> None:
        index = self.year * 12 + self.month - 1 + months
        self.year, self.month = divmod(index, 12)
        self.month += 1
        self.refresh()

    def refresh(self) -> None:
        self.month_label.setText(
            self.tr("%1-%2").replace("%1", str(self.year)).replace("%2", f"{self.month:02d}")
        )
        rules = reception_store.load_reception_rules(self.ctx.conn)
        self.rules_label.setText(
            self.tr("Reception days: %1").replace(
                "%1", "、".join(r.describe() for r in rules) or self.tr("no rule yet")
            )
        )
        self.entries = roster.month_entries(self.ctx.conn, self.year, self.month)
        calendar_ = self.ctx.rules().calendar
        warnings = []
        if not calendar_.year_confirmed(self.year):
            warnings.append(
                self.tr(
                    "The holidays of %1 are not entered yet: only weekends are "
                    "skipped. Enter them under Settings → Holidays."
                ).replace("%1", str(self.year))
            )
        if rules and not self.entries:
            warnings.append(self.tr("No roster for this month yet."))
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))
        self._fill_grid()
        self.refresh_side()
        self._selection_changed()

    def _fill_grid(self) -> None:
        self.grid.clearContents()
        by_day: dict[dt.date, list[roster.Entry]] = {}
        for e in self.entries:
            by_day.setdefault(e.day, []).append(e)
        first_weekday, days = calendar.monthrange(self.year, self.month)
        today = self.ctx.today()
        for n in range(1, days + 1):
            day = dt.date(self.year, self.month, n)
            cell = first_weekday + n - 1
            lines = [f"{n}  {reception.lunar_text(day)}"]
            for e in by_day.get(day, []):
                lines.append(f"{e.half_day} {e.leader}")
                lines.append(e.place + (f"（陪访：{e.department}）" if e.department else ""))
            item = QTableWidgetItem("\n".join(lines))
            item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            if day in by_day:
                item.setBackground(QBrush(RECEPTION_COLOUR))
                item.setData(EntryRole, by_day[day][0].id)
                if any(e.manual for e in by_day[day]):
                    item.setToolTip(
                        self.tr("Changed by hand; kept when the month is generated again.")
                    )
            elif not self.ctx.rules().calendar.is_working_day(day):
                item.setForeground(QBrush(QColor("#999999")))
            if day == today:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.grid.setItem(cell // 7, cell % 7, item)

    def refresh_side(self) -> None:
        self.coming.clear()
        for e in roster.coming(self.ctx.conn, self.ctx.today()):
            self.coming.addItem(
                f"{e.day} {reception.WEEKDAYS[e.day.weekday()]} "
                f"{reception.lunar_text(e.day)}  {e.half_day}  {e.leader}  "
                f"{e.place}" + (f"  陪访：{e.department}" if e.department else "")
            )
        self.owned.clear()
        rules, today = self.ctx.rules(), self.ctx.today()
        for r in list_leaders(self.ctx.conn):
            cases = leaders.owned_cases(self.ctx.conn, r["id"], visible_sql(self.ctx.user))
            top = QTreeWidgetItem(
                [f"{r['name']}（{r['title']}）", "", self.tr("%n case(s)", "", len(cases)), ""]
            )
            for c in cases:
                nxt = next((k for k in c.clocks if k.obligation), None)
                child = QTreeWidgetItem(
                    [
                        f"{c.number}  {c.summary}",
                        c.state,
                        f"{nxt.due} {nxt.kind.value}" if nxt else "",
                        c.owner_due or "",
                    ]
                )
                if nxt:
                    colour = TIER_COLOURS.get(tier_for(nxt.due, today, rules))
                    if colour:
                        child.setBackground(2, QBrush(colour))
                top.addChild(child)
            self.owned.addTopLevelItem(top)
            top.setExpanded(True)
        first = dt.date(self.year, self.month, 1)
        last = dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        rates = leaders.review_rates(self.ctx.conn, first, last)
        self.rates.setRowCount(len(rates))
        for i, rate in enumerate(rates):
            pct = "—" if rate.percent is None else f"{rate.percent:.0f}%"
            values = [
                rate.leader + (self.tr(" (principal)") if rate.principal else ""),
                str(rate.passed),
                str(rate.reviewed),
                f"{pct} / {rate.target}%",
            ]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c == 3 and rate.meets_target is False:
                    item.setForeground(QBrush(QColor("#b3261e")))
                self.rates.setItem(i, c, item)

    # -- actions --------------------------------------------------------------------------------
    def selected_entry(self) -> roster.Entry | None:
        item = self.grid.currentItem()
        entry_id = item.data(EntryRole) if item else None
        return roster.get_entry(self.ctx.conn, entry_id) if entry_id else None

    def _selection_changed(self) -> None:
        selected = self.selected_entry() is not None
        self.swap_button.setEnabled(selected)
        self.details_button.setEnabled(selected)

    def select_day(self, day: dt.date) -> None:
        first_weekday, _ = calendar.monthrange(self.year, self.month)
        cell = first_weekday + day.day - 1
        self.grid.setCurrentCell(cell // 7, cell % 7)

    def generate(self) -> roster.Generated | None:
        try:
            result = roster.generate_month(
                self.ctx.conn, self.year, self.month, self.ctx.user, self.ctx.now()
            )
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("Roster"), str(exc))
            return None
        self.refresh()
        return result

    def swap_selected(self) -> bool:
        entry = self.selected_entry()
        if entry is None:
            return False
        if SwapDialog(self.ctx, entry, self).exec() != QDialog.DialogCode.Accepted:
            return False
        self.refresh()
        return True

    def edit_selected(self) -> bool:
        entry = self.selected_entry()
        if (
            entry is None
            or EntryDialog(self.ctx, entry, self).exec() != QDialog.DialogCode.Accepted
        ):
            return False
        self.refresh()
        return True

    def notice(self) -> roster_notice.RosterNotice:
        return roster_notice.gather(self.ctx.conn, self.year, self.month)

    def notice_pdf(self) -> bytes:
        """The month's roster as the public notice (PDF bytes)."""
        return roster_notice.render_pdf(self.notice(), self.ctx.today())

    def print_notice(self, printer=None) -> bool:
        """Print the public notice through the system printer dialog."""
        from petition_desk.ui.pdf_pages import print_pdf

        printer = printer or ask_printer(self)
        if printer is None:
            return False
        try:
            print_pdf(self.notice_pdf(), printer)
            roster_notice.record_printed(self.ctx.conn, self.ctx.user, self.year, self.month)
        except (DeskError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Export the roster"), str(exc))
            return False
        return True

    def export(self, kind: str, path: Path | None = None) -> Path | None:
        if path is None:
            suffix = "xlsx" if kind == "xlsx" else "pdf"
            name = f"接待日安排-{self.year}-{self.month:02d}.{suffix}"
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export the roster"), name, f"*.{suffix}"
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            roster_notice.export(
                self.notice(), path, self.ctx.user, self.ctx.conn, self.ctx.today()
            )
        except (DeskError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Export the roster"), str(exc))
            return None
        return path

    def edit_rules(self) -> None:
        ReceptionRulesDialog(self.ctx, self).exec()
        self.refresh()
