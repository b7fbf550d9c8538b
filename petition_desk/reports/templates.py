"""The wording of each document: a title and a body with named placeholders the clerk can edit.

Placeholders are written ``{信访人}``; a literal brace is ``{{`` or ``}}``. An unknown name
or a missing value is an error before anything is printed, never a blank in a letter.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from petition_desk.db.connection import transaction
from petition_desk.db.engine import sqlite3
from petition_desk.domain.text import LINE_MAX, TEMPLATE_MAX, clean_line, clean_text
from petition_desk.errors import ValidationError

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


@dataclass(frozen=True)
class Kind:
    key: str
    title: str
    to_petitioner: bool  # addressed to the petitioner (impossible for anonymous petitions)
    numbered: bool = True  # an outgoing document with an official number; forms have none


KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind("acceptance", "信访事项受理告知书", True),
        Kind("rejection", "信访事项不予受理告知书", True),
        Kind("forward", "信访事项转送告知书", True),
        Kind("extension", "信访事项延期办理告知书", True),
        Kind("reply", "信访事项处理意见书", True),
        Kind("refuse-final", "信访事项不再受理告知书", True),
        Kind("assignment", "信访事项交办单", False),
        Kind("supervision", "信访事项督办单", False),
        Kind("visit-form", "来访登记表", False, numbered=False),
        Kind("skip-level", "越级上访告知单", True),
    )
}

#: Every name a template may use, with what it means (shown in the template editor).
PLACEHOLDERS: dict[str, str] = {
    "单位名称": "本机关名称（设置中填写）",
    "编号": "案件编号，如 2026-0137",
    "文号": "本文书编号，如 青信受〔2026〕12号",
    "信访人": "信访人姓名（多人以顿号分隔）",
    "收到日期": "收到信访事项的日期，如 2026年3月5日",
    "来源": "致信访人：你于2026年3月5日来访反映 / 本机关于…收到上级机关转来的你反映",
    "事项来源": "致承办单位：张建国于2026年3月5日来信反映 / …收到上级机关交办的张建国反映",
    "信访形式": "来信、来访等",
    "摘要": "反映事项摘要（不含开头的“反映”）",
    "诉求": "信访诉求",
    "事实和理由": "信访人陈述的事实和理由",
    "受理日期": "受理日期",
    "办理期限": "办理答复期限（日）",
    "答复期限日期": "应答复的日期",
    "承办单位": "交办的承办单位",
    "交办期限": "承办单位办结期限",
    "转送机关": "转送的机关",
    "不予受理理由": "不予受理的理由（经审查，……）",
    "告知去向": "告知信访人应向何处反映",
    "不再受理依据": "已复核终结等依据",
    "延期天数": "延长的天数",
    "延期理由": "延期理由",
    "批准领导": "批准延期的领导",
    "原期限": "延期前的答复日期",
    "新期限": "延期后的答复日期",
    "查明事实": "答复时查明的事实",
    "法律政策依据": "答复所依据的法律、法规、政策",
    "处理理由": "作出处理决定的理由",
    "处理决定": "支持 / 解释说明 / 不予支持，写成“对你的信访请求予以支持”等",
    "答复结果": "支持 / 解释说明 / 不予支持",
    "答复意见": "处理意见的其他内容（可空：为空时该段不印）",
    "复查期限": "可申请复查的天数",
    "复查机关": "受理复查申请的机关（设置中填写）",
    "复查机关地址": "复查机关的地址（设置中填写）",
    "受理机关": "越级来访事项依法应由其处理的机关",
    "受理机关地址": "该机关的地址（设置“有关机关地址”）",
    "督办方式": "书面督办等",
    "督办内容": "督办要求",
    "日期": "出具日期，如 2026年11月28日",
}
#: Placeholders that may be empty: a paragraph left empty by them is not printed.
OPTIONAL = frozenset({"答复意见", "事实和理由"})

DEFAULTS: dict[str, str] = {
    "acceptance": (
        "{信访人}：\n"
        "{来源}的“{摘要}”一事，经审查，符合《信访工作条例》规定的受理条件，"
        "本机关决定予以受理。\n"
        "本机关将自受理之日起{办理期限}日内办结，并书面答复你。办理期间如有新的情况，"
        "请及时与本机关联系。\n特此告知。"
    ),
    "rejection": (
        "{信访人}：\n"
        "{来源}的“{摘要}”一事，经审查，{不予受理理由}。"
        "根据《信访工作条例》第三十一条的规定，本机关决定不予受理。\n"
        "请你依照法律、行政法规规定的程序向{告知去向}提出。\n特此告知。"
    ),
    "forward": (
        "{信访人}：\n"
        "{来源}的“{摘要}”一事，不属于本机关职权范围。"
        "根据《信访工作条例》第二十三条的规定，本机关已将该事项转送{转送机关}办理，"
        "请你直接与其联系。\n特此告知。"
    ),
    "extension": (
        "{信访人}：\n"
        "{来源}的“{摘要}”一事，本机关已于{受理日期}受理。因{延期理由}，"
        "经{批准领导}批准，办理期限延长{延期天数}日，答复期限由{原期限}延至{新期限}。\n"
        "根据《信访工作条例》第三十四条的规定，特此告知。"
    ),
    "reply": (
        "{信访人}：\n"
        "{来源}的“{摘要}”一事，本机关已于{受理日期}受理。经调查核实，现答复如下：\n"
        "一、信访请求\n你的请求是：{诉求}\n"
        "二、查明的事实\n{查明事实}\n"
        "三、处理依据\n{法律政策依据}\n"
        "四、处理意见\n{处理理由}\n{答复意见}\n"
        "综上，本机关决定：{处理决定}。\n"
        "如对本处理意见不服，可以自收到本意见书之日起{复查期限}日内，"
        "向{复查机关}（地址：{复查机关地址}）请求复查。\n特此答复。"
    ),
    "refuse-final": (
        "{信访人}：\n"
        "{来源}的“{摘要}”一事，{不再受理依据}。"
        "根据《信访工作条例》第三十六条的规定，对你就同一事实和理由提出的信访事项，"
        "本机关不再受理。\n特此告知。"
    ),
    "assignment": (
        "{承办单位}：\n"
        "现将{事项来源}的“{摘要}”一事（编号{编号}）交你单位办理。\n"
        "信访人诉求：{诉求}\n"
        "请于{交办期限}前办结，并将办理结果形成书面办结报告报送本机关。"
    ),
    "supervision": (
        "{承办单位}：\n"
        "本机关前期交你单位办理的{事项来源}的“{摘要}”一事（编号{编号}），"
        "现以{督办方式}方式督办：{督办内容}\n"
        "请于{交办期限}前报送办理情况。"
    ),
    "visit-form": "",
    "skip-level": (
        "{信访人}：\n"
        "你于{收到日期}来访反映的“{摘要}”一事，依法应由{受理机关}处理。\n"
        "根据《信访工作条例》第十八条、第二十五条的规定，信访人采用走访形式提出信访事项的，"
        "应当到依法有权处理的本级或者上一级机关设立或者指定的接待场所提出。"
        "请你到{受理机关}反映（地址：{受理机关地址}）。\n特此告知。"
    ),
}


@dataclass(frozen=True)
class Template:
    kind: str
    title: str
    body: str


def names_in(text: str) -> list[str]:
    """The placeholder names used in ``text``, in order."""
    return [m.group(1) for m in _PLACEHOLDER.finditer(text) if m.group(1) is not None]


def check(text: str) -> None:
    """Refuse unknown placeholders and stray braces."""
    unknown = sorted({n for n in names_in(text) if n not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            f"模板中有未知的占位符：{'、'.join('{' + n + '}' for n in unknown)}", "body"
        )
    stripped = _PLACEHOLDER.sub("", text)
    if "{" in stripped or "}" in stripped:
        raise ValidationError("模板中有不成对的花括号；要印出花括号请写成 {{ 或 }}", "body")


def fill(text: str, values: Mapping[str, str | None], *, paragraphs: bool = True) -> str:
    """Replace every placeholder; raise listing every missing required value.

    Paragraphs are then tidied: each ends as a sentence (。), doubled stops collapse, and a
    paragraph left empty by an optional placeholder is not printed (``paragraphs=False`` for a
    title, which takes no stop).
    """
    from petition_desk.reports.wording import tidy

    check(text)
    missing = sorted(
        {n for n in names_in(text) if n not in OPTIONAL and not (values.get(n) or "").strip()}
    )
    if missing:
        raise ValidationError(f"以下内容缺失，文书不能出具：{'、'.join(missing)}", "values")

    def sub(m: re.Match) -> str:
        if m.group(0) == "{{":
            return "{"
        if m.group(0) == "}}":
            return "}"
        return str(values.get(m.group(1)) or "").strip()

    filled = _PLACEHOLDER.sub(sub, text)
    return tidy(filled) if paragraphs else filled.strip()


def get(conn: sqlite3.Connection, kind: str) -> Template:
    """The clerk's version of a template, or the default."""
    row = conn.execute("SELECT title, body FROM templates WHERE kind = ?", (kind,)).fetchone()
    if row:
        return Template(kind, row[0], row[1])
    return Template(kind, KINDS[kind].title, DEFAULTS[kind])


