"""Files dropped from the file manager onto a window: each local file is handed to a callback
(the case dialog adds them as attachments, e.g. a scanned letter)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


def local_files(mime) -> list[Path]:
    """The local files (not folders) of a drag's mime data."""
    if mime is None or not mime.hasUrls():
        return []
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    return [p for p in paths if p.is_file()]


class FileDropFilter(QObject):
    """Accepts drags that carry local files and passes each dropped file to ``on_file``."""

    def __init__(self, target: QWidget, on_file: Callable[[Path], None]):
        super().__init__(target)
        self.on_file = on_file

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if local_files(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            files = local_files(event.mimeData())
            if files:
                event.acceptProposedAction()
                for path in files:
                    self.on_file(path)
                return True
        return False


def install_file_drop(widget: QWidget, on_file: Callable[[Path], None]) -> FileDropFilter:
    """Let ``widget`` and its children take dropped files."""
    f = FileDropFilter(widget, on_file)
    widgets = [widget, *widget.findChildren(QWidget)]
    for w in widgets:
        w.setAcceptDrops(True)
        w.installEventFilter(f)
    return f
