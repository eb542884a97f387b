"""Domain errors. Each carries a code; the edges turn the code into a message from locales/."""

from __future__ import annotations


class DomainError(Exception):
    code: str = "error"
    status: int = 400

    def __init__(self, code: str | None = None, **params: object) -> None:
        self.code = code or self.code
        self.params = params
        super().__init__(self.code)


class NotFound(DomainError):
    code = "not-found"
    status = 404


class Forbidden(DomainError):
    code = "forbidden"
    status = 403


class Conflict(DomainError):
    code = "conflict"
    status = 409


class InvalidInput(DomainError):
    code = "invalid-input"
    status = 422
