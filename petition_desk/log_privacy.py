"""The log file's safety net: no record reaches it with an ID number, a phone or a quoted name.

Every log call is written not to carry personal data (they log kinds of failure, counts and
program paths); this filter, attached to the file handler, masks what slips through anyway —
above all the messages of exceptions (a validation error repeats the value it refused) and
the tracebacks that carry them.
"""

from __future__ import annotations

import logging
import traceback


class PrivacyFilter(logging.Filter):
    """Rewrites each record's message, traceback and stack as their redacted text."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Mask the record in place; never drops one (a failure must still leave a trace)."""
        # Imported with the first record, not when the log is set up at start-up (its
        # patterns take milliseconds to compile, and most starts log nothing).
        from petition_desk.domain.redact import redact

        try:
            message = record.getMessage()
        except Exception:  # a malformed call: keep the format, not the arguments
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def private_handler(handler: logging.Handler) -> logging.Handler:
    """``handler`` with the ``PrivacyFilter`` attached (returned for chaining)."""
    handler.addFilter(PrivacyFilter())
    return handler
