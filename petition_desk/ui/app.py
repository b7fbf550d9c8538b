"""Starting the desk: Qt application, Chinese translation, CJK font, database, main window."""

from __future__ import annotations

import importlib
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, Qt, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from petition_desk import __version__
from petition_desk.paths import data_dir, default_db, restrict
from petition_desk.ui.early_stop import StopBeforeWindow
from petition_desk.ui.single_instance import SingleInstance, tell_already_open

if TYPE_CHECKING:
    from petition_desk.db.keyring import EarlyUnlock
    from petition_desk.ui.backup_watch import BackupWatch

log = logging.getLogger(__name__)
ORG, APP = "PetitionDesk", "PetitionDesk"
# How long a save in the window waits for another writer (a CLI import) before saying so.
GUI_BUSY_MS = 2000
# The package's own files (translations, icon): beside this module, in the bundle too. Not
# ``importlib.resources``, whose import alone is ~8 ms of every start.
_HERE = Path(__file__).resolve().parent


def setup_logging() -> Path:
    """Log to a file in the data folder, so an unexpected error leaves a trace to send.

    No log call writes personal data, and the ``PrivacyFilter`` masks ID numbers, phones and
    quoted names that an exception's message may still carry; the folder and the log stay
    the user's only all the same. A data folder that cannot be written must not stop the desk
    before it can say so: the log then goes to the temporary folder.
    """
    from petition_desk.log_privacy import private_handler

    try:
        folder = data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        restrict(folder.parent)
        restrict(folder)
        path = folder / "petition-desk.log"
        path.touch(mode=0o600, exist_ok=True)
        restrict(path)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        path = Path(tempfile.gettempdir()) / f"petition-desk-{os.getpid()}.log"
        handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(private_handler(handler))
    root.setLevel(logging.INFO)
    return path


def install_translators(app: QApplication, locale: str = "zh_CN") -> list[QTranslator]:
    """Load our own catalogue and Qt's (for standard buttons); zh_CN is the default."""
    translators = []
    ours = QTranslator(app)
    qm = _HERE / "i18n" / f"petition_desk_{locale}.qm"
    if ours.load(str(qm)):
        app.installTranslator(ours)
        translators.append(ours)
    else:
        log.warning("translation %s not found", qm)
    # Qt's own strings (file dialogs, text fields' context menus, standard buttons): from
    # PySide6's folder, or the copy the bundle ships beside ours (build.spec).
    qt = QTranslator(app)
    folders = [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(_HERE / "i18n"),
    ]
    if any(qt.load(f"qtbase_{locale}", folder) for folder in folders):
        app.installTranslator(qt)
        translators.append(qt)
    else:
        log.warning("Qt's own translation qtbase_%s not found", locale)
    # Qt strings that catalogue misses (the file dialog's "&Look in:"…): our small supplement.
    extra = QTranslator(app)
    if extra.load(str(_HERE / "i18n" / f"qt_extra_{locale}.qm")):
        app.installTranslator(extra)
        translators.append(extra)
    QLocale.setDefault(QLocale(locale))
    return translators


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setOrganizationName(ORG)
    app.setApplicationName(APP)
    app.setApplicationVersion(__version__)
    icon = _HERE / "icons" / "petition-desk.png"
    app.setWindowIcon(QIcon(str(icon)))
    from petition_desk.ui.fonts import ensure_cjk_font

    ensure_cjk_font(app)
    install_translators(app)
    return app


def _excepthook(log_path: Path):
    from petition_desk.db.errors import translate

    def hook(exc_type, exc, tb) -> None:
        store = translate(exc) if isinstance(exc, Exception) else None
        if store is not None:
            # Locked, read-only, full, damaged: say what happened and what to do. The form
            # that raised it was not reset, so nothing typed is lost.
            # The kind of failure only: a driver's message may quote the value it refused.
            log.error("storage failure: %s", type(exc).__name__)
            QMessageBox.warning(None, QApplication.translate("App", "Not saved"), str(store))
            return
        # The traceback goes through the log's PrivacyFilter, which masks the message.
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
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


