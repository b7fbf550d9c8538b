"""Start-up stays light: heavy libraries are imported when first needed, not to show the window."""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import petition_desk

ROOT = Path(__file__).parent.parent
PROBE = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from petition_desk.db.keyring import CHEAP_KDF
from petition_desk.services.access import init_desk
from petition_desk.ui.app import make_app, open_window
init_desk(Path(sys.argv[1]), "某镇", "admin", "管理员", "password-1", kdf=CHEAP_KDF)[0].conn.close()
app = make_app()
window = open_window(Path(sys.argv[1]), ("admin", "password-1"))
window.show()
app.processEvents()
LATER = ("openpyxl", "reportlab", "pypinyin", "pypdfium2", "numpy",
         # pages other than the 工作台 are imported when first shown
         "petition_desk.ui.registration_page", "petition_desk.ui.ledger_page",
         "petition_desk.ui.reception_page", "petition_desk.ui.stats_page",
         "petition_desk.ui.settings",
         # no dialog with the credentials given; the wizard and the single-instance socket
         # (QtNetwork) come once the window is drawn
         "petition_desk.ui.login_dialog", "petition_desk.ui.setup_wizard",
         "PySide6.QtNetwork")
print(",".join(sorted(m for m in LATER if m in sys.modules)))
"""


def run_probe(probe: str, tmp_path: Path) -> str:
    """Run ``probe`` in a fresh interpreter on a desk in ``tmp_path``; what it printed."""
    env = {
        "XDG_DATA_HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path),
        "PATH": "",
        "HOME": str(tmp_path),
    }
    out = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "d.sqlite")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_heavy_modules_are_not_loaded_to_show_the_window(tmp_path):
    assert run_probe(PROBE, tmp_path) == ""  # the names of heavy modules loaded, if any


LOGIN_PROBE = """
import builtins, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.pop("PETITION_DESK_PASSWORD", None)
from pathlib import Path
from petition_desk.db.keyring import CHEAP_KDF
from petition_desk.services.access import init_desk
init_desk(Path(sys.argv[1]), "某镇", "admin", "管理员", "password-1", kdf=CHEAP_KDF)[0].conn.close()
for name in [m for m in sys.modules if m.startswith("petition_desk.services")]:
    del sys.modules[name]  # as a fresh start has them: not loaded
real_print = builtins.print
def spy(*args, **kwargs):
    if args and str(args[0]).startswith("petition-desk: login window shown"):
        loaded = ("petition_desk.services.access", "petition_desk.ui.main_window")
        real_print("loaded:" + ",".join(m for m in loaded if m in sys.modules), flush=True)
        os._exit(0)
    real_print(*args, **kwargs)
builtins.print = spy
from petition_desk.cli import main
main(["--db", sys.argv[1]])
"""


def test_a_clerks_login_form_shows_before_the_services_and_the_window_load(tmp_path):
    assert run_probe(LOGIN_PROBE, tmp_path) == "loaded:"  # the form came first


LOG_PROBE = """
import sys
from petition_desk.ui.app import setup_logging
setup_logging()
print(",".join(m for m in ("petition_desk.services.backup_rotation",) if m in sys.modules))
"""


def test_setting_up_the_log_does_not_import_the_backups(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path), "HOME": str(tmp_path), "PATH": ""}
    out = subprocess.run(
        [sys.executable, "-c", LOG_PROBE], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
    logs = tmp_path / "PetitionDesk" / "logs"
    assert (logs / "petition-desk.log").exists() and logs.stat().st_mode & 0o077 == 0


def test_the_window_start_parses_without_the_commands_and_every_command_still_parses(capsys):
    from petition_desk import cli

    args = cli._parse_args(["--db", "x.sqlite", "--quit-after", "5"])
    assert args.command is None and args.quit_after == 5 and str(args.db) == "x.sqlite"
    commands = cli._parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert "check" in commands and "stats" in commands
    for name in commands:  # each command reaches the full parser (its --db is required)
        with pytest.raises(SystemExit) as stop:
            cli._parse_args([name, "--no-such-option"])
        assert stop.value.code == 2
        assert name in capsys.readouterr().err
    assert cli._parse_args(["check", "--db", "x.sqlite"]).command == "check"
    with pytest.raises(SystemExit) as stop:
        cli._parse_args(["no-such-command"])
    assert stop.value.code == 2 and "no-such-command" in capsys.readouterr().err


def test_version_is_declared_once_in_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == petition_desk.__version__


def test_the_app_starts_shows_its_window_and_closes_the_database_cleanly(tmp_path):
    db = tmp_path / "desk.sqlite"
    env = {
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "HOME": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
        "PATH": "",
        "PETITION_DESK_USER": "admin",
        "PETITION_DESK_PASSWORD": "password-1",
    }
    init = [sys.executable, "-m", "petition_desk", "init", "--db", str(db), "--unit", "某镇"]
    made = subprocess.run(
        [*init, "--admin", "admin"], capture_output=True, text=True, env=env, timeout=120
    )
    assert made.returncode == 0, made.stderr
    assert "恢复密钥" in made.stdout
    out = subprocess.run(
        [sys.executable, "-m", "petition_desk", "--db", str(db), "--quit-after", "300"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "petition-desk: main window shown" in out.stdout
    assert db.exists() and not db.with_name("desk.sqlite-wal").exists()
    assert list((db.parent / "backups").glob("desk-*.sqlite"))  # today's copy
    assert list((db.parent / "backups").glob("desk-*.keys"))  # with its key file
