"""The SQLite library the desk links against: SQLCipher, so the file is encrypted at rest.

``sqlcipher3`` (a maintained DB-API module with the same interface as the standard
``sqlite3``) ships wheels with SQLCipher statically linked for Windows and Linux, FTS5
included. Every module imports ``sqlite3`` from here, never the standard library's: its
exception classes are different ones, and an ``except sqlite3.IntegrityError`` written against
the standard module would never catch an error raised by this library
(``tests/test_architecture.py`` enforces it).
"""

from sqlcipher3 import dbapi2 as sqlite3

__all__ = ["sqlite3"]
