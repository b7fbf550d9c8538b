"""The first-start setup: unit name, villages, departments, leaders and the reception-day rule.

Shown when the unit name is empty. Every page may be left blank (it is then skipped and can
be done later in 设置). Pages are separate classes added with spaced ids (``PAGE_IDS``) so other
pages (the first administrator, for one) can be inserted between them; each page stores its
own part through the services in ``apply``.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from petition_desk.domain import reception
from petition_desk.errors import ValidationError
from petition_desk.services import directory, reception_store
from petition_desk.services import settings as settings_mod
from petition_desk.ui.context import DeskContext
from petition_desk.ui.widgets import NoWheelComboBox, NoWheelSpinBox

#: Page ids, spaced so that pages can be inserted between them at merge time.
PAGE_IDS = {"unit": 10, "villages": 20, "departments": 30, "leaders": 40, "reception": 50}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class SetupPage(QWizardPage):
    """A page that may be skipped; ``apply`` stores what was entered (nothing if blank)."""

    def __init__(self, ctx: DeskContext, title: str, subtitle: str, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setTitle(title)
        self.setSubTitle(
            self.tr("%1 Leave it blank to skip: Settings has it too.").replace("%1", subtitle)
        )
        # Finish is offered on every page: the rest can be done later.
        self.setFinalPage(True)
        self.layout_ = QVBoxLayout(self)

    def check(self) -> None:
        """Raise ``ValidationError`` (in Chinese) if what was entered cannot be stored."""

    def apply(self, now: dt.datetime) -> None:  # pragma: no cover - each page overrides
        raise NotImplementedError


class UnitPage(SetupPage):
    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(
            ctx,
            self.tr("Your unit"),
            self.tr("The unit's name is printed on every notice and ledger."),
            parent,
        )
        form = QFormLayout()
        values = settings_mod.load(ctx.conn)
        self.unit_name = QLineEdit(values["unit_name"])
        self.unit_name.setPlaceholderText(self.tr("e.g. 青石镇人民政府"))
        self.office_hours = QLineEdit(values["office_hours"])
        form.addRow(settings_mod.declared("unit_name").label, self.unit_name)
        form.addRow(settings_mod.declared("office_hours").label, self.office_hours)
        self.layout_.addLayout(form)

    def values(self) -> dict[str, str]:
        values = {"office_hours": self.office_hours.text()}
        if self.unit_name.text().strip():
            values["unit_name"] = self.unit_name.text()
        return values

    def check(self) -> None:
        settings_mod.changes(self.ctx.conn, self.values())

    def apply(self, now: dt.datetime) -> None:
        settings_mod.update(self.ctx.conn, self.values(), self.ctx.user, now)


class VillagesPage(SetupPage):
    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(
            ctx,
            self.tr("Villages and communities"),
            self.tr("One per line; offered when registering a petitioner."),
            parent,
        )
        self.text = QPlainTextEdit("\n".join(settings_mod.load(ctx.conn)["villages"]))
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(self.tr("e.g.\n东坑村\n西岭村\n镇区社区"))
        self.layout_.addWidget(self.text)

    def apply(self, now: dt.datetime) -> None:
        villages = _lines(self.text.toPlainText())
        if villages:
            settings_mod.update(self.ctx.conn, {"villages": villages}, self.ctx.user, now)


class DepartmentsPage(SetupPage):
    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(
            ctx,
            self.tr("Departments"),
            self.tr("The offices cases are assigned to, one per line."),
            parent,
        )
        known = [name for _id, name in directory.list_departments(ctx.conn)]
        if known:
            self.layout_.addWidget(
                QLabel(self.tr("Already entered: %1").replace("%1", "、".join(known)))
            )
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(self.tr("e.g.\n农业农村办\n自然资源所\n派出所"))
        self.layout_.addWidget(self.text)

    def apply(self, now: dt.datetime) -> None:
        known = {name for _id, name in directory.list_departments(self.ctx.conn, active_only=False)}
        for name in _lines(self.text.toPlainText()):
            if name not in known:
                directory.add_department(self.ctx.conn, name, actor=self.ctx.user)
                known.add(name)


class LeadersPage(SetupPage):
    ROWS = 8

    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(
            ctx,
            self.tr("Leaders"),
            self.tr("Who receives visitors and reads letters; tick the principal leader."),
            parent,
        )
        self.table = QTableWidget(self.ROWS, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Title"), self.tr("Principal leader")]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row in range(self.ROWS):
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            tick.setCheckState(Qt.CheckState.Unchecked)
            self.table.setItem(row, 2, tick)
        self.layout_.addWidget(self.table)

    def rows(self) -> list[tuple[str, str, bool]]:
        out = []
        for row in range(self.ROWS):
            name = self.table.item(row, 0)
            title = self.table.item(row, 1)
            if name is None or not name.text().strip():
                continue
            tick = self.table.item(row, 2)
            principal = tick is not None and tick.checkState() == Qt.CheckState.Checked
            out.append((name.text().strip(), title.text().strip() if title else "", principal))
        return out

    def apply(self, now: dt.datetime) -> None:
        for name, title, principal in self.rows():
            directory.add_leader(
                self.ctx.conn, name, title, principal=principal, actor=self.ctx.user
            )


class ReceptionRulePage(SetupPage):
    KINDS = ("none", "weekly", "lunar", "monthly")

    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(
            ctx,
            self.tr("Reception days"),
            self.tr("On which days leaders receive visitors (more rules: Reception days page)."),
            parent,
        )
        form = QFormLayout()
        self.kind = NoWheelComboBox()
        self.kind.addItems(
            [
                self.tr("Not now"),
                self.tr("Every week on a weekday"),
                self.tr("Lunar days ending in 3, 6, 9 (逢三、六、九)"),
                self.tr("A fixed date each month"),
            ]
        )
        self.weekday = NoWheelComboBox()
        self.weekday.addItems(list(reception.WEEKDAYS))
        self.month_day = NoWheelSpinBox()
        self.month_day.setRange(1, 31)
        self.month_day.setValue(15)
        self.half_day = QComboBox()
        self.half_day.addItems(list(reception.HALF_DAYS))
        form.addRow(self.tr("Rule"), self.kind)
        form.addRow(self.tr("Weekday"), self.weekday)
        form.addRow(self.tr("Day of month"), self.month_day)
        form.addRow(self.tr("Half day"), self.half_day)
        self.layout_.addLayout(form)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.KINDS[self.kind.currentIndex()]
        self.weekday.setEnabled(kind == "weekly")
        self.month_day.setEnabled(kind == "monthly")
        self.half_day.setEnabled(kind != "none")

    def rule(self) -> reception.Rule | None:
        kind, half = self.KINDS[self.kind.currentIndex()], self.half_day.currentText()
        if kind == "weekly":
            return reception.weekly(self.weekday.currentIndex(), half)
        if kind == "lunar":
            return reception.lunar(reception.lunar_days_ending_in((3, 6, 9)), half)
        if kind == "monthly":
            return reception.monthly(self.month_day.value(), half)
        return None

    def check(self) -> None:
        self.rule()

    def apply(self, now: dt.datetime) -> None:
        rule = self.rule()
        if rule is not None:
            reception_store.add_reception_rule(self.ctx.conn, rule, actor=self.ctx.user)


class SetupWizard(QWizard):
    """First start: a few pages, each skippable; stored page by page when finished."""

    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Setting up the petition desk"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.HaveFinishButtonOnEarlyPages, True)
        self.resize(720, 520)
        self.unit = UnitPage(ctx)
        self.villages = VillagesPage(ctx)
        self.departments = DepartmentsPage(ctx)
        self.leaders = LeadersPage(ctx)
        self.reception = ReceptionRulePage(ctx)
        for key, page in (
            ("unit", self.unit),
            ("villages", self.villages),
            ("departments", self.departments),
            ("leaders", self.leaders),
            ("reception", self.reception),
        ):
            self.setPage(PAGE_IDS[key], page)

    def setup_pages(self) -> list[SetupPage]:
        return [p for i in sorted(self.pageIds()) if isinstance(p := self.page(i), SetupPage)]

    def accept(self) -> None:
        """Check every page, then store them; a page to correct is shown with the reason."""
        pages = self.setup_pages()
        for page in pages:
            try:
                page.check()
            except ValidationError as exc:
                while self.currentPage() is not page and self.currentId() != self.startId():
                    self.back()
                QMessageBox.warning(self, page.title(), str(exc))
                return
        now = self.ctx.now()
        for page in pages:
            page.apply(now)
        self.ctx.settingsChanged.emit()
        self.ctx.casesChanged.emit()
        super().accept()
