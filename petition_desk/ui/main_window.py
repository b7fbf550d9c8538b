"""The main window: it wires the pages together and does none of their work.

Only the first page (工作台) is built with the window: every other page is imported and built
the first time it is shown (or asked for), so start-up pays only for what the clerk sees.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from petition_desk.services.directory import is_empty_desk
from petition_desk.ui.context import DeskContext
from petition_desk.ui.lock import ScreenLock
from petition_desk.ui.workbench_page import WorkbenchPage

if TYPE_CHECKING:
    from petition_desk.ui.case_dialog import CaseDialog
    from petition_desk.ui.ledger_page import LedgerPage
    from petition_desk.ui.reception_page import ReceptionPage
    from petition_desk.ui.registration_page import RegistrationPage
    from petition_desk.ui.settings import SettingsPage
    from petition_desk.ui.stats_page import StatsPage

# The pages in the navigation's order (Ctrl+1…6): key, then where the page's class lives.
# All but the first are imported and built on first show.
PAGES: tuple[tuple[str, str, str], ...] = (
    ("workbench", "petition_desk.ui.workbench_page", "WorkbenchPage"),
    ("registration", "petition_desk.ui.registration_page", "RegistrationPage"),
    ("ledger", "petition_desk.ui.ledger_page", "LedgerPage"),
    ("reception", "petition_desk.ui.reception_page", "ReceptionPage"),
    ("stats", "petition_desk.ui.stats_page", "StatsPage"),
    ("settings", "petition_desk.ui.settings", "SettingsPage"),
)
PAGE_KEYS: tuple[str, ...] = tuple(key for key, _module, _cls in PAGES)


class MainWindow(QMainWindow):
    # The background whole-file check started with the desk (``ui/integrity_check.py``).
    integrity_check: QObject | None = None

    def __init__(self, ctx: DeskContext, settings: QSettings | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self._case_dialogs: dict[int, CaseDialog] = {}
        self.qsettings = settings or QSettings()
        self.setWindowTitle(self.tr("Petition Desk — %1").replace("%1", str(ctx.db_path)))
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(4, 4, 4, 4)
        self.unit_banner = QWidget()
        ub = QHBoxLayout(self.unit_banner)
        ub.setContentsMargins(6, 2, 6, 2)
        self.unit_banner.setStyleSheet("background: #fff3c4;")
        ub.addWidget(
            QLabel(
                self.tr(
                    "Welcome. Please enter your unit's name in Settings: it is "
                    "printed on every notice and ledger."
                )
            ),
            1,
        )
        wizard = QPushButton(self.tr("Setup wizard…"))
        ub.addWidget(wizard)
        go = QPushButton(self.tr("Open settings"))
        ub.addWidget(go)
        outer.addWidget(self.unit_banner)

        body = QHBoxLayout()
        self.nav = QListWidget()
        self.nav.setFixedWidth(110)
        self.nav.setStyleSheet(
            "QListWidget { font-size: 15px; } QListWidget::item { padding: 8px; }"
        )
        self.stack = QStackedWidget()
        self.workbench = WorkbenchPage(ctx)
        self._built: dict[str, QWidget] = {"workbench": self.workbench}
        labels = {
            "workbench": self.tr("Workbench"),
            "registration": self.tr("Register"),
            "ledger": self.tr("Ledger"),
            "reception": self.tr("Reception days"),
            "stats": self.tr("Figures"),
            "settings": self.tr("Settings"),
        }
        for key in PAGE_KEYS:
            self.nav.addItem(labels[key])
            # An empty stand-in keeps the stack's order until the page is built.
            self.stack.addWidget(self._built.get(key) or QWidget())
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        self.due_button = QPushButton()
        self.due_button.setFlat(True)
        self.due_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.statusBar().addPermanentWidget(self.due_button)

        self.nav.currentRowChanged.connect(self._show_row)
        go.clicked.connect(lambda: self.show_page("settings"))
        wizard.clicked.connect(self.run_setup_wizard)
        self.due_button.clicked.connect(self.show_due_cases)
        self.workbench.openCase.connect(self.open_case)
        ctx.casesChanged.connect(self.refresh_due_counts)
        ctx.settingsChanged.connect(self._update_unit_banner)
        for i in range(len(PAGE_KEYS)):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _=False, row=i: self.nav.setCurrentRow(row))
            self.addAction(action)
        self.screen_lock = ScreenLock(ctx, self)
        self._menus()
        self._update_unit_banner()
        self.refresh_due_counts()
        self.workbench.refresh()
        self._restore()

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.export_action = file_menu.addAction(self.tr("Export ledger to Excel…"))
        self.import_action = file_menu.addAction(self.tr("Import an Excel ledger…"))
        self.batch_action = file_menu.addAction(self.tr("Notices waiting to be issued…"))
        self.archives_action = file_menu.addAction(self.tr("Archives…"))
        file_menu.addSeparator()
        # Like Win+L: cover the desk until the logged-in user's password is typed again.
        self.lock_action = file_menu.addAction(self.tr("Lock the desk"))
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.screen_lock.lock)
        quit_action = file_menu.addAction(self.tr("Quit"))
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.export_ledger)
        self.import_action.triggered.connect(self.import_ledger)
        self.batch_action.triggered.connect(self.batch_print)
        self.archives_action.triggered.connect(self.archives)
        quit_action.triggered.connect(self.close)
        # Ctrl+F finds a case from any page: it goes to the ledger's search box.
        self.find_action = QAction(self.tr("Find a case"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_search)
        self.addAction(self.find_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.guide_action = help_menu.addAction(self.tr("Guide"))
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.guide_action.triggered.connect(self.show_guide)
        self.shortcuts_action = help_menu.addAction(self.tr("Keyboard shortcuts"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)

    def focus_search(self) -> None:
        self.show_page("ledger")
        self.ledger.search.setFocus()
        self.ledger.search.selectAll()

    def show_guide(self):
        from petition_desk.ui.help_dialogs import GuideDialog

        dialog = GuideDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_shortcuts(self):
        from petition_desk.ui.help_dialogs import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def export_filtered_ledger(self):
        """From the 台账 page: the export follows the ledger's current filters."""
        names = {
            "department": self.ledger.department.currentText(),
            "leader": self.ledger.leader.currentText(),
        }
        self.export_ledger(self.ledger.current_filter(), names)

    def export_ledger(self, ledger_filter=None, filter_names=None):
        from petition_desk.db.ledger_query import LedgerFilter
        from petition_desk.ui.export_dialog import ExportDialog

        if not isinstance(ledger_filter, LedgerFilter):  # a menu action passes ``checked``
            ledger_filter = None
        dialog = ExportDialog(self.ctx, self, ledger_filter, filter_names)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result:
            r = dialog.result
            text = self.tr("Exported %1 cases to %2").replace("%1", str(r.cases))
            text = text.replace("%2", str(r.path))
            if getattr(r, "cells_cleaned", 0):
                text += " " + self.tr(
                    "%1 cell(s) held characters Excel cannot store; they were removed."
                ).replace("%1", str(r.cells_cleaned))
            self.statusBar().showMessage(text, 15000)
        return dialog

    def import_ledger(self):
        from petition_desk.ui.import_wizard import ImportWizard

        wizard = ImportWizard(self.ctx, self)
        wizard.exec()
        return wizard

    def batch_print(self):
        from petition_desk.ui.batch_print import BatchPrintDialog

        dialog = BatchPrintDialog(self.ctx, self)
        dialog.exec()
        return dialog

    def archives(self):
        from petition_desk.ui.archives_dialog import ArchivesDialog

        dialog = ArchivesDialog(self.ctx, self)
        dialog.exec()
        return dialog

    # -- pages, built on first show --------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        """The page ``key``, imported and built now if it has not been shown yet."""
        page = self._built.get(key)
        if page is not None:
            return page
        index = PAGE_KEYS.index(key)
        _key, module, cls = PAGES[index]
        page = getattr(importlib.import_module(module), cls)(self.ctx)
        stand_in = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        if stand_in is not None:
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
        self._built[key] = page
        self._wire(key, page)
        return page

    def built_page(self, key: str) -> QWidget | None:
        """The page ``key`` if it has been built, else None (nothing is built by asking)."""
        return self._built.get(key)

    def _wire(self, key: str, page: QWidget) -> None:
        """Connect a page built late to the window, and give it its remembered layout."""
        if key in ("registration", "ledger"):
            page.openCase.connect(self.open_case)  # type: ignore[attr-defined]
        if key == "registration":
            page.registered.connect(  # type: ignore[attr-defined]
                lambda _id, number: self.statusBar().showMessage(
                    self.tr("Registered %1").replace("%1", number), 8000
                )
            )
        if key == "ledger":
            page.exportRequested.connect(self.export_filtered_ledger)  # type: ignore[attr-defined]
        if key in ("registration", "reception"):
            state = self.qsettings.value(f"splitter/{key}")
            if isinstance(state, QByteArray):
                page.splitter.restoreState(state)  # type: ignore[attr-defined]

    @property
    def pages(self) -> list[tuple[str, QWidget]]:
        """Every page in the navigation's order (building those not yet shown)."""
        return [(key, self.page(key)) for key in PAGE_KEYS]

    @property
    def registration(self) -> RegistrationPage:
        return cast("RegistrationPage", self.page("registration"))

    @property
    def ledger(self) -> LedgerPage:
        return cast("LedgerPage", self.page("ledger"))

    @property
    def reception(self) -> ReceptionPage:
        return cast("ReceptionPage", self.page("reception"))

    @property
    def stats(self) -> StatsPage:
        return cast("StatsPage", self.page("stats"))

    @property
    def settings_page(self) -> SettingsPage:
        return cast("SettingsPage", self.page("settings"))

    # -- navigation ------------------------------------------------------------------------------
    def _show_row(self, row: int) -> None:
        if 0 <= row < len(PAGE_KEYS):
            self.stack.setCurrentWidget(self.page(PAGE_KEYS[row]))

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(PAGE_KEYS.index(key))

    def current_page(self) -> str:
        return PAGE_KEYS[self.stack.currentIndex()]

    def open_case(self, case_id: int) -> CaseDialog:
        """Open a case, or raise its dialog if it is open already (one dialog per case)."""
        dialog = self._case_dialogs.get(case_id)
        if dialog is not None:
            dialog.showNormal()
            dialog.raise_()
            dialog.activateWindow()
            return dialog
        # Imported on first use: the case window (documents, leaders, history) is not needed
        # to show the main window, and its modules cost a fifth of the start-up.
        from petition_desk.ui.case_dialog import CaseDialog
        from petition_desk.ui.file_drop import install_file_drop

        dialog = CaseDialog(self.ctx, case_id, self)
        dialog.setModal(False)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.file_drop = install_file_drop(dialog, dialog.attach)  # a scanned letter
        self._case_dialogs[case_id] = dialog
        dialog.finished.connect(lambda _r, c=case_id: self._case_dialogs.pop(c, None))
        dialog.destroyed.connect(lambda _o=None, c=case_id: self._case_dialogs.pop(c, None))
        dialog.show()
        return dialog

    def show_due_cases(self) -> None:
        from petition_desk.db.ledger_query import TierFilter

        self.show_page("ledger")
        self.ledger.show_tier(TierFilter.OVERDUE if self._overdue else TierFilter.DUE_SOON)

    # -- status bar ------------------------------------------------------------------------------
    def refresh_due_counts(self) -> None:
        from petition_desk.services.figures import clock_counts

        today, rules = self.ctx.today(), self.ctx.rules()
        # Only the latest count is shown (two reader threads: answers may cross).
        self._due_generation += 1
        generation = self._due_generation

        def show(counts) -> None:
            if generation == self._due_generation:
                self._show_due_counts(counts)

        self.ctx.reader.submit(
            lambda conn: clock_counts(conn, today, rules),
            show,
            lambda exc: self.due_button.setText(
                self.tr("Due dates could not be counted: %1").replace("%1", str(exc))
            ),
        )

    _overdue = 0
    _due_generation = 0  # only the latest due count is shown

    def _show_due_counts(self, counts: tuple[int, int]) -> None:
        soon, overdue = counts
        self._overdue = overdue
        self.due_button.setText(
            self.tr("Due soon: %1 · Overdue: %2")
            .replace("%1", str(soon))
            .replace("%2", str(overdue))
        )
        self.due_button.setStyleSheet("color: #b3261e; font-weight: bold;" if overdue else "")

    def needs_setup(self) -> bool:
        """First start: no unit name yet, or a new desk (the unit named at its creation) with
        no villages, departments, leaders, reception days or cases yet."""
        settings = self.ctx.rules().settings
        if not settings["unit_name"]:
            return True
        return not settings["villages"] and is_empty_desk(self.ctx.conn)

    def run_setup_wizard(self):
        """The first-start wizard (every step skippable); the banner stays if it is skipped."""
        from petition_desk.ui.setup_wizard import SetupWizard

        wizard = SetupWizard(self.ctx, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()
        return wizard

    def _update_unit_banner(self) -> None:
        self.unit_banner.setVisible(not self.ctx.rules().settings["unit_name"])

    # -- remembered layout -----------------------------------------------------------------------
    def _restore(self) -> None:
        s = self.qsettings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        # (The pages with splitters restore theirs when they are built: ``_wire``.)
        # The desk opens on the 工作台: the day starts with what is due.
        self.show_page("workbench")

    def _splitters(self) -> dict:
        """The splitters of the pages built so far (the others keep their saved state)."""
        return {
            key: page.splitter  # type: ignore[attr-defined]
            for key, page in self._built.items()
            if key in ("registration", "reception")
        }

    def closeEvent(self, event) -> None:
        registration = cast("RegistrationPage | None", self.built_page("registration"))
        if registration is not None:  # a form never shown holds no text
            if registration.is_dirty() and self.current_page() != "registration":
                self.show_page("registration")
            if not registration.may_discard(
                self.tr("Unsaved registration"),
                self.tr("The registration form has unsaved text. Quit and lose it?"),
            ):
                event.ignore()
                return
        s = self.qsettings
        s.setValue("window/geometry", self.saveGeometry())
        for key, splitter in self._splitters().items():
            s.setValue(f"splitter/{key}", splitter.saveState())
        s.sync()
        super().closeEvent(event)
