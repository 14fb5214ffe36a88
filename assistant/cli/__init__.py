"""The command line `irek`."""

from assistant.cli.commands import app, main

__all__ = ["app", "main"]
