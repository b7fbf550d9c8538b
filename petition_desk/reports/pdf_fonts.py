"""Finding and embedding the fonts of official documents.

GB/T 9704 asks for 仿宋 (body), 小标宋 (title), 黑体 and 楷体 (headings). On Chinese Windows
these are present; elsewhere the best free TrueType CJK font found stands in. reportlab
embeds TrueType (glyf) fonts only: OpenType/CFF fonts such as Noto CJK fail to load and are
skipped, and its built-in CID fonts are never used because they are not embedded.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import os
import struct
import zlib
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from petition_desk.fonts_bundled import bundled_font_files

log = logging.getLogger(__name__)

_WIN = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
_LINUX = Path("/usr/share/fonts/truetype")
_BUNDLED = "bundled"

#: role -> candidate files, best first; a .ttc entry may name the face it wants after "#".
CANDIDATES: dict[str, tuple[str, ...]] = {
    "title": (
        str(_WIN / "FZXBSJW.TTF"),
        str(_WIN / "方正小标宋简体.ttf"),
        str(_WIN / "simhei.ttf"),
        str(_LINUX / "wqy/wqy-microhei.ttc"),
        str(_LINUX / "wqy/wqy-zenhei.ttc"),
        _BUNDLED,
    ),
    "body": (
        str(_WIN / "simfang.ttf"),
        str(_WIN / "STFANGSO.TTF"),
        str(_WIN / "simsun.ttc"),
        str(_LINUX / "arphic/uming.ttc#CN"),
        str(_LINUX / "arphic/ukai.ttc#CN"),
        str(_LINUX / "wqy/wqy-microhei.ttc"),
        str(_LINUX / "wqy/wqy-zenhei.ttc"),
        _BUNDLED,
    ),
    "heiti": (
        str(_WIN / "simhei.ttf"),
        str(_LINUX / "wqy/wqy-microhei.ttc"),
        str(_LINUX / "wqy/wqy-zenhei.ttc"),
        _BUNDLED,
    ),
    "kaiti": (
        str(_WIN / "simkai.ttf"),
        str(_WIN / "STKAITI.TTF"),
        str(_LINUX / "arphic/ukai.ttc#CN"),
        str(_LINUX / "wqy/wqy-microhei.ttc"),
        _BUNDLED,
    ),
}
#: What each role should be, for the note printed in a document's properties.
OFFICIAL = {"title": "小标宋", "body": "仿宋", "heiti": "黑体", "kaiti": "楷体"}


class NoFontError(RuntimeError):
    """No TrueType font able to print Chinese was found."""


@dataclass(frozen=True)
class FontSet:
    """reportlab font names registered for each role, and which files they came from."""

    names: dict[str, str]
    files: dict[str, str]

    def describe(self) -> str:
        """``仿宋→simfang.ttf；小标宋→simhei.ttf…`` for the document's properties and records."""
        return _describe(tuple(self.files.items()))


@lru_cache(maxsize=8)
def _describe(files: tuple[tuple[str, str], ...]) -> str:
    # Asked twice per issued notice (its properties, its record): worked out once.
    return "；".join(f"{OFFICIAL[r]}→{Path(f).name}" for r, f in files)


