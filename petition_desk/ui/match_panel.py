"""The side panel of registration: people on file who match what is being typed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from petition_desk.services.people import PersonMatch

PersonRole = Qt.ItemDataRole.UserRole + 1
CaseRole = Qt.ItemDataRole.UserRole + 2


class MatchPanel(QWidget):
    """Lists matching people with their earlier cases (newest first); one click links them."""

    linkRequested = Signal(object)  # PersonMatch
    caseRequested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.title = QLabel(self.tr("People on file"))
        self.title.setStyleSheet("font-weight: bold;")
        self.hint = QLabel(self.tr("Type a name, ID number or phone to see earlier cases."))
        self.hint.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [self.tr("Person / case"), self.tr("Date"), self.tr("State"), self.tr("Due")]
        )
        # The person/case column takes what is left: 状态 and 期限 stay inside the panel.
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.link_button = QPushButton(self.tr("Link this person"))
        self.link_button.setEnabled(False)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.link_button)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        self.link_button.clicked.connect(self._link_current)
        self._matches: list[PersonMatch] = []

    def show_matches(self, matches: list[PersonMatch]) -> None:
        self._matches = matches
        self.tree.clear()
        for m in matches:
            label = f"{m.name}  {m.id_number or m.phone or ''}"
            # The person's line: who, where, how many earlier cases; why they matched on hover.
            top = QTreeWidgetItem(
                [
                    label + (f"（{m.village}）" if m.village else ""),
                    self.tr("%n case(s)", "", len(m.cases)),
                    "",
                    "",
                ]
            )
            top.setToolTip(1, self.tr("matched by %1").replace("%1", m.reason))
            top.setData(0, PersonRole, m)
            top.setToolTip(0, f"{m.address}\n" + self.tr("matched by %1").replace("%1", m.reason))
            for c in m.cases:
                child = QTreeWidgetItem(
                    [
                        f"{c.number} {c.category} {c.summary}",
                        c.received_at[:10],
                        c.state,
                        c.next_due or "",
                    ]
                )
                child.setData(0, CaseRole, c.id)
                child.setToolTip(0, c.summary)
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        self.hint.setText(
            self.tr("%n person(s) on file match. Double-click to link.", "", len(matches))
            if matches
            else self.tr("No one on file matches.")
        )
        if matches:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def matches(self) -> list[PersonMatch]:
        return list(self._matches)

    def _current_changed(self, item, _previous) -> None:
        self.link_button.setEnabled(item is not None)

    def _person_of(self, item) -> PersonMatch | None:
        while item is not None and item.parent() is not None:
            item = item.parent()
        return None if item is None else item.data(0, PersonRole)

    def _link_current(self) -> None:
        person = self._person_of(self.tree.currentItem())
        if person is not None:
            self.linkRequested.emit(person)

    def _double_clicked(self, item, _column) -> None:
        case_id = item.data(0, CaseRole)
        if case_id is not None:
            self.caseRequested.emit(case_id)
        else:
            self._link_current()
