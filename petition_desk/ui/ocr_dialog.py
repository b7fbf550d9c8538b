"""扫描/导入来信: pages of a letter read offline, their text edited, fields proposed.

The clerk picks (or drops) images or a PDF; the pages appear as thumbnails in order and are
read one by one in a worker thread, with progress and Cancel. Each page's text sits in an
editable panel beside its image, low-confidence characters marked on both. Fields are only
proposed: each is taken with its button or Ctrl+digit, and a value that failed its check
(an identity number's check character) cannot be taken at all.

The worker is a plain Python thread reporting through Qt signals, as in ``workers.py``:
PySide6 ``QRunnable`` subclasses crashed under load.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QIcon,
    QImage,
    QImageReader,
    QKeySequence,
    QPainter,
    QPen,
    QPixmap,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from petition_desk.errors import DeskError
from petition_desk.ocr import engine
from petition_desk.ocr.fields import FIELDS, LOW_CONFIDENCE, Proposal, propose_pages

# A character read with less confidence than this is marked for the clerk to check.
LOW_CHAR = 0.9
_LOW_BACKGROUND = QColor("#ffe082")
_ACCEPTED_STYLE = "background: #e8f5e9;"
_PROBLEM_STYLE = "color: #b71c1c;"
_DOUBT_STYLE = "color: #e65100;"
_FILTER_SUFFIXES = " ".join(f"*{s}" for s in (*engine.IMAGE_SUFFIXES, ".pdf"))


class _Signals(QObject):
    listed = Signal(object)  # list[OcrPage], not read yet
    progress = Signal(int, int, str)
    pageRead = Signal(int, object)  # index, OcrPage
    finished = Signal(bool)  # True when cancelled
    failed = Signal(object)


class _Reader:
    """Reads pages in a thread of its own; ``cancel()`` stops it before the next page."""

    def __init__(self, paths: Sequence[Path], work_dir: Path, backend, signals: _Signals):
        self.paths, self.work_dir, self.backend, self.signals = paths, work_dir, backend, signals
        self.cancelled = threading.Event()
        self.closed = False
        self.thread = threading.Thread(target=self._run, name="petition-desk-ocr", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self.cancelled.set()

    def _emit(self, signal, *args) -> None:
        if not self.closed:  # the dialog is gone: nobody to tell
            signal.emit(*args)

    def _run(self) -> None:
        try:
            pages = self.backend.page_images(self.paths, self.work_dir)
            self._emit(self.signals.listed, pages)
            for n, page in enumerate(pages):
                if self.cancelled.is_set():
                    self._emit(self.signals.finished, True)
                    return
                self._emit(self.signals.progress, n, len(pages), page.source.name)
                self.backend.read_page(page)
                self._emit(self.signals.pageRead, n, page)
            self._emit(self.signals.progress, len(pages), len(pages), "")
            self._emit(self.signals.finished, False)
        except Exception as exc:
            self._emit(self.signals.failed, exc)


class PageView(QWidget):
    """A page image scaled to fit, the boxes of doubtful lines drawn over it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.image = QImage()
        self.boxes: list[tuple[QRectF, bool]] = []  # box, doubtful
        self.setMinimumSize(260, 320)

    def show_page(self, page: engine.OcrPage | None) -> None:
        self.image = load_upright(page.image) if page else QImage()
        self.boxes = []
        for line in page.lines if page else []:
            xs, ys = [p[0] for p in line.box], [p[1] for p in line.box]
            rect = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
            doubtful = any(c < LOW_CHAR for c in line.char_confidences)
            self.boxes.append((rect, doubtful))
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#9e9e9e"))
        if self.image.isNull():
            return
        size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x, y = (self.width() - size.width()) / 2, (self.height() - size.height()) / 2
        target = QRectF(x, y, size.width(), size.height())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, self.image)
        scale = size.width() / max(1, self.image.width())
        for rect, doubtful in self.boxes:
            colour = QColor("#e65100") if doubtful else QColor(30, 136, 229, 110)
            painter.setPen(QPen(colour, 2 if doubtful else 1))
            painter.drawRect(
                QRectF(
                    x + rect.x() * scale,
                    y + rect.y() * scale,
                    rect.width() * scale,
                    rect.height() * scale,
                )
            )


