"""The course pages of the panel: thin routes over core.services (see admin/pages.py)."""

from __future__ import annotations

from fastapi import APIRouter


def create_course_pages_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)
    return router
