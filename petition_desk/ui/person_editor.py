"""One petitioner on the registration form, with live validation of ID number and phone."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from petition_desk.domain.idcard import parse_id
from petition_desk.domain.phones import parse_phone
from petition_desk.domain.text import LINE_MAX, NAME_MAX, PHONE_MAX, SHORT_MAX
from petition_desk.domain.vocab import Gender, Role
from petition_desk.errors import ValidationError
from petition_desk.services.people import PersonMatch
from petition_desk.services.registration import PersonInput
from petition_desk.ui.widgets import ErrorLabel


class PersonEditor(QFrame):
    """Name, gender, ID number, phone, village, address, workplace and role of one person."""

    changed = Signal()  # something that identifies the person was typed
    removeRequested = Signal()
    focused = Signal()

    def __init__(self, villages: list[str], today=dt.date.today, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._today = today
        self.person_id: int | None = None
        grid = QGridLayout(self)
        self.name = QLineEdit()
        self.gender = QComboBox()
        self.gender.addItems(["", Gender.MALE.value, Gender.FEMALE.value])
        self.id_number = QLineEdit()
        self.id_number.setMaxLength(20)
        self.phone = QLineEdit()
        self.village = QComboBox()
        self.village.setEditable(True)
        self.village.addItems(["", *villages])
        self.address = QLineEdit()
        self.workplace = QLineEdit()
        self.role = QComboBox()
        self.role.addItems([r.value for r in Role])
        # The service's limits, shown in the form (a paste is cut here instead of refused).
        for edit, limit in (
            (self.name, NAME_MAX),
            (self.phone, PHONE_MAX),
            (self.address, LINE_MAX),
            (self.workplace, SHORT_MAX),
        ):
            edit.setMaxLength(limit)
        village_edit = self.village.lineEdit()
        if village_edit is not None:
            village_edit.setMaxLength(SHORT_MAX)
        self.linked = QLabel()
        self.remove = QPushButton(self.tr("Remove"))
        self.errors = {k: ErrorLabel() for k in ("name", "gender", "id_number", "phone", "address")}
        rows = [
            (self.tr("Name"), self.name, "name", self.tr("Gender"), self.gender, "gender"),
            (
                self.tr("ID number"),
                self.id_number,
                "id_number",
                self.tr("Phone"),
                self.phone,
                "phone",
            ),
            (self.tr("Village"), self.village, None, self.tr("Address"), self.address, "address"),
            (self.tr("Workplace"), self.workplace, None, self.tr("Role"), self.role, None),
        ]
        for r, (l1, w1, e1, l2, w2, e2) in enumerate(rows):
            grid.addWidget(QLabel(l1), 2 * r, 0)
            grid.addWidget(w1, 2 * r, 1)
            grid.addWidget(QLabel(l2), 2 * r, 2)
            grid.addWidget(w2, 2 * r, 3)
            if e1:
                grid.addWidget(self.errors[e1], 2 * r + 1, 1)
            if e2:
                grid.addWidget(self.errors[e2], 2 * r + 1, 3)
        grid.addWidget(self.linked, 8, 0, 1, 3)
        grid.addWidget(self.remove, 8, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.name.setAccessibleName(self.tr("Name"))
        self.id_number.setAccessibleName(self.tr("ID number"))
        self.phone.setAccessibleName(self.tr("Phone"))
        self.remove.clicked.connect(self.removeRequested)
        for edit in (self.name, self.id_number, self.phone):
            edit.textEdited.connect(self._identity_edited)
        self.id_number.textChanged.connect(self._check_id)
        self.phone.editingFinished.connect(self._check_phone)
        self.phone.textChanged.connect(lambda _t: self.errors["phone"].show_message(""))

    def tab_chain(self) -> list[QWidget]:
        """The order of the paper 来访登记表: name, gender, ID, phone, village, address, work."""
        return [
            self.name,
            self.gender,
            self.id_number,
            self.phone,
            self.village,
            self.address,
            self.workplace,
            self.role,
        ]

    def focusInEvent(self, event) -> None:
        self.focused.emit()
        super().focusInEvent(event)

    def _identity_edited(self, _text: str) -> None:
        if self.person_id is not None:
            self.unlink()
        self.focused.emit()
        self.changed.emit()

    def _check_id(self, text: str) -> None:
        """Validate as soon as the number is complete; say nothing while it is being typed."""
        raw = text.strip()
        if len(raw) < 15 or len(raw) == 16 or len(raw) == 17:
            self.errors["id_number"].show_message("")
            return
        try:
            parsed = parse_id(raw, today=self._today())
        except ValidationError as exc:
            self.errors["id_number"].show_message(str(exc))
            return
        self.errors["id_number"].show_message("")
        if not self.gender.currentText():
            self.gender.setCurrentText(Gender.MALE.value if parsed.male else Gender.FEMALE.value)

    def _check_phone(self) -> None:
        if not self.phone.text().strip():
            return
        try:
            parse_phone(self.phone.text())
        except ValidationError as exc:
            self.errors["phone"].show_message(str(exc))

    def show_problems(self, problems: dict[str, str]) -> None:
        """Show the save-time problems addressed to this person (keys without the prefix)."""
        for key, label in self.errors.items():
            label.show_message(problems.get(key, ""))

    def link(self, person: PersonMatch) -> None:
        """Fill the fields from a stored person, who will be reused instead of retyped."""
        self.person_id = person.id
        for edit, value in (
            (self.name, person.name),
            (self.id_number, person.id_number),
            (self.phone, person.phone),
            (self.address, person.address),
            (self.workplace, person.workplace),
        ):
            edit.setText(value or "")
        self.gender.setCurrentText(person.gender or "")
        self.village.setCurrentText(person.village or "")
        self.linked.setText(
            self.tr("Linked to a person on file (%n earlier case(s))", "", len(person.cases))
        )

    def unlink(self) -> None:
        self.person_id = None
        self.linked.setText("")

    def value(self) -> PersonInput:
        return PersonInput(
            name=self.name.text(),
            gender=self.gender.currentText(),
            id_number=self.id_number.text(),
            phone=self.phone.text(),
            address=self.address.text(),
            village=self.village.currentText(),
            workplace=self.workplace.text(),
            role=Role(self.role.currentText()),
            person_id=self.person_id,
        )

    def is_empty(self) -> bool:
        return not any(
            w.text().strip()
            for w in (self.name, self.id_number, self.phone, self.address, self.workplace)
        )