def load_upright(path: Path) -> QImage:
    """The image turned as its EXIF says, as the engine read it (a phone photo)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    return reader.read()


def field_label(key: str) -> str:
    """The form's name for a proposed field."""
    labels = {
        "name": QCoreApplication.translate("OcrDialog", "Name"),
        "gender": QCoreApplication.translate("OcrDialog", "Gender"),
        "id_number": QCoreApplication.translate("OcrDialog", "ID number"),
        "phone": QCoreApplication.translate("OcrDialog", "Phone"),
        "address": QCoreApplication.translate("OcrDialog", "Address"),
        "village": QCoreApplication.translate("OcrDialog", "Village"),
        "letter_date": QCoreApplication.translate("OcrDialog", "Date of the letter"),
        "request": QCoreApplication.translate("OcrDialog", "Request"),
        "facts": QCoreApplication.translate("OcrDialog", "Facts and reasons"),
    }
    return labels[key]


class ProposalRow:
    """One proposed field: its value (editable), how sure, and the button that takes it."""

    def __init__(self, dialog: OcrDialog, grid: QGridLayout, row: int, key: str):
        self.key = key
        self.label = QLabel(field_label(key))
        self.value = QLineEdit()
        self.value.setReadOnly(False)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.accept = QPushButton()
        self.accept.setCheckable(True)
        self.accept.setEnabled(False)
        digit = row + 1
        self.accept.setText(
            QCoreApplication.translate("OcrDialog", "Accept (Ctrl+%1)").replace("%1", str(digit))
        )
        self.accept.toggled.connect(self._toggled)
        self.shortcut = QShortcut(QKeySequence(f"Ctrl+{digit}"), dialog)
        self.shortcut.activated.connect(self._shortcut)
        self.proposal: Proposal | None = None
        self._place(grid, row)

    def _shortcut(self) -> None:
        if self.accept.isEnabled():
            self.accept.toggle()

    def _place(self, grid, row: int) -> None:
        for col, w in enumerate((self.label, self.value, self.note, self.accept)):
            grid.addWidget(w, row, col)

    def show_proposal(self, p: Proposal | None) -> None:
        self.proposal = p
        self.accept.setChecked(False)
        self.value.setText(p.value.replace("\n", " ") if p else "")
        self.value.setCursorPosition(0)
        self.value.setToolTip(p.source if p else "")
        self.accept.setEnabled(bool(p and p.usable))
        if p is None:
            self.note.setText(QCoreApplication.translate("OcrDialog", "not found"))
            self.note.setStyleSheet("color: gray;")
        elif p.problem:
            self.note.setText(p.problem)
            self.note.setStyleSheet(_PROBLEM_STYLE)
        else:
            percent = f"{p.confidence * 100:.0f}%"
            low = p.confidence < LOW_CONFIDENCE
            text = (
                QCoreApplication.translate("OcrDialog", "check it: %1")
                if low
                else QCoreApplication.translate("OcrDialog", "sure: %1")
            )
            self.note.setText(text.replace("%1", percent))
            self.note.setStyleSheet(_DOUBT_STYLE if low else "color: #1b5e20;")

    def _toggled(self, on: bool) -> None:
        self.value.setStyleSheet(_ACCEPTED_STYLE if on else "")

    @property
    def accepted(self) -> bool:
        return self.accept.isChecked()


