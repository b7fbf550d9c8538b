"""Log files contain no names, ID numbers or phones (issue 12).

The log calls carry no personal data by construction; the ``PrivacyFilter`` on the log file's
handler masks what an exception's message may still repeat. The end-to-end test runs a real
window session that meets a failure quoting a person, and command-line imports and failures
with the same person, then reads every byte of the log folder.
"""

from __future__ import annotations

import io
import logging
import subprocess
import sys

from openpyxl import Workbook

from conftest import NOW, PASSWORD, case_input, make_desk, person
from petition_desk.domain.redact import redact
from petition_desk.errors import ValidationError
from petition_desk.log_privacy import PrivacyFilter
from petition_desk.services.directory import get_user
from petition_desk.services.registration import register_case

NAME, ID, PHONE = "欧阳青山", "11010519491231002X", "13987654321"
OTHER_NAME, OTHER_ID, OTHER_PHONE = "司马红梅", "110105198001010017", "15811112222"


def _leaks(data: bytes) -> list[str]:
    values = (NAME, ID, PHONE, OTHER_NAME, OTHER_ID, OTHER_PHONE, ID[:17])
    return [v for v in values if v.encode("utf-8") in data]


def test_redact_masks_numbers_and_quoted_names_but_not_dates_or_paths():
    text = (
        f"“{NAME}”身份证号 {ID} 电话 {PHONE} 或 139 8765 4321 座机 0797-8123456；"
        f"[Errno 2] No such file: '/tmp/{NAME}.jpg' 2026-11-29 10:10:33 desk-20261116.sqlite"
    )
    masked = redact(text)
    assert _leaks(masked.encode()) == [] and "13987654321" not in masked.replace(" ", "")
    assert "110105********002X" in masked and "139****4321" in masked
    assert "2026-11-29 10:10:33" in masked and "desk-20261116.sqlite" in masked
    assert "0797-8123456" not in masked


def test_the_filter_masks_an_exception_that_quotes_a_person():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(PrivacyFilter())
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    log = logging.getLogger("test.privacy")
    log.addHandler(handler)
    log.propagate = False
    try:
        try:
            raise ValidationError(f"“{NAME}”的身份证号“{ID}”与电话 {PHONE} 重复", "id_number")
        except ValidationError:
            log.exception("saving %s failed", PHONE)
    finally:
        log.removeHandler(handler)
    text = stream.getvalue()
    assert "ValidationError" in text and "saving 139****4321 failed" in text
    assert _leaks(text.encode()) == []


GUI_SESSION = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from petition_desk.errors import ValidationError
from petition_desk.ui import app as app_mod

name, id_number, phone = sys.argv[2:5]
# The error dialogs would wait for a click: answer them at once.
QMessageBox.critical = QMessageBox.warning = staticmethod(lambda *a, **k: None)
qt = app_mod.make_app()

def fail_quoting_the_person():
    raise ValidationError(f"“{name}”的身份证号“{id_number}”与电话 {phone} 不符", "id_number")

def fail_on_a_file_named_after_the_person():
    open(Path(sys.argv[1]).parent / f"{name}{phone}.jpg", "rb")

QTimer.singleShot(400, fail_quoting_the_person)
QTimer.singleShot(500, fail_on_a_file_named_after_the_person)
sys.exit(app_mod.run(Path(sys.argv[1]), quit_after_ms=1500))
"""


def test_a_window_session_and_commands_leave_no_personal_data_in_the_logs(tmp_path):
    db = tmp_path / "desk.sqlite"
    desk = make_desk(db)
    register_case(
        desk.conn,
        case_input(people=[person(name=NAME, id_number=ID, phone=PHONE)]),
        get_user(desk.conn, "clerk"),
        NOW,
    )
    desk.conn.close()
    data, temp = tmp_path / "data", tmp_path / "tmp"
    temp.mkdir()
    env = {
        "XDG_DATA_HOME": str(data),
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "HOME": str(tmp_path),
        "TMPDIR": str(temp),
        "PATH": "",
        "PETITION_DESK_USER": "clerk",
        "PETITION_DESK_PASSWORD": PASSWORD,
    }
    gui = subprocess.run(
        [sys.executable, "-c", GUI_SESSION, str(db), NAME, ID, PHONE],
        capture_output=True,
        text=True,
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        timeout=180,
    )
    assert gui.returncode == 0, gui.stderr
    sheet = tmp_path / "ledger.xlsx"
    wb = Workbook()
    wb.active.append(["序号", "来访日期", "来访人", "身份证号码", "电话", "住址", "来访方式"])
    wb.active.append([1, "2025-3-5", OTHER_NAME, OTHER_ID, OTHER_PHONE, "东坑村", "来访"])
    wb.active.append([2, "2025-3-6", NAME, ID[:-1] + "0", PHONE, "东坑村", "来访"])  # bad ID
    wb.save(sheet)
    cli = [sys.executable, "-m", "petition_desk"]
    commands = [
        ["import-ledger", "--db", str(db), str(sheet)],
        ["import-ledger", "--db", str(db), str(tmp_path / f"{NAME}.xlsx")],  # no such file
        ["export-ledger", "--db", str(db), "--out", str(tmp_path / "out.xlsx")],
        ["check", "--db", str(db)],
    ]
    for args in commands:
        subprocess.run([*cli, *args], capture_output=True, env=env, timeout=180)
    logs = [p for p in (data / "PetitionDesk").rglob("*") if p.is_file() and "log" in p.name]
    logs += list(temp.glob("petition-desk-*.log"))
    assert logs, "the window session wrote no log"
    written = b"".join(p.read_bytes() for p in logs)
    # The failures were logged (so the test can fail) — masked.
    assert b"ValidationError" in written and b"FileNotFoundError" in written
    assert _leaks(written) == []
