"""Starting the desk: Qt application, Chinese translation, CJK font, database, main window."""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
import threading
import time
import traceback
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, Qt, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from petition_desk import __version__
from petition_desk.paths import data_dir, default_db

log = logging.getLogger(__name__)
ORG, APP = "PetitionDesk", "PetitionDesk"


def setup_logging() -> Path:
    """Log to a file in the data folder, so an unexpected error leaves a trace to send."""
    folder = data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "petition-desk.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def install_translators(app: QApplication, locale: str = "zh_CN") -> list[QTranslator]:
    """Load our own catalogue and Qt's (for standard buttons); zh_CN is the default."""
    translators = []
    ours = QTranslator(app)
    qm = resources.files("petition_desk.ui") / "i18n" / f"petition_desk_{locale}.qm"
    if ours.load(str(qm)):
        app.installTranslator(ours)
        translators.append(ours)
    else:
        log.warning("translation %s not found", qm)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{locale}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        translators.append(qt)
    QLocale.setDefault(QLocale(locale))
    return translators


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setOrganizationName(ORG)
    app.setApplicationName(APP)
    app.setApplicationVersion(__version__)
    icon = resources.files("petition_desk.ui") / "icons" / "petition-desk.png"
    app.setWindowIcon(QIcon(str(icon)))
    from petition_desk.ui.fonts import ensure_cjk_font

    ensure_cjk_font(app)
    install_translators(app)
    return app


def _excepthook(log_path: Path):
    def hook(exc_type, exc, tb) -> None:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unexpected error\n%s", text)
        QMessageBox.critical(
            None,
            QApplication.translate("App", "Unexpected error"),
            QApplication.translate(
                "App",
                "Something went wrong. Nothing you typed has been discarded; please save "
                "your work. Details were written to %1",
            ).replace("%1", str(log_path)),
        )

    return hook


def run(db: Path | None = None, demo: bool = False, quit_after_ms: int | None = None) -> int:
    """Open the main window; returns the exit code."""
    log_path = setup_logging()
    app = make_app()
    temp_dir = None
    try:
        if demo:
            temp_dir = Path(tempfile.mkdtemp(prefix="petition-desk-demo-"))
            db = temp_dir / "demo.sqlite"
            app.setOverrideCursor(Qt.CursorShape.WaitCursor)
            from petition_desk.services.demo import build_demo

            build_demo(db, 3000, seed=1)
            app.restoreOverrideCursor()
        window = open_window(db or default_db())
        if window is None:
            return 2
        sys.excepthook = _excepthook(log_path)
        window.show()
        # Runs once the event loop has drawn the window: the start-up bench and CI's smoke
        # test of the frozen bundle wait for this line.
        QTimer.singleShot(
            0,
            lambda: print(
                f"petition-desk: main window shown {time.perf_counter():.6f}", flush=True
            ),
        )
        backup = None if demo else start_daily_backup(window.ctx.db_path)
        if quit_after_ms is not None:
            QTimer.singleShot(quit_after_ms, app.quit)
        code = app.exec()
        if backup is not None:
            # Let a small copy finish; a large one still running is left as a .part file
            # (never mistaken for a backup) and made again at the next start.
            backup.join(timeout=10)
        return code
    finally:
        if temp_dir is not None:
            shutil.rmtree(temp_dir, ignore_errors=True)


def start_daily_backup(db: Path) -> threading.Thread:
    """Today's copy of the database, made in the background so start-up does not wait."""
    from petition_desk.services.backup import daily_backup

    def work() -> None:
        try:
            made = daily_backup(db)
            if made:
                log.info("backup written to %s", made)
        except Exception:  # a failed backup must never stop the desk; it is logged
            log.exception("daily backup failed")

    thread = threading.Thread(target=work, name="petition-desk-backup", daemon=True)
    thread.start()
    return thread


def open_window(db: Path):
    """Open the database and build the main window, or explain in a dialog why not."""
    from petition_desk.db.connection import StoreError, open_store
    from petition_desk.services.directory import ensure_defaults
    from petition_desk.ui.context import DeskContext
    from petition_desk.ui.main_window import MainWindow

    try:
        conn = open_store(db)
        ensure_defaults(conn)
    except StoreError as exc:
        QMessageBox.critical(
            None, QApplication.translate("App", "Cannot open the database"), str(exc)
        )
        return None
    ctx = DeskContext(conn, db)
    window = MainWindow(ctx, QSettings())
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.destroyed.connect(ctx.close)
    # Quitting without closing the window (the smoke test's timer, a log-off) still closes
    # the database cleanly.
    QApplication.instance().aboutToQuit.connect(ctx.close)
    return window
