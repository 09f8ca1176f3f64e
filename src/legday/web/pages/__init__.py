"""The HTML pages people use on a phone in the gym (and on a desktop): server-rendered Jinja2
with htmx, every asset served by legday. The server's app factory includes :data:`router`."""

from __future__ import annotations

from fastapi import APIRouter

from legday.web.pages import (
    account,
    assess,
    assets,
    calendar,
    clinic,
    dashboard,
    imports,
    me,
    people,
    plan,
    sessions,
    team,
    train,
)

router = APIRouter(include_in_schema=False)
router.include_router(assets.router)
router.include_router(account.router)
router.include_router(train.router)
router.include_router(dashboard.router)
router.include_router(imports.router)
router.include_router(plan.router)
router.include_router(people.router)
router.include_router(assess.router)
router.include_router(me.router)
router.include_router(sessions.router)
router.include_router(clinic.router)
router.include_router(team.router)
router.include_router(calendar.router)

__all__ = ["router"]
