"""Proposed registration fields from the text of a letter or an ID card.

Pure text work: no OCR, no database, no Qt. Every proposal carries the line it came from and
a confidence, and a value that fails its check (an identity number with a wrong check
character) carries the problem instead of being offered for use. The clerk accepts each one;
nothing here fills a form.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from petition_desk.domain.idcard import parse_id
from petition_desk.domain.phones import parse_phone
from petition_desk.errors import ValidationError

#: The keys proposed, in the order the form shows them (PersonInput / CaseInput names).
FIELDS = (
    "name",
    "gender",
    "id_number",
    "phone",
    "address",
    "village",
    "letter_date",
    "request",
    "facts",
)

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
_NAME_LABELS = ("信访人", "反映人", "举报人", "投诉人", "申请人", "落款", "具名人", "姓名")
_NAME_RUN = re.compile(rf"[{_HAN}·•]{{2,}}")
# Words that end a name written without punctuation after it: "张建国男，身份证号…".
_AFTER_NAME = (
    "身份证",
    "公民",
    "住址",
    "家住",
    "现住",
    "地址",
    "联系",
    "电话",
    "手机",
    "性别",
    "民族",
    "出生",
    "男",
    "女",
    "系",
    "是",
    "现年",
    "年龄",
)
_ADDRESS_LABELS = ("现住址", "家庭住址", "住址", "家住", "现住", "地址", "住所")
_ADDRESS_STOP = re.compile(r"[，,。；;！!？?\s]|联系|电话|手机|身份证|公民身份|邮编|性别|民族")
_SECTION = {
    "request": ("信访诉求", "诉求", "请求事项", "信访请求", "请求", "要求"),
    "facts": ("事实和理由", "事实与理由", "事实及理由", "事实理由", "情况说明", "基本情况"),
}
_CLOSING = re.compile(r"^(此致|敬礼|特此|以上情况|望领导|恳请领导|请领导)")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0}
_CN_NUM = r"[〇零○O一二三四五六七八九十]"
_DATE = re.compile(
    rf"(?P<y>\d{{4}}|{_CN_NUM}{{4}})\s*年\s*(?P<m>\d{{1,2}}|{_CN_NUM}{{1,3}})\s*月"
    rf"\s*(?P<d>\d{{1,2}}|{_CN_NUM}{{1,3}})\s*[日号]"
    r"|(?P<y2>\d{4})[.\-/](?P<m2>\d{1,2})[.\-/](?P<d2>\d{1,2})(?!\d)"
)
_ID = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_LANDLINE = re.compile(r"(?<![\d-])0\d{2,3}[-－—]\d{7,8}(?!\d)")
_CARD_LABELS = ("姓名", "性别", "民族", "出生", "住址", "公民身份号码")
#: Below this a proposal is shown with a warning colour.
LOW_CONFIDENCE = 0.8


@dataclass(frozen=True)
class Proposal:
    """One value the clerk may accept."""

    field: str
    value: str
    source: str  # the line (or lines) it was read from
    line: int  # index of the first source line
    confidence: float  # 0..1: how sure the OCR and the rule are together
    problem: str = ""  # why it must not be used as it is (a failed check)

    @property
    def usable(self) -> bool:
        return not self.problem


@dataclass
class Text:
    """Lines of recognised text with, optionally, one confidence per character."""

    lines: list[str]
    confidences: list[list[float]] = field(default_factory=list)

    @classmethod
    def of(cls, text: str | Sequence[str], confidences: Sequence[Sequence[float]] | None = None):
        lines = text.splitlines() if isinstance(text, str) else [str(t) for t in text]
        confs = [list(c) for c in confidences] if confidences is not None else []
        if len(confs) != len(lines) or any(
            len(c) != len(t) for c, t in zip(confs, lines, strict=False)
        ):
            confs = [[1.0] * len(t) for t in lines]  # typed text, or lines edited since OCR
        return cls(lines, confs)

    def certainty(self, index: int, start: int, end: int) -> float:
        """The lowest character confidence in ``lines[index][start:end]``."""
        chars = self.confidences[index][start:end]
        return round(min(chars), 3) if chars else 1.0


def propose(
    text: str | Sequence[str],
    confidences: Sequence[Sequence[float]] | None = None,
    *,
    villages: Iterable[str] = (),
    today: dt.date | None = None,
) -> list[Proposal]:
    """Return at most one proposal per field, in the order of ``FIELDS``.

    ``text`` is the recognised text (a string, or its lines); ``confidences`` holds one list of
    per-character confidences per line when the text comes straight from OCR.
    """
    doc = Text.of(text, confidences)
    today = today or dt.date.today()
    villages = [v.strip() for v in villages if v and v.strip()]
    found: dict[str, Proposal] = {}
    card = is_id_card(doc.lines)
    rules = (
        (_card_fields,) if card else (_name, _gender, _id_number, _phone, _address, _date, _body)
    )
    for rule in rules:
        for p in rule(doc, today):
            found.setdefault(p.field, p)
    if card:
        for p in (*_id_number(doc, today), *_phone(doc, today)):
            found.setdefault(p.field, p)
    address = found.get("address")
    village = _village(doc, villages, address)
    if village:
        found["village"] = village
    return [found[f] for f in FIELDS if f in found]


def propose_pages(
    pages: Sequence[tuple[Sequence[str], Sequence[Sequence[float]] | None]],
    *,
    villages: Iterable[str] = (),
    today: dt.date | None = None,
) -> list[Proposal]:
    """Proposals from several pages: the letter's pages read as one text, an ID card apart.

    A card's printed name, number and address beat what the letter says of them.
    """
    villages = list(villages)
    letter_lines: list[str] = []
    letter_confs: list[Sequence[float]] = []
    found: dict[str, Proposal] = {}
    for lines, confs in pages:
        doc = Text.of(lines, confs)
        if is_id_card(doc.lines):
            for p in propose(doc.lines, doc.confidences, villages=villages, today=today):
                found.setdefault(p.field, p)
        else:
            letter_lines += doc.lines
            letter_confs += doc.confidences
    for p in propose(letter_lines, letter_confs, villages=villages, today=today):
        found.setdefault(p.field, p)
    return [found[f] for f in FIELDS if f in found]


def accepted_values(proposals: Iterable[Proposal]) -> dict[str, str]:
    """The usable proposals as a plain ``{field: value}`` dict."""
    return {p.field: p.value for p in proposals if p.usable}


def is_id_card(lines: Sequence[str]) -> bool:
    """True for the text of a resident identity card (its printed labels)."""
    joined = "".join(re.sub(r"\s", "", line) for line in lines)
    return "公民身份号码" in joined or sum(label in joined for label in _CARD_LABELS) >= 4


# -- letters --------------------------------------------------------------------------------


def _clean(line: str) -> str:
    return line.replace(":", "：").strip()


def _after_label(line: str, labels: Sequence[str]) -> tuple[str, int] | None:
    """The text after the first of ``labels`` (and a colon, if any), with its offset."""
    for label in labels:
        at = line.find(label)
        if at < 0:
            continue
        start = at + len(label)
        while start < len(line) and line[start] in "：: 　（(签字名)）":
            start += 1
        return line[start:], start
    return None


def _name_from(rest: str) -> str:
    match = _NAME_RUN.match(rest)
    if not match:
        return ""
    name = match.group()
    for word in _AFTER_NAME:
        at = name.find(word, 2)
        if at >= 2:
            name = name[:at]
    return name if 2 <= len(name) <= 4 or "·" in name else ""


def _name(doc: Text, today: dt.date) -> Iterable[Proposal]:
    # A signature at the end of the letter is more reliable than a name in the body.
    order = sorted(range(len(doc.lines)), key=lambda i: (not _is_tail(doc, i), i))
    for i in order:
        line = _clean(doc.lines[i])
        hit = _after_label(line, _NAME_LABELS)
        if hit is None:
            continue
        rest, start = hit
        name = _name_from(rest)
        if name:
            conf = doc.certainty(i, start, start + len(name))
            yield Proposal("name", name, doc.lines[i], i, conf)
            return


def _is_tail(doc: Text, i: int) -> bool:
    return i >= len(doc.lines) - 4


def _gender(doc: Text, today: dt.date) -> Iterable[Proposal]:
    for i, line in enumerate(doc.lines):
        m = re.search(r"性别[：:\s]*([男女])", line) or re.search(r"[，,]([男女])[，,]", line)
        if m:
            yield Proposal("gender", m.group(1), line, i, doc.certainty(i, m.start(1), m.end(1)))
            return


def _digits_view(line: str) -> tuple[str, list[int]]:
    """The line with full-width digits made plain and blanks between digits dropped.

    Returns the new string and, for each of its characters, its offset in ``line``.
    """
    table = str.maketrans("０１２３４５６７８９ｘＸ", "0123456789xX")
    out: list[str] = []
    where: list[int] = []
    for k, ch in enumerate(line.translate(table)):
        if ch in " 　" and out and out[-1].isdigit() and line[k + 1 : k + 2].strip():
            continue
        out.append(ch)
        where.append(k)
    return "".join(out), where


def _id_number(doc: Text, today: dt.date) -> Iterable[Proposal]:
    bad: Proposal | None = None
    for i, line in enumerate(doc.lines):
        view, where = _digits_view(line)
        for m in _ID.finditer(view):
            number = m.group(1).upper()
            conf = doc.certainty(i, where[m.start(1)], where[m.end(1) - 1] + 1)
            try:
                parse_id(number, today=today)
            except ValidationError as exc:
                bad = bad or Proposal("id_number", number, line, i, conf, str(exc))
                continue
            yield Proposal("id_number", number, line, i, conf)
            return
    if bad:
        yield bad


def _phone(doc: Text, today: dt.date) -> Iterable[Proposal]:
    # A number on a line that says 电话/手机 first, then any number in the text.
    ranked = sorted(
        range(len(doc.lines)),
        key=lambda i: (not re.search("电话|手机|联系", doc.lines[i]), i),
    )
    for i in ranked:
        view, where = _digits_view(doc.lines[i])
        for pattern in (_MOBILE, _LANDLINE):
            for m in pattern.finditer(view):
                try:
                    number = parse_phone(m.group())
                except ValidationError:
                    continue
                conf = doc.certainty(i, where[m.start()], where[m.end() - 1] + 1)
                yield Proposal("phone", number, doc.lines[i], i, conf)
                return


def _address(doc: Text, today: dt.date) -> Iterable[Proposal]:
    for i, raw in enumerate(doc.lines):
        line = _clean(raw)
        hit = _after_label(line, _ADDRESS_LABELS)
        if hit is None:
            continue
        rest, start = hit
        stop = _ADDRESS_STOP.search(rest)
        value = rest[: stop.start()] if stop else rest
        value = value.strip("，,。 ")
        if len(value) >= 2:
            yield Proposal("address", value, raw, i, doc.certainty(i, start, start + len(value)))
            return


def _village(doc: Text, villages: list[str], address: Proposal | None) -> Proposal | None:
    """The village named in the address (or anywhere), matched against the village list."""
    places = ([address.line] if address else []) + list(range(len(doc.lines)))
    best: Proposal | None = None
    for i in places:
        line = doc.lines[i]
        for village in villages:
            at = line.find(village)
            if at >= 0:
                conf = doc.certainty(i, at, at + len(village))
                return Proposal("village", village, line, i, conf)
            ratio, at = _closest(line, village)
            if ratio >= 0.66 and (best is None or ratio > best.confidence):
                # One misread character: propose the listed spelling, with the doubt shown.
                best = Proposal("village", village, line, i, round(ratio, 3))
    return best


def _closest(line: str, word: str) -> tuple[float, int]:
    n = len(word)
    best, where = 0.0, -1
    for at in range(max(1, len(line) - n + 1)):
        ratio = SequenceMatcher(None, line[at : at + n], word).ratio()
        if ratio > best:
            best, where = ratio, at
    return best, where


def _cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 4 and "十" not in text:  # a year written digit by digit: 二〇二六
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return _CN_DIGITS[text]


def _date(doc: Text, today: dt.date) -> Iterable[Proposal]:
    """The date written at the end of the letter (the last one in its last lines)."""
    start = max(0, len(doc.lines) - 6)
    for i in range(len(doc.lines) - 1, start - 1, -1):
        line = doc.lines[i]
        if re.search("出生|生于", line):
            continue
        for m in reversed(list(_DATE.finditer(line))):
            y, mo, d = (m.group("y"), m.group("m"), m.group("d"))
            if y is None:
                y, mo, d = m.group("y2"), m.group("m2"), m.group("d2")
            try:
                when = dt.date(_cn_number(y), _cn_number(mo), _cn_number(d))
            except (KeyError, ValueError):
                continue
            conf = doc.certainty(i, m.start(), m.end())
            problem = "来信日期晚于今天" if when > today else ""
            yield Proposal("letter_date", when.isoformat(), line, i, conf, problem)
            return


def _body(doc: Text, today: dt.date) -> Iterable[Proposal]:
    """诉求 and 事实和理由: from their headings when the letter has them, else from the body."""
    sections = _sections(doc)
    for key in ("request", "facts"):
        if key in sections:
            first, last, start = sections[key]
            yield _joined(doc, key, first, last, start, 1.0)
    if "facts" in sections or "request" in sections:
        return
    first, last = _body_range(doc)
    if first > last:
        return
    wanted = re.compile("请求|要求|恳请|希望|申请")
    asks = [
        s
        for i in range(first, last + 1)
        for s in re.split(r"(?<=[。！!])", doc.lines[i])
        if wanted.search(s)
    ]
    if asks:
        conf = min(0.7, _mean_conf(doc, first, last))
        yield Proposal("request", "".join(asks).strip(), asks[0], first, round(conf, 3))
    yield _joined(doc, "facts", first, last, 0, 0.7)


def _sections(doc: Text) -> dict[str, tuple[int, int, int]]:
    heads: list[tuple[int, str, int]] = []
    for i, raw in enumerate(doc.lines):
        line = _clean(raw)
        for key, labels in _SECTION.items():
            for label in labels:
                # A heading starts its line, maybe after a numbering like "一、".
                m = re.match(rf"^[一二三四五六七八九十\d]*[、.．]?\s*{label}[：:]?", line)
                if m:
                    heads.append((i, key, m.end()))
                    break
            else:
                continue
            break
    found: dict[str, tuple[int, int, int]] = {}
    _, body_end = _body_range(doc)
    for n, (i, key, start) in enumerate(heads):
        end = heads[n + 1][0] - 1 if n + 1 < len(heads) else body_end
        if key not in found:
            found[key] = (i, max(i, end), start)
    return found


def _body_range(doc: Text) -> tuple[int, int]:
    """First and last line of the letter's body: after the salutation, before the closing."""
    first = 0
    for i, line in enumerate(doc.lines[:4]):
        s = line.strip()
        if (s.endswith(("：", ":")) and len(s) <= 20) or s in ("来信", "信访信", "反映信"):
            first = i + 1
    last = len(doc.lines) - 1
    for i in range(first, len(doc.lines)):
        s = doc.lines[i].strip()
        tail_label = _after_label(_clean(s), _NAME_LABELS) is not None and _is_tail(doc, i)
        if _CLOSING.match(s) or tail_label or (_DATE.search(s) and _is_tail(doc, i)):
            last = i - 1
            break
    return first, last