def _expand(candidates: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for c in candidates:
        out.extend([str(p) for p in bundled_font_files()] if c == _BUNDLED else [c])
    return out


class _GlyfWindow:
    """The 'glyf' table read in place: a slice copies only the glyph it takes."""

    def __init__(self, data: bytes, pos: int, length: int) -> None:
        self.view = memoryview(data)[pos : pos + length]

    def __getitem__(self, part: slice) -> bytes:
        return bytes(self.view[part])

    def __len__(self) -> int:
        return len(self.view)


#: The name records an embedded subset keeps: copyright, family, style, unique id, full name,
#: version and PostScript name (what fontTools' subsetter keeps by default). reportlab copies
#: the whole table into every subset; AR PL UMing's holds its 20 KB licence text (name 13),
#: about 8 KB of every kept notice once compressed.
KEPT_NAME_IDS = frozenset(range(7))


def trimmed_name_table(table: bytes) -> bytes:
    """``table`` (a TrueType 'name' table) with only the records of ``KEPT_NAME_IDS``, in
    their order; the table unchanged if it is not the plain format 0 or does not parse."""
    try:
        fmt, count, storage = struct.unpack_from(">HHH", table)
        if fmt != 0:
            return table
        records, strings = [], b""
        for i in range(count):
            platform, encoding, language, name_id, length, offset = struct.unpack_from(
                ">6H", table, 6 + 12 * i
            )
            if name_id not in KEPT_NAME_IDS:
                continue
            text = table[storage + offset : storage + offset + length]
            if len(text) != length:
                return table
            records.append(
                struct.pack(">6H", platform, encoding, language, name_id, length, len(strings))
            )
            strings += text
    except struct.error:
        return table
    head = struct.pack(">HHH", 0, len(records), 6 + 12 * len(records))
    return head + b"".join(records) + strings


def _subset_in_place(font) -> None:
    """Make every document's font subset cheaper and smaller.

    reportlab copies the whole 'glyf' table (megabytes for a CJK font) each time it embeds a
    subset, i.e. once per font per document — a large part of a notice's time. The subsetter
    only slices single glyphs out of it, so hand it a window on the loaded file instead. It
    also copies the whole 'name' table, which under ``subset_cache`` (i.e. in the desk's
    documents) it is handed trimmed (``trimmed_name_table``).
    Falls back silently if reportlab's internals differ.
    """
    face = getattr(font, "face", None)
    data = getattr(face, "_ttf_data", None)
    if face is None or not isinstance(data, bytes) or not hasattr(face, "get_table_pos"):
        return
    plain = face.get_table
    names: list[bytes] = []  # the trimmed table, made on first use

    def get_table(tag):
        if tag == "glyf":
            pos, length = face.get_table_pos(tag)
            return _GlyfWindow(data, pos, length)
        if tag == "name" and _caching.get():  # outside: as shipped (the benches' floors)
            if not names:
                names.append(trimmed_name_table(plain(tag)))
            return names[0]
        return plain(tag)

    face.get_table = get_table


#: Kept subsets per face: the title and the headings of one kind of notice are the same
#: characters in every copy, so their embedded subset is too. Bodies differ from letter to
#: letter and simply miss; the bound keeps a long session's memory flat.
SUBSET_CACHE_SIZE = 64
#: zlib level of the embedded font files made under ``subset_cache``. Compressing a CJK
#: subset (tens of KB of glyph outlines) was the largest single cost of a notice: level 1
#: takes about half the time of reportlab's default (6) for about 10 % more font bytes
#: (measured on UMing: 34.9 KB instead of 31.7 KB for a one-page reply's subset).
FONT_ZLIB_LEVEL = 1
_caching: contextvars.ContextVar[bool] = contextvars.ContextVar("pd_subset_cache", default=False)


@contextlib.contextmanager
def subset_cache() -> Iterator[None]:
    """Within this block, documents embedding a font subset already made earlier (same face,
    same characters in the same order) reuse its compressed bytes instead of cutting and
    compressing it again, and a new subset is compressed at ``FONT_ZLIB_LEVEL``. zlib is
    deterministic, so a document is the same bytes whether its subset came from the cache or
    not. Outside the block reportlab works as shipped (the benches' bare floors)."""
    token = _caching.set(True)
    try:
        yield
    finally:
        _caching.reset(token)


class _SubsetStats:
    """Hits and misses of the subset cache, for the benches (not used by the app)."""

    hits = 0
    misses = 0


def _cache_subsets(font) -> None:
    """Wrap the face's ``addSubsetObjects`` so a repeated subset's font file is reused."""
    face = getattr(font, "face", None)
    if face is None or not hasattr(face, "addSubsetObjects") or not hasattr(face, "makeSubset"):
        return
    from reportlab.pdfbase import pdfdoc

    plain = face.addSubsetObjects
    kept: OrderedDict[tuple, tuple[bytes, int]] = OrderedDict()

    def add_subset_objects(doc, fontname, subset):
        if not _caching.get() or not doc.compression:
            return plain(doc, fontname, subset)
        key = tuple(subset)
        hit = kept.get(key)
        if hit is None:
            _SubsetStats.misses += 1
            raw = face.makeSubset(subset)
            hit = kept[key] = (zlib.compress(raw, FONT_ZLIB_LEVEL), len(raw))
            if len(kept) > SUBSET_CACHE_SIZE:
                kept.popitem(last=False)
        else:
            _SubsetStats.hits += 1
            kept.move_to_end(key)
        packed, length1 = hit
        real = face.makeSubset
        # reportlab's own method builds the descriptor around our stream; its subsetting
        # step is answered from the cache and its compression is already done.
        face.makeSubset = lambda _subset: packed
        try:
            ref = plain(doc, fontname, subset)
        finally:
            face.makeSubset = real
        stream = doc.idToObject[f"fontFile:{face.filename}({fontname})"]
        stream.filters = None
        stream.dictionary["Length1"] = length1
        stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
        return ref

    face.addSubsetObjects = add_subset_objects


def _load(spec: str, name: str):
    """Register ``spec`` under ``name``; None when missing or not TrueType."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    path, _, want = spec.partition("#")
    if not Path(path).is_file():
        return None
    indices = range(8) if path.lower().endswith(".ttc") else range(1)
    for index in indices:
        try:
            font = TTFont(name, path, subfontIndex=index)
        except (TTFError, OSError, IndexError, KeyError) as exc:
            if index == 0:
                log.info("font %s unusable: %s", path, exc)
            break
        face = (
            font.face.name.decode("latin-1", "replace")
            if isinstance(font.face.name, bytes)
            else str(font.face.name)
        )
        if want and want not in face and index < 7:
            continue
        # A Chinese document needs the common characters; check one before trusting it.
        if not font.face.charToGlyph.get(ord("信")):
            return None
        _subset_in_place(font)
        _cache_subsets(font)
        pdfmetrics.registerFont(font)
        return font
    return None


def lean(fonts: FontSet) -> FontSet:
    """The same faces under twin names whose subsets hold only the characters a document
    uses. reportlab by default puts all of ASCII (96 glyphs) in the first subset of every
    font so that its content streams read as text; nobody reads a notice's streams, and those
    glyphs were cut, compressed, measured and mapped again in every letter. The twins share
    the loaded face (no second copy of the font file); a font that is not a TrueType one
    registered here is kept as it is."""
    return _lean(tuple(fonts.names.items()), tuple(fonts.files.items()))


@lru_cache(maxsize=8)
def _lean(roles: tuple[tuple[str, str], ...], files: tuple[tuple[str, str], ...]) -> FontSet:
    import copy
    from weakref import WeakKeyDictionary

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names: dict[str, str] = {}
    for role, name in roles:
        try:
            font = pdfmetrics.getFont(name)
        except KeyError:
            font = None
        if not isinstance(font, TTFont):
            names[role] = name
            continue
        twin_name = f"{name}-lean"
        if twin_name not in pdfmetrics.getRegisteredFontNames():
            twin = copy.copy(font)
            twin.fontName = twin_name
            twin.state = WeakKeyDictionary()  # per-document subsets of its own
            twin._asciiReadable = False
            # ``registerFont`` would answer a second font of the same face with the first
            # one; the twin is set in reportlab's table of fonts by its own name instead.
            fonts_table = getattr(pdfmetrics, "_fonts", None)
            if not isinstance(fonts_table, dict):
                names[role] = name  # reportlab changed inside: keep the plain font
                continue
            fonts_table[twin_name] = twin
        names[role] = twin_name
    return FontSet(names, dict(files))


@lru_cache(maxsize=1)
def font_set() -> FontSet:
    """The fonts for every role, registered with reportlab (looked up once per process)."""
    names, files = {}, {}
    loaded: dict[str, str] = {}  # spec -> registered name
    for role, candidates in CANDIDATES.items():
        for spec in _expand(candidates):
            if spec in loaded:
                # One face serving two roles (黑体 stand-in for the title and the headings) is
                # registered and embedded once: a second subset of the same font costs time
                # and bytes in every document.
                names[role], files[role] = loaded[spec], spec.partition("#")[0]
                break
            name = f"PD-{role}"
            if _load(spec, name) is not None:
                names[role], files[role] = name, spec.partition("#")[0]
                loaded[spec] = name
                break
    if "body" not in names:
        raise NoFontError(
            "找不到可嵌入 PDF 的中文 TrueType 字体（如仿宋 simfang.ttf、宋体 simsun.ttc 或"
            "文泉驿微米黑），无法生成文书"
        )
    for role in CANDIDATES:
        if role not in names:
            names[role], files[role] = names["body"], files["body"]
    return FontSet(names, files)
