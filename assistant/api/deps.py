"""Dependencies of the routes, as Annotated aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from assistant.api.state import ApiState
from assistant.feedback.store import FeedbackStore


def get_state(request: Request) -> ApiState:
    return request.app.state.api


StateDep = Annotated[ApiState, Depends(get_state)]


def get_ready_state(state: StateDep) -> ApiState:
    """The state, after checking that the index is loaded (503 otherwise)."""
    state.require()
    return state


def get_feedback_store(state: StateDep) -> FeedbackStore:
    if state.feedback is None:
        state.feedback = FeedbackStore.from_settings(state.settings)
    return state.feedback


ReadyStateDep = Annotated[ApiState, Depends(get_ready_state)]
FeedbackDep = Annotated[FeedbackStore, Depends(get_feedback_store)]
