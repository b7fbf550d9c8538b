"""The 台账 page: filters, search and the paged case table."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from petition_desk.db.ledger_query import COLUMN_KEYS, LedgerFilter, TierFilter
from petition_desk.domain.text import SEARCH_MAX
from petition_desk.domain.vocab import OPEN_STATES, Channel, State
from petition_desk.services.directory import list_departments, list_leaders
from petition_desk.services.search_audit import SearchAudit
from petition_desk.services.visibility import visible_sql
from petition_desk.ui.context import DeskContext
from petition_desk.ui.ledger_model import CaseIdRole, LedgerModel
from petition_desk.ui.workers import ReaderPool

_OPEN = "__open__"


#: The order columns are shown in: what a clerk reads first on the left.
LEDGER_ORDER = (
    "number",
    "people",
    "summary",
    "next_due",
    "state",
    "received_at",
    "channel",
    "category",
    "head_count",
    "disposition",
    "department",
)


class LedgerPage(QWidget):
    openCase = Signal(int)
    exportRequested = Signal()

    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        # Reader pools of its own, so interrupting the ledger's queries hurts no one else; the
        # count has one apart, so the next page never waits behind it.
        self.reader = ReaderPool(ctx.db_path, threads=1, parent=self, key=ctx.key)
        self.counter = ReaderPool(ctx.db_path, threads=1, parent=self, key=ctx.key)
        self.model = LedgerModel(
            self.reader,
            ctx.rules,
            ctx.today,
            self,
            counter=self.counter,
            visible=visible_sql(ctx.user),
            on_search=SearchAudit(ctx.conn, ctx.user, ctx.now).searched,
        )
        self._build()
        self._search_timer = QTimer(self, singleShot=True, interval=300)
        self._search_timer.timeout.connect(self.apply_filters)
        self.model.countChanged.connect(self._count_changed)
        self.model.failed.connect(
            lambda m: self.count_label.setText(self.tr("Query failed: %1").replace("%1", m))
        )
        ctx.casesChanged.connect(self.model.reload)
        ctx.settingsChanged.connect(self.reload_choices)
        self.reload_choices()
        self.apply_filters()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        grid = QVBoxLayout()
        self.search = QLineEdit()
        self.search.setMaxLength(SEARCH_MAX)  # the search itself also cuts longer queries
        self.search.setPlaceholderText(
            self.tr("Search names, ID, phone, case no., content; pinyin initials work (zjg)")
        )
        self.search.setClearButtonEnabled(True)
        self.use_dates = QCheckBox(self.tr("Received from"))
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        today = self.ctx.today()
        self.date_from.setDate(QDate(today.replace(day=1)))
        self.date_to.setDate(QDate(today))
        self.state = QComboBox()
        self.state.addItem(self.tr("All states"), "")
        self.state.addItem(self.tr("Open cases"), _OPEN)
        for s in State:
            self.state.addItem(s.value, s.value)
        self.channel = QComboBox()
        self.category = QComboBox()
        self.village = QComboBox()
        self.department = QComboBox()
        self.leader = QComboBox()
        self.tier = QComboBox()
        self.tier.addItem(self.tr("Any time limit"), None)
        for t in TierFilter:
            self.tier.addItem(t.value, t.value)
        self.repeat = QCheckBox(self.tr("Repeat only"))
        self.collective = QCheckBox(self.tr("Collective only"))
        self.reset_button = QPushButton(self.tr("Reset filters"))
        row0 = QHBoxLayout()
        row0.addWidget(self.search, 1)
        for w in (self.use_dates, self.date_from, QLabel(self.tr("to")), self.date_to):
            row0.addWidget(w)
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        self.combos = (
            self.state,
            self.channel,
            self.category,
            self.village,
            self.department,
            self.leader,
            self.tier,
        )
        for i, w in enumerate(self.combos):
            # Narrow enough for a 1366-pixel laptop screen; the popup still shows whole names.
            w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            w.setMinimumContentsLength(5)
            (row1 if i < 4 else row2).addWidget(w, 1)
        row2.addWidget(self.repeat)
        row2.addWidget(self.collective)
        row2.addWidget(self.reset_button)
        for row in (row0, row1, row2):
            grid.addLayout(row)
        layout.addLayout(grid)
        self.count_label = QLabel()
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.clicked.connect(self.exportRequested)
        count_row = QHBoxLayout()
        count_row.addWidget(self.count_label, 1)
        count_row.addWidget(self.export_button)
        layout.addLayout(count_row)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(
            COLUMN_KEYS.index("received_at"), Qt.SortOrder.DescendingOrder
        )
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The most used columns come first (编号, 信访人, 摘要, 下一期限, 状态), so they are
        # in view on a 1366-pixel screen, at 150 % too; the summary takes what width is left.
        widths = {
            "number": 90,
            "received_at": 125,
            "channel": 90,
            "people": 110,
            "head_count": 45,
            "category": 120,
            "summary": 220,
            "disposition": 70,
            "department": 90,
            "next_due": 215,  # "2026-12-01 来信回复 （未确认）" in full
            "state": 70,
        }
        for key, w in widths.items():
            self.view.setColumnWidth(COLUMN_KEYS.index(key), w)
        for visual, key in enumerate(LEDGER_ORDER):
            header.moveSection(header.visualIndex(COLUMN_KEYS.index(key)), visual)
        header.setSectionResizeMode(COLUMN_KEYS.index("summary"), QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        header.setStretchLastSection(False)
        layout.addWidget(self.view, 1)
        self.view.doubleClicked.connect(self._open)
        self.view.activated.connect(self._open)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        for combo in self.combos:
            combo.currentIndexChanged.connect(self.apply_filters)
        for box in (self.use_dates, self.repeat, self.collective):
            box.toggled.connect(self.apply_filters)
        for d in (self.date_from, self.date_to):
            d.dateChanged.connect(lambda _d: self.use_dates.isChecked() and self.apply_filters())
        self.reset_button.clicked.connect(self.reset_filters)

    def reload_choices(self) -> None:
        """Refill the combo boxes whose items come from settings and the directory."""
        settings = self.ctx.rules().settings
        self._blocked(True)
        for combo, first, items in (
            (self.channel, self.tr("All channels"), [c.value for c in Channel]),
            (self.category, self.tr("All categories"), list(settings["categories"])),
            (
                self.village,
                self.tr("All villages"),
                # retired villages too: old cases still name them
                [*settings["villages"], *settings["retired_villages"]],
            ),
        ):
            current = combo.currentData()
            combo.clear()
            combo.addItem(first, "")
            for item in items:
                combo.addItem(item, item)
            combo.setCurrentIndex(max(0, combo.findData(current)))
        for combo, first, items in (
            (self.department, self.tr("All departments"), list_departments(self.ctx.conn)),
            (
                self.leader,
                self.tr("All leaders"),
                [(r["id"], r["name"]) for r in list_leaders(self.ctx.conn)],
            ),
        ):
            current = combo.currentData()
            combo.clear()
            combo.addItem(first, None)
            for item_id, name in items:
                combo.addItem(name, item_id)
            combo.setCurrentIndex(max(0, combo.findData(current)))
        self._blocked(False)

    def _blocked(self, on: bool) -> None:
        for combo in (self.channel, self.category, self.village, self.department, self.leader):
            combo.blockSignals(on)

    def current_filter(self) -> LedgerFilter:
        state = self.state.currentData()
        states = OPEN_STATES if state == _OPEN else ((state,) if state else ())
        return LedgerFilter(
            date_from=self.date_from.date().toPython() if self.use_dates.isChecked() else None,
            date_to=self.date_to.date().toPython() if self.use_dates.isChecked() else None,
            states=tuple(states),
            channel=self.channel.currentData() or "",
            category=self.category.currentData() or "",
            village=self.village.currentData() or "",
            department_id=self.department.currentData(),
            leader_id=self.leader.currentData(),
            tier=TierFilter(self.tier.currentData()) if self.tier.currentData() else None,
            repeat=self.repeat.isChecked(),
            collective=self.collective.isChecked(),
            search=self.search.text(),
        )

    def apply_filters(self) -> None:
        self.count_label.setText(self.tr("Counting…"))
        self.model.set_filter(self.current_filter())

    def reset_filters(self) -> None:
        for w in self.combos:
            w.blockSignals(True)
            w.setCurrentIndex(0)
            w.blockSignals(False)
        for box in (self.use_dates, self.repeat, self.collective):
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filters()

    def show_tier(self, tier: TierFilter | None) -> None:
        """Used by the status bar: the open cases that are due soon or overdue."""
        self.reset_filters()
        self.tier.setCurrentIndex(max(0, self.tier.findData(tier.value if tier else None)))

    def _count_changed(self, n: int) -> None:
        if self.model.count_exact:
            self.count_label.setText(self.tr("%n matching case(s)", "", n))
        else:
            self.count_label.setText(self.tr("About %n matching case(s), counting…", "", n))

    def _open(self, index) -> None:
        case_id = index.data(CaseIdRole)
        if case_id is not None:
            self.openCase.emit(case_id)
