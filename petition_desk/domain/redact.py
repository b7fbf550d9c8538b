"""Masking personal numbers and quoted names in free text (log lines, error details).

A name cannot be recognised by pattern, but the house convention quotes every value an error
message repeats (“张三”); a quoted span holding Chinese text is therefore masked whole, as are
ASCII-quoted spans holding Chinese text (an ``OSError``'s file name, a ``KeyError``'s key).
Identity numbers (18 and legacy 15 digits), mobile numbers (with or without spaces or hyphens)
and landline numbers keep only their masked form (``mask_id``, ``mask_phone``).
"""

from __future__ import annotations

import re

from petition_desk.domain.idcard import mask_id
from petition_desk.domain.phones import mask_phone

# Not part of a longer run of digits: a 20-digit number is not an ID number plus two.
_ID = re.compile(r"(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9Xx])")
_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9](?:[ \-]?[0-9]){8}(?![0-9])")
_LANDLINE = re.compile(r"(?<![0-9])0[0-9]{2,3}-?[2-9][0-9]{6,7}(?![0-9])")
_CJK = r"[\u3400-\u9fff\uf900-\ufaff]"
_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|「[^」]*」|『[^』]*』|《[^》]*》")
_ASCII_QUOTED = re.compile(rf"'[^'\n]*{_CJK}[^'\n]*'|\"[^\"\n]*{_CJK}[^\"\n]*\"")
MASK = "＊"


def _quoted(match: re.Match[str]) -> str:
    text = match.group(0)
    return text[0] + MASK + text[-1]


def _digits(match: re.Match[str], masker) -> str:
    return masker(re.sub(r"[ \-]", "", match.group(0)))


def redact(text: str) -> str:
    """``text`` with ID numbers, phone numbers and quoted Chinese text masked."""
    text = _QUOTED.sub(_quoted, text)
    text = _ASCII_QUOTED.sub(_quoted, text)
    text = _ID.sub(lambda m: _digits(m, mask_id), text)
    text = _MOBILE.sub(lambda m: _digits(m, mask_phone), text)
    return _LANDLINE.sub(lambda m: _digits(m, mask_phone), text)
