"""``petition-desk check``: is this database file healthy?

Read-only: the file is never changed. An encrypted file is read with its data key. Besides
SQLite's own checks it replays every case's history and recomputes the hash chains. Every problem found is listed in Chinese; a file that
is damaged or not a database at all is a finding, not a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from petition_desk.db.connection import LATEST_VERSION, StoreError, check_file, connect
from petition_desk.db.engine import sqlite3
from petition_desk.domain.lifecycle import TRANSITIONS, Action
from petition_desk.domain.vocab import State
from petition_desk.services import chain


@dataclass
class Report:
    """What the check found; ``healthy`` when ``problems`` is empty."""

    info: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems


def check_database(
    path: str | Path,
    progress: Callable[[str], None] | None = None,
    *,
    key: bytes | None = None,
) -> Report:
    """Run every check on the file at ``path``, decrypted with ``key``."""
    report = Report()
    path = Path(path)
    say = progress or (lambda _msg: None)
    if not path.exists():
        report.problems.append(f"文件“{path}”不存在")
        return report
    try:
        check_file(path, key)
        conn = connect(path, key=key, readonly=True)
    except StoreError as exc:
        report.problems.append(str(exc))
        return report
    try:
        _run(conn, report, say)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        # A damaged schema can make SQLite's own message text that is not UTF-8.
        report.problems.append(f"数据库无法读取：{exc}（文件可能已损坏或不是数据库）")
    finally:
        conn.close()
    return report


def _run(conn: sqlite3.Connection, report: Report, say: Callable[[str], None]) -> None:
    say("完整性检查")
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    if rows != ["ok"]:
        report.problems.extend(f"完整性检查：{r}" for r in rows[:20])
        return
    report.info.append("完整性检查：正常")
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    report.info.append(f"结构版本：{version}（本程序：{LATEST_VERSION}）")
    if version > LATEST_VERSION:
        report.problems.append(f"数据库由更新版本的程序创建（结构版本 {version}），请升级程序")
        return
    if version == 0:
        report.problems.append("不是信访接待台的数据库（没有结构版本号）")
        return
    if version < LATEST_VERSION:
        report.info.append("结构版本较旧，用本程序打开时会先备份再升级")
    say("外键检查")
    bad = conn.execute("PRAGMA foreign_key_check").fetchall()
    for r in bad[:20]:
        report.problems.append(f"外键错误：表 {r[0]} 第 {r[1]} 行引用了不存在的 {r[2]}")
    if len(bad) > 20:
        report.problems.append(f"……另有 {len(bad) - 20} 处外键错误")
    say("案件状态与历史记录核对")
    _check_histories(conn, report)
    say("哈希链核对")
    before = len(report.problems)
    events, audits = chain.verify(conn, report.problems.append)
    if len(report.problems) == before:
        report.info.append(f"哈希链：完好（历史记录 {events} 条，操作日志 {audits} 条）")
    count = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
    report.info.append(f"案件数：{count}")


_BY_LABEL = {a.value: a for a in Action}
REGISTER = Action.REGISTER.value


def _check_histories(conn: sqlite3.Connection, report: Report) -> None:
    """Replay every case's events through the transition table; the end must be its state."""
    states, registrars = {}, {}
    for case_id, case_state, registered_by in conn.execute(
        "SELECT id, state, registered_by FROM cases"
    ):
        states[case_id], registrars[case_id] = case_state, registered_by
    seen: set[int] = set()
    current_case, state, broken = None, None, False
    wrong = 0

    def finish() -> None:
        nonlocal wrong
        if current_case is not None and not broken and state != states.get(current_case):
            wrong += 1
            if wrong <= 20:
                report.problems.append(
                    f"案件 id={current_case}：记录状态“{states.get(current_case)}”"
                    f"与历史记录推出的“{state}”不一致"
                )

    rows = conn.execute(
        "SELECT case_id, action, state_before, state_after, actor_id FROM case_events"
        " ORDER BY case_id, id"
    )
    for case_id, action_label, before, after, actor_id in rows:
        if case_id != current_case:
            finish()
            current_case, state, broken = case_id, None, False
            seen.add(case_id)
        if broken:
            continue
        problem = _step_problem(action_label, before, after, state)
        if not problem and action_label == REGISTER and actor_id != registrars.get(case_id):
            # Who registered a case decides who sees it when it is 保密 (services/visibility).
            problem = "案件登记人与历史记录中的登记人不一致"
        if problem:
            broken = True
            wrong += 1
            if wrong <= 20:
                report.problems.append(f"案件 id={case_id}：{problem}")
            continue
        state = after
    finish()
    missing = set(states) - seen
    for case_id in sorted(missing)[:20]:
        report.problems.append(f"案件 id={case_id}：没有任何历史记录")
    wrong += len(missing)
    if wrong > 20:
        report.problems.append(f"共有 {wrong} 个案件的状态与历史不一致")
    elif not wrong:
        report.info.append("案件状态与历史记录：一致")


def _step_problem(action_label: str, before: str | None, after: str, state: str | None) -> str:
    action = _BY_LABEL.get(action_label)
    if action is None:
        return f"历史中有未知操作“{action_label}”"
    if action is Action.REGISTER:
        if state is not None or after != State.REGISTERED.value:
            return "登记记录不在历史开头"
        return ""
    if state is None:
        return "历史不以登记开始"
    if before != state:
        return f"“{action_label}”记录的原状态“{before}”与上一步结果“{state}”不符"
    sources, target = TRANSITIONS[action]
    if State(before) not in sources:
        return f"从“{before}”不能“{action_label}”"
    expected = (target or State(before)).value
    if after != expected:
        return f"“{action_label}”后状态应为“{expected}”，记录为“{after}”"
    return ""