def _joined(doc: Text, key: str, first: int, last: int, start: int, factor: float) -> Proposal:
    parts = [doc.lines[first][start:], *doc.lines[first + 1 : last + 1]]
    value = "".join(p.strip() for p in parts).strip("：: ")
    source = "\n".join(doc.lines[first : last + 1])
    conf = round(min(factor, _mean_conf(doc, first, last)), 3)
    return Proposal(key, value, source, first, conf)


def _mean_conf(doc: Text, first: int, last: int) -> float:
    chars = [c for i in range(first, last + 1) for c in doc.confidences[i]]
    return sum(chars) / len(chars) if chars else 1.0


# -- identity cards -------------------------------------------------------------------------


def _card_fields(doc: Text, today: dt.date) -> Iterable[Proposal]:
    """Name, gender and address from the labels printed on a resident identity card."""
    lines = [re.sub(r"\s", "", line) for line in doc.lines]
    for i, line in enumerate(lines):
        if line.startswith("姓名"):
            value, j = line[2:], i
            if not value and i + 1 < len(lines):
                value, j = lines[i + 1], i + 1
            name = _name_from(value)
            if name:
                yield Proposal("name", name, doc.lines[j], j, _line_conf(doc, j))
            break
    yield from _gender(doc, today)
    for i, line in enumerate(lines):
        if not line.startswith("住址"):
            continue
        parts, j = [line[2:]], i + 1
        # The address wraps onto the next lines until the number's label.
        while j < len(lines) and not re.match(r"公民|\d{6}", lines[j]) and lines[j]:
            if any(lines[j].startswith(label) for label in _CARD_LABELS):
                break
            parts.append(lines[j])
            j += 1
        value = "".join(parts)
        if value:
            conf = min(_line_conf(doc, k) for k in range(i, j))
            yield Proposal("address", value, "\n".join(doc.lines[i:j]), i, conf)
        break


def _line_conf(doc: Text, i: int) -> float:
    chars = doc.confidences[i]
    return round(min(chars), 3) if chars else 1.0
