"""How a notice says things: the channel, the decision, the ground, sentence endings, dates.

A letter says 来信反映, a visit 来访反映, a call 来电反映, an online petition 通过网上信访渠道
反映; a matter sent down from above was 上级机关转来/交办的你反映的 … — never "以上级交办形式
反映" as if it were the petitioner's act. Dates are written 2026年11月28日, never padded.
"""

from __future__ import annotations

import datetime as dt
import re

#: channel -> how the petitioner raised the matter, after "你于<date>"
_OWN_ACT = {
    "来信": "来信反映",
    "来访": "来访反映",
    "来电": "来电反映",
    "网上/电子邮件": "通过网上信访渠道反映",
    "传真": "通过传真来信反映",
    "领导接访": "在领导接访时来访反映",
}
#: channels by which a higher organ sent the matter to us -> the organ's act
_FROM_ABOVE = {"上级交办": "交办", "上级转送": "转来"}

_END = "。！？"
_TRAILING = re.compile(r"[\s。，、；：,.;:]+$")


def date_text(day: dt.date) -> str:
    """``2026年11月28日`` in Arabic numerals without zero padding (GB/T 9704-2012)."""
    return f"{day.year}年{day.month}月{day.day}日"


def datetime_text(moment: dt.datetime) -> str:
    """``2026年11月27日 15时48分``: a visit's own date and time."""
    return f"{date_text(moment.date())} {moment.hour}时{moment.minute}分"


def source(channel: str, received: dt.date, who: str = "你") -> str:
    """How the matter reached us, as the opening of a notice: ``你于2026年11月2日来访反映``,
    ``本机关于2026年11月2日收到上级机关转来的你反映`` (followed by ``的“…”一事``)."""
    day = date_text(received)
    if channel in _FROM_ABOVE:
        return f"本机关于{day}收到上级机关{_FROM_ABOVE[channel]}的{who}反映"
    return f"{who}于{day}{_OWN_ACT.get(channel, '反映')}"


def matter(summary: str) -> str:
    """The summary inside 反映的“…”: without a leading 反映 (no 反映的“反映…”) or final stop."""
    text = clause(summary)
    for lead in ("反映", "关于"):
        if text.startswith(lead) and len(text) > len(lead):
            text = text[len(lead) :].lstrip("：:，, ")
    return text


def clause(text: str | None) -> str:
    """A fragment set inside a sentence: no trailing stop, comma or colon."""
    return _TRAILING.sub("", (text or "").strip())


def sentence(text: str | None) -> str:
    """A whole sentence: ends with 。 (or its own ！/？), never with two stops."""
    raw = (text or "").strip()
    body = raw if raw.endswith(("！", "？")) else clause(raw)
    if not body:
        return ""
    return body if body.endswith(tuple(_END)) else body + "。"


#: the decision of a 处理意见书 as the end of "本机关决定：…"
DECISIONS = {
    "支持": "对你的信访请求予以支持",
    "解释说明": "对你的信访请求作出上述解释说明",
    "不予支持": "对你的信访请求不予支持",
    "调解": "该事项经调解处理",
    "和解": "该事项经双方和解处理",
}

#: a 不予受理 ground as the end of "经审查，…"
GROUNDS = {
    "应通过诉讼途径解决": "该事项应当通过诉讼途径解决",
    "应通过仲裁途径解决": "该事项应当通过仲裁途径解决",
    "应通过行政复议途径解决": "该事项应当通过行政复议途径解决",
    "已在办理期限内": "该事项已由有关机关受理，尚在办理期限内",
    "越级信访": "该事项属于越级信访",
    "其他": "该事项不符合《信访工作条例》规定的受理条件",
}


_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
_DOUBLED_STOP = re.compile(r"[，、；,;]*。[。.]*")


def is_heading(paragraph: str) -> bool:
    """``一、查明的事实`` or ``（一）…``: short headings carry no closing stop."""
    return bool(_HEADING.match(paragraph)) and (
        len(paragraph) <= 16 and not paragraph.endswith(tuple(_END))
    )


def tidy(body: str) -> str:
    """Every paragraph of a filled body ends as a sentence; empty ones are dropped;
    doubled stops (。。 ，。) collapse."""
    out = []
    for para in body.split("\n"):
        para = _DOUBLED_STOP.sub("。", para.strip())
        if not para:
            continue
        if not para.endswith(("：", ":")) and not is_heading(para):
            para = sentence(para)
        out.append(para)
    return "\n".join(out)
