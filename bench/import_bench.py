"""Importing an unmasked ledger export of N demo cases into an empty desk: how long the whole
run takes and how long of it the write lock is held (the GUI's writers wait that long).

    python bench/import_bench.py [N [SEED]]     # default 2000 cases, seed 1

Prints the accounts, then the seconds for the dry run, the real run, and the real run's
transaction alone.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path


def main(n: int) -> None:
    from petition_desk.db import open_store
    from petition_desk.db.keyring import CHEAP_KDF
    from petition_desk.reports import ledger_import
    from petition_desk.reports.ledger_export import export_ledger
    from petition_desk.services.access import init_desk
    from petition_desk.services.calendar_store import load_limits
    from petition_desk.services.cases import received_span
    from petition_desk.services.demo import build_demo, setup_directory
    from petition_desk.services.directory import ensure_defaults

    until = dt.date(2026, 6, 30)
    now = dt.datetime(2026, 7, 1, 9)
    folder = Path(tempfile.mkdtemp())
    # Both desks are encrypted, as every desk is (issue 12); a cheap key derivation, since
    # unlocking is not what is measured.
    key = build_demo(
        folder / "a.sqlite",
        n,
        seed=int(sys.argv[2]) if len(sys.argv) > 2 else 1,
        until=until,
        kdf=CHEAP_KDF,
    )
    source = open_store(folder / "a.sqlite", key)
    ensure_defaults(source)
    first, last = received_span(source)
    ledger = folder / "ledger.xlsx"
    export_ledger(source, ledger, first, last, load_limits(source), until, unmasked=True)
    desk, _recovery = init_desk(
        folder / "b.sqlite", "青石镇人民政府", "admin", "管理员", "bench-password", kdf=CHEAP_KDF
    )
    conn, user = desk.conn, desk.user  # the administrator may import
    setup_directory(conn)

    held: list[float] = []
    real_transaction = ledger_import.transaction

    @contextlib.contextmanager
    def timed(c):
        start = time.perf_counter()
        with real_transaction(c):
            yield c
        held.append(time.perf_counter() - start)

    ledger_import.transaction = timed
    start = time.perf_counter()
    dry = ledger_import.import_ledger(conn, ledger, user, dry_run=True, now=now)
    dry_s = time.perf_counter() - start
    start = time.perf_counter()
    real = ledger_import.import_ledger(conn, ledger, user, now=now)
    real_s = time.perf_counter() - start
    print(f"cases {n}: {dry.identity()} | {real.identity()}")
    print(
        f"dry run {dry_s:.2f} s; real run {real_s:.2f} s, of which write lock held {held[0]:.2f} s"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
