"""A plain (unencrypted) twin of an encrypted demo desk, to measure what encryption costs.

    python bench/plain_twin.py /work/bench-data/enc1m.sqlite /work/bench-data/enc1m-plain.sqlite
    python bench/ledger_bench.py /work/bench-data/enc1m.sqlite 3
    python bench/ledger_bench.py /work/bench-data/enc1m-plain.sqlite 3

The twin holds exactly the same rows, schema and ``user_version`` (SQLCipher's
``sqlcipher_export`` copies every table, index and trigger into a database attached with an
empty key), so the two ledger benches differ only by the encryption. It is also where the
bench finds the size breakdown: ``dbstat`` is not compiled into the SQLCipher library, so an
encrypted file can only say its total size.

Only ever for demo data: the twin is the whole desk in clear text. No key file is written beside
it (``bench_key`` then opens it as plain).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

# This checkout's package, not whichever one the virtual environment has installed.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_key import bench_key

from petition_desk.db.connection import connect
from petition_desk.db.keyring import keys_path


def plain_twin(source: Path, target: Path) -> float:
    """Write ``target`` as the decrypted copy of ``source``; returns the seconds it took."""
    key = bench_key(source)
    if key is None:
        raise SystemExit(f"{source} is not encrypted (no {keys_path(source).name} beside it)")
    if target.exists() or keys_path(target).exists():
        raise SystemExit(f"{target} exists: remove it first")
    started = time.perf_counter()
    conn = connect(source, key=key, wal=False)
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
        conn.execute("SELECT sqlcipher_export('plain')")
        conn.execute(f"PRAGMA plain.user_version = {version}")
        conn.execute("DETACH DATABASE plain")
    finally:
        conn.close()
    return time.perf_counter() - started


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    src, dst = Path(sys.argv[1]), Path(sys.argv[2])
    took = plain_twin(src, dst)
    print(
        f"{dst}: {dst.stat().st_size / 2**20:,.1f} MiB plain "
        f"(encrypted {src.stat().st_size / 2**20:,.1f} MiB), {took:.1f} s"
    )
