"""Athletes, sessions and sets: `/api/v1/athletes…`, `/api/v1/sessions…`, `/api/v1/sync`."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.responses import JSONResponse

from legday.app import logbook, outbox_sync
from legday.app.outbox_sync import SyncOp
from legday.app.set_fields import SessionFields, SetFields
from legday.domain.access import Scope
from legday.web.deps import DB, CurrentActor, client_ip
from legday.web.guard import open_athlete, open_session
from legday.web.problems import responses
from legday.web.routes.schemas import (
    AthleteList,
    AthleteOut,
    SessionIn,
    SessionOut,
    SessionPage,
    SessionPatch,
    SetIn,
    SetOut,
    SyncIn,
    SyncOut,
    SyncResultOut,
)

router = APIRouter(
    prefix="/api/v1", tags=["training"], responses=responses(400, 401, 403, 404, 422)
)

Cursor = Annotated[str | None, Query(max_length=10, pattern=r"^[0-9]+$")]
Limit = Annotated[int, Query(ge=1, le=logbook.PAGE_MAX)]
IfMatch = Annotated[str | None, Header(alias="If-Match", max_length=200)]


def _wall(t: datetime | None) -> datetime | None:
    """Training times are the athlete's local wall time: keep the clock reading, drop the zone."""
    return t.replace(tzinfo=None, microsecond=0) if t is not None else None


def _set(x: SetIn) -> SetFields:
    return SetFields(
        x.exercise_id, x.load_kg, x.reps, x.seconds, x.rpe, x.side, x.set_type, x.notes
    )


def _versioned(v: logbook.Versioned, status: int = 200) -> JSONResponse:
    body = SessionOut.model_validate(v.body).model_dump(mode="json")
    return JSONResponse(body, status_code=status, headers={"ETag": v.etag})


@router.get("/athletes")
def list_athletes(actor: CurrentActor, db: DB) -> AthleteList:
    """Every athlete the caller may see: their own, and those who accepted them."""
    return AthleteList(
        items=[AthleteOut(**a.as_json()) for a in logbook.visible_athletes(db, actor)]
    )


@router.get("/athletes/{athlete_id}/sessions")
def list_sessions(
    athlete_id: int,
    request: Request,
    actor: CurrentActor,
    db: DB,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> SessionPage:
    open_athlete(request, db, actor, athlete_id, Scope.VIEW_TRAINING, "list sessions")
    page = logbook.list_sessions(
        db, actor, athlete_id, before=int(cursor) if cursor else None, limit=limit
    )
    return SessionPage.model_validate(
        {
            "items": [i.as_json() for i in page.items],
            "next_cursor": str(page.next_cursor) if page.next_cursor else None,
        }
    )


@router.post("/athletes/{athlete_id}/sessions", status_code=201, response_model=SessionOut)
def create_session(
    athlete_id: int, body: SessionIn, request: Request, actor: CurrentActor, db: DB
) -> JSONResponse:
    open_athlete(request, db, actor, athlete_id, Scope.LOG_FOR_ATHLETE, "log a session")
    fields = SessionFields(
        _wall(body.started_at), body.name, body.notes, body.session_rpe, body.duration_s
    )
    made = logbook.create_session(db, actor, athlete_id, fields, [_set(x) for x in body.sets])
    return _versioned(made, 201)


@router.get("/sessions/{session_id}", response_model=SessionOut)
def get_session(session_id: int, request: Request, actor: CurrentActor, db: DB) -> JSONResponse:
    """One session with its sets; its ETag goes into If-Match when editing it."""
    open_session(request, db, actor, session_id, Scope.VIEW_TRAINING, "read")
    return _versioned(logbook.get_session(db, actor, session_id))


@router.patch("/sessions/{session_id}", response_model=SessionOut, responses=responses(412))
def edit_session(
    session_id: int,
    body: SessionPatch,
    request: Request,
    actor: CurrentActor,
    db: DB,
    if_match: IfMatch = None,
) -> JSONResponse:
    """Change a session; with If-Match, a session changed since that version answers 412."""
    open_session(request, db, actor, session_id, Scope.LOG_FOR_ATHLETE, "edit")
    fields = SessionFields(
        _wall(body.started_at), body.name, body.notes, body.session_rpe, body.duration_s
    )
    edited = logbook.edit_session(db, actor, session_id, fields, set(body.clear), if_match)
    return _versioned(edited)


@router.delete("/sessions/{session_id}", status_code=204, responses=responses(412))
def delete_session(
    session_id: int, request: Request, actor: CurrentActor, db: DB, if_match: IfMatch = None
) -> Response:
    open_session(request, db, actor, session_id, Scope.LOG_FOR_ATHLETE, "delete")
    logbook.delete_session(db, actor, session_id, if_match)
    return Response(status_code=204)


@router.post("/sessions/{session_id}/sets", status_code=201, response_model=SetOut)
def add_set(
    session_id: int, body: SetIn, request: Request, actor: CurrentActor, db: DB
) -> JSONResponse:
    """Log one set; the access check, its log entry and the write are one unit of work."""
    logged = logbook.add_set(db, actor, session_id, _set(body), ip=client_ip(request))
    # built and checked once here (FastAPI would validate a returned model a second time)
    return JSONResponse(SetOut(**logged.as_json()).model_dump(mode="json"), status_code=201)


@router.post("/sync")
def sync(body: SyncIn, actor: CurrentActor, db: DB) -> SyncOut:
    """The offline outbox: apply each op once (idempotent on client_id), answer per op."""
    ops = [
        SyncOp(
            op.op,
            op.client_id,
            op.client_session_id,
            op.athlete_id,
            op.exercise_id,
            op.load_kg,
            op.reps,
            op.seconds,
            op.rpe,
            op.side,
            _wall(op.logged_at),
            # "load_kg": null in an update takes the load away: a body-weight set again
            clear_load=op.op == "update"
            and "load_kg" in op.model_fields_set
            and op.load_kg is None,
        )
        for op in body.ops
    ]
    results = outbox_sync.sync(db, actor, ops)
    return SyncOut(
        results=[
            SyncResultOut(
                client_id=r.client_id,
                status=r.status,
                reason=r.reason,
                set_id=r.set_id,
                session_id=r.session_id,
            )
            for r in results
        ]
    )
