"""The 文书 tab of a case: issue notices, preview and print the kept copies, save a copy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from petition_desk.errors import DeskError
from petition_desk.reports.templates import KINDS
from petition_desk.services import audit, documents
from petition_desk.ui.context import DeskContext
from petition_desk.ui.pdf_pages import print_pdf, render_pages
from petition_desk.ui.widgets import ask_printer


class PreviewDialog(QDialog):
    """The pages of a PDF, as they will print."""

    def __init__(self, pdf: bytes, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(840, 900)
        layout = QVBoxLayout(self)
        scroll = QScrollArea()
        host = QWidget()
        pages = QVBoxLayout(host)
        self.images = render_pages(pdf, dpi=96)
        for image in self.images:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("border: 1px solid #999; background: white;")
            pages.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        scroll.setWidget(host)
        scroll.setWidgetResizable(True)
        layout.addWidget(scroll)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)


class DocumentsTab(QWidget):
    changed = Signal()

    def __init__(self, ctx: DeskContext, case_id: int, parent=None):
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.kind = QComboBox()
        for key, kind in KINDS.items():
            self.kind.addItem(kind.title, key)
        self.unmasked = QCheckBox(self.tr("ID and phone in full"))
        self.unmasked.setToolTip(self.tr("Only the 来访登记表 shows them; masked unless ticked."))
        self.issue_button = QPushButton(self.tr("Issue…"))
        row.addWidget(QLabel(self.tr("Document")))
        row.addWidget(self.kind, 1)
        row.addWidget(self.unmasked)
        row.addWidget(self.issue_button)
        layout.addLayout(row)
        self.list = QListWidget()
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.preview_button = QPushButton(self.tr("Preview"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.save_button = QPushButton(self.tr("Save a copy…"))
        for b in (self.preview_button, self.print_button, self.save_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.issue_button.clicked.connect(self.issue_selected)
        self.preview_button.clicked.connect(self.preview_current)
        self.print_button.clicked.connect(self.print_current)
        self.save_button.clicked.connect(self.save_current)
        self.list.itemDoubleClicked.connect(lambda _i: self.preview_current())
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for doc in documents.documents_of(self.ctx.conn, self.case_id):
            item = QListWidgetItem(
                f"{doc.number}  {KINDS[doc.kind].title}  "
                f"{doc.issued_at.replace('T', ' ')[:16]}  {doc.issuer}"
            )
            item.setData(Qt.ItemDataRole.UserRole, doc.id)
            item.setToolTip(f"SHA-256 {doc.sha256}\n{doc.font}")
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(self.list.count() - 1)

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def issue_selected(self) -> documents.Document | None:
        """Preview the document as it would be issued, then number and keep it on OK."""
        kind = self.kind.currentData()
        unmasked = self.unmasked.isChecked()
        try:
            draft = documents.compose(
                self.ctx.conn, self.case_id, kind, "〔草稿〕", self.ctx.today(), unmasked=unmasked
            )
        except DeskError as exc:
            QMessageBox.warning(self, self.tr("Cannot issue"), str(exc))
            return None
        preview = PreviewDialog(draft, self.tr("Draft — check before issuing"), self)
        preview.show()
        answer = QMessageBox.question(
            self,
            self.tr("Issue document"),
            self.tr("Issue this %1 with the next number? It is kept exactly as issued.").replace(
                "%1", KINDS[kind].title
            ),
        )
        preview.close()
        preview.deleteLater()
        if answer != QMessageBox.StandardButton.Yes:
            return None
        doc = documents.issue(
            self.ctx.conn, self.case_id, kind, self.ctx.user, self.ctx.now(), unmasked=unmasked
        )
        self.refresh()
        self.changed.emit()
        return doc

    def preview_current(self) -> None:
        doc_id = self.current_id()
        if doc_id is None:
            return
        doc = documents.get_document(self.ctx.conn, doc_id)
        audit.record(
            self.ctx.conn, self.ctx.user, "查看文书", {"number": doc.number, "kind": doc.kind}
        )
        PreviewDialog(doc.pdf, f"{KINDS[doc.kind].title} {doc.number}", self).exec()

    def print_current(self, printer: QPrinter | None = None) -> bool:
        doc_id = self.current_id()
        if doc_id is None:
            return False
        printer = printer or ask_printer(self)
        if printer is None:
            return False
        try:
            doc = documents.log_reprint(
                self.ctx.conn, doc_id, self.ctx.user, "打印", self.ctx.now()
            )
            print_pdf(doc.pdf, printer)
        except (DeskError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Printing failed"), str(exc))
            return False
        self.changed.emit()
        return True

    def save_current(self, path: Path | None = None) -> bool:
        doc_id = self.current_id()
        if doc_id is None:
            return False
        doc = documents.get_document(self.ctx.conn, doc_id)
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save a copy"),
                f"{KINDS[doc.kind].title}{doc.number}.pdf",
                "PDF (*.pdf)",
            )
            if not chosen:
                return False
            path = Path(chosen)
        documents.log_reprint(self.ctx.conn, doc_id, self.ctx.user, "另存", self.ctx.now())
        path.write_bytes(doc.pdf)
        self.changed.emit()
        return True
