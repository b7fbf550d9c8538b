"""Finding the header of a ledger sheet: the words people use, one- or two-row headers.

Township ledgers name their columns in many ways (信访人 / 来访人 / 姓名, 摘要 / 反映问题 /
主要诉求 …), often under a merged group cell (信访人信息 over 姓名 / 身份证号码 / 联系电话)
with the other columns merged down over both rows, and start wherever the clerk put them. The
same header is pasted again each month further down. This module recognises a header row
wherever it is, folds a sub-header row into it, and maps each field to a column.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

#: field -> header texts that mean it (compared without blanks, brackets and stars)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("编号", "信访编号", "案件编号", "登记编号", "原编号", "件号"),
    "received_at": (
        "登记日期",
        "来访日期",
        "来信日期",
        "收到日期",
        "信访日期",
        "受理日期",
        "日期",
        "登记时间",
        "来访时间",
        "来信来访时间",
        "来信来访日期",
        "时间",
    ),
    "channel": ("形式", "信访形式", "来源", "信访方式", "方式", "渠道", "来信来访形式"),
    "name": (
        "信访人",
        "姓名",
        "来访人",
        "来信人",
        "反映人",
        "信访人姓名",
        "来访人姓名",
        "当事人",
        "当事人姓名",
    ),
    "head_count": ("人数", "来访人数", "信访人数"),
    "id_number": ("身份证号", "身份证", "身份证号码", "公民身份号码", "证件号码"),
    "phone": ("联系电话", "电话", "手机", "联系方式", "手机号码", "电话号码"),
    "address": (
        "住址",
        "地址",
        "住址/村",
        "家庭住址",
        "住址村",
        "所在村",
        "村",
        "村社区",
        "村（社区）",
        "所在村（社区）",
    ),
    "category": (
        "问题类别",
        "反映问题类别",
        "问题性质",
        "类别",
        "问题类型",
        "分类",
        "问题分类",
        "信访类别",
    ),
    "summary": ("反映事项摘要", "摘要", "内容摘要", "事项摘要", "问题摘要"),
    # What the petitioner raised, in full: the summary is cut from it when there is no 摘要.
    "content": (
        "反映问题",
        "主要问题",
        "反映事项",
        "反映内容",
        "来信来访内容",
        "来访内容",
        "来信内容",
        "信访内容",
        "信访事项",
        "事由",
    ),
    "request": ("诉求", "主要诉求", "请求", "信访诉求", "诉求内容"),
    "facts": ("事实和理由", "事实理由", "详细情况", "基本情况"),
    "state": ("状态", "办理状态", "办理情况", "是否办结", "处理情况", "办理结果"),
    "disposition": ("处理方式", "处理意见", "办理方式"),
    "unit": ("承办单位", "责任单位", "交办单位", "办理单位"),
    "notice_at": ("告知日期", "受理告知日期"),
    "due": ("办结期限", "办理期限"),
    "closed_at": ("办结日期", "办结时间", "结案日期", "答复日期"),
    "reply_result": ("答复结果", "处理结果"),
    "volume_no": ("卷号", "归档卷号", "档案号"),
}
FIELD_LABELS = {
    "number": "原编号",
    "received_at": "登记日期",
    "channel": "形式",
    "name": "信访人",
    "head_count": "人数",
    "id_number": "身份证号",
    "phone": "联系电话",
    "address": "住址/村",
    "category": "问题类别",
    "summary": "摘要",
    "content": "反映问题（内容）",
    "request": "诉求",
    "facts": "事实和理由",
    "state": "办理情况",
    "disposition": "处理方式",
    "unit": "承办单位",
    "notice_at": "告知日期",
    "due": "办结期限",
    "closed_at": "办结日期",
    "reply_result": "答复结果",
    "volume_no": "卷号",
}
#: Without these a row cannot become a case. ``summary`` may come from 诉求 instead.
REQUIRED = ("received_at", "name")
#: A header row names at least this many different fields.
MIN_FIELDS = 3
#: Columns that only appear on an overdue list (the exporter's 超期 sheet), never on a ledger.
OVERDUE_WORDS = ("超期天数", "期限类型")


#: Header words that map to no field but still mark a header row (group cells and the like).
OTHER_HEADER_WORDS = frozenset(
    {
        "序号",
        "备注",
        "性别",
        "年龄",
        "工作单位",
        "是否按期",
        "回访满意度",
        "满意度",
        "包案领导",
        "信访人信息",
        "信访人基本情况",
        "来访人信息",
        "基本信息",
        "办理情况及结果",
        "督办情况",
        "期限",
        "期限类型",
        "超期天数",
    }
)


def key(text: object) -> str:
    """A header cell compared without blanks, brackets, colons and stars."""
    return re.sub(r"[\s()（）:：*＊]", "", str(text or ""))


_LOOKUP = {key(s): f for f, words in SYNONYMS.items() for s in words}


def field_of(text: object, extra: Mapping[str, str] | None = None) -> str | None:
    """The field a header text means, if any (``extra``: the clerk's own, key -> field)."""
    k = key(text)
    return (extra or {}).get(k) or _LOOKUP.get(k)


def extra_words(overrides: Mapping[str, str] | None) -> dict[str, str]:
    """The clerk's mapping (field -> header text) as extra header words (key -> field)."""
    return {key(text): f for f, text in (overrides or {}).items() if text}


@dataclass(frozen=True)
class Header:
    """A recognised header: where it is, its texts per column and the field -> column map."""

    row: int  # 0-based index of its first row
    height: int  # 1 or 2 rows
    texts: tuple[str, ...]
    mapping: dict[str, int]

    @property
    def overdue_list(self) -> bool:
        return any(t in OVERDUE_WORDS for t in self.texts)


def _texts(row: list[object]) -> list[str]:
    return [str(v).strip() if v is not None else "" for v in row]


#: How strongly a header word means its field: the earlier in SYNONYMS, the stronger.
_RANK = {key(s): i for words in SYNONYMS.values() for i, s in enumerate(words)}


def _fields(texts: list[str], extra: Mapping[str, str] | None = None) -> dict[str, int]:
    """Field -> column. When two columns mean one field (住址 and 村（社区）), the stronger
    word wins, whichever comes first: a village column is not a person's address."""
    found: dict[str, int] = {}
    rank: dict[str, int] = {}
    for col, text in enumerate(texts):
        f = field_of(text, extra)
        if not f:
            continue
        r = -1 if extra and key(text) in extra else _RANK.get(key(text), 999)
        if f not in found or r < rank[f]:
            found[f], rank[f] = col, r
    return found


def _looks_like_header(texts: list[str], found: dict[str, int], extra=None) -> bool:
    filled = [t for t in texts if t]
    # Most filled cells must be header words: a data row whose summary happens to read
    # "反映问题" must not pass for a header.
    known = sum(1 for t in filled if field_of(t, extra) or key(t) in OTHER_HEADER_WORDS)
    return len(found) >= 1 and known * 2 >= len(filled)


def header_at(
    rows: list[list[object]], i: int, extra: Mapping[str, str] | None = None
) -> Header | None:
    """The header starting at row ``i`` (folding in a sub-header row), or None."""
    top = _texts(rows[i])
    # Both a header and the top row of a two-row one name a field: most rows stop here.
    if not _fields(top, extra):
        return None
    texts = list(top)
    height = 1
    if i + 1 < len(rows):
        sub = _texts(rows[i + 1])
        sub_found = _fields(sub, extra)
        # A sub-header row: every filled cell is a header word, under a group cell or a gap.
        if (
            sub_found
            and _looks_like_header(sub, sub_found, extra)
            and all(
                not t or field_of(t, extra) or not field_of(top[c] if c < len(top) else "", extra)
                for c, t in enumerate(sub)
            )
        ):
            width = max(len(top), len(sub))
            top += [""] * (width - len(top))
            texts = [sub[c] if c < len(sub) and sub[c] else top[c] for c in range(width)]
            height = 2
    found = _fields(texts, extra)
    if len(found) < MIN_FIELDS or not _looks_like_header(texts, found, extra):
        return None
    return Header(i, height, tuple(texts), found)


def first_header(rows: list[list[object]], extra: Mapping[str, str] | None = None) -> Header | None:
    """The first header of a sheet, wherever it starts."""
    for i in range(len(rows)):
        h = header_at(rows, i, extra)
        if h is not None:
            return h
    return None


def apply_overrides(header: Header, overrides: dict[str, str]) -> Header:
    """The header with the clerk's choices (field -> header text; "" drops the field)."""
    mapping = dict(header.mapping)
    for f, text in overrides.items():
        if not text:
            mapping.pop(f, None)
        elif text in header.texts:
            mapping[f] = header.texts.index(text)
    return Header(header.row, header.height, header.texts, mapping)


def missing_required(mapping: dict[str, int]) -> list[str]:
    """Labels of the required fields the mapping lacks (a content column is required too)."""
    missing = [FIELD_LABELS[f] for f in REQUIRED if f not in mapping]
    if not {"summary", "content", "request", "facts"} & set(mapping):
        missing.append("摘要（或反映问题、主要诉求）")
    return missing
