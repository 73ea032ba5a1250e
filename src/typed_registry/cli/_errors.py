"""``UsageError``: bad usage or bad input, reported as one line with exit status 2."""

from __future__ import annotations


class UsageError(Exception):
    """The command cannot run as asked; the message is one line naming the cause."""
