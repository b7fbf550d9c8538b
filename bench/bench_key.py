"""The data key of the database a bench measures (issue 12: the files are encrypted).

A plain file (``--plain`` copies, or files of older versions) has no key file: ``None``. An
encrypted one is unlocked with ``PETITION_DESK_USER``/``PETITION_DESK_PASSWORD``, by default
the documented demo clerk of ``petition-desk demo-data``.
"""

from __future__ import annotations

import os
from pathlib import Path

from petition_desk.db.keyring import Keyring, keys_path


def bench_key(path: str | Path) -> bytes | None:
    if not keys_path(path).exists():
        return None
    user = os.environ.get("PETITION_DESK_USER", "clerk")
    password = os.environ.get("PETITION_DESK_PASSWORD", "demo-clerk")
    return Keyring.load(keys_path(path)).unlock(user, password)
