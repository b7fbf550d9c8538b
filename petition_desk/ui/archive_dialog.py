"""归档: the file's completeness first, then a volume — a new one numbered by the scheme, or a
volume already holding this petitioner's files — and the 卷内目录 to print."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from petition_desk.errors import DeskError
from petition_desk.services import archive
from petition_desk.ui.context import DeskContext
from petition_desk.ui.widgets import ERROR_STYLE, ErrorLabel


class ArchiveDialog(QDialog):
    def __init__(self, ctx: DeskContext, case: dict, parent=None):
        super().__init__(parent)
        self.ctx, self.case = ctx, case
        self.setWindowTitle(self.tr("Archive case %1").replace("%1", case["number"]))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.check = archive.check_file(ctx.conn, case["id"])
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        form = QFormLayout()
        self.volume = QComboBox()
        self.volume.addItem(self.tr("A new volume (%1)").replace("%1", self.check.retention), None)
        for v in archive.volumes_of_petitioner(ctx.conn, case["id"]):
            self.volume.addItem(
                self.tr("Volume %1 of the same petitioner (%n case(s))", "", v.cases).replace(
                    "%1", v.number
                ),
                v.id,
            )
        form.addRow(self.tr("Volume"), self.volume)
        self.no_notice = QLineEdit()
        self.no_follow_up = QLineEdit()
        if "notice" in self.check.excusable:
            form.addRow(self.tr("Why no written notice was issued"), self.no_notice)
        if "follow_up" in self.check.excusable:
            form.addRow(self.tr("Why there was no follow-up visit"), self.no_follow_up)
        layout.addLayout(form)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._show_check()

    def _show_check(self) -> None:
        retention = self.tr("Retention period: %1.").replace("%1", self.check.retention)
        if self.check.complete:
            self.summary.setText(self.tr("The file is complete.") + " " + retention)
            return
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.setText(
            self.tr("The file lacks: %1.").replace("%1", "、".join(self.check.missing))
            + " "
            + retention
            + "\n"
            + self.tr(
                "A missing notice or follow-up visit can be archived with the reason; "
                "anything else must be added to the file first."
            )
        )

    def submit(self) -> None:
        self.error.show_message("")
        try:
            archive.archive(
                self.ctx.conn,
                self.case["id"],
                self.ctx.user,
                self.ctx.now(),
                volume_id=self.volume.currentData(),
                no_notice_reason=self.no_notice.text(),
                no_follow_up_reason=self.no_follow_up.text(),
            )
        except DeskError as exc:
            self.error.show_message(str(exc))
            return
        self.accept()
