"""An exported file exists only if its audit entry does.

Who exported which personal data is part of the record (domain.md §10). If the audit entry
cannot be written — the database is locked, read-only, the disk full — the file just written
is removed again, and the error (in Chinese, via ``db.errors``) says why.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def unless_recorded(path: Path) -> Iterator[None]:
    """Delete ``path`` if the block (the audit entry for it) fails."""
    try:
        yield
    except BaseException:
        Path(path).unlink(missing_ok=True)
        raise
