"""Shared widgets: a passing mouse wheel does not change a field that has no focus."""

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from petition_desk.ui.widgets import NoWheelComboBox, NoWheelSpinBox


def wheel(widget) -> None:
    event = QWheelEvent(
        QPointF(5, 5),
        QPointF(widget.mapToGlobal(QPoint(5, 5))),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_wheel_changes_a_spin_box_only_when_it_has_focus(qtbot):
    spin = NoWheelSpinBox()
    qtbot.addWidget(spin)
    spin.setRange(0, 100)
    spin.setValue(30)
    spin.show()
    wheel(spin)
    assert spin.value() == 30
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    wheel(spin)
    assert spin.value() != 30


def test_wheel_does_not_change_an_unfocused_combo_box(qtbot):
    combo = NoWheelComboBox()
    qtbot.addWidget(combo)
    combo.addItems(["一", "二", "三"])
    combo.show()
    wheel(combo)
    assert combo.currentIndex() == 0