def run(
    db: Path | None = None,
    demo: bool = False,
    quit_after_ms: int | None = None,
    new_db: bool = False,
    user: str | None = None,
    early: EarlyUnlock | None = None,
) -> int:
    """Log in and open the main window; returns the exit code (3: the desk is already open on
    ``db``).

    ``new_db`` allows a new database in a zero-byte file given as ``db``.
    ``PETITION_DESK_USER``/``PETITION_DESK_PASSWORD`` log in without asking (CI's smoke test,
    scripted kiosks; ``keyring.login_from_environment``), ``early`` being their key derivation
    started at launch (``cli``); ``user`` fills in the login form otherwise; ``demo`` logs in
    as the demo clerk.
    """
    from petition_desk.db.errors import private_files
    from petition_desk.db.keyring import login_from_environment

    private_files()
    log_path = setup_logging()
    credentials = None
    if not demo:
        credentials = login_from_environment(user)
        _import_login_modules(with_dialogs=credentials is None)
        if credentials is not None:
            # The window's modules load in a thread from here on, while Qt starts (fonts) and
            # the login derives the key and reads the database, which release the GIL. With
            # the login form they wait until it is shown (``open_desk``): the clerk's first
            # wait is for the form, not for a window that needs a password first.
            _preload_window_modules()
    app = make_app()
    temp_dir = None
    try:
        if demo:
            temp_dir = Path(tempfile.mkdtemp(prefix="petition-desk-demo-"))
            db = temp_dir / "demo.sqlite"
            app.setOverrideCursor(Qt.CursorShape.WaitCursor)
            from petition_desk.services.access import DEMO_USERS
            from petition_desk.services.demo import build_demo

            build_demo(db, 3000, seed=1)
            app.restoreOverrideCursor()
            credentials = (DEMO_USERS[0][0], DEMO_USERS[0][3])
        db = db or default_db()
        guard = SingleInstance(db, app)
        with StopBeforeWindow() as stop:
            if not guard.acquire():
                tell_already_open(db)  # (a stop closes this message too)
                return 3 if stop.signum is None else 128 + stop.signum
            window = open_window(
                db, credentials, user, replace_empty=new_db, early=early, stop=stop
            )
        if stop.signum is not None:  # told to stop before the window: no window was built
            _join_preload()  # not mid-import at the interpreter's exit
            guard.release()
            return 128 + stop.signum
        if window is None:
            return 2
        from petition_desk.ui.shutdown import install as install_shutdown

        shutdown = install_shutdown(app, window)
        _restore_drafts(window)
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
        background: dict[str, BackupWatch] = {}

        def after_shown() -> None:
            """What the clerk does not need in order to see the window starts once it is
            drawn: its imports and threads (which share the two cores and the GIL with the
            first paint) would otherwise delay it."""
            window.screen_lock.watch_input()  # the idle lock's timer runs from the start
            guard.listen(window)  # a second start is told "already open" by the lock meanwhile
            # SQLite's whole-file check (seconds on a large desk).
            window.integrity_check = start_integrity_check(window)
            if not demo:
                background["backup"] = start_daily_backup(
                    window.ctx.db_path, window.ctx.key, window
                )
            if window.needs_setup():
                window.run_setup_wizard()  # first start: unit, lists, rule

        # Queued after the line above, and only while the window lives.
        QTimer.singleShot(0, window, after_shown)

        if quit_after_ms is not None:
            QTimer.singleShot(quit_after_ms, app.quit)
        ctx = window.ctx  # outlives the window, for the copy made on exit
        code = app.exec()
        shutdown.finish()
        shutdown.restore_signals()
        if shutdown.signal_received is None:  # not when stopped from outside: no time to copy
            _backup_on_exit(ctx, tell=quit_after_ms is None)
        guard.release()
        backup = background.get("backup")
        if backup is not None and backup.worker is not None:
            # Let a small copy finish; a large one still running is left as a .part file
            # (never mistaken for a backup) and made again at the next start.
            backup.worker.join(timeout=10)  # (its timer went with the window)
        return code
    finally:
        if temp_dir is not None:
            shutil.rmtree(temp_dir, ignore_errors=True)


def _backup_on_exit(ctx, tell: bool) -> None:
    """The copy to a chosen folder (USB stick) the settings ask for when the desk closes.

    A missing or full stick is said in a dialog (``tell``; scripted runs only print it),
    never a traceback, and leaves no partial file (``services.backup.backup_on_exit``).
    """
    from petition_desk.services.backup import backup_on_exit

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        made, message = backup_on_exit(ctx.db_path, ctx.key, ctx.user)
    finally:
        QApplication.restoreOverrideCursor()
    if not message:
        return
    print(message, file=sys.stderr if made is None else sys.stdout, flush=True)
    if made is None:
        log.warning("backup on exit not made")
        if tell:
            QMessageBox.warning(None, QApplication.translate("App", "Backup on exit"), message)
    else:
        log.info("backup on exit made")


