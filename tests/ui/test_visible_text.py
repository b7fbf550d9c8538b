"""Every window and dialog speaks Chinese: no visible Latin word outside a short whitelist.

Walks the main window (every page and tab, the menus), a case with each of its tabs and the
dialog of every step, the report dialogs, the setup wizard, Help, and Qt's own dialogs and
menus (file dialog, message box buttons, text fields' context menus, colour and print dialogs)
— those come from Qt's ``qtbase_zh_CN`` catalogue, loaded at start.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import (
    QColorDialog,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from conftest import NOW, case_input
from petition_desk.domain.lifecycle import SPECS, Action
from petition_desk.services.cases import get_case, perform
from petition_desk.services.registration import register_case
from petition_desk.ui.main_window import MainWindow
from tests.ui.visible_text import findings


def _windows(ctx, qsettings, qtbot, tmp_path) -> list[QWidget]:
    """Every window and dialog a clerk can reach, built (not run) so they can be read."""
    register_case(ctx.conn, case_input(), ctx.user, NOW)
    case_id, _ = register_case(ctx.conn, case_input(channel="来信"), ctx.user, NOW)
    perform(ctx.conn, case_id, Action.ACCEPT, {}, ctx.user, NOW, NOW)
    w = MainWindow(ctx, qsettings)
    qtbot.addWidget(w)
    w.show()
    out: list[QWidget] = [w]
    case = w.open_case(case_id)
    out.append(case)
    from petition_desk.ui.action_dialog import ActionDialog

    for action, spec in SPECS.items():
        if not spec.system:
            out.append(ActionDialog(ctx, get_case(ctx.conn, case_id), action, w))
    from petition_desk.ui.archive_dialog import ArchiveDialog
    from petition_desk.ui.archives_dialog import ArchivesDialog
    from petition_desk.ui.batch_print import BatchPrintDialog
    from petition_desk.ui.export_dialog import ExportDialog
    from petition_desk.ui.import_wizard import ImportWizard
    from petition_desk.ui.ocr_dialog import OcrDialog
    from petition_desk.ui.reception_rules import ReceptionRulesDialog, RuleDialog

    out += [
        ExportDialog(ctx, w),
        ImportWizard(ctx, w),
        BatchPrintDialog(ctx, w),
        RuleDialog(ctx, w),
        ReceptionRulesDialog(ctx, w),
        ArchivesDialog(ctx, w),
        ArchiveDialog(ctx, get_case(ctx.conn, case_id), w),
        OcrDialog(["东坑村"], w, work_dir=tmp_path / "ocr", today=ctx.today),
    ]
    for optional in ("run_setup_wizard", "show_guide", "show_shortcuts"):
        if hasattr(w, optional):
            out.append(getattr(w, optional)())
    # Qt's own dialogs and menus.
    files = QFileDialog(w)
    files.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    files.show()
    colours = QColorDialog(w)
    colours.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog, True)
    box = QMessageBox(w)
    box.setStandardButtons(
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel
        | QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Close
    )
    out += [files, colours, box]
    out.append(QLineEdit(w).createStandardContextMenu())
    out.append(QPlainTextEdit(w).createStandardContextMenu())
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    out.append(QPrintDialog(QPrinter(), w))
    for x in out:
        qtbot.addWidget(x)
    return out


def test_no_latin_words_in_windows_and_dialogs(ctx, qsettings, qtbot, tmp_path):
    from pathlib import Path

    from petition_desk.services.directory import list_users

    # Data, not UI: clerks' login names and the folders the file dialog lists.
    allowed = frozenset({u.login for u in list_users(ctx.conn)} | {Path.home().name})
    found = []
    for window in _windows(ctx, qsettings, qtbot, tmp_path):
        found += findings(window, allowed)
    report = "\n".join(f"{where}: {word!r} in {text!r}" for where, word, text in found)
    if os.environ.get("PETITION_DESK_LATIN_REPORT"):
        print(f"\nLatin words found: {len(found)}\n{report}")
    assert not found, f"{len(found)} Latin word(s) visible:\n{report}"


@pytest.mark.parametrize("text", ["Look in:", "Files of type:", "&Undo", "Select All", "Cancel"])
def test_the_walk_can_fail(text):
    """The check sees Qt's English when its catalogue is missing."""
    from tests.ui.visible_text import latin_words

    assert latin_words(text)
