"""The ``petition-desk`` command line: a thin face over the same services as the window."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import getpass
import os
import sys
import time
from pathlib import Path

from petition_desk import __version__
from petition_desk.errors import DeskError


def _parser(with_commands: bool = True) -> argparse.ArgumentParser:
    """The command line; without ``with_commands`` only the window's own options (start-up)."""
    p = argparse.ArgumentParser(prog="petition-desk", description="信访接待台")
    p.add_argument("--version", action="version", version=f"petition-desk {__version__}")
    p.add_argument("--db", type=Path, help="数据库文件（默认在用户数据目录）")
    p.add_argument(
        "--demo", action="store_true", help="在演示数据库的临时副本上打开窗口（以演示信访员登录）"
    )
    p.add_argument("--user", default=None, help=_USER_HELP)
    p.add_argument(
        "--new-db", action="store_true", help="--db 指向空文件（0 字节）时，在其中新建数据库"
    )
    # Used by CI's smoke test of the frozen bundle: show the window, then quit by itself.
    p.add_argument("--quit-after", type=int, metavar="MS", help=argparse.SUPPRESS)
    if not with_commands:
        p.set_defaults(command=None)
        return p
    sub = p.add_subparsers(dest="command")

    init = sub.add_parser("init", help="新建空的加密数据库（恢复密钥只显示一次）")
    init.add_argument("--db", type=Path, required=True)
    init.add_argument("--unit", required=True, help="单位名称")
    init.add_argument("--admin", required=True, help="管理员登录名")
    init.add_argument("--name", help="管理员姓名（默认同登录名）")

    enc = sub.add_parser("encrypt", help="把旧版本的未加密数据库转换为加密数据库")
    enc.add_argument("--db", type=Path, required=True)
    enc.add_argument("--admin", required=True, help="管理员登录名（已有用户则设为管理员）")
    enc.add_argument("--name", help="管理员姓名（新用户时，默认同登录名）")
    enc.add_argument(
        "--remove-plain", action="store_true", help="转换核对无误后删除未加密的原文件副本"
    )

    rec = sub.add_parser(
        "recover", help="管理员忘记密码时，凭恢复密钥设置新密码（恢复密钥从终端输入）"
    )
    rec.add_argument("--db", type=Path, required=True)
    rec.add_argument("--admin", required=True, help="管理员登录名")

    demo = sub.add_parser("demo-data", help="生成演示数据库")
    demo.add_argument("--db", type=Path, required=True)
    demo.add_argument("--cases", type=int, default=2000)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--until", type=dt.date.fromisoformat, help="最后日期（默认今天）")

    check = sub.add_parser("check", help="检查数据库是否完好")
    check.add_argument("--db", type=Path, required=True)

    export = sub.add_parser("export-ledger", help="导出信访台账（Excel）")
    export.add_argument("--db", type=Path, required=True)
    period = export.add_mutually_exclusive_group(required=True)
    period.add_argument("--month", help="月份，如 2026-11")
    period.add_argument("--from", dest="date_from", type=dt.date.fromisoformat, help="起始日期")
    period.add_argument("--all", action="store_true", help="全部案件")
    export.add_argument("--to", dest="date_to", type=dt.date.fromisoformat, help="截止日期")
    export.add_argument("--out", type=Path, required=True)
    export.add_argument("--unmasked", action="store_true", help="身份证号和电话不打码（慎用）")

    imp = sub.add_parser("import-ledger", help="导入已有的 Excel 台账")
    imp.add_argument("--db", type=Path, required=True)
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="只检查，不导入")
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="字段=表头",
        help="指定列，如 --map name=来访人姓名（可多次）",
    )
    imp.add_argument(
        "--sheet",
        action="append",
        default=[],
        metavar="工作表",
        help="只导入这张工作表（可多次；默认导入每张有表头的表）",
    )

    keep = sub.add_parser("retention", help="保管期满的案卷与存信：列出，或经批准销毁")
    keep.add_argument("--db", type=Path, required=True)
    keep.add_argument(
        "--as-of", type=dt.date.fromisoformat, help="按此日期计算（默认今天；列出时可提前规划）"
    )
    keep.add_argument("--dry-run", action="store_true", help="只列出，不销毁（默认）")
    keep.add_argument("--approve", action="store_true", help="批准销毁所列案卷（不可撤销）")
    keep.add_argument("--reason", default="", help="销毁的理由和依据（批准时必填）")
    keep.add_argument("--list", type=Path, help="销毁清册 PDF 的保存位置（批准时）")
    keep.add_argument("--user", help="经办人登录名")

    backup = sub.add_parser("backup", help="备份数据库")
    backup.add_argument("--db", type=Path, required=True)
    backup.add_argument("--out", type=Path, help="备份文件（默认在数据库旁的 backups 文件夹）")

    restore = sub.add_parser("restore", help="从备份恢复数据库（管理员；当前文件先另存）")
    restore.add_argument("--db", type=Path, required=True)
    restore.add_argument("--from", dest="source", type=Path, required=True, help="备份文件")

    roster = sub.add_parser("roster", help="导出领导接待日安排（.xlsx 或 .pdf）")
    roster.add_argument("--db", type=Path, required=True)
    roster.add_argument("--month", required=True, help="月份，如 2026-10")
    roster.add_argument("--out", type=Path, required=True, help="FILE.xlsx 或 FILE.pdf")

    letter = sub.add_parser("letter", help="出具文书（PDF）")
    letter.add_argument("--db", type=Path, required=True)
    letter.add_argument("--case", required=True, help="案件编号，如 2026-0137")
    letter.add_argument("--kind", required=True, help="文书种类：" + "、".join(_kinds()))
    letter.add_argument("--out", type=Path, required=True)
    letter.add_argument("--unmasked", action="store_true", help="来访登记表中身份证号和电话不打码")
    letter.add_argument("--reason", help="同一步骤的文书再次出具时，说明原因")

    from petition_desk.ocr.cli import add_parser as add_ocr_parser

    add_ocr_parser(sub)
    stats = sub.add_parser("stats", help="月度统计数字（与窗口、台账、分析报告一致）")
    stats.add_argument("--db", type=Path, required=True)
    stats.add_argument("--month", required=True, help="月份，如 2026-10")
    stats.add_argument("--as-of", type=dt.date.fromisoformat, help="统计日（默认今天）")
    stats.add_argument("--json", action="store_true", help="输出 JSON（键名固定，见 README）")

    report = sub.add_parser("report", help="出具月度信访分析报告（PDF，编号存档）")
    report.add_argument("--db", type=Path, required=True)
    report.add_argument("--month", required=True, help="月份，如 2026-10")
    report.add_argument("--as-of", type=dt.date.fromisoformat, help="统计日（默认今天）")
    report.add_argument("--out", type=Path, help="PDF 文件")
    text = report.add_mutually_exclusive_group()
    text.add_argument("--analysis", help="分析和建议（一段或多段文字）")
    text.add_argument("--analysis-file", type=Path, help="从 UTF-8 文本文件读取分析和建议")
    text.add_argument("--draft", action="store_true", help="只打印分析和建议的草稿，不出具")
    report.add_argument("--user", help="经办人登录名")
    for name, command in sub.choices.items():
        taken = "--user" in command._option_string_actions
        if name not in ("init", "encrypt", "recover", "demo-data") and not taken:
            command.add_argument("--user", default=argparse.SUPPRESS, help=_USER_HELP)
    return p


