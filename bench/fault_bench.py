"""Kill and fault runs, counted: what survives SIGTERM/SIGKILL of a saving loop, what a
bit-flipped file does at open and at backup time, what fuzzed searches do.

    python bench/fault_bench.py [ROUNDS] [FLIPS] [QUERIES]

Prints one JSON line per experiment. Not a test (the numbers vary with timing); the tests in
tests/test_kill.py and tests/test_faults.py assert the rules on smaller runs.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def kills(rounds: int) -> dict:
    """Alternate SIGTERM and SIGKILL at random moments of a loop of registrations."""
    from test_kill import SAVER, env, new_desk

    from conftest import PASSWORD
    from petition_desk.db.connection import connect
    from petition_desk.services.checks import check_database

    tmp = Path(tempfile.mkdtemp(prefix="fault-bench-"))
    db = tmp / "desk.sqlite"
    data_key = new_desk(db)  # encrypted, with the test clerk the saver logs in as
    rng = random.Random(7)
    out = dict.fromkeys(
        ("rounds", "acked", "lost", "in_flight_committed", "unhealthy", "wal_left_after_term"), 0
    )
    out["wal_left_after_kill"] = 0
    before = 0
    for i in range(rounds):
        sig = signal.SIGTERM if i % 2 == 0 else signal.SIGKILL
        script = SAVER.format(root=str(ROOT), tests=str(ROOT / "tests"), password=PASSWORD)
        after = rng.randrange(3, 40)
        with subprocess.Popen(
            [sys.executable, "-c", script, str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env(tmp),
        ) as proc:
            acked = 0
            for line in proc.stdout:
                acked = int(line)
                if acked >= after:
                    proc.send_signal(sig)
                    break
            rest, _ = proc.communicate(timeout=60)
            for line in rest.split():
                acked = int(line)
        # (looked at before opening it: the last connection to close removes the -wal)
        wal = db.with_name("desk.sqlite-wal")
        wal_left = wal.exists() and wal.stat().st_size > 0
        c = connect(db, key=data_key, wal=False)
        stored = c.execute("SELECT count(*) FROM cases").fetchone()[0]
        c.close()
        key = "wal_left_after_term" if sig == signal.SIGTERM else "wal_left_after_kill"
        out[key] += wal_left
        out["rounds"] += 1
        out["acked"] += acked
        out["lost"] += max(0, before + acked - stored)
        out["in_flight_committed"] += max(0, stored - before - acked)
        out["unhealthy"] += not check_database(db, key=data_key).healthy
        before = stored
    return out


def flips(n: int) -> dict:
    from test_faults import flip_run

    return flip_run(Path(tempfile.mkdtemp(prefix="fault-bench-")), n)


def searches(n: int) -> dict:
    """Fuzzed queries (NUL, quotes, FTS syntax, very long) against a demo ledger."""
    from petition_desk.db.connection import connect
    from petition_desk.db.engine import sqlite3
    from petition_desk.db.keyring import CHEAP_KDF
    from petition_desk.db.ledger_query import LedgerFilter, count_sql, where_clause
    from petition_desk.services.demo import build_demo

    tmp = Path(tempfile.mkdtemp(prefix="fault-bench-"))
    db = tmp / "demo.sqlite"
    key = build_demo(db, 300, seed=2, kdf=CHEAP_KDF)
    conn = connect(db, key=key)
    rng = random.Random(5)
    pieces = [
        '"',
        "'",
        "\x00",
        "*",
        "NEAR",
        "AND",
        "(",
        ")",
        "%",
        "_",
        "\\",
        "张",
        "村",
        "补偿",
        "2026-",
        "1381",
        "zjg",
        " ",
        "\x0b",
        "OR",
        "^",
        ":",
    ]
    errors = 0
    for _ in range(n):
        q = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 12)))
        if rng.random() < 0.05:
            q = q * 200
        where = where_clause(
            LedgerFilter(search=q), __import__("datetime").date(2026, 11, 16), 3, 30
        )
        sql, params = count_sql(where)
        try:
            conn.execute(sql, params).fetchone()
        except sqlite3.Error:
            errors += 1
    return {"queries": n, "errors": errors}


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    n_flips = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    queries = int(sys.argv[3]) if len(sys.argv) > 3 else 3000
    print(json.dumps({"kills": kills(rounds)}))
    print(json.dumps({"bit_flips": flips(n_flips)}))
    print(json.dumps({"searches": searches(queries)}))


if __name__ == "__main__":
    main()
