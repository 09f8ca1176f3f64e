"""`GET /api/v1/health`: the server answers and its database is at the right schema."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from legday import __version__
from legday.app.db import Database
from legday.web.deps import database
from legday.web.problems import responses

router = APIRouter(prefix="/api/v1", tags=["meta"], responses=responses(503))


class Health(BaseModel):
    status: str
    version: str
    database: str


@router.get("/health")
def health(db: Annotated[Database, Depends(database)]) -> Health:
    return Health(status="ok", version=__version__, database=db.dialect)
