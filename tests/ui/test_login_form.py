"""The login form shows a refusal whole, however many lines it wraps to."""

from conftest import PASSWORD, make_desk
from petition_desk.db.keyring import keys_path
from petition_desk.services import access
from petition_desk.ui.login_dialog import LoginDialog


def test_a_long_refusal_is_shown_whole(qtbot, tmp_path):
    first, second = tmp_path / "a" / "desk.sqlite", tmp_path / "b" / "desk.sqlite"
    for path in (first, second):
        path.parent.mkdir()
        make_desk(path).conn.close()
        access.login(path, "clerk", PASSWORD).conn.close()
    keys_path(first).write_bytes(keys_path(second).read_bytes())  # another desk's key file
    form = LoginDialog(first, "clerk", quick_check=False)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.password.setText("wrong-password")
    form.submit()
    assert "另一个数据库文件" in form.error.text()
    # The form grows (once its layout has run) until the whole text stands above the buttons.
    qtbot.waitUntil(
        lambda: form.error.geometry().bottom() < form.buttons.geometry().top(), timeout=3000
    )
    needed = form.error.heightForWidth(form.error.width())
    assert form.error.height() >= needed > 3 * form.error.fontMetrics().height()


def test_an_empty_login_name_is_said_and_not_counted(qtbot, tmp_path):
    db = tmp_path / "desk.sqlite"
    make_desk(db).conn.close()
    before = keys_path(db).read_bytes()
    form = LoginDialog(db, "", quick_check=False)
    qtbot.addWidget(form)
    form.password.setText(PASSWORD)
    form.submit()
    assert form.desk is None and "登录名" in form.error.text()
    assert keys_path(db).read_bytes() == before  # no failed login counted for a blank name
