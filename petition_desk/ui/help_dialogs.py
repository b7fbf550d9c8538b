"""The Help menu's windows: the short Chinese guide (bundled HTML) and the list of shortcuts."""

from __future__ import annotations

from importlib import resources
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
)

#: Every keyboard shortcut of the desk, as listed in Help → Keyboard shortcuts.
SHORTCUTS: tuple[tuple[str, Any], ...] = (  # Any: QT_TRANSLATE_NOOP is typed object
    ("F1", QT_TRANSLATE_NOOP("Shortcuts", "This guide")),
    ("Ctrl+1 … Ctrl+6", QT_TRANSLATE_NOOP("Shortcuts", "Go to a page (workbench … settings)")),
    ("Ctrl+F", QT_TRANSLATE_NOOP("Shortcuts", "Search the ledger, from any page")),
    ("Ctrl+S", QT_TRANSLATE_NOOP("Shortcuts", "Save the registration")),
    ("Esc", QT_TRANSLATE_NOOP("Shortcuts", "Clear the registration form (asks first)")),
    ("Ctrl+E", QT_TRANSLATE_NOOP("Shortcuts", "Export the ledger to Excel")),
    ("Alt+1 … Alt+7", QT_TRANSLATE_NOOP("Shortcuts", "Workbench: jump to a list")),
    ("Enter", QT_TRANSLATE_NOOP("Shortcuts", "Workbench and ledger: open the selected case")),
    ("Tab / Shift+Tab", QT_TRANSLATE_NOOP("Shortcuts", "Next / previous field")),
)


def guide_html() -> str:
    """The bundled guide (``petition_desk/ui/help/guide.html``)."""
    return (resources.files("petition_desk.ui") / "help" / "guide.html").read_text("utf-8")


class GuideDialog(QDialog):
    """The guide, readable while working (not modal)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Guide"))
        self.resize(720, 640)
        v = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setHtml(guide_html())
        v.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)


class ShortcutsDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(560, 380)
        v = QVBoxLayout(self)
        self.table = QTableWidget(len(SHORTCUTS), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What it does")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, (keys, text) in enumerate(SHORTCUTS):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(
                row, 1, QTableWidgetItem(QCoreApplication.translate("Shortcuts", text))
            )
        self.table.resizeColumnToContents(0)
        v.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)
