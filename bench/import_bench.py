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
    from petition_desk.reports import ledger_import
    from petition_desk.reports.ledger_export import export_ledger
    from petition_desk.services.calendar_store import load_limits
    from petition_desk.services.cases import received_span
    from petition_desk.services.demo import build_demo, setup_directory
    from petition_desk.services.directory import ensure_defaults, get_user

    until = dt.date(2026, 6, 30)
    now = dt.datetime(2026, 7, 1, 9)
    folder = Path(tempfile.mkdtemp())
    build_demo(
        folder / "a.sqlite", n, seed=int(sys.argv[2]) if len(sys.argv) > 2 else 1, until=until
    )
    source = open_store(folder / "a.sqlite")
    ensure_defaults(source)
    first, last = received_span(source)
    ledger = folder / "ledger.xlsx"
    export_ledger(source, ledger, first, last, load_limits(source), until, unmasked=True)
    conn = open_store(folder / "b.sqlite")
    ensure_defaults(conn)
    setup_directory(conn)
    user = get_user(conn)

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
