"""The 设置 page: unit, time limits, categories, villages, departments, leaders, clerks and the
holiday table. Forms are generated from the settings declared in ``petition_desk.services.settings``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from petition_desk.db.connection import transaction
from petition_desk.errors import ValidationError
from petition_desk.reports import templates
from petition_desk.services import audit, directory
from petition_desk.services import settings as settings_mod
from petition_desk.services.calendar_store import (
    confirm_year,
    import_holidays,
    recompute_due_dates,
    remove_override,
    set_override,
)
from petition_desk.services.directory import User
from petition_desk.ui.context import DeskContext
from petition_desk.ui.long_task import LongTask
from petition_desk.ui.widgets import ERROR_STYLE

CLOCK_KEYS = [s.key for s in settings_mod.SETTINGS if s.type is int]


class SettingsPage(QWidget):
    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.task: LongTask | None = None
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        self.tabs.addTab(self._general_tab(), self.tr("Unit and time limits"))
        self.tabs.addTab(self._departments_tab(), self.tr("Departments"))
        self.tabs.addTab(self._leaders_tab(), self.tr("Leaders"))
        self.tabs.addTab(self._clerks_tab(), self.tr("Clerks"))
        self.tabs.addTab(self._holidays_tab(), self.tr("Holidays"))
        self.tabs.addTab(self._templates_tab(), self.tr("Document wording"))
        self.tabs.addTab(self._audit_tab(), self.tr("Log"))
        self.tabs.currentChanged.connect(lambda _i: self._load_audit())
        self.load()

    # -- general ------------------------------------------------------------------------------
    def _general_tab(self) -> QWidget:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        w = QWidget()
        scroll.setWidget(w)
        v = QVBoxLayout(w)
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.hide()
        v.addWidget(self.general_error)
        form = QFormLayout()
        self.editors: dict[str, QWidget] = {}
        for s in settings_mod.SETTINGS:
            if s.type is int:
                e = QSpinBox()
                e.setRange(s.minimum or 0, s.maximum or 100000)
            elif s.type is list:
                e = QPlainTextEdit()
                e.setTabChangesFocus(True)
                e.setFixedHeight(110)
                e.setPlaceholderText(self.tr("One per line"))
            else:
                e = QLineEdit()
            self.editors[s.key] = e
            form.addRow(s.label, e)
        v.addLayout(form)
        self.save_general = QPushButton(self.tr("Save settings"))
        self.save_general.clicked.connect(self.save)
        v.addWidget(self.save_general)
        v.addStretch(1)
        return scroll

    def load(self) -> None:
        values = settings_mod.load(self.ctx.conn)
        for key, e in self.editors.items():
            if isinstance(e, QSpinBox):
                e.setValue(int(values[key]))
            elif isinstance(e, QPlainTextEdit):
                e.setPlainText("\n".join(values[key]))
            else:
                e.setText(str(values[key]))
        self._load_departments()
        self._load_leaders()
        self._load_clerks()
        self._load_holidays()
        self._load_template()

    def values(self) -> dict:
        out = {}
        for key, e in self.editors.items():
            if isinstance(e, QSpinBox):
                out[key] = e.value()
            elif isinstance(e, QPlainTextEdit):
                out[key] = e.toPlainText().splitlines()
            else:
                out[key] = e.text()
        return out

    def save(self) -> bool:
        """Validate and store the settings.

        When a time limit changed, every open case's due date is recomputed in the same
        transaction; on a large database that takes seconds, so it runs in a worker.
        """
        self.general_error.hide()
        before = settings_mod.load(self.ctx.conn)
        values = self.values()
        try:
            checked = {k: settings_mod.coerce(k, v) for k, v in values.items()}
        except ValidationError as exc:
            self.general_error.setText(str(exc))
            self.general_error.show()
            return False
        if any(before[k] != checked[k] for k in CLOCK_KEYS):
            self._calendar_task(
                self.tr("Recomputing due dates…"), lambda conn: _save_and_recompute(conn, checked)
            )
            return True
        with transaction(self.ctx.conn):
            settings_mod.save(self.ctx.conn, checked)
        self.ctx.settingsChanged.emit()
        self.ctx.casesChanged.emit()
        return True

    def _calendar_task(self, title: str, fn) -> LongTask:
        """Run a change that recomputes due dates off the GUI thread, then refresh."""
        self.task = LongTask(
            self,
            self.ctx,
            title,
            lambda conn, _progress: fn(conn),
            lambda _result: self._changed_calendar(),
        )
        return self.task

    # -- departments ----------------------------------------------------------------------------
    def _departments_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        self.department_list = QListWidget()
        row = QHBoxLayout()
        self.department_name = QLineEdit()
        self.department_name.setPlaceholderText(self.tr("New department"))
        add = QPushButton(self.tr("Add"))
        toggle = QPushButton(self.tr("Deactivate / reactivate"))
        row.addWidget(self.department_name, 1)
        row.addWidget(add)
        row.addWidget(toggle)
        v.addWidget(self.department_list)
        v.addLayout(row)
        add.clicked.connect(self.add_department)
        self.department_name.returnPressed.connect(self.add_department)
        toggle.clicked.connect(self._toggle_department)
        return w

    def _load_departments(self) -> None:
        self.department_list.clear()
        for r in self.ctx.conn.execute("SELECT id, name, active FROM departments ORDER BY id"):
            text = r[1] if r[2] else f"{r[1]} {self.tr('(inactive)')}"
            self.department_list.addItem(text)
            self.department_list.item(self.department_list.count() - 1).setData(256, r[0])

    def add_department(self) -> None:
        try:
            directory.add_department(self.ctx.conn, self.department_name.text())
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("Department"), str(exc))
            return
        self.department_name.clear()
        self._load_departments()
        self.ctx.settingsChanged.emit()

    def _toggle_department(self) -> None:
        item = self.department_list.currentItem()
        if item is None:
            return
        with transaction(self.ctx.conn):
            self.ctx.conn.execute(
                "UPDATE departments SET active = NOT active WHERE id = ?", (item.data(256),)
            )
        self._load_departments()
        self.ctx.settingsChanged.emit()

    # -- leaders --------------------------------------------------------------------------------
    def _leaders_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        self.leader_table = QTableWidget(0, 4)
        self.leader_table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Title"), self.tr("Principal leader"), self.tr("Rotation")]
        )
        self.leader_table.horizontalHeader().setStretchLastSection(True)
        row = QHBoxLayout()
        self.leader_name = QLineEdit()
        self.leader_name.setPlaceholderText(self.tr("Name"))
        self.leader_title = QLineEdit()
        self.leader_title.setPlaceholderText(self.tr("Title"))
        self.leader_principal = QCheckBox(self.tr("Principal leader"))
        add = QPushButton(self.tr("Add"))
        for x in (self.leader_name, self.leader_title, self.leader_principal, add):
            row.addWidget(x)
        v.addWidget(self.leader_table)
        v.addLayout(row)
        add.clicked.connect(self.add_leader)
        return w

    def _load_leaders(self) -> None:
        rows = directory.list_leaders(self.ctx.conn, active_only=False)
        self.leader_table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            for c, v in enumerate(
                (
                    r["name"],
                    r["title"],
                    self.tr("yes") if r["principal"] else "",
                    str(r["rotation"]),
                )
            ):
                self.leader_table.setItem(i, c, QTableWidgetItem(v))

    def add_leader(self) -> None:
        try:
            directory.add_leader(
                self.ctx.conn,
                self.leader_name.text(),
                self.leader_title.text(),
                principal=self.leader_principal.isChecked(),
            )
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("Leader"), str(exc))
            return
        self.leader_name.clear()
        self.leader_title.clear()
        self._load_leaders()
        self.ctx.settingsChanged.emit()

    # -- clerks ---------------------------------------------------------------------------------
    def _clerks_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        form = QFormLayout()
        self.acting = QComboBox()
        form.addRow(self.tr("Acting clerk (recorded in every event)"), self.acting)
        v.addLayout(form)
        self.clerk_list = QListWidget()
        v.addWidget(self.clerk_list)
        row = QHBoxLayout()
        self.clerk_login = QLineEdit()
        self.clerk_login.setPlaceholderText(self.tr("Login"))
        self.clerk_name = QLineEdit()
        self.clerk_name.setPlaceholderText(self.tr("Name"))
        add = QPushButton(self.tr("Add"))
        for x in (self.clerk_login, self.clerk_name, add):
            row.addWidget(x)
        v.addLayout(row)
        add.clicked.connect(self.add_clerk)
        self.acting.currentIndexChanged.connect(self._acting_changed)
        return w

    def _load_clerks(self) -> None:
        rows = self.ctx.conn.execute("SELECT id, login, name FROM users WHERE active ORDER BY id")
        users = [User(r[0], r[1], r[2]) for r in rows]
        self.clerk_list.clear()
        self.acting.blockSignals(True)
        self.acting.clear()
        for u in users:
            self.clerk_list.addItem(f"{u.name} ({u.login})")
            self.acting.addItem(u.name, u)
            if u.id == self.ctx.user.id:
                self.acting.setCurrentIndex(self.acting.count() - 1)
        self.acting.blockSignals(False)

    def add_clerk(self) -> None:
        try:
            directory.add_user(self.ctx.conn, self.clerk_login.text(), self.clerk_name.text())
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("Clerk"), str(exc))
            return
        self.clerk_login.clear()
        self.clerk_name.clear()
        self._load_clerks()

    def _acting_changed(self, _index: int) -> None:
        user = self.acting.currentData()
        if user is not None:
            self.ctx.user = user

    # -- audit log ------------------------------------------------------------------------------
    def _audit_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        note = QLabel(
            self.tr(
                "Who exported, printed and viewed what (newest first). The log cannot be changed."
            )
        )
        note.setWordWrap(True)
        v.addWidget(note)
        self.audit_table = QTableWidget(0, 4)
        self.audit_table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Clerk"), self.tr("Action"), self.tr("Details")]
        )
        self.audit_table.horizontalHeader().setStretchLastSection(True)
        v.addWidget(self.audit_table)
        return w

    def _load_audit(self) -> None:
        rows = audit.entries(self.ctx.conn, limit=500)
        self.audit_table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            details = "；".join(f"{k}：{v}" for k, v in json.loads(r["details"]).items())
            for c, value in enumerate(
                (r["at"].replace("T", " "), r["actor"], r["action"], details)
            ):
                self.audit_table.setItem(i, c, QTableWidgetItem(value))
        self.audit_table.resizeColumnsToContents()

    # -- document templates ---------------------------------------------------------------------
    def _templates_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        row = QHBoxLayout()
        self.template_kind = QComboBox()
        for key, kind in templates.KINDS.items():
            if key != "visit-form":  # a fixed table, not wording
                self.template_kind.addItem(kind.title, key)
        row.addWidget(QLabel(self.tr("Document")))
        row.addWidget(self.template_kind, 1)
        v.addLayout(row)
        form = QFormLayout()
        self.template_title = QLineEdit()
        self.template_body = QPlainTextEdit()
        self.template_body.setTabChangesFocus(True)
        form.addRow(self.tr("Document title"), self.template_title)
        form.addRow(self.tr("Wording"), self.template_body)
        v.addLayout(form, 1)
        names = "　".join("{" + k + "}" for k in templates.PLACEHOLDERS)
        hint = QLabel(self.tr("Placeholders: %1").replace("%1", names))
        hint.setWordWrap(True)
        v.addWidget(hint)
        self.template_error = QLabel()
        self.template_error.setStyleSheet(ERROR_STYLE)
        self.template_error.hide()
        v.addWidget(self.template_error)
        buttons = QHBoxLayout()
        save = QPushButton(self.tr("Save wording"))
        reset = QPushButton(self.tr("Restore the default"))
        buttons.addStretch(1)
        buttons.addWidget(reset)
        buttons.addWidget(save)
        v.addLayout(buttons)
        self.template_kind.currentIndexChanged.connect(lambda _i: self._load_template())
        save.clicked.connect(self.save_template)
        reset.clicked.connect(self._reset_template)
        return w

    def _load_template(self) -> None:
        t = templates.get(self.ctx.conn, self.template_kind.currentData())
        self.template_title.setText(t.title)
        self.template_body.setPlainText(t.body)
        self.template_error.hide()

    def save_template(self) -> bool:
        try:
            templates.save(
                self.ctx.conn,
                self.template_kind.currentData(),
                self.template_title.text(),
                self.template_body.toPlainText(),
                self.ctx.now(),
            )
        except ValidationError as exc:
            self.template_error.setText(str(exc))
            self.template_error.show()
            return False
        self.template_error.hide()
        return True

    def _reset_template(self) -> None:
        templates.reset(self.ctx.conn, self.template_kind.currentData())
        self._load_template()

    # -- holidays -------------------------------------------------------------------------------
    def _holidays_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        note = QLabel(
            self.tr(
                "Published holidays are known up to the year the holiday package covers. For later "
                "years, enter the State Council's schedule here (days off and make-up working days) "
                "and mark the year complete; until then due dates in that year are shown as "
                "unconfirmed."
            )
        )
        note.setWordWrap(True)
        v.addWidget(note)
        self.holiday_table = QTableWidget(0, 3)
        self.holiday_table.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Kind"), self.tr("Note")]
        )
        self.holiday_table.horizontalHeader().setStretchLastSection(True)
        v.addWidget(self.holiday_table)
        row = QHBoxLayout()
        self.holiday_date = QDateEdit(QDate(self.ctx.today()))
        self.holiday_date.setCalendarPopup(True)
        self.holiday_date.setDisplayFormat("yyyy-MM-dd")
        self.holiday_kind = QComboBox()
        self.holiday_kind.addItem(self.tr("Day off"), False)
        self.holiday_kind.addItem(self.tr("Working day"), True)
        self.holiday_note = QLineEdit()
        self.holiday_note.setPlaceholderText(self.tr("e.g. Spring Festival"))
        add = QPushButton(self.tr("Add"))
        remove = QPushButton(self.tr("Remove selected"))
        for x in (self.holiday_date, self.holiday_kind, self.holiday_note, add, remove):
            row.addWidget(x)
        v.addLayout(row)
        row2 = QHBoxLayout()
        self.year_box = QSpinBox()
        self.year_box.setRange(2000, 2100)
        self.year_box.setValue(self.ctx.today().year + 1)
        confirm = QPushButton(self.tr("Mark year as complete"))
        importer = QPushButton(self.tr("Import year from CSV…"))
        self.years_label = QLabel()
        for x in (QLabel(self.tr("Year")), self.year_box, confirm, importer, self.years_label):
            row2.addWidget(x)
        row2.addStretch(1)
        v.addLayout(row2)
        add.clicked.connect(self.add_holiday)
        remove.clicked.connect(self._remove_holiday)
        confirm.clicked.connect(self._confirm_year)
        importer.clicked.connect(self._import_year)
        return w

    def _load_holidays(self) -> None:
        rows = self.ctx.conn.execute(
            "SELECT day, workday, note FROM holiday_overrides ORDER BY day"
        ).fetchall()
        self.holiday_table.setRowCount(len(rows))
        for i, (day, work, note) in enumerate(rows):
            kind = self.tr("Working day") if work else self.tr("Day off")
            for c, v in enumerate((day, kind, note)):
                self.holiday_table.setItem(i, c, QTableWidgetItem(v))
        years = [str(y) for (y,) in self.ctx.conn.execute("SELECT year FROM holiday_years")]
        self.years_label.setText(
            self.tr("Entered years: %1").replace("%1", ", ".join(years) or "—")
        )

    def _changed_calendar(self) -> None:
        self._load_holidays()
        self.ctx.settingsChanged.emit()
        self.ctx.casesChanged.emit()

    def add_holiday(self) -> LongTask:
        day, work = self.holiday_date.date().toPython(), bool(self.holiday_kind.currentData())
        note = self.holiday_note.text()
        self.holiday_note.clear()
        return self._calendar_task(
            self.tr("Recomputing due dates…"), lambda conn: set_override(conn, day, work, note)
        )

    def _remove_holiday(self) -> None:
        row = self.holiday_table.currentRow()
        if row < 0:
            return
        day = dt.date.fromisoformat(self.holiday_table.item(row, 0).text())
        self._calendar_task(
            self.tr("Recomputing due dates…"), lambda conn: remove_override(conn, day)
        )

    def _confirm_year(self) -> None:
        year, note = self.year_box.value(), self.tr("entered by hand")
        self._calendar_task(
            self.tr("Recomputing due dates…"), lambda conn: confirm_year(conn, year, note)
        )

    def _import_year(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import holidays"), "", self.tr("CSV files (*.csv)")
        )
        if not path:
            return
        year = self.year_box.value()

        def done(n: int) -> None:
            QMessageBox.information(
                self, self.tr("Import holidays"), self.tr("%n day(s) imported.", "", n)
            )
            self._changed_calendar()

        # Errors (a wrong file, a date of another year) are shown by LongTask, in Chinese.
        self.task = LongTask(
            self,
            self.ctx,
            self.tr("Import holidays"),
            lambda conn, _p: import_holidays(conn, Path(path), year),
            done,
        )


def _save_and_recompute(conn, values: dict) -> None:
    with transaction(conn):
        settings_mod.save(conn, values)
        recompute_due_dates(conn)
