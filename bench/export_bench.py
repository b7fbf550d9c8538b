"""Exporting 100,000 cases to Excel, side by side with a bare openpyxl write-only loop that
writes the same cells (the floor: no SQL, no styles, no masking).

    petition-desk demo-data --db /tmp/m1.sqlite --cases 1000000
    python bench/export_bench.py /tmp/m1.sqlite [N]

Each side runs in its own process so peak memory (max RSS) is its own.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import subprocess
import sys
import time
from pathlib import Path


def pick_period(db: str, n: int) -> tuple[dt.date, dt.date]:
    """The most recent days holding about ``n`` cases."""
    from petition_desk.db.connection import connect

    conn = connect(db)
    row = conn.execute(
        "SELECT received_at FROM cases ORDER BY received_at DESC LIMIT 1 OFFSET ?", (n - 1,)
    ).fetchone()
    last = conn.execute("SELECT max(received_at) FROM cases").fetchone()[0]
    return dt.date.fromisoformat(row[0][:10]), dt.date.fromisoformat(last[:10])


def run_export(db: str, first: str, last: str, out: str) -> dict:
    from petition_desk.db.connection import connect
    from petition_desk.reports.ledger_export import export_ledger
    from petition_desk.services.calendar_store import load_limits

    conn = connect(db)
    start = time.perf_counter()
    result = export_ledger(
        conn,
        Path(out),
        dt.date.fromisoformat(first),
        dt.date.fromisoformat(last),
        load_limits(conn),
        dt.date.today(),
    )
    return {"seconds": time.perf_counter() - start, "rows": result.cases}


def run_floor(db: str, first: str, last: str, out: str) -> dict:
    """The same values, fetched first (not timed), written bare."""
    from openpyxl import Workbook

    from petition_desk.db.connection import connect
    from petition_desk.reports.ledger_export import HEADERS, ledger_rows
    from petition_desk.services.calendar_store import load_limits

    conn = connect(db)
    rows = list(
        ledger_rows(
            conn,
            dt.date.fromisoformat(first),
            dt.date.fromisoformat(last),
            load_limits(conn),
            dt.date.today(),
        )
    )
    start = time.perf_counter()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    ws.append([h for h, _ in HEADERS])
    for r in rows:
        ws.append(r)
    wb.save(out)
    return {"seconds": time.perf_counter() - start, "rows": len(rows)}


def child(kind: str, db: str, first: str, last: str, out: str) -> None:
    result = (run_export if kind == "export" else run_floor)(db, first, last, out)
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    db = sys.argv[1] if len(sys.argv) > 1 else "/tmp/m1.sqlite"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    first, last = pick_period(db, n)
    results = {}
    for kind in ("export", "floor"):
        out = f"/tmp/bench-{kind}.xlsx"
        proc = subprocess.run(
            [sys.executable, __file__, "--child", kind, db, str(first), str(last), out],
            capture_output=True,
            text=True,
            check=True,
        )
        results[kind] = json.loads(proc.stdout.strip().splitlines()[-1])
    e, f = results["export"], results["floor"]
    print(f"period {first} .. {last}: {e['rows']:,} cases")
    print(f"{'':28}{'seconds':>10}{'peak RSS MB':>14}")
    print(f"{'export_ledger (3 sheets)':28}{e['seconds']:10.1f}{e['max_rss_mb']:14.0f}")
    print(f"{'bare write-only floor':28}{f['seconds']:10.1f}{f['max_rss_mb']:14.0f}")
    print(
        f"{'ratio':28}{e['seconds'] / f['seconds']:10.2f}{e['max_rss_mb'] / f['max_rss_mb']:14.2f}"
    )
    print(
        "(the floor's RSS includes the rows it holds in memory before writing; "
        "export_ledger streams them)"
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:7])
    else:
        main()
