"""Petition Desk (信访接待台): an offline desk for a township petition reception room.

The package root holds the Qt-free domain core; ``db`` is the SQLite store, ``reports`` the
Excel/PDF builders and ``ui`` the only place where Qt is imported.
"""

__version__ = "0.1.0"