def start_integrity_check(window):
    """Check the open desk's file in the background; damage is said in a dialog."""
    from petition_desk.ui.integrity_check import IntegrityCheck

    check = IntegrityCheck(window.ctx, window)
    check.start()
    return check


def start_daily_backup(db: Path, key: bytes | None, window=None):
    """Today's verified copy (encrypted with ``key``), made in the background (and again when
    the day changes).

    A failure is shown in the window's status bar.
    """
    from petition_desk.ui.backup_watch import BackupWatch, show_in_status_bar

    watch = BackupWatch(db, key=key, parent=window or QApplication.instance())
    if window is not None:
        show_in_status_bar(watch, window)
    watch.start()
    return watch


def open_desk(
    db: Path,
    credentials: tuple[str, str] | None = None,
    login: str | None = None,
    replace_empty: bool = False,
    early: EarlyUnlock | None = None,
):
    """First start, conversion of a plain file, or login; the ``Desk`` or None if abandoned.

    A zero-byte ``db`` is only made a new database if ``replace_empty`` or the clerk agrees.
    """
    from petition_desk.db.connection import StoreError, check_file, empty_file_message, is_plain
    from petition_desk.db.errors import store_errors
    from petition_desk.db.keyring import has_key_file
    from petition_desk.errors import DeskError

    # The dialogs' module is loaded where one is shown (``_login_dialogs``): a start with the
    # credentials in the environment shows none. ``services.access`` is loaded to log in: a
    # clerk's start shows the login form first (``_ACCESS_MODULES``).
    db = Path(db)
    try:
        with store_errors(db):
            if db.exists() and db.stat().st_size > 0:
                if is_plain(db) and not has_key_file(db):
                    check_file(db)
                    converted = _login_dialogs().convert_plain_dialog(db)
                    if converted is None:
                        return None
                    credentials = converted  # logged in with the password just chosen
            elif not has_key_file(db):
                if (
                    db.exists()
                    and not replace_empty
                    and not _agree_to_new_database(db, empty_file_message(db))
                ):
                    return None
                # A folder that cannot be made is said now, not after the form is filled in.
                db.parent.mkdir(parents=True, exist_ok=True)
                dialog = _login_dialogs().FirstStartDialog(db)
                return dialog.desk if dialog.exec() else None
            if credentials is not None:
                _preload_window_modules()  # while the key is derived (scrypt frees the GIL)
                # The whole-file check runs once the window shows (``start_integrity_check``).
                from petition_desk.services import access

                return access.login(db, *credentials, quick_check=False, early=early)
    except (StoreError, DeskError) as exc:
        QMessageBox.critical(
            None, QApplication.translate("App", "Cannot open the database"), str(exc)
        )
        return None
    dialogs = _login_dialogs()
    login_dialog = dialogs.LoginDialog(db, login or "", quick_check=False)

    def shown() -> None:
        # The first thing a clerk waits for at launch: the start-up bench times it.
        print("petition-desk: login window shown", flush=True)
        # While the clerk types the password: the login's services on this thread first (the
        # form's worker needs them), then the window's modules in a thread (and the key is
        # derived meanwhile once the password is in).
        for name in _ACCESS_MODULES:
            importlib.import_module(name)
        _preload_window_modules()

    QTimer.singleShot(0, login_dialog, shown)
    return login_dialog.desk if login_dialog.exec() else None


def open_window(
    db: Path,
    credentials: tuple[str, str] | None = None,
    login: str | None = None,
    replace_empty: bool = False,
    early: EarlyUnlock | None = None,
    stop: StopBeforeWindow | None = None,
):
    """Log in and build the main window, or explain in a dialog why not.

    None also when ``stop`` was requested meanwhile (the desk, if opened, is closed).
    """
    from petition_desk.db.errors import set_busy_timeout

    desk = open_desk(db, credentials, login, replace_empty, early)
    if desk is None:
        return None
    if stop is not None and stop.signum is not None:
        desk.conn.close()
        return None
    _join_preload()
    from petition_desk.ui.context import DeskContext
    from petition_desk.ui.main_window import MainWindow

    set_busy_timeout(desk.conn, GUI_BUSY_MS)
    ctx = DeskContext(desk.conn, desk.db_path, key=desk.key, user=desk.user)
    window = MainWindow(ctx, QSettings())
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.destroyed.connect(ctx.close)
    # Quitting without closing the window (the smoke test's timer, a log-off) still closes
    # the database cleanly.
    app = QApplication.instance()
    assert app is not None  # made by make_app()
    app.aboutToQuit.connect(ctx.close)
    return window


