"""SIGTERM of a child process: the desk, a command, a loop of saves. Nothing acknowledged is
lost, nothing is half-saved, the store is closed (no -wal left) and the file stays sound."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import PASSWORD, make_desk
from petition_desk.db.connection import connect
from petition_desk.services.checks import check_database

ROOT = Path(__file__).parent.parent
pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")

#: A loop of registrations, each acknowledged on stdout once committed.
SAVER = """
import sys
sys.path.insert(0, {root!r})
from petition_desk.services.access import login
from petition_desk.services.registration import register_case
from petition_desk.termination import Terminated, terminate_on_sigterm
sys.path.insert(0, {tests!r})
from conftest import NOW, case_input

desk = login(sys.argv[1], "clerk", {password!r})
conn, clerk = desk.conn, desk.user
try:
    with terminate_on_sigterm():
        n = 0
        while True:
            register_case(conn, case_input(facts="事实" * 200), clerk, NOW)
            n += 1
            print(n, flush=True)
except Terminated:
    conn.close()
    sys.exit(143)
"""


def env(tmp_path: Path) -> dict:
    return {
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "HOME": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        # The desk logs in from the environment, as scripted kiosks and CI's smoke test do.
        "PETITION_DESK_USER": "clerk",
        "PETITION_DESK_PASSWORD": PASSWORD,
    }


def new_desk(db: Path) -> bytes:
    """An encrypted desk with the test clerk; its data key."""
    desk = make_desk(db)
    desk.conn.close()
    return desk.key


def kill_saver(tmp_path: Path, db: Path, after: int, sig: int) -> tuple[int, int, int]:
    """Start the loop, signal it after ``after`` acknowledgements; (acked, stored, code)."""
    script = SAVER.format(root=str(ROOT), tests=str(ROOT / "tests"), password=PASSWORD)
    # stderr to a file, and stdout read to its end through the same buffered reader: reading
    # the pipe's descriptor after a buffered read (what communicate() does) would lose the
    # acknowledgements already buffered, and count saves as unacknowledged.
    with (tmp_path / "saver-stderr.txt").open("w") as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", script, str(db)],
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            env=env(tmp_path),
        )
        with proc:
            acked, signalled = 0, False
            assert proc.stdout is not None
            for line in proc.stdout:  # saves acknowledged, before and after the signal arrived
                acked = int(line)
                if acked >= after and not signalled:
                    proc.send_signal(sig)
                    signalled = True
            code = proc.wait(timeout=60)
    c = connect(db, key=key_of(db))
    stored = c.execute("SELECT count(*) FROM cases").fetchone()[0]
    c.close()
    return acked, stored, code


def key_of(db: Path) -> bytes:
    from conftest import Keyring, keys_path

    return Keyring.load(keys_path(db)).unlock("clerk", PASSWORD)


def test_sigterm_of_a_service_loop_loses_nothing_and_closes_the_store(tmp_path):
    db = tmp_path / "desk.sqlite"
    key = new_desk(db)
    before = 0
    for round_ in range(3):
        acked, stored, code = kill_saver(tmp_path, db, 5 + round_ * 3, signal.SIGTERM)
        assert code == 143
        # Every acknowledged save is there. The one in flight is either whole (committed just
        # before the signal, not yet acknowledged) or absent; check_database below proves
        # it is not half there.
        assert before + acked <= stored <= before + acked + 1
        before = stored
        assert not db.with_name("desk.sqlite-wal").exists()
        report = check_database(db, key=key)
        assert report.healthy, report.problems


def test_sigterm_of_the_desk_saves_the_form_closes_the_store_and_exits(tmp_path):
    db = tmp_path / "desk.sqlite"
    key = new_desk(db)
    proc = subprocess.Popen(
        [sys.executable, "-m", "petition_desk", "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(tmp_path),
        cwd=ROOT,
    )
    with proc:
        line = proc.stdout.readline()
        assert "main window shown" in line
        assert db.with_name("desk.sqlite.lock").exists()
        time.sleep(0.5)
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert not db.with_name("desk.sqlite-wal").exists()
    assert not db.with_name("desk.sqlite.lock").exists()
    assert check_database(db, key=key).healthy


def test_sigterm_at_the_login_form_stops_the_desk(tmp_path):
    """No password in the environment: the login form waits for one. A SIGTERM there used to
    be ignored until someone typed a password (Python never got control to run its handler)."""
    db = tmp_path / "desk.sqlite"
    key = new_desk(db)
    no_password = {k: v for k, v in env(tmp_path).items() if k != "PETITION_DESK_PASSWORD"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "petition_desk", "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=no_password,
        cwd=ROOT,
    )
    with proc:
        line = proc.stdout.readline()
        assert "login window shown" in line
        time.sleep(0.3)
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err
    assert not db.with_name("desk.sqlite.lock").exists()
    assert check_database(db, key=key).healthy


def test_files_are_readable_by_the_user_only(tmp_path):
    db = tmp_path / "desk.sqlite"
    # Created by the command line, as a clerk would (the test process's umask is not the desk's).
    made = subprocess.run(
        [
            sys.executable,
            "-m",
            "petition_desk",
            "init",
            "--db",
            str(db),
            "--unit",
            "青石镇",
            "--admin",
            "clerk",
        ],
        capture_output=True,
        text=True,
        env=env(tmp_path),
        cwd=ROOT,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    out = subprocess.run(
        [sys.executable, "-m", "petition_desk", "--db", str(db), "--quit-after", "300"],
        capture_output=True,
        text=True,
        env=env(tmp_path),
        cwd=ROOT,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    paths = [db, db.with_suffix(".keys"), db.parent / "backups"]
    paths += list((db.parent / "backups").iterdir())
    logs = tmp_path / "data" / "PetitionDesk" / "logs"
    paths += [logs, *logs.iterdir(), tmp_path / "data" / "PetitionDesk"]
    for p in paths:
        mode = p.stat().st_mode & 0o777
        assert mode & 0o077 == 0, f"{p}: {oct(mode)}"
