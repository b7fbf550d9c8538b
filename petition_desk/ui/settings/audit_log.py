"""The 操作日志 tab: who exported, printed and viewed what, in the clerk's words."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from petition_desk.services import audit
from petition_desk.ui.context import DeskContext


class AuditLogTab(QWidget):
    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        v = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "Who exported, printed and viewed what (newest first). The log cannot be changed."
            )
        )
        note.setWordWrap(True)
        v.addWidget(note)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Clerk"), self.tr("Action"), self.tr("Details")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        v.addWidget(self.table)

    def load(self) -> None:
        rows = audit.entries(self.ctx.conn, limit=500, viewer=self.ctx.user)
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            details = audit.describe(json.loads(r["details"]), r["action"])
            values = (r["at"].replace("T", " "), r["actor"], r["action"], details)
            for c, value in enumerate(values):
                self.table.setItem(i, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
