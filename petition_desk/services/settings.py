"""Settings declared once: key, type, default and label; stored in the database file.

Keeping settings inside the database means a copy of the file is a copy of everything. The
defaults for the clocks are the table of docs/domain.md §4; the local rules leave them blank.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from petition_desk.db.engine import sqlite3
from petition_desk.domain.text import NOTE_MAX, SHORT_MAX, clean_line, clean_text
from petition_desk.domain.vocab import DEFAULT_CATEGORIES
from petition_desk.domain.volumes import check_scheme
from petition_desk.errors import ValidationError
from petition_desk.services.directory import User


@dataclass(frozen=True)
class Setting:
    """One declared setting."""

    key: str
    type: type
    default: Any
    label: str
    minimum: int | None = None
    maximum: int | None = None
    #: False for settings edited on a tab of their own (the villages list)
    form: bool = True


DEFAULT_VILLAGES: tuple[str, ...] = ()

#: Official numbers (发文字号, domain.md §11): one prefix per kind of outgoing document — the
#: organ's code and the kind's (青信受〔2026〕12号) — and what the 处理意见书 and the
#: 越级上访告知单 name: the 复查 organ, other organs' addresses, common citations.
DOCUMENT_SETTINGS: tuple[Setting, ...] = (
    Setting("doc_prefix_acceptance", str, "信受", "文号前缀：受理告知书"),
    Setting("doc_prefix_rejection", str, "信不受", "文号前缀：不予受理告知书"),
    Setting("doc_prefix_forward", str, "信转", "文号前缀：转送告知书"),
    Setting("doc_prefix_extension", str, "信延", "文号前缀：延期办理告知书"),
    Setting("doc_prefix_reply", str, "信复", "文号前缀：处理意见书"),
    Setting("doc_prefix_refuse-final", str, "信不再", "文号前缀：不再受理告知书"),
    Setting("doc_prefix_assignment", str, "信交", "文号前缀：交办单"),
    Setting("doc_prefix_supervision", str, "信督", "文号前缀：督办单"),
    Setting("doc_prefix_skip-level", str, "信越", "文号前缀：越级上访告知单"),
    Setting("review_organ", str, "", "复查机关名称（处理意见书告知）"),
    Setting("review_organ_address", str, "", "复查机关地址"),
    Setting("organ_addresses", list, [], "有关机关地址（每行“机关名称：地址”，越级上访告知单用）"),
    Setting(
        "basis_library",
        list,
        [
            "《信访工作条例》第三十二条",
            "《中华人民共和国农村土地承包法》",
            "《社会救助暂行办法》",
            "《最低生活保障审核确认办法》",
        ],
        "常用法律政策依据（答复时选用）",
    ),
)

SETTINGS: tuple[Setting, ...] = (
    Setting("unit_name", str, "", "单位名称"),
    Setting("notice_days", int, 15, "书面告知期限（日，自收到之日起）", 1, 365),
    Setting("objection_working_days", int, 5, "非本机关事项提出异议期限（工作日）", 1, 60),
    Setting("handling_days", int, 60, "办理答复期限（日，自受理之日起）", 1, 365),
    Setting("extension_max_days", int, 30, "延期最长天数（日）", 1, 365),
    Setting("review_request_days", int, 30, "申请复查期限（日，自收到答复之日起）", 1, 365),
    Setting("review_answer_days", int, 30, "复查答复期限（日）", 1, 365),
    Setting("rereview_request_days", int, 30, "申请复核期限（日，自收到复查意见之日起）", 1, 365),
    Setting("rereview_answer_days", int, 30, "复核答复期限（日）", 1, 365),
    Setting("letter_reply_working_days", int, 3, "来信回复期限（工作日，0 为不启用）", 0, 60),
    Setting("due_soon_days", int, 3, "临期提醒（剩余天数不超过）", 0, 60),
    Setting("serious_overdue_days", int, 30, "严重超期（超过期限天数）", 1, 365),
    Setting("repeat_window_days", int, 365, "重复信访判定时间窗（日）", 1, 3650),
    Setting("reception_place", str, "群工办", "接待地点（默认）"),
    Setting("swap_notice_days", int, 2, "调换接待须提前告知（日）", 0, 30),
    Setting("receive_on_rest_days", bool, False, "节假日、周末照常接待"),
    Setting("principal_review_target", int, 70, "主要领导阅批率目标（%）", 0, 100),
    Setting("other_review_target", int, 100, "其他领导阅批率目标（%）", 0, 100),
    # 立卷归档 and retention (docs/domain.md §11): the 2006 archives rules keep organs' files
    # 永久, 定期30年 or 定期10年; 存信 letters are destroyed after a short period. The county
    # decides: every period is a setting.
    Setting(
        "volume_scheme", str, "{年度}-{保管期限}-{序号}", "卷号格式（可用 {年度}{保管期限}{序号}）"
    ),
    Setting(
        "retention_long_years", int, 30, "重要案卷保管期限（年：重复信访、督办、延期）", 1, 100
    ),
    Setting("retention_short_years", int, 10, "一般案卷保管期限（年）", 1, 100),
    Setting("retention_letters_years", int, 2, "存信保管期限（年，期满后销毁）", 1, 100),
    Setting("idle_lock_minutes", int, 10, "无操作自动锁定（分钟，0 为不锁定）", 0, 240),
    Setting("categories", list, list(DEFAULT_CATEGORIES), "问题类别"),
    Setting("villages", list, list(DEFAULT_VILLAGES), "村（社区）", form=False),
    *DOCUMENT_SETTINGS,
    Setting("follow_up_days", int, 15, "答复后回访（答复后第几日）", 1, 365),
    # Seed 篇十: 接待时间 周一至周五 8:00—16:00; the reception-day times are derived from it.
    Setting("office_hours", str, "8:00—16:00", "办公时间（如 8:00—16:00）"),
    Setting("retired_villages", list, [], "已停用的村（社区）", form=False),
    # Rate targets for the figures (percent; 0 = no target). 及时受理 and 按期办结 are duties
    # of the regulation (Arts. 23, 34), hence 100; 息诉息访 ≥ 95% is the seeds' target.
    Setting("timely_acceptance_target", int, 100, "及时受理率目标（%，0 为不设）", 0, 100),
    Setting("on_time_target", int, 100, "按期办结率目标（%，0 为不设）", 0, 100),
    Setting("satisfaction_target", int, 0, "群众满意率目标（%，0 为不设）", 0, 100),
    Setting("participation_target", int, 0, "参评率目标（%，0 为不设）", 0, 100),
    Setting("settled_target", int, 95, "息诉息访率目标（%，0 为不设）", 0, 100),
    Setting("collective_threshold", int, 5, "集体访人数标准（人数达到即为集体访）", 2, 1000),
    Setting("doc_prefix_analysis", str, "信析", "文号前缀：信访分析报告"),
    # Chosen on the 备份与恢复 tab with a folder dialog (services/backup.py: backup_on_exit).
    Setting("exit_backup_folder", str, "", "退出时备份到此文件夹（如U盘；空为不备份）", form=False),
)
_BY_KEY = {s.key: s for s in SETTINGS}


def declared(key: str) -> Setting:
    """The declaration of ``key``; KeyError for an undeclared key (a bug, not user input)."""
    return _BY_KEY[key]


def coerce(key: str, value: Any) -> Any:
    """Check and convert a value for ``key``; raise ``ValidationError`` in Chinese."""
    s = declared(key)
    if isinstance(value, str):
        value = clean_text(value, f"“{s.label}”", key)
    if s.type is int:
        try:
            number = int(str(value).strip())
        except ValueError:
            raise ValidationError(f"“{s.label}”必须是整数", key) from None
        if s.minimum is not None and number < s.minimum:
            raise ValidationError(f"“{s.label}”不能小于 {s.minimum}", key)
        if s.maximum is not None and number > s.maximum:
            raise ValidationError(f"“{s.label}”不能大于 {s.maximum}", key)
        return number
    if s.type is bool:
        if isinstance(value, str):
            return value.strip() in ("1", "true", "True", "是")
        return bool(value)
    if key == "office_hours":
        from petition_desk.domain.reception import format_office_hours, parse_office_hours

        return format_office_hours(*parse_office_hours(str(value)))
    if s.type is list:
        items = [clean_line(v, f"“{s.label}”", key) for v in value]
        items = [v for v in items if v]
        if any(len(v) > SHORT_MAX for v in items):
            raise ValidationError(f"“{s.label}”中每一项不能超过 {SHORT_MAX} 字", key)
        if len(set(items)) != len(items):
            raise ValidationError(f"“{s.label}”中有重复项", key)
        return items
    text = clean_text(value, f"“{s.label}”", key)
    if len(text) > NOTE_MAX:
        raise ValidationError(f"“{s.label}”不能超过 {NOTE_MAX} 字", key)
    if key == "volume_scheme":
        check_scheme(text)
    return text


def load(conn: sqlite3.Connection) -> dict[str, Any]:
    """Every declared setting, stored value or default."""
    stored = {k: json.loads(v) for k, v in conn.execute("SELECT key, value FROM settings")}
    return {s.key: stored.get(s.key, s.default) for s in SETTINGS}


def save(conn: sqlite3.Connection, values: Mapping[str, Any]) -> None:
    """Validate and store settings (the caller owns the transaction)."""
    checked = {k: coerce(k, v) for k, v in values.items()}
    conn.executemany(
        "INSERT INTO settings(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [(k, json.dumps(v, ensure_ascii=False)) for k, v in checked.items()],
    )


#: Settings that are legal time limits: changing one asks first and is audited.
STATUTORY = frozenset(
    {
        "notice_days",
        "objection_working_days",
        "handling_days",
        "extension_max_days",
        "review_request_days",
        "review_answer_days",
        "rereview_request_days",
        "rereview_answer_days",
        "letter_reply_working_days",
    }
)


def changes(conn: sqlite3.Connection, values: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Checked values that differ from what is stored: key -> (old, new)."""
    before = load(conn)
    checked = {k: coerce(k, v) for k, v in values.items()}
    return {k: (before[k], v) for k, v in checked.items() if before[k] != v}


def update(
    conn: sqlite3.Connection,
    values: Mapping[str, Any],
    actor: User,
    at: dt.datetime | None = None,
) -> dict[str, tuple[Any, Any]]:
    """Validate, store and audit changed settings in one transaction; return the changes.

    Due dates of open cases are recomputed when a time limit changed (seconds on a large
    desk: the window runs this in a worker).
    """
    from petition_desk.db.connection import transaction
    from petition_desk.services import audit
    from petition_desk.services.calendar_store import recompute_due_dates
    from petition_desk.services.permissions import Permission, require

    require(actor, Permission.MANAGE_SETTINGS)
    changed = changes(conn, values)
    if not changed:
        return changed
    with transaction(conn):
        save(conn, {k: new for k, (_old, new) in changed.items()})
        audit.record(
            conn,
            actor,
            "修改设置",
            {declared(k).label: {"old": old, "new": new} for k, (old, new) in changed.items()},
            at,
        )
        if changed.keys() & STATUTORY:
            recompute_due_dates(conn)
    return changed
