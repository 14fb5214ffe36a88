"""Errors whose German message is meant for the user."""

from __future__ import annotations


class QueryError(ValueError):
    """A query or filter that cannot be searched or answered; the message is German and meant for the user."""
