"""The 登记 page: one form for every channel, with the repeat panel beside it."""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from petition_desk.domain.person import CORRECT_STORED, PERSON_FIELDS, USE_STORED
from petition_desk.domain.text import FACTS_MAX, LINE_MAX, REQUEST_MAX, SUMMARY_MAX
from petition_desk.domain.vocab import Channel, Purpose
from petition_desk.errors import DeskError, ValidationError
from petition_desk.services import roster
from petition_desk.services.attachments import add_attachment
from petition_desk.services.directory import list_leaders
from petition_desk.services.leaders import RECEPTION_KINDS
from petition_desk.services.people import find_matches
from petition_desk.services.permissions import Permission, allowed
from petition_desk.services.registration import (
    CaseInput,
    PersonDiffersError,
    is_collective_visit,
    register_case,
)
from petition_desk.services.visibility import visible_sql
from petition_desk.ui.context import DeskContext
from petition_desk.ui.match_panel import MatchPanel
from petition_desk.ui.ocr_dialog import OcrDialog, scan_button
from petition_desk.ui.person_editor import PersonEditor
from petition_desk.ui.text_limits import watch_length
from petition_desk.ui.widgets import ERROR_STYLE, ErrorLabel, NowDateTimeEdit, qdatetime

log = logging.getLogger(__name__)


