"""The FastAPI application: `create_app(settings)`; the index and the models are loaded once, in the lifespan."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import Response
from starlette.routing import BaseRoute, Match, Mount
from starlette.types import Receive, Scope, Send

from assistant.api import docs, errors
from assistant.api.limits import AnswerCap, BodyGuard, Deadline, RateLimit, SecurityHeaders
from assistant.api.routes import admin, answers, documents, export, feedback, goals, health, match, search
from assistant.api.state import ApiState
from assistant.feedback.store import FeedbackStore
from assistant.core.settings import Settings, get_settings

DESCRIPTION = """\
Recherche und Förderberatung zum Integrierten Regionalen Entwicklungskonzept (IREK) des Landkreises Osnabrück und
zum GRW-Koordinierungsrahmen 2026. Jede Aussage ist mit Dokument, Abschnitt, Seite und wörtlichem Zitat belegt.

Fehler kommen immer als JSON mit einer deutschen Meldung in `detail`: 422 bei leeren oder fehlerhaften Anfragen,
413 bei zu langen Texten (Fragen über 2.000 Zeichen) oder zu großen Anfragen, 400 bei Inhalt, der kein UTF-8 oder zu
tief verschachtelt ist, 408 bei zu langsam gesendetem Inhalt, 404 bei unbekannten Passagen oder Zielen, 429 bei zu
vielen Anfragen einer Adresse (mit `Retry-After`), 503 ohne nutzbaren Index oder bei zu vielen gleichzeitigen
Antworten (mit `Retry-After`), 504 nach Ablauf des Zeitlimits einer Anfrage.

Rückmeldungen lesen und Verwaltungsaufrufe (`/api/admin/…`) nur mit `Authorization: Bearer <IREK_ADMIN_TOKEN>`; ist
kein Token eingerichtet, sind diese Adressen abgeschaltet.
"""

logger = logging.getLogger("assistant.api")


class WebPage(StaticFiles):
    """The static page at "/" (index.html for "/"). A path of an API route never falls through to it: a wrong method
    there is 405, as without the page. Scripts are native ES modules, which browsers run only when served with a
    JavaScript MIME type: `.js` is always `text/javascript`, whatever the system's MIME table says. Files carry
    their validators (ETag, Last-Modified; a matching request gets 304) and `Cache-Control: no-cache`, so a browser
    keeps them and asks once per load whether they changed; create_app serves them gzip-compressed."""

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
        response.headers["cache-control"] = "no-cache"
        return response

    def _methods_of_api_routes(self, scope: Scope) -> list[str]:
        """The methods the app's own routes accept at this path (empty: the path is not an API route)."""
        allowed = []
        for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"):
            probe = {**scope, "method": method}
            for route in self._routes:
                if isinstance(route, Mount) and route.name == "web":
                    continue
                if route.matches(probe)[0] == Match.FULL:
                    allowed.append(method)
                    break
        return allowed


async def _watch_index(state: ApiState, interval: float) -> None:
    """Take over a new build as soon as `current` points at it."""
    while True:
        await asyncio.sleep(interval)
        try:
            if await asyncio.to_thread(state.needs_reload):
                await asyncio.to_thread(state.reload)
        except Exception:  # noqa: BLE001 - the watcher must outlive a failed look
            logger.exception("Prüfung auf einen neuen Index fehlgeschlagen")


def _reload_on_sighup(state: ApiState, tasks: set[asyncio.Task]) -> bool:
    """SIGHUP reloads (only where the server runs in the main thread; elsewhere the watcher and the admin call do)."""
    loop = asyncio.get_running_loop()

    def handler() -> None:
        task = loop.create_task(asyncio.to_thread(state.reload))
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    try:
        loop.add_signal_handler(signal.SIGHUP, handler)
    except (NotImplementedError, RuntimeError, ValueError, AttributeError):
        return False
    return True


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    state = ApiState(settings, feedback=FeedbackStore.from_settings(settings))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(state.open)
        tasks: set[asyncio.Task] = set()
        if settings.index_watch_s > 0:
            tasks.add(asyncio.create_task(_watch_index(state, settings.index_watch_s)))
        hup = _reload_on_sighup(state, tasks)
        try:
            yield
        finally:
            if hup:
                asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)
            for task in tasks:
                task.cancel()
            state.close()

    app = FastAPI(title="IREK-Assistent", version="0.1.0", description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json" if settings.api_docs else None)
    app.state.api = state
    errors.install(app)
    app.include_router(health.router)
    for module in (answers, match, search, goals, documents, feedback, export, admin):
        app.include_router(module.router, responses=errors.LIMIT_ERRORS)
    if settings.api_docs:
        docs.install(app)
    # Outermost first: headers on every answer, then the rate limit (before any body is read), the body's bounds,
    # the cap on answers in work, and the deadline around the app itself.
    app.add_middleware(Deadline, settings=settings)
    app.add_middleware(AnswerCap, settings=settings)
    app.add_middleware(BodyGuard, settings=settings)
    app.add_middleware(RateLimit, settings=settings)
    app.add_middleware(SecurityHeaders)

    web = settings.web_static_dir
    if web.is_dir():  # mounted last: /api, /healthz, /readyz, /docs and /openapi.json take precedence
        page = WebPage(app.router.routes, directory=web, html=True)
        app.mount("/", GZipMiddleware(page, minimum_size=500), name="web")
    return app


def app_from_environment() -> FastAPI:
    """Factory for `uvicorn --factory assistant.api.app:app_from_environment` (settings from IREK_*)."""
    return create_app()