class OcrDialog(QDialog):
    """Reads letters into text and proposed fields; emits what the clerk accepted."""

    # accepted fields {key: value}, page image paths, the recognised (and edited) text
    lettersRead = Signal(dict, list, str)

    def __init__(
        self,
        villages: Sequence[str] = (),
        parent=None,
        backend=engine,
        work_dir: Path | None = None,
        today: Callable | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Scan or import a letter"))
        self.setAcceptDrops(True)
        self.resize(1280, 820)
        self.villages = list(villages)
        self.backend = backend
        self.work_dir = work_dir or Path(tempfile.mkdtemp(prefix="petition-desk-ocr-"))
        self.today = today
        self.pages: list[engine.OcrPage] = []
        self.read: set[int] = set()
        self.reader: _Reader | None = None
        self.text_file: Path | None = None  # written when the clerk uses the result
        self._build()

    # -- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add images or PDF…"))
        self.add_button.clicked.connect(self._choose_files)
        self.hint = QLabel(self.tr("Or drop the files here. Pages are read in the order shown."))
        self.hint.setStyleSheet("color: gray;")
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Stop reading"))
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_reading)
        top.addWidget(self.add_button, 0)
        top.addWidget(self.hint, 1)
        top.addWidget(self.progress, 1)
        top.addWidget(self.cancel_button)
        outer.addLayout(top)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.thumbs = QListWidget()
        self.thumbs.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbs.setFlow(QListWidget.Flow.TopToBottom)
        self.thumbs.setWrapping(False)
        self.thumbs.setIconSize(QSize(96, 128))
        self.thumbs.setMovement(QListWidget.Movement.Static)
        self.thumbs.setFixedWidth(140)
        self.thumbs.currentRowChanged.connect(self._show_page)
        self.view = PageView()
        self.texts = QStackedWidget()
        self.text_hint = QLabel(
            self.tr("Marked characters were read with little confidence: compare with the page.")
        )
        self.text_hint.setWordWrap(True)
        self.text_hint.setStyleSheet("color: gray;")
        text_host = QWidget()
        tv = QVBoxLayout(text_host)
        tv.setContentsMargins(0, 0, 0, 0)
        tv.addWidget(self.texts, 1)
        tv.addWidget(self.text_hint)
        splitter.addWidget(self.thumbs)
        splitter.addWidget(self.view)
        splitter.addWidget(text_host)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 3)
        splitter.setSizes([140, 560, 560])
        outer.addWidget(splitter, 1)

        box = QGroupBox(self.tr("Proposed fields (nothing is filled until you accept it)"))
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        self.rows = {key: ProposalRow(self, grid, n, key) for n, key in enumerate(FIELDS)}
        outer.addWidget(box)

        bottom = QHBoxLayout()
        self.again = QPushButton(self.tr("Propose again from the edited text (Ctrl+R)"))
        self.again.clicked.connect(self.propose)
        again = QShortcut(QKeySequence("Ctrl+R"), self)
        again.activated.connect(self.propose)
        self.status = QLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.use_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.use_button.setText(self.tr("Use accepted fields and keep the pages"))
        self.use_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))
        self.buttons.accepted.connect(self._use)
        self.buttons.rejected.connect(self.reject)
        bottom.addWidget(self.again)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.buttons)
        outer.addLayout(bottom)

    # -- choosing files -----------------------------------------------------------------------
    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Choose scanned pages"),
            "",
            self.tr("Images and PDF (%1)").replace("%1", _FILTER_SUFFIXES),
        )
        if paths:
            self.add_files([Path(p) for p in paths])

    def dragEnterEvent(self, event) -> None:
        if self._dropped(event):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = self._dropped(event)
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)

    @staticmethod
    def _dropped(event) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        wanted = (*engine.IMAGE_SUFFIXES, ".pdf")
        paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
        return [p for p in paths if p.suffix.lower() in wanted]

    def add_files(self, paths: Sequence[Path]) -> None:
        """Read ``paths`` (images or PDFs) after the pages already here."""
        if self.reader is not None or not paths:
            return
        signals = _Signals(self)
        signals.listed.connect(self._listed)
        signals.progress.connect(self._progress)
        signals.pageRead.connect(self._page_read)
        signals.finished.connect(self._finished)
        signals.failed.connect(self._failed)
        self.reader = _Reader(list(paths), self.work_dir, self.backend, signals)
        self._offset = len(self.pages)
        self.add_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.status.setText(self.tr("Preparing the pages…"))
        self.reader.start()

    def cancel_reading(self) -> None:
        if self.reader is not None:
            self.reader.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Stopping after this page…"))

    # -- the worker's reports -----------------------------------------------------------------
    def _listed(self, pages: list) -> None:
        for page in pages:
            self.pages.append(page)
            item = QListWidgetItem(self._thumbnail(page), self._page_title(page))
            self.thumbs.addItem(item)
            editor = QTextEdit()
            editor.setAcceptRichText(False)
            editor.setPlaceholderText(self.tr("Not read yet"))
            self.texts.addWidget(editor)
        if self.thumbs.currentRow() < 0 and self.pages:
            self.thumbs.setCurrentRow(0)

    def _page_title(self, page: engine.OcrPage) -> str:
        n = self.pages.index(page) + 1
        return self.tr("Page %1").replace("%1", str(n))

    @staticmethod
    def _thumbnail(page: engine.OcrPage) -> QIcon:
        image = load_upright(page.image)
        if image.isNull():
            return QIcon()
        small = image.scaled(
            96, 128, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        return QIcon(QPixmap.fromImage(small))

    def _progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("%v of %m pages"))
        if name:
            self.status.setText(self.tr("Reading %1…").replace("%1", name))

    def _page_read(self, index: int, page: engine.OcrPage) -> None:
        n = self._offset + index
        self.read.add(n)
        editor = self._editor(n)
        editor.setPlainText(page.text)
        mark_doubtful(editor, page.confidences)
        if self.thumbs.currentRow() == n:
            self.view.show_page(page)
        self.propose()

    def _finished(self, cancelled: bool) -> None:
        self._done_reading()
        read = len(self.read)
        if cancelled:
            text = self.tr("Stopped: %1 of %2 pages read.")
        else:
            text = self.tr("%1 of %2 pages read.")
        self.status.setText(text.replace("%1", str(read)).replace("%2", str(len(self.pages))))
        self.propose()

    def _failed(self, exc: BaseException) -> None:
        self._done_reading()
        message = str(exc) if isinstance(exc, DeskError | OSError) else repr(exc)
        self.status.setText(self.tr("Could not read: %1").replace("%1", message))
        self.status.setStyleSheet(_PROBLEM_STYLE)

    def _done_reading(self) -> None:
        self.reader = None
        self.progress.hide()
        self.cancel_button.hide()
        self.add_button.setEnabled(True)
        self.use_button.setEnabled(bool(self.read))

    def _show_page(self, row: int) -> None:
        if 0 <= row < len(self.pages):
            self.texts.setCurrentIndex(row)
            self.view.show_page(self.pages[row])

    # -- fields -------------------------------------------------------------------------------
    def _editor(self, n: int) -> QTextEdit:
        editor = self.texts.widget(n)
        assert isinstance(editor, QTextEdit)
        return editor

    def page_text(self, n: int) -> str:
        return self._editor(n).toPlainText()

    def propose(self) -> list[Proposal]:
        """Propose fields again from the text as it stands (edits included)."""
        per_page = []
        for n, page in enumerate(self.pages):
            if n in self.read:
                per_page.append((self.page_text(n).splitlines(), page.confidences))
        kwargs = {"today": self.today()} if self.today else {}
        proposals = propose_pages(per_page, villages=self.villages, **kwargs)
        by_key = {p.field: p for p in proposals}
        for key, row in self.rows.items():
            row.show_proposal(by_key.get(key))
        return proposals

    def accepted_fields(self) -> dict[str, str]:
        return {key: row.value.text() for key, row in self.rows.items() if row.accepted}

    def recognised_text(self) -> str:
        return "\n\n".join(self.page_text(n) for n in range(len(self.pages)) if n in self.read)

    def page_paths(self) -> list[Path]:
        return [p.image for n, p in enumerate(self.pages) if n in self.read]

    def _use(self) -> None:
        text = self.recognised_text()
        # The text is kept beside the page images as an attachment of its own.
        self.text_file = self.work_dir / (self.tr("Recognised text") + ".txt")
        self.work_dir.mkdir(parents=True, exist_ok=True)
        self.text_file.write_text(text + "\n", encoding="utf-8")
        self.lettersRead.emit(self.accepted_fields(), self.page_paths(), text)
        self.accept()

    def done(self, result: int) -> None:
        if self.reader is not None:
            self.reader.closed = True
            self.reader.cancel()
            self.reader = None
        super().done(result)


