"""A letter read by OCR fills the accepted fields; its pages and text become attachments."""

import json

import pytest
from PySide6.QtGui import QImage

from petition_desk.services.attachments import attachments_of
from petition_desk.ui.registration_page import RegistrationPage


@pytest.fixture
def page(ctx, qtbot):
    p = RegistrationPage(ctx)
    qtbot.addWidget(p)
    p.show()
    return p


def test_accepted_fields_fill_the_form_and_the_event_says_ocr(page, ctx, tmp_path):
    scan = tmp_path / "scan.png"
    image = QImage(100, 140, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    image.save(str(scan))
    text = tmp_path / "识别文字.txt"
    text.write_text("信访人：张建国\n", encoding="utf-8")
    fields = {
        "name": "张建国",
        "id_number": "11010519491231002X",
        "phone": "13812345678",
        "address": "东坑村3组",
        "request": "要求足额发放征地补偿款",
        "facts": "去年修路征用承包地1.2亩，补偿款只发放一半。",
        "letter_date": "2026-11-03",
    }
    page.apply_letter(fields, [scan], text)
    editor = page.people[0]
    assert editor.name.text() == "张建国"
    assert editor.id_number.text() == "11010519491231002X"
    assert page.channel.currentText() == "来信"
    assert page.attachment_list.count() == 2
    page.category.setCurrentText("国土资源(征地拆迁)")
    page.summary.setText("反映征地补偿款未足额发放")
    assert page.save()
    case_id = ctx.conn.execute("SELECT max(id) FROM cases").fetchone()[0]
    data = json.loads(
        ctx.conn.execute(
            "SELECT data FROM case_events WHERE case_id = ? ORDER BY id LIMIT 1", (case_id,)
        ).fetchone()[0]
    )
    assert data["ocr"] is True and data["letter_date"] == "2026-11-03"
    names = [a.name for a in attachments_of(ctx.conn, ctx.db_path, case_id)]
    assert names == ["scan.png", "识别文字.txt"]
