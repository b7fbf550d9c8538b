"""One data row of an old ledger -> the registration input of a case, and how it was handled.

A row is checked exactly like a registration (``registration.validate``); whatever it lacks or
holds wrongly raises ``ValidationError`` with a Chinese reason and the row is rejected whole.
What it holds but the desk would file differently (no channel, a category not on the list, a
办理情况 the lifecycle cannot fully reach) becomes a warning: the row is imported as typed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from petition_desk.domain.deadlines import Limits
from petition_desk.domain.vocab import Channel
from petition_desk.errors import ValidationError
from petition_desk.reports.dates import parse_when
from petition_desk.reports.ledger_headers import FIELD_LABELS, Header
from petition_desk.reports.ledger_sheets import MASKED_ID, MASKED_PHONE
from petition_desk.reports.ledger_states import RowState, StatePlan, plan_state
from petition_desk.services.registration import CaseInput, PersonInput, validate

CHANNEL_WORDS = (
    (("上级交办", "交办"), Channel.ASSIGNED_FROM_ABOVE),
    (("上级转送", "转送", "转办"), Channel.FORWARDED_FROM_ABOVE),
    (("领导接访", "领导接待"), Channel.LEADER_RECEPTION),
    (("来访", "走访", "上访", "接访"), Channel.VISIT),
    (("来信", "信件", "书信"), Channel.LETTER),
    (("来电", "电话"), Channel.PHONE),
    (("网上", "网络", "邮件", "电子邮件", "信箱", "12345"), Channel.ONLINE),
    (("传真",), Channel.FAX),
)
#: A summary made from 诉求 / 反映问题 is cut here (the ledger's 摘要 column is about this wide).
SUMMARY_LENGTH = 40
FALLBACK_CATEGORY = "其他"


@dataclass
class RowCase:
    """A row ready to import: the case, how it reaches its state, and what the row said."""

    case: CaseInput
    plan: StatePlan
    original_number: str
    original_state: str
    warnings: list[str]
    original_volume: str = ""


def channel_of(text: object) -> Channel | None:
    """The channel a 形式 cell means, if any."""
    t = str(text or "").strip()
    if not t:
        return None
    for words, channel in CHANNEL_WORDS:
        if any(w in t for w in words):
            return channel
    return None


def _id_text(value: object) -> str:
    """ID numbers kept as numbers by a spreadsheet have lost digits: refuse, never guess."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValidationError(
            f"身份证号“{value}”被表格存成了数字，后几位可能已丢失，请在原表中"
            f"把该列设为文本后重新录入",
            "id_number",
        )
    # Only blanks at the end are trimmed: a leading or trailing empty line is a person's
    # missing ID (the desk's export writes one line per person).
    return str(value).rstrip(" \t")