def mark_doubtful(editor: QTextEdit, confidences: Sequence[Sequence[float]]) -> int:
    """Mark the characters read with little confidence; return how many were marked.

    Extra selections ride on text cursors, so the marks follow the characters while the
    clerk edits around them.
    """
    fmt = QTextCharFormat()
    fmt.setBackground(_LOW_BACKGROUND)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(QColor("#e65100"))
    selections = []
    doc = editor.document()
    position = 0
    for n, line in enumerate(confidences):
        block = doc.findBlockByNumber(n)
        if not block.isValid():
            break
        position = block.position()
        for k, c in enumerate(line[: block.length() - 1]):
            if c < LOW_CHAR:
                cursor = QTextCursor(doc)
                cursor.setPosition(position + k)
                cursor.setPosition(position + k + 1, QTextCursor.MoveMode.KeepAnchor)
                sel = QTextEdit.ExtraSelection()
                sel.cursor = cursor
                sel.format = fmt
                selections.append(sel)
    editor.setExtraSelections(selections)
    return len(selections)


def scan_button(parent: QWidget, on_click: Callable[[], None]) -> QWidget:
    """The 扫描/导入来信 button, or, without the OCR extra, a line saying how to add it."""
    if not engine.available():
        label = QLabel(
            QCoreApplication.translate(
                "OcrDialog", "Reading letters needs the OCR part: %1"
            ).replace("%1", engine.INSTALL_HINT)
        )
        label.setStyleSheet("color: gray;")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label
    button = QPushButton(
        QCoreApplication.translate("OcrDialog", "Scan or import a letter…"), parent
    )
    button.clicked.connect(on_click)
    return button
