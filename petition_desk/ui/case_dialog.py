"""A case opened from the ledger: every field, its people, clocks, attachments and history,
with the lifecycle steps as buttons enabled only when the state allows them."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from petition_desk.domain.deadlines import running_clocks
from petition_desk.domain.lifecycle import (
    SYSTEM_ACTIONS,
    TRANSITIONS,
    Action,
    allowed_actions,
    label_of,
)
from petition_desk.domain.person import PERSON_FIELDS
from petition_desk.domain.vocab import State
from petition_desk.errors import DeskError
from petition_desk.services import attachments, documents
from petition_desk.services.attachments import add_attachment, attachments_of
from petition_desk.services.cases import case_people, get_case, history, open_case
from petition_desk.services.directory import department_names
from petition_desk.services.people import correct_person
from petition_desk.services.permissions import Permission
from petition_desk.services.permissions import allowed as may
from petition_desk.services.visibility import RestrictedCase
from petition_desk.ui.action_dialog import ActionDialog
from petition_desk.ui.archive_dialog import ArchiveDialog
from petition_desk.ui.context import DeskContext
from petition_desk.ui.documents_tab import DocumentsTab
from petition_desk.ui.form_dialog import FormDialog
from petition_desk.ui.leaders_tab import LeadersTab
from petition_desk.ui.ledger_model import TIER_COLOURS
from petition_desk.ui.ocr_dialog import OcrDialog, scan_button

#: Recorded for the machine (ids, hashes), not worth a clerk's attention in the list.
HIDDEN_KEYS = {"people", "sha256", "previous"}

#: Buttons in the order a case usually moves.
BUTTONS = [a for a in Action if a in TRANSITIONS and a not in SYSTEM_ACTIONS]


class CaseDialog(QDialog):
    def __init__(self, ctx: DeskContext, case_id: int, parent=None):
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        #: the drop handler that adds dropped files as attachments (installed by the window)
        self.file_drop: object | None = None
        layout = QVBoxLayout(self)
        self.header = QLabel()
        self.header.setStyleSheet("font-size: 15px; font-weight: bold;")
        layout.addWidget(self.header)
        # Why this case is not shown (a hidden 保密 case), or "" when it is.
        self.refused = ""
        try:
            # Checks that this user may see the case and records the viewing (audit log).
            open_case(ctx.conn, case_id, ctx.user)
        except RestrictedCase as exc:
            self._refuse(layout, str(exc))
            return
        self.setMinimumSize(900, 620)
        # After a step that calls for a notice, that notice is offered here: the clerk does
        # not pick from the kinds (guided issuing).
        self.called_for = QWidget()
        self.called_for_row = QHBoxLayout(self.called_for)
        self.called_for_row.setContentsMargins(0, 0, 0, 0)
        self.called_for.setStyleSheet("background: #fff3c4;")
        self.called_for.hide()
        self._offered_for: Action | None = None
        layout.addWidget(self.called_for)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        self.details = QWidget()
        self.details_form = QFormLayout(self.details)
        self.tabs.addTab(self.details, self.tr("Details"))
        self.people_table = QTableWidget(0, 7)
        self.people_table.setHorizontalHeaderLabels(
            [
                self.tr("Role"),
                self.tr("Name"),
                self.tr("Gender"),
                self.tr("ID number"),
                self.tr("Phone"),
                self.tr("Village"),
                self.tr("Address"),
            ]
        )
        self.people_table.horizontalHeader().setStretchLastSection(True)
        people_tab = QWidget()
        pl = QVBoxLayout(people_tab)
        pl.addWidget(self.people_table)
        self.correct_person_button = QPushButton(self.tr("Correct this person's details…"))
        self.correct_person_button.clicked.connect(lambda: self.correct_person())
        pl.addWidget(self.correct_person_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.tabs.addTab(people_tab, self.tr("People"))
        self.clock_table = QTableWidget(0, 4)
        self.clock_table.setHorizontalHeaderLabels(
            [self.tr("Time limit"), self.tr("From"), self.tr("Due"), self.tr("Standing")]
        )
        self.clock_table.horizontalHeader().setStretchLastSection(True)
        self.tabs.addTab(self.clock_table, self.tr("Time limits"))
        files = QWidget()
        fl = QVBoxLayout(files)
        self.attachment_list = QListWidget()
        fl.addWidget(self.attachment_list)
        row = QHBoxLayout()
        self.add_file = QPushButton(self.tr("Add file…"))
        self.open_file = QPushButton(self.tr("Open"))
        row.addWidget(self.add_file)
        row.addWidget(self.open_file)
        row.addWidget(scan_button(self, self._scan_letter))
        row.addStretch(1)
        fl.addLayout(row)
        self.tabs.addTab(files, self.tr("Attachments"))
        self.documents = DocumentsTab(ctx, case_id)
        self.documents.changed.connect(self.after_change)
        self.tabs.addTab(self.documents, self.tr("Documents"))
        self.leaders = LeadersTab(ctx, case_id)
        self.leaders.changed.connect(self.after_change)
        self.tabs.addTab(self.leaders, self.tr("Leaders"))
        self.history_list = QListWidget()
        self.history_list.setWordWrap(True)
        self.tabs.addTab(self.history_list, self.tr("History"))

        grid = QGridLayout()
        self.action_buttons: dict[Action, QPushButton] = {}
        for i, action in enumerate(BUTTONS):
            button = QPushButton(action.value)
            button.clicked.connect(lambda _=False, a=action: self.run_action(a))
            self.action_buttons[action] = button
            grid.addWidget(button, i // 10, i % 10)
        layout.addLayout(grid)
        self.add_file.clicked.connect(self._choose_file)
        self.open_file.clicked.connect(self._open_current_file)
        self.attachment_list.itemDoubleClicked.connect(lambda _i: self._open_current_file())
        self.refresh()

    def _refuse(self, layout: QVBoxLayout, sentence: str) -> None:
        """Show only why the case cannot be opened (nothing of it is read)."""
        self.refused = sentence
        self.setWindowTitle(self.tr("Restricted case"))
        self.header.setText(sentence)
        self.header.setWordWrap(True)
        self.header.setMinimumWidth(420)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)

    def refresh(self) -> None:
        if self.refused:
            return
        conn = self.ctx.conn
        case = self.case = get_case(conn, self.case_id)
        state = State(case["state"])
        self.setWindowTitle(self.tr("Case %1").replace("%1", case["number"]))
        flags = [
            label
            for key, label in (
                ("repeat", self.tr("repeat")),
                ("collective", self.tr("collective")),
                ("anonymous", self.tr("anonymous")),
                ("urgent", self.tr("urgent")),
                ("confidential", self.tr("restricted")),
            )
            if case[key]
        ]
        self.header.setText(
            f"{case['number']}  ·  {case['state']}  ·  {case['summary']}"
            + (f"  [{', '.join(flags)}]" if flags else "")
        )
        self._fill_details(case)
        self._fill_people()
        self._fill_clocks(case)
        self._fill_attachments()
        self._fill_history()
        if hasattr(self, "leaders"):
            self.documents.refresh()
            self.leaders.refresh()
        allowed = set(allowed_actions(state))
        # Steps are the handling clerk's (the service refuses anyone else): a 领导 or 查阅
        # sees them greyed, with the reason in the tooltip, instead of a refusal after a form.
        may_handle = may(self.ctx.user, Permission.HANDLE)
        for action, button in self.action_buttons.items():
            button.setEnabled(action in allowed and may_handle)
            if not may_handle:
                button.setToolTip(self.tr("Your role may not handle cases"))
            button.setVisible(action in allowed or action is not Action.CORRECT)
        self.correct_person_button.setEnabled(may_handle)

    def _fill_details(self, case: dict) -> None:
        while self.details_form.rowCount():
            self.details_form.removeRow(0)
        dept = department_names(self.ctx.conn).get(case["department_id"])
        rows = [
            (self.tr("Case no."), case["number"]),
            (self.tr("Received"), case["received_at"].replace("T", " ")),
            (self.tr("Channel"), case["channel"]),
            (self.tr("Purpose"), case["purpose"]),
            (self.tr("Category"), case["category"]),
            (self.tr("Head count"), str(case["head_count"])),
            (self.tr("Village"), case["village"]),
            (self.tr("Place"), case["place"]),
            (self.tr("Summary"), case["summary"]),
            (self.tr("Request"), case["request"]),
            (self.tr("Facts and reasons"), case["facts"]),
            (self.tr("Disposition"), case["disposition"]),
            (self.tr("Department"), dept),
            (self.tr("Department deadline"), case["assign_due"]),
            (self.tr("Forwarded to"), case["forwarded_to"]),
            (self.tr("Reply result"), case["reply_result"]),
            (self.tr("Satisfaction"), case["satisfaction"]),
            (self.tr("Volume number"), case["volume_no"]),
        ]
        for label, value in rows:
            text = QLabel(value or "—")
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.details_form.addRow(label, text)

    def correct_person(self, changes: dict[str, str] | None = None, reason: str = "") -> bool:
        """Correct a typing mistake in the selected person's details (kept as an event)."""
        row = max(self.people_table.currentRow(), 0)
        if row >= len(self.people):
            return False
        person = self.people[row]
        edits = {key: QLineEdit(person[key] or "") for key in PERSON_FIELDS}
        why = QLineEdit(reason)
        for key, value in (changes or {}).items():
            edits[key].setText(value)

        def run() -> None:
            correct_person(
                self.ctx.conn,
                self.case_id,
                person["id"],
                {k: e.text() for k, e in edits.items()},
                why.text(),
                self.ctx.user,
                self.ctx.now(),
            )

        form = FormDialog(
            self.tr("Correct a person's details"),
            [(PERSON_FIELDS[k], e) for k, e in edits.items()]
            + [(self.tr("Reason for the correction"), why)],
            run,
            self,
        )
        if changes is not None:  # called with values (tests, scripts): submit directly
            form.submit()
            ok = form.result() == QDialog.DialogCode.Accepted
        else:
            ok = form.exec() == QDialog.DialogCode.Accepted
        if ok:
            self.after_change()
        return ok

    def _fill_people(self) -> None:
        people = self.people = case_people(self.ctx.conn, self.case_id, self.ctx.user)
        self.people_table.setRowCount(len(people))
        for r, p in enumerate(people):
            for c, key in enumerate(
                ("role", "name", "gender", "id_number", "phone", "village", "address")
            ):
                self.people_table.setItem(r, c, QTableWidgetItem(p[key] or ""))
        self.people_table.resizeColumnsToContents()

    def _fill_clocks(self, case: dict) -> None:
        rules = self.ctx.rules()
        clocks = running_clocks(case, rules)
        self.clock_table.setRowCount(len(clocks))
        today = self.ctx.today()
        for r, clock in enumerate(clocks):
            tier = clock.tier(today, rules)
            left = clock.days_left(today)
            standing = (
                self.tr("%n day(s) left", "", left)
                if left >= 0
                else self.tr("%n day(s) overdue", "", -left)
            )
            if not clock.obligation:
                standing = self.tr("petitioner's window: %1").replace("%1", standing)
            if not clock.confirmed:
                standing += " " + self.tr("(holidays of that year not entered: unconfirmed)")
            unit = self.tr("working days") if clock.working_days else self.tr("calendar days")
            values = [
                f"{clock.kind.value}（{unit}）",
                clock.start.isoformat(),
                clock.due.isoformat(),
                f"{tier.value} · {standing}",
            ]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                colour = TIER_COLOURS.get(tier)
                if colour and clock.obligation:
                    item.setBackground(colour)
                self.clock_table.setItem(r, c, item)
        self.clock_table.resizeColumnsToContents()

    def _fill_attachments(self) -> None:
        self.attachment_list.clear()
        from petition_desk.ui.widgets import file_size_text, local_time_text

        for att in attachments_of(self.ctx.conn, self.ctx.db_path, self.case_id):
            item = QListWidgetItem(
                f"{att.name}    {file_size_text(att.size)}    {local_time_text(att.added_at)}"
            )
            # The checksum proves the file is the one added; a clerk rarely needs to read it.
            item.setToolTip(
                self.tr("SHA-256 checksum: %1\nStored as: %2")
                .replace("%1", att.sha256)
                .replace("%2", str(att.path))
            )
            item.setData(Qt.ItemDataRole.UserRole, str(att.path))
            self.attachment_list.addItem(item)

    def _fill_history(self) -> None:
        self.history_list.clear()
        departments = department_names(self.ctx.conn)
        for e in history(self.ctx.conn, self.case_id):
            parts = []
            for key, value in e.data.items():
                if value in (None, "") or key in HIDDEN_KEYS:
                    continue
                if key == "department_id":
                    value = departments.get(value, value)
                if isinstance(value, bool):
                    value = self.tr("yes") if value else self.tr("no")
                if key == "changes" and isinstance(value, dict):
                    parts.extend(_changes_text(value))
                    continue
                label = label_of(e.action, key)
                parts.append(f"{label}：{_short(value)}")
            details = "；".join(parts)
            if e.state_before is None:
                arrow = f"→ {e.state_after}"
            elif e.state_before != e.state_after:
                arrow = f"{e.state_before} → {e.state_after}"
            else:
                arrow = e.state_after
            self.history_list.addItem(
                f"{e.at.replace('T', ' ')[:16]}  {e.actor}  【{e.action}】"
                f"  {arrow}" + (f"\n    {details}" if details else "")
            )

    def offer_documents(self, action: Action | None = None) -> list[str]:
        """Show the documents the history calls for and that are not issued yet, each with a
        button that previews and issues it; after a step, the ones that step called for."""
        while self.called_for_row.count():
            item = self.called_for_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._offered_for = action
        wanted = documents.documents_called_for(self.ctx.conn, self.case_id)
        if action is not None:
            mine = [c for c in wanted if c.step == action.value]
            latest = max((c.event_id for c in mine), default=None)
            wanted = [c for c in mine if c.event_id == latest]
        if not wanted:
            self.called_for.hide()
            return []
        self.called_for_row.addWidget(QLabel(self.tr("To issue now:")))
        for c in wanted:
            button = QPushButton(
                self.tr("%1 (for %2)…").replace("%1", c.title).replace("%2", c.step)
            )
            button.clicked.connect(lambda _=False, kind=c.kind: self._issue_offered(kind))
            self.called_for_row.addWidget(button)
        self.called_for_row.addStretch(1)
        self.called_for.show()
        return [c.kind for c in wanted]

    def _issue_offered(self, kind: str) -> None:
        self.tabs.setCurrentWidget(self.documents)
        if self.documents.issue_kind(kind) is not None:
            self.offer_documents(self._offered_for)

    def run_action(self, action: Action) -> bool:
        # 归档 checks the file and chooses a volume; every other step is its declaration's form.
        dialog: QDialog = (
            ArchiveDialog(self.ctx, self.case, self)
            if action is Action.ARCHIVE
            else ActionDialog(self.ctx, self.case, action, self)
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.after_change()
        self.offer_documents(action)
        return True

    def after_change(self) -> None:
        self.refresh()
        self.ctx.casesChanged.emit()

    def _choose_file(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add attachments"))
        for p in paths:
            self.attach(Path(p))

    def _scan_letter(self) -> None:
        dialog = OcrDialog(list(self.ctx.rules().settings["villages"]), self, today=self.ctx.today)
        dialog.lettersRead.connect(
            lambda _fields, pages, _text: self._attach_all([*pages, dialog.text_file])
        )
        dialog.open()

    def _attach_all(self, paths: list) -> None:
        for p in paths:
            if p:
                self.attach(Path(p))

    def attach(self, path: Path) -> None:
        if self.refused:
            QMessageBox.warning(self, self.tr("Attachment not saved"), self.refused)
            return
        try:
            add_attachment(
                self.ctx.conn, self.ctx.db_path, self.case_id, path, self.ctx.user, self.ctx.now()
            )
        except (DeskError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Attachment not saved"), str(exc))
            return
        self.after_change()

    def _open_current_file(self) -> None:
        item = self.attachment_list.currentItem()
        if item is not None:
            # Attachments are stored encrypted: the viewer gets a decrypted temporary copy.
            plain = attachments.open_plain(self.ctx.conn, item.data(Qt.ItemDataRole.UserRole))
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(plain)))


def _short(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 120 else text[:117] + "…"


def _changes_text(changes: dict) -> list[str]:
    """``摘要：“old” → “new”`` for each corrected field, in the clerk's words."""
    out = []
    for key, change in changes.items():
        if isinstance(change, dict) and "old" in change:
            old, new = change.get("old"), change.get("new")
            out.append(f"{_field_label(key)}：“{_short(old or '')}” → “{_short(new or '')}”")
        else:
            out.append(f"{_field_label(key)}：{_short(change)}")
    return out


def _field_label(key: str) -> str:
    """A corrected field's name: a case field or a person's detail."""
    return PERSON_FIELDS.get(key) or label_of("更正", key)
