"""Time from launch to the main window shown, side by side with a bare PySide6 window (the
floor for any Qt application), for ``python -m petition_desk`` and the frozen bundle.

    python bench/startup_bench.py [runs]        # frozen numbers need dist/ (pyinstaller build.spec)

Target: the desk within 1.5 times the bare window (median of the runs); the last line says
whether it was met. Where the time goes: ``python -X importtime -m petition_desk --quit-after 1``.

Each run starts a fresh process and stops the clock when the process prints the line that the
event loop prints once the window is shown. Databases and settings live in a temporary folder.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.5  # times the bare PySide6 window
BARE = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication([])
w = QMainWindow(); w.setCentralWidget(QLabel("bare")); w.resize(1280, 800); w.show()
QTimer.singleShot(0, lambda: print("petition-desk: main window shown", flush=True))
QTimer.singleShot(100, app.quit)
app.exec()
"""


def time_until_shown(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    for line in proc.stdout:
        if line.startswith("petition-desk: main window shown"):
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError(f"{cmd[0]} never showed its window")
    proc.wait(timeout=60)
    return elapsed


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    tmp = Path(tempfile.mkdtemp(prefix="startup-bench-"))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "XDG_DATA_HOME": str(tmp / "data"),
        "XDG_CONFIG_HOME": str(tmp / "config"),
    }
    db = tmp / "desk.sqlite"
    app_args = ["--db", str(db), "--quit-after", "100"]
    # Run this checkout's package, not whichever one the virtual environment has installed.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    cases = {
        "bare PySide6 window (python)": [sys.executable, "-c", BARE],
        "python -m petition_desk": [sys.executable, "-m", "petition_desk", *app_args],
    }
    frozen = ROOT / "dist" / "petition-desk" / "petition-desk"
    if frozen.exists():
        cases["frozen bundle"] = [str(frozen), *app_args]
    time_until_shown(cases["python -m petition_desk"], env)  # first start creates the database
    # Interleaved, so a burst of load from other work on the machine hits both alike.
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, cmd in cases.items():
            times[name].append(time_until_shown(cmd, env))
    results = {name: statistics.median(values) for name, values in times.items()}
    floor = results["bare PySide6 window (python)"]
    print(f"median of {runs} runs, offscreen platform")
    print(f"{'':32}{'seconds':>9}{'x bare':>8}{'target':>9}  met")
    met = []
    for name, seconds in results.items():
        ratio = seconds / floor
        if name == "bare PySide6 window (python)":
            print(f"{name:32}{seconds:9.2f}{ratio:8.2f}")
            continue
        met.append(ratio <= TARGET)
        ok = "yes" if met[-1] else "NO"
        print(f"{name:32}{seconds:9.2f}{ratio:8.2f}{'≤' + format(TARGET, 'g') + 'x':>9}  {ok}")
    if frozen.exists():
        size = sum(
            p.stat().st_size for p in frozen.parent.rglob("*") if p.is_file() and not p.is_symlink()
        )
        print(f"bundle size: {size / 2**20:.0f} MiB ({frozen.parent})")
    print(f"{sum(met)} of {len(met)} targets met")


if __name__ == "__main__":
    main()
