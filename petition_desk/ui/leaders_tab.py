"""The 领导 tab of a case: 首问责任人, 领导包案, and 阅批 records with their 批示."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from petition_desk.services import leaders
from petition_desk.services.cases import get_case
from petition_desk.services.directory import leader_names, list_leaders
from petition_desk.ui.context import DeskContext
from petition_desk.ui.form_dialog import FormDialog


class LeadersTab(QWidget):
    changed = Signal()

    def __init__(self, ctx: DeskContext, case_id: int, parent=None):
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Leader"),
                self.tr("Passed on"),
                self.tr("Annotated on"),
                self.tr("Instruction"),
                self.tr("Result"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.pass_button = QPushButton(self.tr("Pass to a leader for annotation…"))
        self.review_button = QPushButton(self.tr("Record the instruction…"))
        self.owner_button = QPushButton(self.tr("Leader takes charge (包案)…"))
        for b in (self.pass_button, self.review_button, self.owner_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.pass_button.clicked.connect(lambda: self.pass_for_review())
        self.review_button.clicked.connect(lambda: self.record_review())
        self.owner_button.clicked.connect(lambda: self.assign_owner())
        self.refresh()

    def _leader_combo(self) -> QComboBox:
        combo = QComboBox()
        for r in list_leaders(self.ctx.conn):
            combo.addItem(f"{r['name']}（{r['title']}）" if r["title"] else r["name"], r["id"])
        return combo

    def refresh(self) -> None:
        case = get_case(self.ctx.conn, self.case_id)
        names = leader_names(self.ctx.conn)
        parts = []
        if case["first_leader_id"]:
            parts.append(
                self.tr("First responsible leader (首问): %1 (%2)")
                .replace("%1", names.get(case["first_leader_id"], "?"))
                .replace("%2", case["reception_kind"] or "")
            )
        if case["owner_leader_id"]:
            parts.append(
                self.tr("In the charge of %1 until %2")
                .replace("%1", names.get(case["owner_leader_id"], "?"))
                .replace("%2", case["owner_due"] or "")
            )
        self.summary.setText("\n".join(parts) or self.tr("No leader is attached to this case."))
        self.reviews = leaders.reviews_of(self.ctx.conn, self.case_id)
        self.table.setRowCount(len(self.reviews))
        for i, r in enumerate(self.reviews):
            for c, v in enumerate(
                (
                    r["leader"],
                    r["passed_at"][:10],
                    (r["reviewed_at"] or "")[:10],
                    r["instruction"],
                    r["result"],
                )
            ):
                self.table.setItem(i, c, QTableWidgetItem(v))
        self.review_button.setEnabled(any(not r["reviewed_at"] for r in self.reviews))

    def pass_for_review(self, leader_id: int | None = None) -> bool:
        combo = self._leader_combo()
        if leader_id is not None:
            combo.setCurrentIndex(combo.findData(leader_id))

        def run():
            leaders.pass_for_review(
                self.ctx.conn, self.case_id, combo.currentData(), self.ctx.user, self.ctx.now()
            )

        return self._exec(
            FormDialog(self.tr("Pass for annotation"), [(self.tr("Leader"), combo)], run, self),
            auto=leader_id is not None,
        )

    def record_review(self, instruction: str | None = None, result: str = "") -> bool:
        pending = [r for r in self.reviews if not r["reviewed_at"]]
        if not pending:
            return False
        which = QComboBox()
        for r in pending:
            which.addItem(f"{r['leader']} {r['passed_at'][:10]}", r["id"])
        text = QPlainTextEdit(instruction or "")
        text.setTabChangesFocus(True)
        outcome = QLineEdit(result)

        def run():
            leaders.record_review(
                self.ctx.conn,
                which.currentData(),
                text.toPlainText(),
                outcome.text(),
                self.ctx.user,
                self.ctx.now(),
            )

        form = FormDialog(
            self.tr("Leader's instruction"),
            [
                (self.tr("Record"), which),
                (self.tr("Instruction"), text),
                (self.tr("Result"), outcome),
            ],
            run,
            self,
        )
        return self._exec(form, auto=instruction is not None)

    def assign_owner(self, leader_id: int | None = None, deadline: dt.date | None = None) -> bool:
        combo = self._leader_combo()
        if leader_id is not None:
            combo.setCurrentIndex(combo.findData(leader_id))
        due = QDateEdit(QDate(deadline or self.ctx.today() + dt.timedelta(days=30)))
        due.setCalendarPopup(True)
        due.setDisplayFormat("yyyy-MM-dd")

        def run():
            leaders.assign_owner(
                self.ctx.conn,
                self.case_id,
                combo.currentData(),
                due.date().toPython(),
                self.ctx.user,
                self.ctx.now(),
            )

        return self._exec(
            FormDialog(
                self.tr("Leader takes charge"),
                [(self.tr("Leader"), combo), (self.tr("Deadline"), due)],
                run,
                self,
            ),
            auto=leader_id is not None,
        )

    def _exec(self, form: FormDialog, auto: bool = False) -> bool:
        if not list_leaders(self.ctx.conn):
            QMessageBox.warning(
                self, self.tr("Leaders"), self.tr("Add the leaders under Settings first.")
            )
            return False
        if auto:  # called with values (tests, scripts): submit without showing the form
            form.submit()
            ok = form.result() == QDialog.DialogCode.Accepted
        else:
            ok = form.exec() == QDialog.DialogCode.Accepted
        if ok:
            self.refresh()
            self.changed.emit()
        return ok
