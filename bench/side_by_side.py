"""Two ledger bench outputs side by side, with the ratio of the model times per target.

    python bench/ledger_bench.py enc.sqlite 3 > enc.txt
    python bench/ledger_bench.py plain.sqlite 3 > plain.txt
    python bench/side_by_side.py enc.txt plain.txt

Reads the target lines (those ending in ``yes``/``NO``) of each output; the ratio is the first
file's model time over the second's. On a shared machine single ratios are noisy: read the
medians of the ratios per group.
"""

from __future__ import annotations

import re
import statistics
import sys
from pathlib import Path

# name, bare (optional), model, GUI, target, met
LINE = re.compile(
    r"^(?P<name>.{40}) (?P<bare>[ \d.]{8}) +(?P<model>[\d.]+) +[\d.]+ +(?P<target>≤\S+(?: KB)?) +(?P<met>yes|NO)$"
)


def targets(path: Path) -> dict[str, tuple[float, str, str, float]]:
    """name -> (model time, target, met, bare time or nan) of every target line of an output."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = LINE.match(line)
        if m:
            bare = float(m["bare"]) if m["bare"].strip() else float("nan")
            out[m["name"].strip()] = (float(m["model"]), m["target"], m["met"], bare)
    return out


def main(first: Path, second: Path) -> None:
    a, b = targets(first), targets(second)
    print(f"first: {first}   second: {second}   (model ms; bare = SQL alone)")
    head = f"{'target':40} {'first':>9} {'second':>13} {'ratio':>6} {'bare 1st':>9} {'bare 2nd':>9}"
    print(f"{head} {'ratio':>6}  target")
    ratios, bare_ratios = [], []
    for name, (ma, target, meta, ba) in a.items():
        if name not in b:
            continue
        mb, _t, metb, bb = b[name]
        ratio = ma / mb if mb else float("nan")
        bare_ratio = ba / bb if bb else float("nan")
        if "size" not in name:
            ratios.append(ratio)
            if bare_ratio == bare_ratio:
                bare_ratios.append(bare_ratio)
        print(
            f"{name:40} {ma:9.1f} {meta:>3}{mb:9.1f} {metb:>3} {ratio:6.2f} "
            f"{ba:9.1f} {bb:9.1f} {bare_ratio:6.2f}  {target}"
        )
    if ratios:
        print(f"median ratio over the timed targets: model {statistics.median(ratios):.2f}", end="")
        print(f", bare SQL {statistics.median(bare_ratios):.2f}" if bare_ratios else "")
    for path, found in ((first, a), (second, b)):
        met = sum(v[2] == "yes" for v in found.values())
        print(f"{path.name}: {met} of {len(found)} targets met")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