_USER_HELP = (
    "登录名（也可用环境变量 PETITION_DESK_USER；密码从终端读取或取自 PETITION_DESK_PASSWORD）"
)


def _month_arg(month: str) -> str | None:
    """``2026-10`` when valid, else None."""
    try:
        year, number = (int(x) for x in month.split("-"))
        dt.date(year, number, 1)
    except ValueError:
        return None
    return f"{year:04d}-{number:02d}"


def _kinds() -> list[str]:
    from petition_desk.reports.templates import KINDS

    return list(KINDS)


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code.

    0 done; 1 the store or the disk failed (locked, read-only, full, damaged: the message says
    what to do, nothing was half-saved); 2 the request itself was wrong; 130/143 interrupted.
    """
    from petition_desk import cli_text
    from petition_desk.db.connection import StoreError
    from petition_desk.db.errors import private_files, store_errors
    from petition_desk.termination import Terminated, terminate_on_sigterm

    cli_text.install()
    args = _parse_args(sys.argv[1:] if argv is None else argv)
    private_files()
    try:
        with terminate_on_sigterm(), store_errors(getattr(args, "db", None)):
            return _dispatch(args)
    except StoreError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except DeskError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a file problem store_errors does not know: still no traceback
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, Terminated) as exc:
        print("\n已中断：未完成的操作没有保存任何内容", file=sys.stderr)
        return 143 if isinstance(exc, Terminated) else 130
    finally:
        _close_all()


def _parse_args(argv: list[str]) -> argparse.Namespace:
    """Parse ``argv``; the window's start skips building (and importing for) every command.

    The window's options alone are tried first: a command's name is a positional argument
    they do not know, so any command (or anything unknown, or a request for help) is left
    over and goes to the full parser, with its own messages.
    """
    if "-h" not in argv and "--help" not in argv:
        args, rest = _parser(with_commands=False).parse_known_args(argv)
        if not rest:
            return args
    return _parser().parse_args(argv)


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "init":
        return _init(args)
    if args.command == "encrypt":
        return _encrypt(args)
    if args.command == "recover":
        return _recover(args)
    if args.command == "restore":
        return _restore(args)
    if args.command == "demo-data":
        return _demo_data(args)
    if args.command == "check":
        return _check(args)
    if args.command == "export-ledger":
        return _export(args)
    if args.command == "import-ledger":
        return _import(args)
    if args.command == "letter":
        return _letter(args)
    if args.command == "roster":
        return _roster(args)
    if args.command == "backup":
        return _backup(args)
    if args.command == "retention":
        return _retention(args)
    if args.command == "ocr":
        from petition_desk.ocr.cli import run as run_ocr

        return run_ocr(args)
    if args.command == "stats":
        return _stats(args)
    if args.command == "report":
        return _report(args)
    return _gui(args)


def _demo_data(args: argparse.Namespace) -> int:
    from petition_desk.services.demo import build_demo

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
    print("演示用户：admin（密码 demo-admin，管理员）、clerk（密码 demo-clerk，信访员）")
    return 0


def _password(prompt: str = "密码：") -> str:
    """From PETITION_DESK_PASSWORD (scripts), else typed at the terminal without echo."""
    env = os.environ.get("PETITION_DESK_PASSWORD")
    if env is not None:
        return env
    if not sys.stdin.isatty():
        raise DeskError("请在终端输入密码，或设置环境变量 PETITION_DESK_PASSWORD")
    return getpass.getpass(prompt)


def _login_name(args: argparse.Namespace) -> str:
    name = getattr(args, "user", None) or os.environ.get("PETITION_DESK_USER")
    if name:
        return name
    if not sys.stdin.isatty():
        raise DeskError("请用 --user 或环境变量 PETITION_DESK_USER 指定登录名")
    return input("登录名：").strip()


def _new_password() -> str:
    if os.environ.get("PETITION_DESK_PASSWORD") is not None:
        return os.environ["PETITION_DESK_PASSWORD"]
    from petition_desk.services.access import check_password

    first = _password("设置管理员密码：")
    check_password(first, _password("再次输入密码："))
    return first


def _print_recovery(recovery: str) -> None:
    print("恢复密钥（只显示这一次，请抄写或打印后存放在保险柜中；忘记密码时凭它恢复）：")
    print(f"    {recovery}")


def _init(args: argparse.Namespace) -> int:
    from petition_desk.services.access import init_desk

    desk, recovery = init_desk(
        args.db, args.unit, args.admin, args.name or args.admin, _new_password()
    )
    desk.conn.close()
    print(f"已新建加密数据库 -> {args.db}（管理员：{args.admin}）")
    _print_recovery(recovery)
    return 0


def _recover(args: argparse.Namespace) -> int:
    """The recovery key from PETITION_DESK_RECOVERY_KEY (scripts) or typed without echo; the
    new password as for ``init``."""
    from petition_desk.services.access import recover

    recovery = os.environ.get("PETITION_DESK_RECOVERY_KEY")
    if recovery is None:
        if not sys.stdin.isatty():
            raise DeskError("请在终端输入恢复密钥，或设置环境变量 PETITION_DESK_RECOVERY_KEY")
        recovery = getpass.getpass("恢复密钥：")
    recover(args.db, recovery, args.admin, _new_password())
    print(f"已为管理员“{args.admin}”设置新密码，请用新密码登录")
    return 0


def _encrypt(args: argparse.Namespace) -> int:
    from petition_desk.services.encryption import encrypt_plain, remove_plain_copies

    result = encrypt_plain(args.db, args.admin, args.name or args.admin, _new_password())
    print(f"已转换为加密数据库 -> {args.db}（案件 {result.cases} 件，逐表核对一致）")
    _print_recovery(result.recovery)
    if args.remove_plain:
        for path in remove_plain_copies(result):
            print(f"已删除未加密的副本 {path}")
    else:
        for path in result.plain_copies:
            print(f"注意：未加密的副本仍在 {path}，核对后请删除（或用 --remove-plain）")
    return 0


def _unlock_key(args: argparse.Namespace) -> bytes | None:
    """The data key for read-only commands (nothing is written, not even a login entry)."""
    from petition_desk.db.connection import is_plain
    from petition_desk.db.keyring import Keyring, keys_path

    if not args.db.is_file() or args.db.stat().st_size == 0 or is_plain(args.db):
        return None  # nothing to decrypt: the check reports what the file is
    ring = Keyring.load(keys_path(args.db))
    return ring.unlock(_login_name(args), _password())


def _check(args: argparse.Namespace) -> int:
    from petition_desk.db.connection import is_plain
    from petition_desk.db.keyring import keys_path
    from petition_desk.services.checks import check_database

    db = args.db
    if db.is_file() and db.stat().st_size and not is_plain(db) and not keys_path(db).exists():
        # Unreadable without a key file: an encrypted desk whose .keys was left behind, or
        # not a database at all. Both are said; neither is "healthy".
        print(
            f"问题：“{db}”不是可直接读取的数据库，旁边也没有密钥文件“{keys_path(db).name}”。"
            "如果它是加密的信访接待台数据库（或其备份），请把与它一同保存的 .keys 文件放在它旁边"
            "（与它同名）后再检查；否则它不是数据库文件"
        )
        print("发现 1 个问题")
        return 1
    report = check_database(db, key=_unlock_key(args))
    for line in report.info:
        print(line)
    for line in report.problems:
        print(f"问题：{line}")
    print("数据库完好" if report.healthy else f"发现 {len(report.problems)} 个问题")
    return 0 if report.healthy else 1


#: Connections this run opened, closed on the way out (also after Ctrl+C or SIGTERM), so the
#: store is checkpointed and no -wal is left behind.
_OPEN: list = []


def _close_all() -> None:
    while _OPEN:
        conn = _OPEN.pop()
        with contextlib.suppress(Exception):  # best effort; the transaction rolled back
            conn.close()


def _login(args: argparse.Namespace):
    from petition_desk.services.access import login

    # A long upgrade (the first run of a new version on a large desk) says what it does.
    desk = login(
        args.db, _login_name(args), _password(), on_stage=lambda text: print(text, file=sys.stderr)
    )
    _OPEN.append(desk.conn)
    return desk


def _open(args: argparse.Namespace):
    desk = _login(args)
    return desk.conn, desk.user


def _export(args: argparse.Namespace) -> int:
    from petition_desk.reports.ledger_export import export_and_record, period_bounds
    from petition_desk.services.calendar_store import load_limits

    conn, user = _open(args)
    if args.month:
        first, last = period_bounds(args.month)
    elif args.all:
        from petition_desk.services.cases import received_span

        today = dt.date.today()
        first, last = received_span(conn) or (today, today)
    else:
        first, last = args.date_from, args.date_to or dt.date.today()
    if last < first:
        print("错误：截止日期早于起始日期", file=sys.stderr)
        return 2
    result = export_and_record(
        conn,
        args.out,
        first,
        last,
        load_limits(conn),
        dt.date.today(),
        user,
        unmasked=args.unmasked,
    )
    masked = "（身份证号、电话未打码）" if args.unmasked else "（身份证号、电话已打码）"
    print(f"已导出 {result.cases} 件，超期 {result.overdue} 件{masked} -> {args.out}")
    if result.cells_cleaned:
        print(
            f"注意：有 {result.cells_cleaned} 个单元格含有 Excel 无法保存的字符（或过长），已去除后导出"
        )
    return 0


def _import(args: argparse.Namespace) -> int:
    from petition_desk.reports.ledger_import import FIELD_LABELS, import_ledger

    mapping = {}
    for item in args.map:
        key, _, header = item.partition("=")
        if key not in FIELD_LABELS:
            print(f"错误：未知字段“{key}”，可用：{', '.join(FIELD_LABELS)}", file=sys.stderr)
            return 2
        mapping[key] = header
    conn, user = _open(args)
    report = import_ledger(
        conn, args.file, user, dry_run=args.dry_run, mapping=mapping, sheets=args.sheet or None
    )
    for s in report.sheets:
        if not s.selected:
            print(f"工作表“{s.name}”：未读取（{s.note}）")
            continue
        print(f"工作表“{s.name}”：表头在第 {s.header_row} 行")
        print("  列对应：" + "，".join(f"{FIELD_LABELS[f]}←“{h}”" for f, h in s.mapping.items()))
        for row, why in s.skipped:
            print(f"  跳过第 {row} 行：{why}")
        for row, text in s.warnings:
            print(f"  提示第 {row} 行：{text}")
        for r in s.rejected:
            print(f"  未导入第 {r.row} 行：{r.reason}")
        print(f"  {s.identity(committed=report.committed)}")
    if args.dry_run:
        print(f"试运行（未写入数据库）：{report.identity()}")
    else:
        print(f"已导入：{report.identity()}")
        if report.rejects_file:
            print(f"未导入的行及原因已写入 {report.rejects_file}")
    return 0


def _letter(args: argparse.Namespace) -> int:
    """Issue one document; a kind the case's history does not call for is refused (exit 1)."""
    from petition_desk.errors import ValidationError
    from petition_desk.services import documents
    from petition_desk.services.cases import get_case

    conn, user = _open(args)
    case = get_case(conn, args.case)
    try:
        doc = documents.issue(
            conn,
            case["id"],
            args.kind,
            user,
            unmasked=args.unmasked,
            reason=args.reason or "",
            destination=str(args.out),
        )
    except documents.AlreadyIssued as exc:
        print(f"错误：{exc}（重新出具请加 --reason 原因）", file=sys.stderr)
        return 1
    except ValidationError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    args.out.write_bytes(doc.pdf)
    print(f"已出具 {doc.number or '（无编号）'}（{doc.font}）SHA-256 {doc.sha256} -> {args.out}")
    return 0


