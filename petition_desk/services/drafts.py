"""Forms kept when the desk is stopped from outside (SIGTERM, log-off), to be put back.

A draft holds what a clerk typed — names, ID numbers, complaints — so it is encrypted with a
key derived from the desk's data key, like everything else the desk keeps on disk.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from petition_desk.paths import data_dir


def drafts_dir() -> Path:
    """Where unsaved forms are kept when the desk is stopped from outside."""
    return data_dir() / "drafts"


def _plain(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


DRAFT_MAGIC = b"PDDRAFT1"


def _draft_cipher(key: bytes) -> AESGCM:
    # A key of its own, derived from the data key (the data key itself is SQLCipher's).
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"petition-desk drafts")
    return AESGCM(derived.derive(key))


def save_draft(name: str, value: object, key: bytes, now: dt.datetime | None = None) -> Path:
    """Write ``value`` (a dataclass such as the form's ``CaseInput``) encrypted with a key
    derived from the desk's data ``key``; returns the path (``<name>-<time>.draft``)."""
    folder = drafts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        folder.chmod(0o700)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    path = folder / f"{name}-{stamp}.draft"
    text = json.dumps(_plain(value), ensure_ascii=False, default=str).encode("utf-8")
    nonce = os.urandom(12)
    blob = DRAFT_MAGIC + nonce + _draft_cipher(key).encrypt(nonce, text, name.encode())
    tmp = path.with_name(path.name + ".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(blob)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return path


def load_drafts(name: str, key: bytes) -> list[tuple[Path, dict]]:
    """This desk's kept drafts of ``name``, oldest first (another desk's are left alone)."""
    folder = drafts_dir()
    found: list[tuple[Path, dict]] = []
    for path in sorted(folder.glob(f"{name}-*.draft")) if folder.is_dir() else []:
        blob = path.read_bytes()
        if not blob.startswith(DRAFT_MAGIC):
            continue
        nonce, body = blob[len(DRAFT_MAGIC) : len(DRAFT_MAGIC) + 12], blob[len(DRAFT_MAGIC) + 12 :]
        try:
            text = _draft_cipher(key).decrypt(nonce, body, name.encode())
        except InvalidTag:
            continue  # kept by a desk with another key
        found.append((path, json.loads(text)))
    return found
