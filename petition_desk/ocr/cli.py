"""``petition-desk ocr FILE... [--json]``: print the text of letters and the fields it proposes."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

from petition_desk.errors import DeskError
from petition_desk.ocr.engine import OcrPage, OcrUnavailable, available, recognise
from petition_desk.ocr.fields import LOW_CONFIDENCE, Proposal, propose_pages

LABELS = {
    "name": "姓名",
    "gender": "性别",
    "id_number": "身份证号",
    "phone": "联系电话",
    "address": "住址",
    "village": "村（社区）",
    "letter_date": "来信日期",
    "request": "诉求",
    "facts": "事实和理由",
}


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``ocr`` subcommand to the desk's command line."""
    p = subparsers.add_parser("ocr", help="识别来信图片或 PDF 中的文字，并给出建议填写的字段")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="图片或 PDF 文件")
    p.add_argument("--json", action="store_true", help="以 JSON 输出（含每行位置和置信度）")
    p.add_argument("--db", type=Path, help="数据库文件：用其中设置的村（社区）名单匹配住址")
    p.add_argument(
        "--village", action="append", default=[], metavar="村名", help="村（社区）名（可多次）"
    )
    p.add_argument("--keep", type=Path, metavar="DIR", help="PDF 渲染出的页面图片保存到此文件夹")
    return p


def run(args: argparse.Namespace) -> int:
    """Run the subcommand; return the exit code (0 read, 2 a problem the user can fix)."""
    if not available():
        print(f"错误：{OcrUnavailable()}", file=sys.stderr)
        return 2
    for f in args.files:
        if not f.is_file():
            print(f"错误：找不到文件“{f}”", file=sys.stderr)
            return 2
    villages = list(args.village) + _villages_of(args)
    try:
        with tempfile.TemporaryDirectory(prefix="petition-desk-ocr-") as tmp:
            work = args.keep or Path(tmp)
            pages = recognise(args.files, work, progress=None if args.json else _progress)
            proposals = propose_pages(
                [([ln.text for ln in page.lines], page.confidences) for page in pages],
                villages=villages,
                today=dt.date.today(),
            )
            if args.json:
                print(json.dumps(_as_json(pages, proposals), ensure_ascii=False, indent=2))
            else:
                _print_text(pages, proposals)
    except DeskError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    return 0


def _villages_of(args: argparse.Namespace) -> list[str]:
    """The village list set in the desk's database (its settings), if one was named.

    Reading it needs the data key: the user logs in as for any command (``--user``, or
    ``PETITION_DESK_USER``/``PETITION_DESK_PASSWORD``).
    """
    if args.db is None:
        return []
    from petition_desk.cli import _unlock_key
    from petition_desk.db.connection import open_store
    from petition_desk.services import settings

    conn = open_store(args.db, _unlock_key(args), create=False)
    try:
        return [str(v) for v in settings.load(conn)["villages"]]
    finally:
        conn.close()


def _progress(done: int, total: int, text: str) -> bool:
    if done < total:
        print(f"\r正在识别 {done + 1}/{total} 页 {text}", end="", file=sys.stderr, flush=True)
    else:
        print(file=sys.stderr)
    return True


def _print_text(pages: list[OcrPage], proposals: list[Proposal]) -> None:
    for page in pages:
        print(f"—— {page.source.name} 第{page.number}页（{page.seconds:.1f} 秒）——")
        print(page.text or "（未识别出文字）")
        print()
    print("—— 建议填写 ——")
    if not proposals:
        print("（无）")
    for p in proposals:
        value = p.value.replace("\n", " ")
        note = f"  ✗ {p.problem}" if p.problem else ""
        doubt = "  ？置信度低" if p.confidence < LOW_CONFIDENCE else ""
        print(f"{LABELS[p.field]}：{value}（置信度 {p.confidence:.2f}）{note}{doubt}")


def _as_json(pages: list[OcrPage], proposals: list[Proposal]) -> dict:
    return {
        "pages": [page.to_dict() for page in pages],
        "fields": [
            {
                "field": p.field,
                "label": LABELS[p.field],
                "value": p.value,
                "confidence": p.confidence,
                "usable": p.usable,
                "problem": p.problem,
                "source": p.source,
                "line": p.line,
            }
            for p in proposals
        ],
    }


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry (``python -m petition_desk.ocr.cli``) until the desk's CLI has it."""
    parser = argparse.ArgumentParser(prog="petition-desk")
    add_parser(parser.add_subparsers(dest="command", required=True))
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