# What the GUI thread imports between the start of the preload and the window: imported
# before the preload starts, so the two threads never wait on each other's import locks.
_LOGIN_MODULES = (
    "petition_desk.db.connection",
    "petition_desk.db.errors",
    "petition_desk.errors",
    "petition_desk.ui.fonts",
)
# Logging in: before the preload starts with the password in the environment; once the login
# form is shown otherwise (``open_desk``).
_ACCESS_MODULES = ("petition_desk.services.access",)
_preload: threading.Thread | None = None
_preload_stop = threading.Event()
# What the start imports after the login, up to the window shown and its first reads.
_PRELOAD = (
    "petition_desk.ui.context",
    "petition_desk.ui.main_window",
    "petition_desk.services.figures",
)
# What only the work started after the window is drawn needs (``run``'s ``after_shown``):
# imported only while the login still runs, never making the window wait.
_PRELOAD_LATER = (
    "petition_desk.ui.integrity_check",
    "petition_desk.ui.backup_watch",
)


def _import_login_modules(with_dialogs: bool) -> None:
    """Load what the GUI thread needs up to the login (``_LOGIN_MODULES``, and the login
    dialogs when one will be shown) before ``_preload_window_modules`` starts."""
    names = _LOGIN_MODULES + (
        ("petition_desk.ui.login_dialog",) if with_dialogs else _ACCESS_MODULES
    )
    for name in names:
        importlib.import_module(name)


def _login_dialogs():
    """The module of the login, first-start and conversion dialogs (``ui.login_dialog``).

    ``run`` loads it before the preload starts when a dialog is expected; otherwise the
    preload's imports are finished first, so the two threads never wait on each other's
    import locks.
    """
    name = "petition_desk.ui.login_dialog"
    if name not in sys.modules:
        _join_preload()
    return importlib.import_module(name)


def _preload_window_modules() -> None:
    """Import the main window's modules in a thread while Qt starts and the login derives the
    key (and, with the login form, while the password is typed).

    The key derivation (scrypt, ``db.keyring.STRONG_KDF``) takes seconds by design and runs
    in C without the GIL, so on two cores the imports cost nothing visible; so do Qt's font
    set-up and SQLite's reads. The GUI thread imports none of our modules meanwhile (they are
    loaded before this starts: ``_import_login_modules``, and on a clerk's start the login's
    services in ``open_desk``'s ``shown``), so the two never wait on each other's import
    locks. Only imports: no Qt object is made off the GUI thread.
    """
    global _preload
    if _preload is not None:  # started already (and not joined yet)
        return

    def work() -> None:
        try:
            for name in _PRELOAD:
                importlib.import_module(name)
            for name in _PRELOAD_LATER:
                if _preload_stop.is_set():
                    break
                importlib.import_module(name)
        except Exception:  # the GUI thread's own import raises it again, with its message
            log.exception("preloading the main window's modules failed")

    _preload = threading.Thread(target=work, name="petition-desk-preload", daemon=True)
    _preload.start()


def _join_preload() -> None:
    """Wait for the window's modules (not for those only needed after it is shown)."""
    global _preload
    if _preload is not None:
        _preload_stop.set()
        _preload.join()
        _preload = None
        _preload_stop.clear()


def _agree_to_new_database(db: Path, why: str) -> bool:
    answer = QMessageBox.question(
        None,
        QApplication.translate("App", "Empty database file"),
        why
        + "\n\n"
        + QApplication.translate("App", "Create a new, empty database in %1?").replace(
            "%1", str(db)
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def _restore_drafts(window) -> None:
    """A registration kept when the desk was last stopped from outside goes back into the
    empty form (the newest); older ones stay kept and are mentioned."""
    from petition_desk.services.drafts import load_drafts

    drafts = load_drafts("registration", window.ctx.key)
    if not drafts:  # the usual start: the registration page stays unbuilt until shown
        return
    page = window.registration
    if page.is_dirty():
        return
    path, data = drafts[-1]
    page.restore(data)
    path.unlink()
    message = QApplication.translate(
        "App", "The registration typed before the desk was last stopped is back in the form."
    )
    if len(drafts) > 1:
        message += " " + QApplication.translate(
            "App", "%1 older kept form(s) come back at the next start."
        ).replace("%1", str(len(drafts) - 1))
    window.show_page("registration")
    window.statusBar().showMessage(message, 60000)