class RegistrationPage(QWidget):
    """Registers a petition. Nothing is saved half-way; a failed save keeps every field."""

    registered = Signal(int, str)  # case id, number
    openCase = Signal(int)

    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.people: list[PersonEditor] = []
        self._current_person: PersonEditor | None = None
        self._search_generation = 0  # only the latest people search is shown
        self._attachments: list[Path] = []
        self._ocr: dict[str, str] | None = None  # set when a scanned letter was read
        self._last_case: int | None = None
        self._build()
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self._search_people)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.discard)
        self.reset()

    # -- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.banner = QLabel()
        self.banner.setStyleSheet(ERROR_STYLE + "font-weight: bold;")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.saved_bar = QWidget()
        bar = QHBoxLayout(self.saved_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet("color: #1b5e20; font-weight: bold;")
        self.handle_now = QPushButton(self.tr("Handle it now…"))
        self.handle_now.clicked.connect(
            lambda: self._last_case and self.openCase.emit(self._last_case)
        )
        bar.addWidget(self.saved_label, 1)
        bar.addWidget(self.handle_now)
        self.saved_bar.hide()
        outer.addWidget(self.banner)
        outer.addWidget(self.saved_bar)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        form_host = QWidget()
        form = QVBoxLayout(form_host)

        intake = QGroupBox(self.tr("Reception"))
        f1 = QFormLayout(intake)
        self.channel = QComboBox()
        self.channel.addItems([c.value for c in Channel])
        self.channel.setCurrentText(Channel.VISIT.value)
        # Follows the clock (shown as 现在) until the clerk edits it.
        self.received = NowDateTimeEdit(self.ctx.now)
        self.received_error = ErrorLabel()
        self.purpose = QComboBox()
        self.purpose.addItems([p.value for p in Purpose])
        f1.addRow(self.tr("Received at"), self.received)
        f1.addRow("", self.received_error)
        f1.addRow(self.tr("Channel"), self.channel)
        f1.addRow(self.tr("Purpose"), self.purpose)
        self.leader = QComboBox()
        self.reception_kind = QComboBox()
        self.reception_kind.addItems(list(RECEPTION_KINDS))
        leader_row = QHBoxLayout()
        leader_row.addWidget(self.leader, 2)
        leader_row.addWidget(self.reception_kind, 1)
        self.leader_label = QLabel(self.tr("Receiving leader"))
        f1.addRow(self.leader_label, leader_row)
        form.addWidget(intake)

        people_box = QGroupBox(self.tr("Petitioners"))
        pv = QVBoxLayout(people_box)
        flags = QHBoxLayout()
        self.anonymous = QCheckBox(self.tr("Anonymous"))
        self.collective = QCheckBox(self.tr("Collective visit"))
        self.head_count = QSpinBox()
        self.head_count.setRange(1, 9999)
        self.head_count_label = QLabel(self.tr("Head count"))
        self.head_count_error = ErrorLabel()
        flags.addWidget(self.anonymous)
        flags.addWidget(self.collective)
        flags.addWidget(self.head_count_label)
        flags.addWidget(self.head_count)
        flags.addStretch(1)
        pv.addLayout(flags)
        pv.addWidget(self.head_count_error)
        self.people_host = QVBoxLayout()
        pv.addLayout(self.people_host)
        self.people_error = ErrorLabel()
        pv.addWidget(self.people_error)
        self.add_person = QPushButton(self.tr("Add another person"))
        pv.addWidget(self.add_person, 0, Qt.AlignmentFlag.AlignLeft)
        form.addWidget(people_box)

        matter = QGroupBox(self.tr("The matter"))
        f2 = QFormLayout(matter)
        self.category = QComboBox()
        self.category_error = ErrorLabel()
        self.place = QLineEdit()
        self.summary = QLineEdit()
        self.summary.setPlaceholderText(self.tr("One line for the ledger"))
        # The same limits as the service's, so the clerk cannot type what will be refused.
        self.summary.setMaxLength(SUMMARY_MAX)
        self.place.setMaxLength(LINE_MAX)
        self.request = QPlainTextEdit()
        self.request.setTabChangesFocus(True)
        self.request.setFixedHeight(70)
        self.request_error = ErrorLabel()
        self.facts = QPlainTextEdit()
        self.facts.setTabChangesFocus(True)
        self.facts.setFixedHeight(110)
        self.facts_error = ErrorLabel()
        watch_length(self.request, REQUEST_MAX, self.request_error)
        watch_length(self.facts, FACTS_MAX, self.facts_error)
        f2.addRow(self.tr("Category"), self.category)
        f2.addRow("", self.category_error)
        f2.addRow(self.tr("Summary"), self.summary)
        f2.addRow(self.tr("Request"), self.request)
        f2.addRow("", self.request_error)
        f2.addRow(self.tr("Facts and reasons"), self.facts)
        f2.addRow("", self.facts_error)
        f2.addRow(self.tr("Place"), self.place)
        marks = QHBoxLayout()
        self.skipped_level = QCheckBox(self.tr("Skipped a level"))
        self.law_related = QCheckBox(self.tr("Law/litigation related"))
        self.confidential = QCheckBox(self.tr("Restricted"))
        self.urgent = QCheckBox(self.tr("Urgent"))
        for box in (self.skipped_level, self.law_related, self.confidential, self.urgent):
            marks.addWidget(box)
        marks.addStretch(1)
        f2.addRow(self.tr("Flags"), marks)
        form.addWidget(matter)

        files = QGroupBox(self.tr("Attachments"))
        fv = QHBoxLayout(files)
        self.attachment_list = QListWidget()
        self.attachment_list.setFixedHeight(60)
        self.add_file = QPushButton(self.tr("Add file…"))
        fv.addWidget(self.attachment_list, 1)
        fv.addWidget(self.add_file)
        self.scan_letter = scan_button(self, self._scan_letter)
        fv.addWidget(self.scan_letter)
        form.addWidget(files)

        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.clear_button = QPushButton(self.tr("Clear"))
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.save_button)
        form.addLayout(buttons)
        form.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        self.matches = MatchPanel()
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(self.matches)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        outer.addWidget(self.splitter, 1)

        self.collective.toggled.connect(self._collective_toggled)
        self.head_count.valueChanged.connect(lambda _n: self._apply_collective_threshold())
        self.channel.currentTextChanged.connect(lambda _t: self._apply_collective_threshold())
        self.received.dateTimeChanged.connect(lambda _d: self._suggest_leader())
        self.channel.currentTextChanged.connect(lambda _t: self._suggest_leader())
        self.add_person.clicked.connect(lambda: self._add_person(focus=True))
        self.add_file.clicked.connect(self._choose_file)
        self.save_button.clicked.connect(self.save)
        self._role_notice = ""
        if not allowed(self.ctx.user, Permission.REGISTER):
            # Said before anything is typed, not after (the service refuses anyway).
            self._role_notice = self.tr(
                "Your role (%1) may not register petitions; ask a clerk."
            ).replace("%1", self.ctx.user.role)
            self.save_button.setEnabled(False)
        self.clear_button.clicked.connect(self.discard)
        self.matches.linkRequested.connect(self._link)
        self.matches.caseRequested.connect(self.openCase)

    # -- people -------------------------------------------------------------------------------
    def _add_person(self, focus: bool = False) -> PersonEditor:
        rules = self.ctx.rules()
        editor = PersonEditor(list(rules.settings["villages"]), self.ctx.today)
        editor.changed.connect(self._search_timer.start)
        editor.focused.connect(lambda e=editor: self._set_current(e))
        editor.removeRequested.connect(lambda e=editor: self._remove_person(e))
        self.people.append(editor)
        self.people_host.addWidget(editor)
        self._update_remove_buttons()
        self._fix_tab_order()
        if focus:
            editor.name.setFocus()
        self._current_person = editor
        return editor

    def _remove_person(self, editor: PersonEditor) -> None:
        if len(self.people) <= 1:
            return
        self.people.remove(editor)
        editor.setParent(None)
        editor.deleteLater()
        if self._current_person is editor:
            self._current_person = self.people[0]
        self._update_remove_buttons()
        self._fix_tab_order()

    def _update_remove_buttons(self) -> None:
        for e in self.people:
            e.remove.setVisible(len(self.people) > 1)

    def _set_current(self, editor: PersonEditor) -> None:
        self._current_person = editor

    def _fix_tab_order(self) -> None:
        chain = [
            self.received,
            self.channel,
            self.purpose,
            self.leader,
            self.reception_kind,
            self.anonymous,
            self.collective,
            self.head_count,
        ]
        for e in self.people:
            chain += e.tab_chain()
        chain += [
            self.add_person,
            self.category,
            self.summary,
            self.request,
            self.facts,
            self.place,
            self.skipped_level,
            self.law_related,
            self.confidential,
            self.urgent,
            self.add_file,
            self.save_button,
        ]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    def _apply_collective_threshold(self) -> None:
        """Tick 集体访 once a visit reaches the threshold, and ask for its representatives."""
        settings = self.ctx.rules().settings
        if not is_collective_visit(self.channel.currentText(), self.head_count.value(), settings):
            return
        if not self.collective.isChecked():
            self.collective.setChecked(True)
        self.head_count_error.show_message(
            self.tr(
                "%1 or more people: a collective visit. Enter its representatives "
                "(at most 5) as petitioners with the role 代表."
            ).replace("%1", str(settings["collective_threshold"]))
        )

    def _collective_toggled(self, on: bool) -> None:
        if on and self.head_count.value() < 2:
            self.head_count.setValue(2)
        if not on:
            self.head_count.setValue(1)

    def _fill_leaders(self) -> None:
        self.leader.blockSignals(True)
        self.leader.clear()
        self.leader.addItem(self.tr("(no leader)"), None)
        for r in list_leaders(self.ctx.conn):
            self.leader.addItem(
                f"{r['name']}（{r['title']}）" if r["title"] else r["name"], r["id"]
            )
        self.leader.blockSignals(False)

    def _suggest_leader(self) -> None:
        """On a reception day the leader on duty is the one receiving; else nobody is preset."""
        channel = self.channel.currentText()
        day = self.received.dateTime().toPython().date()
        duty = roster.on_day(self.ctx.conn, day)
        if channel == Channel.LEADER_RECEPTION.value or (channel == Channel.VISIT.value and duty):
            if duty:
                self.leader.setCurrentIndex(max(0, self.leader.findData(duty[0].leader_id)))
        else:
            self.leader.setCurrentIndex(0)

    def _search_people(self) -> None:
        editor = self._current_person or (self.people[0] if self.people else None)
        if editor is None:
            return
        name, id_number, phone = editor.name.text(), editor.id_number.text(), editor.phone.text()
        visible = visible_sql(self.ctx.user)  # a 保密 case of the person shows as a stub

        def query(conn):
            return find_matches(conn, name=name, id_number=id_number, phone=phone, visible=visible)

        # Typing fires searches quickly and the pool has two threads: only the answer to the
        # latest search is shown (an older one arriving last would show another person).
        self._search_generation += 1
        generation = self._search_generation

        def show(matches) -> None:
            if generation == self._search_generation:
                self.matches.show_matches(matches)

        self.ctx.reader.submit(query, show, self._background_failed)

    def _background_failed(self, exc: BaseException) -> None:
        self.banner.setText(self.tr("Could not search people on file: %1").replace("%1", str(exc)))
        self.banner.show()

    def _link(self, person) -> None:
        editor = self._current_person or self.people[0]
        editor.link(person)

    # -- attachments --------------------------------------------------------------------------
    def _choose_file(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add attachments"))
        for p in paths:
            self.add_attachment_path(Path(p))

    def add_attachment_path(self, path: Path) -> None:
        self._attachments.append(path)
        self.attachment_list.addItem(path.name)

    def _scan_letter(self) -> None:
        villages = list(self.ctx.rules().settings["villages"])
        dialog = OcrDialog(villages, self, today=self.ctx.today)
        dialog.lettersRead.connect(
            lambda fields, pages, _text: self.apply_letter(fields, pages, dialog.text_file)
        )
        dialog.open()

    def apply_letter(self, fields: dict, pages: list, text_file: Path | None) -> None:
        """Fill what the clerk accepted in the OCR dialog; keep the pages and the text."""
        editor = self._current_person or self.people[0]
        for key in ("name", "address"):
            if key in fields:
                getattr(editor, key).setText(fields[key])
        for key in ("id_number", "phone"):
            if key in fields:
                getattr(editor, key).setText(fields[key])
                getattr(editor, key).textEdited.emit(fields[key])  # the live checks
        if "gender" in fields:
            editor.gender.setCurrentText(fields["gender"])
        if "village" in fields:
            editor.village.setCurrentText(fields["village"])
        if "request" in fields:
            self.request.setPlainText(fields["request"])
        if "facts" in fields:
            self.facts.setPlainText(fields["facts"])
        self.channel.setCurrentText(Channel.LETTER.value)
        for path in [*pages, *([text_file] if text_file else [])]:
            self.add_attachment_path(Path(path))
        self._ocr = {"letter_date": fields.get("letter_date", "")}

    # -- the form as a whole --------------------------------------------------------------------
    def reset(self) -> None:
        """An empty form: received now, one empty person, the first category."""
        rules = self.ctx.rules()
        self.category.clear()
        self.category.addItems(["", *rules.settings["categories"]])
        for e in list(self.people):
            e.setParent(None)
            e.deleteLater()
        self.people.clear()
        self._add_person()
        self.received.follow_clock()
        self.channel.setCurrentText(Channel.VISIT.value)
        self.purpose.setCurrentIndex(0)
        self._fill_leaders()
        self.reception_kind.setCurrentIndex(0)
        self._suggest_leader()
        for box in (
            self.anonymous,
            self.collective,
            self.skipped_level,
            self.law_related,
            self.confidential,
            self.urgent,
        ):
            box.setChecked(False)
        self.head_count.setValue(1)
        for w in (self.summary, self.place):
            w.clear()
        self.request.clear()
        self.facts.clear()
        self._attachments.clear()
        self.attachment_list.clear()
        self._ocr = None
        self.matches.show_matches([])
        self._clear_problems()

    def is_dirty(self) -> bool:
        """Whether anything was typed that Esc or Clear would lose."""
        return bool(
            any(not e.is_empty() for e in self.people)
            or self.summary.text().strip()
            or self.request.toPlainText().strip()
            or self.facts.toPlainText().strip()
            or self.place.text().strip()
            or self._attachments
        )

    def restore(self, data: dict) -> None:
        """Put back a form kept as a draft (``CaseInput`` as plain values); nothing is dropped:
        a category or village no longer in the lists is added to the choice."""
        self.reset()
        _choose(self.channel, data.get("channel", ""))
        if data.get("received_at"):
            self.received.setDateTime(qdatetime(dt.datetime.fromisoformat(data["received_at"])))
        _choose(self.category, data.get("category", ""))
        self.summary.setText(data.get("summary", ""))
        self.request.setPlainText(data.get("request", ""))
        self.facts.setPlainText(data.get("facts", ""))
        _choose(self.purpose, data.get("purpose", ""))
        self.place.setText(data.get("place", ""))
        self.head_count.setValue(int(data.get("head_count") or 1))
        for name in ("collective", "anonymous", "skipped_level", "law_related"):
            getattr(self, name).setChecked(bool(data.get(name)))
        self.confidential.setChecked(bool(data.get("confidential")))
        self.urgent.setChecked(bool(data.get("urgent")))
        if data.get("leader_id") is not None:
            index = self.leader.findData(data["leader_id"])
            if index >= 0:
                self.leader.setCurrentIndex(index)
        _choose(self.reception_kind, data.get("reception_kind", ""))
        people = data.get("people") or [{}]
        for i, p in enumerate(people):
            editor = self.people[0] if i == 0 else self._add_person()
            for key in ("name", "id_number", "phone", "address", "workplace"):
                getattr(editor, key).setText(p.get(key) or "")
            for key in ("gender", "village", "role"):
                _choose(getattr(editor, key), p.get(key) or "")

    def may_discard(self, title: str, question: str) -> bool:
        """True when nothing was typed, or the clerk agrees to lose it (Cancel is the default)."""
        if not self.is_dirty():
            return True
        answer = QMessageBox.question(
            self,
            title,
            question,
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def discard(self) -> None:
        if self.may_discard(
            self.tr("Discard registration"), self.tr("Discard everything typed on this form?")
        ):
            self.reset()
            self.saved_bar.hide()

    def value(self) -> CaseInput:
        return CaseInput(
            channel=Channel(self.channel.currentText()),
            received_at=self.received.current(),
            category=self.category.currentText(),
            summary=self.summary.text(),
            request=self.request.toPlainText(),
            facts=self.facts.toPlainText(),
            purpose=Purpose(self.purpose.currentText()),
            place=self.place.text(),
            people=[
                e.value() for e in self.people if not (self.anonymous.isChecked() and e.is_empty())
            ],
            head_count=self.head_count.value(),
            collective=self.collective.isChecked(),
            anonymous=self.anonymous.isChecked(),
            skipped_level=self.skipped_level.isChecked(),
            law_related=self.law_related.isChecked(),
            confidential=self.confidential.isChecked(),
            urgent=self.urgent.isChecked(),
            leader_id=self.leader.currentData(),
            reception_kind=self.reception_kind.currentText(),
            from_ocr=self._ocr is not None,
            letter_date=(self._ocr or {}).get("letter_date", ""),
        )

    def save(self) -> bool:
        """Validate and save; on failure show every problem beside its field and keep all."""
        self._clear_problems()
        value = self.value()
        try:
            try:
                case_id, number = register_case(self.ctx.conn, value, self.ctx.user, self.ctx.now())
            except PersonDiffersError as exc:
                # A known ID number with other details: the clerk chooses, nothing is dropped.
                if not self._choose_on_file(value, exc):
                    self._show_problems(exc.problems)
                    return False
                case_id, number = register_case(self.ctx.conn, value, self.ctx.user, self.ctx.now())
        except ValidationError as exc:
            self._show_problems(exc.problems)
            return False
        except DeskError as exc:
            self.banner.setText(str(exc))
            self.banner.show()
            return False
        failed = []
        for path in self._attachments:
            try:
                add_attachment(
                    self.ctx.conn, self.ctx.db_path, case_id, path, self.ctx.user, self.ctx.now()
                )
            except (DeskError, OSError) as exc:
                # Not the file's name: a scan is often named after its petitioner.
                log.exception("attachment (%s) not saved", Path(path).suffix or "no suffix")
                failed.append(f"{path.name}: {exc}")
        self._last_case = case_id
        self.reset()
        text = self.tr("Registered as %1.").replace("%1", number)
        if failed:
            text += " " + self.tr("Attachments not saved: %1").replace("%1", "; ".join(failed))
        self.saved_label.setText(text)
        self.saved_bar.show()
        self.ctx.casesChanged.emit()
        self.registered.emit(case_id, number)
        return True

    def _choose_on_file(self, value: CaseInput, exc: PersonDiffersError) -> bool:
        """Ask, for each person whose ID number is on file, which details to keep."""
        for i, diff in exc.differences.items():
            lines = [
                self.tr("%1: on file “%2”, typed “%3”")
                .replace("%1", PERSON_FIELDS[key])
                .replace("%2", stored or "—")
                .replace("%3", typed)
                for key, (stored, typed) in diff.items()
            ]
            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Question)
            box.setWindowTitle(self.tr("ID number already on file"))
            box.setText(
                self.tr("Person %1: this ID number is on file with other details.").replace(
                    "%1", str(i + 1)
                )
            )
            box.setInformativeText("\n".join(lines))
            stored = box.addButton(
                self.tr("Use the details on file"), QMessageBox.ButtonRole.AcceptRole
            )
            correct = box.addButton(
                self.tr("Record the typed details as a correction"),
                QMessageBox.ButtonRole.AcceptRole,
            )
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() is stored:
                value.people[i].on_file = USE_STORED
            elif box.clickedButton() is correct:
                value.people[i].on_file = CORRECT_STORED
            else:
                return False
        return True

    def _clear_problems(self) -> None:
        self.banner.hide()
        if self._role_notice:  # a role that may not register is told whatever else clears
            self.banner.setText(self._role_notice)
            self.banner.show()
        for label in (
            self.received_error,
            self.category_error,
            self.request_error,
            self.facts_error,
            self.people_error,
            self.head_count_error,
        ):
            label.show_message("")
        for e in self.people:
            e.show_problems({})

    def _show_problems(self, problems: dict[str, str]) -> None:
        simple = {
            "received_at": self.received_error,
            "category": self.category_error,
            "request": self.request_error,
            "facts": self.facts_error,
            "people": self.people_error,
            "head_count": self.head_count_error,
        }
        shown = set()
        for key, label in simple.items():
            if key in problems:
                label.show_message(problems[key])
                shown.add(key)
        for i, editor in enumerate(self.people):
            prefix = f"people.{i}."
            mine = {k[len(prefix) :]: v for k, v in problems.items() if k.startswith(prefix)}
            editor.show_problems(mine)
            shown.update(prefix + k for k in mine)
        rest = [v for k, v in problems.items() if k not in shown]
        summary = self.tr("Not saved: %n problem(s) to correct.", "", len(problems))
        self.banner.setText(summary + ("\n" + "\n".join(rest) if rest else ""))
        self.banner.show()


def _choose(combo: QComboBox, text: str) -> None:
    """Select ``text``, adding it when the list no longer has it (a kept form loses nothing)."""
    if not text:
        return
    if combo.findText(text) < 0:
        combo.addItem(text)
    combo.setCurrentText(text)
