"""The 设置 page: unit and time limits, departments, leaders, users, backups, holidays, document
wording and the audit log — one widget per tab."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from petition_desk.services.permissions import Permission, allowed
from petition_desk.ui.context import DeskContext
from petition_desk.ui.settings.audit_log import AuditLogTab
from petition_desk.ui.settings.general import GeneralTab
from petition_desk.ui.settings.holidays import HolidaysTab
from petition_desk.ui.settings.lists import DepartmentsTab, LeadersTab, VillagesTab
from petition_desk.ui.settings.templates import TemplatesTab
from petition_desk.ui.settings_backup import BackupTab
from petition_desk.ui.settings_users import UsersTab


class SettingsPage(QWidget):
    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        self.general = GeneralTab(ctx)
        self.departments = DepartmentsTab(ctx)
        self.leaders = LeadersTab(ctx)
        self.villages = VillagesTab(ctx)
        # Users (logins, roles, passwords) replace the acting-clerk chooser: the acting user
        # is the logged-in one (issue 12).
        self.users = UsersTab(ctx)
        self.backups = BackupTab(ctx)
        self.holidays = HolidaysTab(ctx)
        self.templates = TemplatesTab(ctx)
        self.audit_log = AuditLogTab(ctx)
        for widget, title in (
            (self.general, self.tr("Unit and time limits")),
            (self.departments, self.tr("Departments")),
            (self.leaders, self.tr("Leaders")),
            (self.villages, self.tr("Villages")),
            (self.users, self.tr("Users")),
            (self.backups, self.tr("Backup and restore")),
            (self.holidays, self.tr("Holidays")),
            (self.templates, self.tr("Document wording")),
            (self.audit_log, self.tr("Log")),
        ):
            self.tabs.addTab(widget, title)
        # The log names whose cases were looked at: only roles that may read it see the tab.
        self.tabs.setTabVisible(
            self.tabs.indexOf(self.audit_log), allowed(ctx.user, Permission.VIEW_AUDIT)
        )
        self.general.saved.connect(self._settings_changed)
        self.holidays.changed.connect(self._settings_changed)
        self.departments.changed.connect(self.ctx.settingsChanged.emit)
        self.leaders.changed.connect(self.ctx.settingsChanged.emit)
        self.villages.changed.connect(self.ctx.settingsChanged.emit)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.load()

    def load(self) -> None:
        for tab in (
            self.general,
            self.departments,
            self.leaders,
            self.villages,
            self.users,
            self.backups,
            self.holidays,
            self.templates,
        ):
            tab.load()

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.audit_log and allowed(
            self.ctx.user, Permission.VIEW_AUDIT
        ):
            self.audit_log.load()

    def _settings_changed(self) -> None:
        """Settings or the calendar changed: rules are reloaded, due dates may have moved."""
        self.ctx.settingsChanged.emit()
        self.ctx.casesChanged.emit()
