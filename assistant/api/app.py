"""The FastAPI application: `create_app(settings)`; the index and the models are loaded once, in the lifespan."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.routing import BaseRoute, Match, Mount
from starlette.types import Receive, Scope, Send

from assistant.api import errors
from assistant.api.routes import answers, documents, export, feedback, goals, health, match, search
from assistant.api.state import ApiState
from assistant.feedback.store import FeedbackStore
from assistant.core.settings import Settings, get_settings

DESCRIPTION = """\
Recherche und Förderberatung zum Integrierten Regionalen Entwicklungskonzept (IREK) des Landkreises Osnabrück und
zum GRW-Koordinierungsrahmen 2026. Jede Aussage ist mit Dokument, Abschnitt, Seite und wörtlichem Zitat belegt.

Fehler kommen immer als JSON mit einer deutschen Meldung in `detail`: 422 bei leeren oder fehlerhaften Anfragen,
413 bei zu langen Texten (Fragen über 2.000 Zeichen), 404 bei unbekannten Passagen oder Zielen, 503 ohne nutzbaren
Index.
"""


class WebPage(StaticFiles):
    """The static page at "/" (index.html for "/"). A path of an API route never falls through to it: a wrong method
    there is 405, as without the page. Scripts are native ES modules, which browsers run only when served with a
    JavaScript MIME type: `.js` is always `text/javascript`, whatever the system's MIME table says."""

    SCRIPT_TYPE = "text/javascript; charset=utf-8"

    def __init__(self, routes: list[BaseRoute], **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self._routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            allowed = self._methods_of_api_routes(scope)
            if allowed:
                raise HTTPException(405, headers={"Allow": ", ".join(allowed)})
        await super().__call__(scope, receive, send)

    def file_response(self, full_path: os.PathLike, stat_result: os.stat_result, scope: Scope,
                      status_code: int = 200) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        if str(full_path).endswith((".js", ".mjs")):
            response.headers["content-type"] = self.SCRIPT_TYPE
        return response

    def _methods_of_api_routes(self, scope: Scope) -> list[str]:
        """The methods the app's own routes accept at this path (empty: the path is not an API route)."""
        allowed = []
        for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"):
            probe = {**scope, "method": method}
            for route in self._routes:
                if isinstance(route, Mount) and route.app is self:
                    continue
                if route.matches(probe)[0] == Match.FULL:
                    allowed.append(method)
                    break
        return allowed


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    state = ApiState(settings, feedback=FeedbackStore.from_settings(settings))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(state.open)
        yield

    app = FastAPI(title="IREK-Assistent", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    app.state.api = state
    errors.install(app)
    for module in (health, answers, match, search, goals, documents, feedback, export):
        app.include_router(module.router)

    web = settings.web_static_dir
    if web.is_dir():  # mounted last: /api, /healthz, /readyz, /docs and /openapi.json take precedence
        app.mount("/", WebPage(app.router.routes, directory=web, html=True), name="web")
    return app


def app_from_environment() -> FastAPI:
    """Factory for `uvicorn --factory assistant.api.app:app_from_environment` (settings from IREK_*)."""
    return create_app()
