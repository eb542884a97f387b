"""The rental routes of the JSON API (/api/v1); the contract is in DESIGN.md."""

from __future__ import annotations

from fastapi import APIRouter


def create_rental_api_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1")
    return router
