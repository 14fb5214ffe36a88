"""Dependencies of the routes, as Annotated aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from assistant.answer.pipeline import AnswerPipeline
from assistant.api.state import ApiState
from assistant.feedback.store import FeedbackStore
from assistant.core.settings import Settings


def get_state(request: Request) -> ApiState:
    return request.app.state.api


StateDep = Annotated[ApiState, Depends(get_state)]


def get_settings(state: StateDep) -> Settings:
    return state.settings


def get_pipeline(state: StateDep) -> AnswerPipeline:
    """The loaded answer pipeline; 503 with a German message when no index is loaded."""
    return state.require()


def get_ready_state(state: StateDep) -> ApiState:
    """The state, after checking that the index is loaded (503 otherwise)."""
    state.require()
    return state


def get_feedback_store(state: StateDep) -> FeedbackStore:
    if state.feedback is None:
        state.feedback = FeedbackStore(state.settings.feedback_db_path)
    return state.feedback


SettingsDep = Annotated[Settings, Depends(get_settings)]
PipelineDep = Annotated[AnswerPipeline, Depends(get_pipeline)]
ReadyStateDep = Annotated[ApiState, Depends(get_ready_state)]
FeedbackDep = Annotated[FeedbackStore, Depends(get_feedback_store)]
