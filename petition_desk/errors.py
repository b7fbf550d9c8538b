"""Errors the desk reports to people, as opposed to bugs.

Every message is Chinese and names what is wrong, so the UI and the command line can show it
as it is.
"""

from __future__ import annotations


class DeskError(Exception):
    """Base of every error that is the user's or the environment's, not a bug."""


class ValidationError(DeskError):
    """One or more fields are wrong. ``problems`` maps a field key to its Chinese message."""

    def __init__(self, problems: dict[str, str] | str, field: str = "") -> None:
        if isinstance(problems, str):
            problems = {field: problems}
        self.problems: dict[str, str] = dict(problems)
        super().__init__("；".join(self.problems.values()))

    @property
    def field(self) -> str:
        """The first field named, for callers that show one message."""
        return next(iter(self.problems), "")


class TransitionError(DeskError):
    """A lifecycle step that is not allowed from the case's current state."""


class NotFoundError(DeskError):
    """A case, person or other record that does not exist."""


class Cancelled(Exception):
    """The user pressed Cancel; nothing was written."""
