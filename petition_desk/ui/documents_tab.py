"""The 文书 tab of a case: issue the notices the case's history calls for, preview and print
the kept copies, save a copy.

Only the kinds a step of the history calls for are offered (``documents.allowed_kinds``);
those not issued yet are marked with the step that calls for them. Issuing shows the draft
with the confirmation underneath, in the same window: nothing covers the draft being
confirmed. Issuing a step's document a second time asks why first; printing again is a
reprint of the kept copy and keeps its number.
"""

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
    QInputDialog,
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
from petition_desk.services import documents
from petition_desk.ui.context import DeskContext
from petition_desk.ui.pdf_pages import print_pdf, render_pages
from petition_desk.ui.widgets import ask_printer


def _pages(pdf: bytes) -> tuple[QScrollArea, list]:
    """A scroll area with every page of ``pdf`` as it will print."""
    scroll = QScrollArea()
    host = QWidget()
    pages = QVBoxLayout(host)
    images = render_pages(pdf, dpi=96)
    for image in images:
        label = QLabel()
        label.setPixmap(QPixmap.fromImage(image))
        label.setStyleSheet("border: 1px solid #999; background: white;")
        pages.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
    scroll.setWidget(host)
    scroll.setWidgetResizable(True)
    return scroll, images


class PreviewDialog(QDialog):
    """The pages of a PDF, as they will print."""

    def __init__(self, pdf: bytes, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(840, 900)
        layout = QVBoxLayout(self)
        scroll, self.images = _pages(pdf)
        layout.addWidget(scroll)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)


class IssueDialog(QDialog):
    """The draft, and under it the question whether to issue it: one window, so the
    confirmation never covers what is being confirmed."""

    ISSUE, PRINT = "issue", "print"

    def __init__(self, draft: bytes, title: str, parent=None):
        super().__init__(parent)
        self.choice: str | None = None
        self.setWindowTitle(self.tr("Draft — check before issuing"))
        self.resize(840, 940)
        layout = QVBoxLayout(self)
        scroll, self.images = _pages(draft)
        layout.addWidget(scroll, 1)
        question = QLabel(
            self.tr("Issue this %1 with the next number? It is kept exactly as issued.").replace(
                "%1", title
            )
        )
        question.setWordWrap(True)
        layout.addWidget(question)
        row = QHBoxLayout()
        row.addStretch(1)
        self.print_button = QPushButton(self.tr("Issue and print…"))
        self.issue_button = QPushButton(self.tr("Issue"))
        cancel = QPushButton(self.tr("Cancel"))
        for b in (self.print_button, self.issue_button, cancel):
            row.addWidget(b)
        layout.addLayout(row)
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(lambda: self._choose(self.PRINT))
        self.issue_button.clicked.connect(lambda: self._choose(self.ISSUE))
        cancel.clicked.connect(self.reject)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


