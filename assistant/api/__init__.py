"""The HTTP API of the assistant (FastAPI): `create_app(settings)`; served by `irek serve`."""

from assistant.api.app import create_app

__all__ = ["create_app"]
