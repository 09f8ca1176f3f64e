"""Request and response shapes of the training routes (the contract clients code against)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

Side = Literal["left", "right", "both"]
SetType = Literal["warmup", "working", "drop", "failure"]


class SetIn(BaseModel):
    exercise_id: str = Field(min_length=1, max_length=100)
    load_kg: float | None = Field(default=None, ge=0, le=1000)
    reps: int | None = Field(default=None, ge=0, le=100)
    seconds: float | None = Field(default=None, ge=0, le=86_400)
    rpe: float | None = Field(default=None, ge=1, le=10)
    side: Side = "both"
    set_type: SetType = "working"
    notes: str | None = Field(default=None, max_length=2000)


class SetOut(BaseModel):
    id: int
    session_id: int
    athlete_id: int
    seq: int
    exercise_id: str | None
    exercise: str
    set_type: str
    load_kg: float | None
    reps: int | None
    seconds: float | None
    rpe: float | None
    side: str
    notes: str | None
    client_id: str | None


class SessionIn(BaseModel):
    started_at: datetime | None = None
    name: str | None = Field(default=None, max_length=300)
    notes: str | None = Field(default=None, max_length=5000)
    session_rpe: float | None = Field(default=None, ge=0, le=10)
    duration_s: int | None = Field(default=None, ge=0, le=86_400)
    sets: list[SetIn] = Field(default_factory=list, max_length=200)


class SessionPatch(BaseModel):
    started_at: datetime | None = None
    name: str | None = Field(default=None, max_length=300)
    notes: str | None = Field(default=None, max_length=5000)
    session_rpe: float | None = Field(default=None, ge=0, le=10)
    duration_s: int | None = Field(default=None, ge=0, le=86_400)
    clear: list[Literal["name", "notes", "session_rpe", "duration_s"]] = Field(
        default_factory=list, max_length=4
    )


# Training times are the athlete's local wall clock, as logged: ISO 8601 without an offset.
LOCAL_TIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$"


class SessionBase(BaseModel):
    id: int
    athlete_id: int
    started_at: str = Field(pattern=LOCAL_TIME, description="local wall time, no offset")
    name: str | None
    notes: str | None
    session_rpe: float | None
    duration_s: int | None
    source: str
    status: str


class SessionOut(SessionBase):
    sets: list[SetOut]


class SessionListItem(SessionBase):
    set_count: int


class SessionPage(BaseModel):
    items: list[SessionListItem]
    next_cursor: str | None


class AthleteOut(BaseModel):
    id: int
    name: str
    unit: str
    own: bool
    roles: list[str]
    scopes: list[str]


class AthleteList(BaseModel):
    items: list[AthleteOut]


class SyncOpIn(BaseModel):
    op: Literal["create", "update", "delete"]
    client_id: str = Field(min_length=1, max_length=100)
    client_session_id: str | None = Field(default=None, min_length=1, max_length=100)
    athlete_id: int | None = None
    exercise_id: str | None = Field(default=None, max_length=100)
    load_kg: float | None = None
    reps: int | None = None
    seconds: float | None = None
    rpe: float | None = None
    side: str | None = Field(default=None, max_length=10)
    logged_at: datetime | None = None


class SyncIn(BaseModel):
    ops: list[SyncOpIn] = Field(max_length=500)


class SyncResultOut(BaseModel):
    client_id: str
    status: Literal["created", "duplicate", "updated", "deleted", "rejected"]
    reason: str | None = None
    set_id: int | None = None
    session_id: int | None = None


class SyncOut(BaseModel):
    results: list[SyncResultOut]