class DocumentsTab(QWidget):
    changed = Signal()

    def __init__(self, ctx: DeskContext, case_id: int, parent=None):
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.kind = QComboBox()
        self.unmasked = QCheckBox(self.tr("ID and phone in full"))
        self.unmasked.setToolTip(self.tr("Only the 来访登记表 shows them; masked unless ticked."))
        self.issue_button = QPushButton(self.tr("Issue…"))
        row.addWidget(QLabel(self.tr("Document")))
        row.addWidget(self.kind, 1)
        row.addWidget(self.unmasked)
        row.addWidget(self.issue_button)
        layout.addLayout(row)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
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
        self.issue_button.clicked.connect(lambda: self.issue_selected())
        self.preview_button.clicked.connect(self.preview_current)
        self.print_button.clicked.connect(lambda: self.print_current())
        self.save_button.clicked.connect(lambda: self.save_current())
        self.list.itemDoubleClicked.connect(lambda _i: self.preview_current())
        self.refresh()

    def refresh(self) -> None:
        """Reload the kinds allowed now and the kept documents."""
        wanted = {c.kind: c for c in documents.documents_called_for(self.ctx.conn, self.case_id)}
        current = self.kind.currentData()
        self.kind.clear()
        for key in documents.allowed_kinds(self.ctx.conn, self.case_id):
            title = KINDS[key].title
            if key in wanted:
                title = self.tr("%1 (called for by %2)").replace("%1", title)
                title = title.replace("%2", wanted[key].step)
            self.kind.addItem(title, key)
        if current is not None and self.kind.findData(current) >= 0:
            self.kind.setCurrentIndex(self.kind.findData(current))
        elif wanted:  # what the latest step calls for comes first
            latest = max(wanted.values(), key=lambda c: c.event_id)
            self.kind.setCurrentIndex(self.kind.findData(latest.kind))
        self.issue_button.setEnabled(self.kind.count() > 0)
        self.kind.setEnabled(self.kind.count() > 0)
        if self.kind.count() == 0:
            self.hint.setText(self.tr("No step of this case calls for a document yet."))
        elif wanted:
            names = "、".join(c.title for c in wanted.values())
            self.hint.setText(self.tr("To issue: %1").replace("%1", names))
        else:
            self.hint.setText(self.tr("Every document the case calls for has been issued."))
        self.list.clear()
        for doc in documents.documents_of(self.ctx.conn, self.case_id):
            number = doc.number or self.tr("(no number)")
            item = QListWidgetItem(
                f"{number}  {KINDS[doc.kind].title}  "
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

    def issue_selected(self, printer: QPrinter | None = None) -> documents.Document | None:
        """Issue the kind chosen in the list (see ``issue_kind``)."""
        kind = self.kind.currentData()
        return None if kind is None else self.issue_kind(kind, printer)

    def issue_kind(self, kind: str, printer: QPrinter | None = None) -> documents.Document | None:
        """Guided issuing of one kind: ask why when it is a second issue for the same step,
        show the draft with the question under it, then number, keep and (if chosen) print.

        The case dialog calls this for each ``documents.documents_called_for`` entry after a
        step. Returns the issued document, or None when refused or cancelled.
        """
        conn, unmasked = self.ctx.conn, self.unmasked.isChecked()
        reason = ""
        try:
            previous = documents.reissue_of(conn, self.case_id, kind)
            if previous is not None:
                reason = self.ask_reason(kind, previous)
                if not reason:
                    return None
            draft = documents.draft(conn, self.case_id, kind, self.ctx.today(), unmasked=unmasked)
        except DeskError as exc:
            QMessageBox.warning(self, self.tr("Cannot issue"), str(exc))
            return None
        dialog = IssueDialog(draft, KINDS[kind].title, self)
        dialog.exec()
        choice = dialog.choice
        dialog.deleteLater()
        if choice is None:
            return None
        try:
            doc = documents.issue(
                conn,
                self.case_id,
                kind,
                self.ctx.user,
                self.ctx.now(),
                unmasked=unmasked,
                reason=reason,
            )
        except DeskError as exc:
            QMessageBox.warning(self, self.tr("Cannot issue"), str(exc))
            return None
        self.refresh()
        self.changed.emit()
        if choice == IssueDialog.PRINT:
            self.list.setCurrentRow(self.list.count() - 1)
            self.print_current(printer)
        return doc

    def ask_reason(self, kind: str, previous: str) -> str:
        """Why the step's document is issued again ("" when the clerk cancels)."""
        shown = previous or self.tr("(no number)")
        text, ok = QInputDialog.getText(
            self,
            self.tr("Issue again"),
            self.tr(
                "The %1 for this step was issued already (%2). To print it again use Print: "
                "the number stays. Why issue a new one?"
            )
            .replace("%1", KINDS[kind].title)
            .replace("%2", shown),
        )
        return text.strip() if ok else ""

    def preview_current(self) -> None:
        doc_id = self.current_id()
        if doc_id is None:
            return
        doc = documents.log_view(self.ctx.conn, doc_id, self.ctx.user)
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