def save(
    conn: sqlite3.Connection, kind: str, title: str, body: str, now: dt.datetime | None = None
) -> None:
    """Store an edited template after checking it."""
    if kind not in KINDS:
        raise ValidationError(f"未知的文书种类“{kind}”", "kind")
    title = clean_line(title, "文书标题", "title")
    body = clean_text(body, "文书正文", "body")
    if len(title) > LINE_MAX:
        raise ValidationError(f"文书标题不能超过 {LINE_MAX} 字", "title")
    if len(body) > TEMPLATE_MAX:
        raise ValidationError(f"文书正文不能超过 {TEMPLATE_MAX} 字", "body")
    if not title.strip():
        raise ValidationError("请填写文书标题", "title")
    check(body)
    with transaction(conn):
        conn.execute(
            "INSERT INTO templates(kind, title, body, updated_at) VALUES (?,?,?,?) "
            "ON CONFLICT(kind) DO UPDATE SET title = excluded.title, body = excluded.body, "
            "updated_at = excluded.updated_at",
            (kind, title.strip(), body, (now or dt.datetime.now()).isoformat(timespec="seconds")),
        )


def reset(conn: sqlite3.Connection, kind: str) -> None:
    with transaction(conn):
        conn.execute("DELETE FROM templates WHERE kind = ?", (kind,))