def _retention(args: argparse.Namespace) -> int:
    from petition_desk.services import destruction
    from petition_desk.services.retention import due_for_destruction

    if args.approve and args.dry_run:
        print("错误：--dry-run 与 --approve 不能同时使用", file=sys.stderr)
        return 2
    conn, user = _open(args)
    today = dt.date.today()
    as_of = args.as_of or today
    due = due_for_destruction(conn, as_of)
    for d in due:
        where = f"卷号 {d.volume}" if d.volume else "存信"
        print(f"{d.number}\t{where}\t保管期限 {d.retention}\t保管至 {d.kept_until.isoformat()}")
    print(f"截至 {as_of.isoformat()} 保管期满：{len(due)} 件")
    if not args.approve:
        return 0
    batch = destruction.destroy(conn, args.db, as_of, args.reason, user)
    out = args.list or args.db.with_name(f"销毁清册-第{batch.id}批.pdf")
    out.write_bytes(destruction.destruction_list(conn, batch, today))
    print(
        f"已销毁 {len(batch.due)} 件（第{batch.id}批），删除附件 {batch.files_removed} 个；"
        f"销毁清册 -> {out}"
    )
    print("注意：此前制作的备份仍含被销毁的内容，直至按轮换规则删除。")
    return 0


def _backup(args: argparse.Namespace) -> int:
    from petition_desk.services.backup import backup_folder, make_backup_as
    from petition_desk.services.backup_rotation import verify_copy

    if not args.db.exists():
        print(f"错误：数据库“{args.db}”不存在", file=sys.stderr)
        return 2
    desk = _login(args)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = args.out or backup_folder(args.db) / f"{args.db.stem}-{stamp}.sqlite"
    make_backup_as(desk, out)
    # A copy counts only once it is checked (integrity and schema), as the daily ones are.
    why = verify_copy(out, desk.key)
    if why:
        out.unlink(missing_ok=True)
        print(f"错误：备份未通过检查，已删除：{why}。请先运行 check 检查数据库", file=sys.stderr)
        return 1
    print(f"已备份并核验 -> {out}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from petition_desk.services.backup import restore

    desk = _login(args)
    try:
        aside = restore(desk, args.source)
    except BaseException:
        desk.conn.close()
        raise
    print(f"已从 {args.source} 恢复（核对通过）；原数据库另存为 {aside}")
    return 0


def _roster(args: argparse.Namespace) -> int:
    from petition_desk.services import roster_notice

    if args.out.suffix.lower() not in (".xlsx", ".pdf"):
        print("错误：--out 须以 .xlsx 或 .pdf 结尾", file=sys.stderr)
        return 2
    conn, user = _open(args)
    try:
        year, month = (int(x) for x in args.month.split("-"))
        dt.date(year, month, 1)
    except ValueError:
        print(f"错误：月份“{args.month}”应写成 2026-10", file=sys.stderr)
        return 2
    notice = roster_notice.gather(conn, year, month, user)
    if notice.unconfirmed_year:
        print(f"注意：{year}年节假日安排尚未录入，接待日仅排除了周末", file=sys.stderr)
    roster_notice.export(notice, args.out, user, conn, dt.date.today())
    print(f"{year}年{month}月接待日 {len(notice.entries)} 个 -> {args.out}")
    return 0


def _stats(args: argparse.Namespace) -> int:
    import json

    from petition_desk.services import figures as F
    from petition_desk.services.calendar_store import load_limits

    month = _month_arg(args.month)
    if month is None:
        print(f"错误：月份“{args.month}”应写成 2026-10", file=sys.stderr)
        return 2
    conn, _user = _open(args)
    as_of = args.as_of or dt.date.today()
    f = F.compute(conn, *F.month_bounds(month), as_of, load_limits(conn))
    if args.json:
        print(json.dumps(f.as_json(), ensure_ascii=False, indent=2))
        return 0
    print(f"{month} 信访统计（截至 {as_of}）")
    for key in F.COUNT_KEYS:
        if key != "review":
            print(f"  {F.BY_KEY[key].label}：{getattr(f, key)}")
    for key in F.RATE_KEYS:
        r = f.rate(key)
        target = "" if r.target is None else f"  目标 {r.target}%"
        mark = "  未达目标" if r.below_target else ""
        print(f"  {F.BY_KEY[key].label}：{r}（{r.numerator}/{r.denominator}）{target}{mark}")
    for key, title in F.BREAKDOWNS.items():
        items = "，".join(f"{k} {v}" for k, v in getattr(f, key).items()) or "无"
        print(f"  {title}：{items}")
    for lr in f.review:
        mark = "  未达目标" if lr.rate.below_target else ""
        print(
            f"  {lr.leader}阅批率：{lr.rate}（{lr.rate.numerator}/{lr.rate.denominator}）"
            f"  目标 {lr.rate.target}%{mark}"
        )
    return 0


def _report(args: argparse.Namespace) -> int:
    from petition_desk.services import analysis_reports
    from petition_desk.services.calendar_store import load_limits

    month = _month_arg(args.month)
    if month is None:
        print(f"错误：月份“{args.month}”应写成 2026-10", file=sys.stderr)
        return 2
    conn, user = _open(args)
    as_of = args.as_of or dt.date.today()
    limits = load_limits(conn)
    if args.draft:
        print(analysis_reports.draft_analysis(analysis_reports.gather(conn, month, as_of, limits)))
        return 0
    if args.out is None:
        print("错误：请用 --out 指定 PDF 文件", file=sys.stderr)
        return 2
    if args.analysis_file:
        try:
            analysis = args.analysis_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(
                f"错误：读不出“{args.analysis_file}”（{exc}），请存为 UTF-8 文本", file=sys.stderr
            )
            return 2
    else:
        analysis = args.analysis or ""
    if not analysis.strip():
        print(
            "错误：请用 --analysis 或 --analysis-file 写好“分析和建议”再出具"
            "（可先用 --draft 看草稿）",
            file=sys.stderr,
        )
        return 2
    doc = analysis_reports.issue_report(conn, month, as_of, limits, analysis, user)
    args.out.write_bytes(doc.pdf)
    print(f"已出具分析报告 {doc.number}（{doc.font}）SHA-256 {doc.sha256} -> {args.out}")
    return 0


def _gui(args: argparse.Namespace) -> int:
    from petition_desk.db.keyring import login_from_environment, unlock_early

    early = None
    credentials = None if args.demo else login_from_environment(args.user)
    if credentials is not None:
        # The password is known at launch: derive the key while Qt and the window load.
        from petition_desk.paths import default_db

        early = unlock_early(args.db or default_db(), *credentials)
    # A failure to load Qt is a real error with its own message, not "no window yet".
    from petition_desk.ui.app import run

    return run(
        db=args.db,
        demo=args.demo,
        quit_after_ms=args.quit_after,
        new_db=args.new_db,
        user=args.user,
        early=early,
    )
