import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from petition_desk.domain.vocab import Role
from petition_desk.services.cases import case_people, get_case
from petition_desk.services.registration import register_case
from petition_desk.ui.registration_page import RegistrationPage
from tests.helpers import NOW, case_input
from tests.helpers.gui import type_text


@pytest.fixture
def page(ctx, qtbot):
    p = RegistrationPage(ctx)
    qtbot.addWidget(p)
    p.resize(1200, 800)
    p.show()
    return p


def fill_matter(qtbot, page, category="国土资源(征地拆迁)"):
    page.category.setCurrentText(category)
    type_text(qtbot, page.summary, "反映征地补偿款未足额发放")
    type_text(qtbot, page.request, "要求足额发放征地补偿款")
    type_text(qtbot, page.facts, "去年修路征用承包地1.2亩，补偿款只发放一半。")


def fill_person(
    qtbot,
    editor,
    name="张建国",
    id_number="11010519491231002X",
    phone="13812341234",
    address="东坑村3组",
):
    type_text(qtbot, editor.name, name)
    if id_number:
        type_text(qtbot, editor.id_number, id_number)
    type_text(qtbot, editor.phone, phone)
    type_text(qtbot, editor.address, address)


def test_register_a_visit_from_the_keyboard(page, ctx, qtbot):
    fill_person(qtbot, page.people[0])
    assert page.people[0].gender.currentText() == "女"  # read from the ID number (002: even)
    fill_matter(qtbot, page)
    qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    case = get_case(ctx.conn, "2026-0001")
    assert case["summary"] == "反映征地补偿款未足额发放"
    assert [p["name"] for p in case_people(ctx.conn, case["id"])] == ["张建国"]
    assert page.saved_bar.isVisible() and "2026-0001" in page.saved_label.text()
    assert page.people[0].name.text() == ""  # a fresh form for the next person


def test_live_validation_of_id_number(page, qtbot):
    type_text(qtbot, page.people[0].id_number, "110105194912310021")
    label = page.people[0].errors["id_number"]
    assert label.isVisible() and "应为 X" in label.text()
    page.people[0].id_number.clear()
    type_text(qtbot, page.people[0].id_number, "11010519491231002X")
    assert not label.isVisible()


def test_failed_save_keeps_everything_typed(page, ctx, qtbot):
    fill_person(qtbot, page.people[0], id_number="110105194912310021")
    type_text(qtbot, page.summary, "摘要")
    page.category.setCurrentText("民政")
    assert page.save() is False
    assert page.people[0].name.text() == "张建国"
    assert page.summary.text() == "摘要"
    assert page.category.currentText() == "民政"
    assert page.request_error.isVisible() and "诉求" in page.request_error.text()
    assert "校验位" in page.people[0].errors["id_number"].text()
    assert page.banner.isVisible()
    assert ctx.conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 0


def test_collective_visit_with_six_representatives_is_refused(page, ctx, qtbot):
    page.collective.setChecked(True)
    page.head_count.setValue(40)
    for i in range(6):
        editor = page.people[0] if i == 0 else page._add_person()
        fill_person(qtbot, editor, name=f"代表{i}", id_number="", phone=f"1391234567{i}")
        editor.role.setCurrentText(Role.REPRESENTATIVE.value)
    fill_matter(qtbot, page, "交通运输")
    assert page.save() is False
    assert "不得超过5人" in page.people_error.text()
    assert len(page.people) == 6 and page.people[5].name.text() == "代表5"
    page._remove_person(page.people[5])
    assert page.save() is True
    case = get_case(ctx.conn, "2026-0001")
    assert case["head_count"] == 40 and case["collective"] == 1


