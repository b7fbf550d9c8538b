"""The ``petition-desk`` command line: a thin face over the same services as the window."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from petition_desk import __version__
from petition_desk.errors import DeskError


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="petition-desk", description="信访接待台")
    p.add_argument("--version", action="version", version=f"petition-desk {__version__}")
    p.add_argument("--db", type=Path, help="数据库文件（默认在用户数据目录）")
    p.add_argument("--demo", action="store_true", help="在演示数据库的临时副本上打开窗口")
    # Used by CI's smoke test of the frozen bundle: show the window, then quit by itself.
    p.add_argument("--quit-after", type=int, metavar="MS", help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command")

    demo = sub.add_parser("demo-data", help="生成演示数据库")
    demo.add_argument("--db", type=Path, required=True)
    demo.add_argument("--cases", type=int, default=2000)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--until", type=dt.date.fromisoformat, help="最后日期（默认今天）")

    check = sub.add_parser("check", help="检查数据库是否完好")
    check.add_argument("--db", type=Path, required=True)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "demo-data":
            return _demo_data(args)
        if args.command == "check":
            return _check(args)
        return _gui(args)
    except DeskError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2


def _demo_data(args: argparse.Namespace) -> int:
    from petition_desk.demo import build_demo

    if args.cases < 1:
        print("错误：--cases 至少为 1", file=sys.stderr)
        return 2
    if args.db.exists():
        print(f"错误：“{args.db}”已存在，演示数据只写入新文件", file=sys.stderr)
        return 2
    started = time.perf_counter()

    def progress(done: int, total: int) -> bool:
        print(f"\r已生成 {done}/{total} 件", end="", file=sys.stderr, flush=True)
        return True

    build_demo(args.db, args.cases, seed=args.seed, until=args.until, progress=progress)
    print(f"\n完成：{args.cases} 件，用时 {time.perf_counter() - started:.1f} 秒 -> {args.db}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from petition_desk.checks import check_database

    report = check_database(args.db)
    for line in report.info:
        print(line)
    for line in report.problems:
        print(f"问题：{line}")
    print("数据库完好" if report.healthy else f"发现 {len(report.problems)} 个问题")
    return 0 if report.healthy else 1


def _gui(args: argparse.Namespace) -> int:
    try:
        from petition_desk.ui.app import run
    except ImportError:
        print("主窗口尚未提供；请使用子命令（petition-desk --help）", file=sys.stderr)
        return 2
    return run(db=args.db, demo=args.demo, quit_after_ms=args.quit_after)
