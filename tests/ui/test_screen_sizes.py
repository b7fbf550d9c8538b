"""Every page at 1366 × 768 and 1920 × 1080, at 100 % and 150 %: nothing the clerk needs is cut.

Each size runs in its own process (Qt reads ``QT_SCALE_FACTOR`` once, at start); the
screenshots land in the test's temporary folder for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from petition_desk.services.demo import build_demo

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("screens") / "demo.sqlite"
    build_demo(db, 400, seed=1, until=dt.date(2026, 11, 28))
    return db


@pytest.mark.parametrize("scale", ["1", "1.5"])
def test_nothing_needed_is_cut(demo_db, tmp_path, scale):
    env = {**os.environ, "QT_SCALE_FACTOR": scale, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.ui.clip_check",
            str(demo_db),
            str(tmp_path),
            "1366x768",
            "1920x1080",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    reports = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["tag"] for r in reports] == [
        f"1366x768@{int(float(scale) * 100)}",
        f"1920x1080@{int(float(scale) * 100)}",
    ]
    for report in reports:
        shots = [Path(p) for p in report["screenshots"]]
        assert len(shots) == 6 and all(p.stat().st_size > 0 for p in shots)
        assert report["problems"] == {}, json.dumps(report, ensure_ascii=False, indent=1)
