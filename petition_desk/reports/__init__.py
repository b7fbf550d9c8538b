"""Excel and PDF builders. Qt-free: the GUI runs them in a worker thread with a progress bar."""


class Cancelled(Exception):
    """The user pressed Cancel; nothing was written."""
