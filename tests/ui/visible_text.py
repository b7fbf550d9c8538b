"""Walk windows and collect the text a clerk sees; find Latin words that are not allowed.

Used by test_visible_text.py; kept apart so the same walk can be run against an older tree to
count what it finds there (``python -m tests.ui.visible_text`` prints the words).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QStackedWidget,
    QTabWidget,
    QTextEdit,
    QWidget,
    QWizard,
)

#: Words a Chinese clerk reads as they are: file kinds, units, keys, checksum and ID names.
WHITELIST = frozenset(
    {
        "Excel",
        "PDF",
        "pdf",
        "xlsx",
        "csv",
        "KB",
        "MB",
        "SHA",
        "Ctrl",
        "Alt",
        "Shift",
        "Tab",
        "Esc",
        "Enter",
        "PgUp",
        "PgDown",
        "Del",
        "Backspace",
        "Unicode",  # Qt's own context-menu entries name the standard
        "RLM",
        "LRM",
        "ZWJ",
        "ZWNJ",
        "ZWSP",
        "LRE",
        "RLE",
        "LRO",
        "RLO",
        "LRI",
        "RLI",
        "FSI",
        "PDI",
        "RGB",
        "HTML",
        "Html",
        "URL",
        "OK",
        "ID",
        "CSV",
        "zjg",  # the search box's example of pinyin initials (张建国)
        "backups",  # the name of the backup folder, as the clerk finds it on disk
    }
)
_PATHISH = re.compile(r"\S*[/\\]\S*|\S+\.(?:sqlite|xlsx|pdf|png|csv|ini|log|html)\b|%\d|%n")
_LATIN = re.compile(r"[A-Za-z]{2,}")
_TAGS = re.compile(r"<[^>]+>|&[a-z]+;")


def latin_words(text: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """The Latin words of ``text`` outside the whitelist and ``allowed`` (data such as login
    names and folder names); paths and file names are ignored."""
    text = _PATHISH.sub(" ", _TAGS.sub(" ", text or ""))
    return [w for w in _LATIN.findall(text) if w not in WHITELIST and w not in allowed]


def _item_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    from PySide6.QtCore import QModelIndex

    root = QModelIndex()
    try:
        columns = model.columnCount(root)
    except TypeError:  # a list model keeps columnCount private: one column
        columns = 1
    for i in range(columns):
        yield str(model.headerData(i, Qt.Orientation.Horizontal) or "")
    for r in range(min(model.rowCount(root), 30)):
        for c in range(columns):
            value = model.data(model.index(r, c))
            if isinstance(value, str):
                yield value


def _menu_texts(menu: QMenu) -> Iterator[str]:
    yield menu.title()
    for action in menu.actions():
        yield action.text()
        if action.menu() is not None:
            yield from _menu_texts(action.menu())


def widget_texts(w: QWidget) -> Iterator[str]:
    """What one widget shows (not its children)."""
    if w.isWindow():
        yield w.windowTitle()
    yield w.toolTip()
    if isinstance(w, QLabel | QAbstractButton):
        yield w.text()
    elif isinstance(w, QGroupBox):
        yield w.title()
    elif isinstance(w, QLineEdit):
        yield w.placeholderText()
    elif isinstance(w, QPlainTextEdit):
        yield w.placeholderText()
        yield w.toPlainText()[:2000]
    elif isinstance(w, QTextEdit):
        yield w.toPlainText()[:5000]
    elif isinstance(w, QComboBox):
        for i in range(w.count()):
            yield w.itemText(i)
    elif isinstance(w, QTabWidget):
        for i in range(w.count()):
            yield w.tabText(i)
    elif isinstance(w, QAbstractItemView):
        yield from _item_texts(w)
    elif isinstance(w, QMenu):
        yield from _menu_texts(w)
    elif isinstance(w, QWizard):
        for pid in w.pageIds():
            page = w.page(pid)
            yield page.title()
            yield page.subTitle()


def walk(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for ``root`` and everything under it, every tab and stacked page."""
    seen: set[int] = set()

    def visit(w: QWidget) -> Iterator[tuple[str, str]]:
        if id(w) in seen:
            return
        seen.add(id(w))
        where = f"{type(root).__name__}/{type(w).__name__}:{w.objectName()}"
        for text in widget_texts(w):
            if text:
                yield where, text
        if isinstance(w, QTabWidget | QStackedWidget):
            pages = [w.widget(i) for i in range(w.count())]
        else:
            pages = []
        for child in w.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            yield from visit(child)
        for page in pages:
            yield from visit(page)

    yield from visit(root)
    if hasattr(root, "menuBar"):
        for action in root.menuBar().actions():
            if action.menu() is not None:
                for text in _menu_texts(action.menu()):
                    yield f"{type(root).__name__}/menu", text


def findings(root: QWidget, allowed: frozenset[str] = frozenset()) -> list[tuple[str, str, str]]:
    """(where, word, text) for every disallowed Latin word under ``root``."""
    out = []
    for where, text in walk(root):
        for word in latin_words(text, allowed):
            out.append((where, word, text[:80]))
    return out
