"""Excel and PDF builders. Qt-free: the GUI runs them in a worker thread with a progress bar."""