def test_repeat_panel_shows_earlier_case_and_links_the_person(page, ctx, qtbot):
    _earlier, number = register_case(
        ctx.conn, case_input(received_at=dt.datetime(2026, 10, 8, 9)), ctx.user, NOW
    )
    type_text(qtbot, page.people[0].id_number, "1101051949")
    qtbot.waitUntil(lambda: page.matches.tree.topLevelItemCount() == 1, timeout=3000)
    top = page.matches.tree.topLevelItem(0)
    assert "张建国" in top.text(0)
    assert top.child(0).text(0).startswith(number)
    page.matches.link_button.click()
    editor = page.people[0]
    assert editor.person_id is not None and editor.name.text() == "张建国"
    assert editor.phone.text() == "13812341234"
    fill_matter(qtbot, page)
    assert page.save()
    new = get_case(ctx.conn, "2026-0002")
    assert new["repeat"] == 1
    assert ctx.conn.execute("SELECT count(*) FROM people").fetchone()[0] == 1


def test_pinyin_initials_find_a_name(page, ctx, qtbot):
    register_case(ctx.conn, case_input(), ctx.user, NOW)
    type_text(qtbot, page.people[0].name, "zjg")
    qtbot.waitUntil(lambda: page.matches.tree.topLevelItemCount() == 1, timeout=3000)
    assert "张建国" in page.matches.tree.topLevelItem(0).text(0)


def test_escape_asks_before_discarding(page, qtbot, monkeypatch):
    type_text(qtbot, page.summary, "写了一半")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    qtbot.keyClick(page.summary, Qt.Key.Key_Escape)
    assert page.summary.text() == "写了一半"
    qtbot.keyClick(page.summary, Qt.Key.Key_Escape)
    assert page.summary.text() == ""


def test_attachment_is_copied_and_hashed(page, ctx, qtbot, tmp_path):
    scan = tmp_path / "来信扫描.jpg"
    scan.write_bytes(b"\xff\xd8fake jpeg")
    fill_person(qtbot, page.people[0])
    fill_matter(qtbot, page)
    page.add_attachment_path(scan)
    assert page.save()
    row = ctx.conn.execute("SELECT name, sha256, path FROM attachments").fetchone()
    assert row[0] == "来信扫描.jpg" and len(row[1]) == 64
    stored = ctx.db_path.with_name("desk-attachments") / row[2]
    # Kept encrypted beside the database; the viewer gets a decrypted copy.
    assert stored.suffix == ".enc" and b"fake jpeg" not in stored.read_bytes()
    from petition_desk.services.attachments import open_plain

    assert open_plain(ctx.conn, stored).read_bytes() == scan.read_bytes()


def test_received_time_follows_the_clock_until_edited(opened, clerk, qtbot):
    """A form opened at 02:04 and saved at 02:12 records 02:12 (it recorded 02:04)."""
    from petition_desk.ui.context import DeskContext

    clock = [dt.datetime(2026, 11, 16, 2, 4)]
    conn = opened.conn
    desk = DeskContext(conn, opened.db_path, key=opened.key, user=clerk, now=lambda: clock[0])
    p = RegistrationPage(desk)
    qtbot.addWidget(p)
    p.show()
    assert p.received.following() and p.received.text() == "现在"
    fill_person(qtbot, p.people[0])
    fill_matter(qtbot, p)
    clock[0] = dt.datetime(2026, 11, 16, 2, 12)
    assert p.save()
    assert get_case(conn, "2026-0001")["received_at"].startswith("2026-11-16T02:12")
    # Entering the field freezes the time and shows it; what the clerk sets is what is kept.
    p.received.setFocus()
    qtbot.waitUntil(lambda: not p.received.following(), timeout=2000)
    assert p.received.text() == "2026-11-16 02:12"
    p.received.setDateTime(p.received.dateTime().addSecs(-3600))
    fill_person(qtbot, p.people[0], name="李四", id_number="", phone="13900004444")
    fill_matter(qtbot, p)
    clock[0] = dt.datetime(2026, 11, 16, 2, 30)
    assert p.save()
    assert get_case(conn, "2026-0002")["received_at"].startswith("2026-11-16T01:12")
    assert p.received.following()  # the next form follows the clock again
    desk.reader.close()
