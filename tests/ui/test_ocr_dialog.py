"""The 扫描/导入来信 dialog, driven with a fake reader (no OCR needed): what the clerk sees."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage

from petition_desk.ocr.engine import OcrLine, OcrPage
from petition_desk.ui.ocr_dialog import OcrDialog, mark_doubtful, scan_button

LETTER = [
    "镇人民政府：",
    "我家住红旗镇东风村三组，身份证号11010519491231002X，电话13812345678。",
    "诉求：请求解决宅基地纠纷。",
    "信访人：张建国",
    "2026年11月3日",
]
CARD = [
    "姓名 王秀英",
    "性别 女 民族 汉",
    "住址 红旗镇东风村三组",
    "公民身份号码 110105194912310021",
]


class FakeReader:
    """Stands in for ``petition_desk.ocr.engine``: each file is one page with known lines."""

    def __init__(self, texts: dict[str, list[str]], doubtful: dict[str, set[int]] | None = None):
        self.texts, self.doubtful = texts, doubtful or {}
        self.gate = threading.Event()
        self.gate.set()
        self.read_names: list[str] = []

    def page_images(self, paths, work_dir):
        return [OcrPage(Path(p), 1, Path(p), 200, 280) for p in paths]

    def read_page(self, page):
        self.gate.wait(5)
        lines = self.texts[page.source.name]
        low = self.doubtful.get(page.source.name, set())
        page.lines = [
            OcrLine(
                text,
                [(10, 20 * n), (190, 20 * n), (190, 20 * n + 16), (10, 20 * n + 16)],
                0.9,
                [0.5 if (n, k) in low else 0.99 for k in range(len(text))],
            )
            for n, text in enumerate(lines)
        ]
        self.read_names.append(page.source.name)
        return page


@pytest.fixture
def pages(tmp_path):
    out = []
    for name in ("letter.png", "card.png"):
        image = QImage(200, 280, QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        image.save(str(tmp_path / name))
        out.append(tmp_path / name)
    return out


def make(qtbot, reader, tmp_path):
    dialog = OcrDialog(
        villages=["东风村"],
        backend=reader,
        work_dir=tmp_path / "work",
        today=lambda: dt.date(2026, 11, 16),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_pages_are_read_shown_and_fields_proposed_but_not_taken(qtbot, tmp_path, pages):
    reader = FakeReader({"letter.png": LETTER}, {"letter.png": {(3, 4), (3, 5)}})
    dialog = make(qtbot, reader, tmp_path)
    dialog.add_files(pages[:1])
    qtbot.waitUntil(lambda: dialog.reader is None)
    assert dialog.thumbs.count() == 1
    assert dialog.texts.currentWidget().toPlainText() == "\n".join(LETTER)
    # The two doubtful characters (张建) are marked.
    assert len(dialog.texts.currentWidget().extraSelections()) == 2
    assert dialog.rows["name"].value.text() == "张建国"
    assert dialog.rows["id_number"].value.text() == "11010519491231002X"
    assert dialog.rows["village"].value.text() == "东风村"
    assert dialog.rows["letter_date"].value.text() == "2026-11-03"
    assert dialog.accepted_fields() == {}  # proposed, never filled by itself
    assert "1" in dialog.status.text() and dialog.use_button.isEnabled()


def test_each_field_is_taken_with_one_key_and_emitted_with_pages_and_text(qtbot, tmp_path, pages):
    dialog = make(qtbot, FakeReader({"letter.png": LETTER}), tmp_path)
    dialog.add_files(pages[:1])
    qtbot.waitUntil(lambda: dialog.reader is None)
    dialog.activateWindow()
    qtbot.keyClick(dialog, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # 姓名
    dialog.rows["phone"].accept.click()
    assert dialog.accepted_fields() == {"name": "张建国", "phone": "13812345678"}
    with qtbot.waitSignal(dialog.lettersRead) as got:
        dialog.use_button.click()
    fields, paths, text = got.args
    assert fields == {"name": "张建国", "phone": "13812345678"}
    assert paths == [pages[0]]
    assert text == "\n".join(LETTER)
    assert dialog.text_file.read_text(encoding="utf-8") == text + "\n"


def test_an_id_number_with_a_bad_check_character_cannot_be_taken(qtbot, tmp_path, pages):
    dialog = make(qtbot, FakeReader({"letter.png": LETTER, "card.png": CARD}), tmp_path)
    dialog.add_files(pages)
    qtbot.waitUntil(lambda: dialog.reader is None)
    assert dialog.thumbs.count() == 2
    row = dialog.rows["id_number"]
    # The card's name and number win over the letter's; its number fails the check.
    assert dialog.rows["name"].value.text() == "王秀英"
    assert row.value.text() == "110105194912310021"
    assert "校验位错误" in row.note.text()
    assert not row.accept.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert "id_number" not in dialog.accepted_fields()


def test_edited_text_is_proposed_again(qtbot, tmp_path, pages):
    dialog = make(qtbot, FakeReader({"letter.png": LETTER}), tmp_path)
    dialog.add_files(pages[:1])
    qtbot.waitUntil(lambda: dialog.reader is None)
    dialog.texts.currentWidget().setPlainText("\n".join([*LETTER[:3], "信访人：张建华", LETTER[4]]))
    qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert dialog.rows["name"].value.text() == "张建华"


def test_cancel_stops_before_the_next_page(qtbot, tmp_path, pages):
    reader = FakeReader({"letter.png": LETTER, "card.png": CARD})
    reader.gate.clear()
    dialog = make(qtbot, reader, tmp_path)
    dialog.add_files(pages)
    qtbot.waitUntil(lambda: dialog.thumbs.count() == 2)
    assert dialog.cancel_button.isVisible() and dialog.progress.isVisible()
    dialog.cancel_button.click()
    reader.gate.set()
    qtbot.waitUntil(lambda: dialog.reader is None)
    assert reader.read_names == ["letter.png"]
    assert dialog.page_paths() == [pages[0]]
    assert not dialog.cancel_button.isVisible()


def test_files_can_be_dropped(qtbot, tmp_path, pages):
    dialog = make(qtbot, FakeReader({"letter.png": LETTER}), tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(pages[0])), QUrl.fromLocalFile(str(tmp_path / "x.doc"))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dialog.dropEvent(event)
    qtbot.waitUntil(lambda: dialog.reader is None)
    assert dialog.thumbs.count() == 1


def test_a_failure_is_said_not_raised(qtbot, tmp_path, pages):
    class Broken(FakeReader):
        def read_page(self, page):
            raise OSError("disk gone")

    dialog = make(qtbot, Broken({}), tmp_path)
    dialog.add_files(pages[:1])
    qtbot.waitUntil(lambda: dialog.reader is None)
    assert "disk gone" in dialog.status.text()


def test_marks_follow_the_text(qtbot):
    from PySide6.QtWidgets import QTextEdit

    editor = QTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText("ab\ncd")
    assert mark_doubtful(editor, [[0.99, 0.3], [0.2, 0.99]]) == 2
    cursors = [s.cursor.selectedText() for s in editor.extraSelections()]
    assert cursors == ["b", "c"]


def test_without_the_extra_the_button_says_how_to_add_it(qtbot, monkeypatch):
    from PySide6.QtWidgets import QLabel, QPushButton, QWidget

    from petition_desk.ocr import engine

    host = QWidget()
    qtbot.addWidget(host)
    monkeypatch.setattr(engine, "available", lambda: False)
    hint = scan_button(host, lambda: None)
    assert isinstance(hint, QLabel) and 'pip install "petition-desk[ocr]"' in hint.text()
    monkeypatch.setattr(engine, "available", lambda: True)
    assert isinstance(scan_button(host, lambda: None), QPushButton)
