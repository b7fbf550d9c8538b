"""Small widgets shared by every page: the red error line, editors that ignore a passing mouse
wheel, and asking for a printer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer
from PySide6.QtGui import QWheelEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QDialog, QLabel, QSpinBox

ERROR_STYLE = "color: #b3261e;"


class ErrorLabel(QLabel):
    """A red line under a field; empty and hidden when the field is fine."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class _WheelOnlyWhenFocused:
    """Scrolling a page over a field must not change the field (a time limit went 30 → 32)."""

    def _setup_focus(self) -> None:
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # type: ignore[attr-defined]

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():  # type: ignore[attr-defined]
            super().wheelEvent(event)  # type: ignore[misc]
        else:
            event.ignore()  # the scroll area behind scrolls instead


class NoWheelComboBox(_WheelOnlyWhenFocused, QComboBox):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._setup_focus()


class NoWheelSpinBox(_WheelOnlyWhenFocused, QSpinBox):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._setup_focus()


def ask_printer(parent) -> QPrinter | None:
    """The system print dialog; None when the clerk cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def qdate(day: dt.date) -> QDate:
    """A Python date as Qt's (typed: the stubs do not know QDate(date))."""
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> dt.date:
    """Qt's date as Python's (typed: ``toPython`` is declared to return ``object``)."""
    return dt.date(day.year(), day.month(), day.day())


def file_size_text(size: int) -> str:
    """``532 字节``, ``12.3 KB``, ``4.5 MB``: a size a clerk reads at a glance."""
    if size < 1024:
        return f"{size} 字节"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def local_time_text(stamp: str) -> str:
    """An ISO time stamp as the local ``2026年11月16日 10:05`` (converted if it has a zone)."""
    try:
        at = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return str(stamp)
    if at.tzinfo is not None:
        at = at.astimezone()
    return f"{at.year}年{at.month}月{at.day}日 {at.hour:02d}:{at.minute:02d}"


class NowDateTimeEdit(QDateTimeEdit):
    """A time that follows the clock, shown as "现在", until the clerk edits it.

    A form left open from 02:04 and saved at 02:12 records 02:12. Entering the field (click,
    Tab, the calendar) freezes the current time and makes it editable; ``follow_clock`` goes
    back to following.
    """

    EDIT_FORMAT = "yyyy-MM-dd HH:mm"

    def __init__(self, now: Callable[[], dt.datetime], parent=None):
        super().__init__(parent)
        self._now = now
        self._following = False
        self.setCalendarPopup(True)
        self._timer = QTimer(self)
        self._timer.setInterval(15_000)
        self._timer.timeout.connect(self._tick)
        self.follow_clock()

    def following(self) -> bool:
        return self._following

    def follow_clock(self) -> None:
        self._following = True
        self.setDisplayFormat(self.EDIT_FORMAT)
        # Qt shows the special text while the value equals the minimum: the minimum follows
        # the clock too, so the field reads 现在 (the tooltip has the time).
        self.setSpecialValueText(self.tr("now"))
        self._tick()
        self._timer.start()

    def stop_following(self) -> None:
        """The clerk takes over: the time is frozen now and shown in full, ready to edit."""
        if not self._following:
            return
        self._tick()
        self._following = False
        self._timer.stop()
        self.setSpecialValueText("")
        self.setMinimumDateTime(qdatetime(dt.datetime(2000, 1, 1)))
        self.setToolTip("")

    def current(self) -> dt.datetime:
        """The time to record: the clock's when following, else what the clerk entered."""
        if self._following:
            return self._now().replace(second=0, microsecond=0)
        return pydatetime(self.dateTime())

    def _tick(self) -> None:
        now = self._now().replace(second=0, microsecond=0)
        self.setMaximumDateTime(qdatetime(now.replace(hour=23, minute=59)))
        if self._following:
            self.setMinimumDateTime(qdatetime(now))
        super().setDateTime(qdatetime(now))
        self.setToolTip(now.strftime("%Y-%m-%d %H:%M"))

    def setDateTime(self, value) -> None:
        """A time set by the program (a copied form, a test) is an edit: stop following."""
        self.stop_following()
        super().setDateTime(value)

    def focusInEvent(self, event) -> None:
        self.stop_following()
        super().focusInEvent(event)


def qdatetime(moment: dt.datetime) -> QDateTime:
    """A Python date-time as Qt's, to the second (typed, like ``qdate``)."""
    return QDateTime(
        QDate(moment.year, moment.month, moment.day),
        QTime(moment.hour, moment.minute, moment.second),
    )


def pydatetime(moment: QDateTime) -> dt.datetime:
    """Qt's date-time as Python's (typed, like ``pydate``)."""
    d, t = moment.date(), moment.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second())