def short_summary(text: str) -> str:
    """The first line of a longer text, cut at its first full stop or at ``SUMMARY_LENGTH``."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    sentence = re.split(r"(?<=[。；;！!？?])", first)[0]
    return sentence if len(sentence) <= SUMMARY_LENGTH else sentence[: SUMMARY_LENGTH - 1] + "…"


def _split_values(text: str, count: int, label: str, *, one_is_first: bool) -> list[str]:
    """The IDs (or phones) of ``count`` people: one line (or item) per person, in order.

    A lone phone beside several names is the contact's, the first named (``one_is_first``);
    a lone ID is not given to anyone by guess: an ID on the wrong person would merge two
    people's histories.
    """
    if count <= 1:
        return [text.strip()]
    if "\n" in text and len(text.split("\n")) == count:  # one line each, blanks included
        return [v.strip() for v in text.split("\n")]
    lines = text.split("\n") if "\n" in text else re.split(r"[、，,；;\s]+", text)
    while lines and not lines[-1].strip():
        lines.pop()
    values = [v.strip() for v in lines]
    if not values:
        return [""] * count
    if len(values) == 1 and one_is_first:
        return values + [""] * (count - 1)
    if len(values) != count:
        raise ValidationError(
            f"信访人有 {count} 位，{label}却有 {len([v for v in values if v])} 个，"
            f"无法确定各属于谁：请在原表中按信访人的顺序每人一行填写（没有的留空行）",
            "people",
        )
    return values


def case_from_row(
    row: list[object],
    header: Header,
    categories: list[str],
    departments: Mapping[str, int],
    limits: Limits,
    now: dt.datetime,
) -> RowCase:
    """Build and check the case of one data row; raise ``ValidationError`` for a bad row."""

    def cell(f: str) -> object:
        col = header.mapping.get(f)
        return row[col] if col is not None and col < len(row) else None

    def text(f: str) -> str:
        v = cell(f)
        return "" if v is None else str(v).strip()

    def when(f: str) -> dt.datetime | None:
        try:
            return parse_when(cell(f)) if text(f) else None
        except ValidationError:
            warnings.append(f"{FIELD_LABELS[f]}“{text(f)}”不是日期，未采用")
            return None

    warnings: list[str] = []
    received = parse_when(cell("received_at"))
    channel = channel_of(cell("channel"))
    if channel is None:
        if text("channel"):
            raise ValidationError(f"信访形式“{text('channel')}”无法识别", "channel")
        channel = Channel.VISIT
        warnings.append("未填信访形式，按“来访”导入")
    category = text("category")
    if not category:
        category = FALLBACK_CATEGORY
        warnings.append(f"未填问题类别，按“{FALLBACK_CATEGORY}”导入")
    elif category not in categories:
        warnings.append(f"问题类别“{category}”不在类别表中，按原文保留")
    try:
        head = int(float(text("head_count") or 1))
    except ValueError:
        raise ValidationError(f"人数“{text('head_count')}”不是数字", "head_count") from None
    except OverflowError:  # "1e309", "inf": not a number of people
        raise ValidationError(f"人数“{text('head_count')}”不是合理的数字", "head_count") from None
    names = [n for n in re.split(r"[、，,；;\s]+", text("name")) if n]
    id_text = _id_text(cell("id_number"))
    if any(MASKED_ID.match(v.strip()) for v in id_text.split("\n")) or any(
        MASKED_PHONE.match(v.strip()) for v in text("phone").split("\n")
    ):
        raise ValidationError("身份证号或电话已打码，导入会丢失号码：请用不打码的原表", "people")
    ids = _split_values(id_text, len(names), "身份证号", one_is_first=False) if names else []
    phone = "" if cell("phone") is None else str(cell("phone")).rstrip(" \t")
    phones = _split_values(phone, len(names), "联系电话", one_is_first=True) if names else []
    if len(names) > 1 and phones[0] and not any(phones[1:]) and "\n" not in phone:
        warnings.append("多位信访人只有一个联系电话，按第一位信访人的电话导入")
    # One address line per person (as the desk's own export writes them), else one for all.
    address_lines = [a.strip() for a in text("address").split("\n")]
    if len(names) < 2 or len(address_lines) != len(names):
        address_lines = [text("address")] * len(names)
    people = [
        PersonInput(name=n, address=address_lines[i], id_number=ids[i], phone=phones[i])
        for i, n in enumerate(names)
    ]
    # 反映问题 / 来信来访内容 is the matter in full: the facts, and the request when the ledger
    # has no 诉求 column; without a 摘要 column the summary is cut from what is there.
    content = text("content")
    request = text("request") or content
    summary = text("summary") or short_summary(content or request or text("facts"))
    case = CaseInput(
        channel=channel,
        received_at=received,
        category=category,
        summary=summary,
        request=request or summary,
        facts=text("facts") or content,
        people=people,
        head_count=max(head, len(people)),
        collective=head >= 5 and len(people) > 1,
    )
    validate(case, now, categories, unlisted_category=True)
    info = RowState(
        text=text("state"),
        disposition=text("disposition"),
        unit=text("unit"),
        notice_at=when("notice_at"),
        due=when("due"),
        closed_at=when("closed_at"),
        reply_result=text("reply_result"),
        volume_no=text("volume_no"),
    )
    plan = plan_state(info, received, channel.value, departments, limits, now)
    warnings.extend(plan.warnings)
    return RowCase(case, plan, text("number"), info.text, warnings, info.volume_no)
