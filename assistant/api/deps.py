"""Dependencies of the routes, as Annotated aliases."""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from assistant.answer.pipeline import AnswerPipeline
from assistant.api.state import ApiState
from assistant.feedback.store import FeedbackStore

ADMIN_OFF = ("Diese Funktion ist auf diesem Server abgeschaltet: Es ist kein Verwaltungs-Token (IREK_ADMIN_TOKEN) "
             "eingerichtet.")
ADMIN_MISSING = "Für diese Funktion ist eine Anmeldung mit dem Verwaltungs-Token nötig (Authorization: Bearer …)."
ADMIN_WRONG = "Der Verwaltungs-Token ist falsch."


def get_state(request: Request) -> ApiState:
    return request.app.state.api


StateDep = Annotated[ApiState, Depends(get_state)]


def get_ready_state(state: StateDep) -> ApiState:
    """The state, after checking that the index is loaded (503 otherwise)."""
    state.require()
    return state


async def get_pipeline(state: StateDep) -> AsyncIterator[AnswerPipeline]:
    """The pipeline served when the request began; its build stays in use until the request has finished."""
    with state.using() as pipeline:
        yield pipeline


def get_feedback_store(state: StateDep) -> FeedbackStore:
    if state.feedback is None:
        state.feedback = FeedbackStore.from_settings(state.settings)
    return state.feedback


def require_admin(request: Request, state: StateDep) -> None:
    """Bearer IREK_ADMIN_TOKEN: without a configured token the route is off (404); a missing token is 401, a wrong
    one 403 (compared in constant time)."""
    configured = state.settings.admin_token.get_secret_value().strip() if state.settings.admin_token else ""
    if not configured:
        raise HTTPException(404, ADMIN_OFF)
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(401, ADMIN_MISSING, headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode("utf-8"), configured.encode("utf-8")):
        raise HTTPException(403, ADMIN_WRONG)


ReadyStateDep = Annotated[ApiState, Depends(get_ready_state)]
PipelineDep = Annotated[AnswerPipeline, Depends(get_pipeline)]
FeedbackDep = Annotated[FeedbackStore, Depends(get_feedback_store)]
AdminDep = Depends(require_admin)
