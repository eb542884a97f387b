"""What the routes declare they need, as typed FastAPI dependencies.

- ``CoreDep``, ``SettingsDep``: the core the app was built on (``request.app.state.core``) and
  its settings; nothing is read at import time.
- ``Uow``: one unit of work around the route: committed when the route returns, rolled back
  (and its events dropped) when it raises. A route may commit earlier itself, e.g. before a
  second transaction reads what the first wrote.
- The caller: ``ApiCaller`` (a bearer token, or the panel's session with ``X-CSRF-Token`` on
  writes), ``PageCaller`` (the session; a visitor who is not logged in is sent to /login and
  back here after it), ``FragmentCaller`` (the session, for the pieces the page's script
  fetches: 401, not a login page), ``FormCaller`` (a page's form: logged in, then the form's
  ``csrf`` field checked), ``StreamCaller`` (the live events: the session or a token, else 401),
  ``MaybeCaller`` (whoever it is, or None). ``CsrfChecked`` checks a form's token alone.
- A caller whose role needs a second factor she has not enrolled (``must_enrol``) is sent to
  /account/2fa by every page (``EnrolmentRequired``) and refused by fragments and streams;
  only ``EnrollingCaller`` (the enrolment page itself) lets her in.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Form, Request

from admin.auth import (
    AuthError,
    Caller,
    LoginThrottle,
    api_caller,
    caller_from,
    check_csrf,
    core_of,
    local_path,
)
from core.bootstrap import Core
from core.settings import Settings
from core.uow import UnitOfWork


class LoginRequired(Exception):
    """Raised for a page whose visitor is not logged in; the app redirects to /login."""


class EnrolmentRequired(Exception):
    """Raised for a page of a staff member who must enrol a second factor first; the app
    redirects to /account/2fa."""


ENROL_PATH = "/account/2fa"


def settings_of(request: Request) -> Settings:
    return core_of(request).settings


def throttle_of(request: Request) -> LoginThrottle:
    """The app's failed-login counter (one per app, made by ``create_app``)."""
    return request.app.state.login_throttle  # type: ignore[no-any-return]


CoreDep = Annotated[Core, Depends(core_of)]
SettingsDep = Annotated[Settings, Depends(settings_of)]
ThrottleDep = Annotated[LoginThrottle, Depends(throttle_of)]


async def unit_of_work(core: CoreDep) -> AsyncIterator[UnitOfWork]:
    async with core.uow() as uow:
        yield uow  # an exception of the route comes out here: the block rolls back
        await uow.commit()


# scope="function": the commit happens before the response is sent, so a failed commit is
# the error the client gets (a 503 when the database is gone), never a silent loss.
Uow = Annotated[UnitOfWork, Depends(unit_of_work, scope="function")]


async def enrolling(request: Request) -> Caller:
    """The logged-in staff member of a page, or a redirect to /login (back here after); one
    who must still enrol a second factor is let in too (the enrolment page)."""
    caller = await caller_from(request)
    if caller is None or caller.via_token:
        if request.method == "GET":
            request.session["next"] = local_path(str(request.url.path), request)
        raise LoginRequired
    return caller


async def require(request: Request) -> Caller:
    """The logged-in staff member of a page, or a redirect to /login (back here after), or to
    the enrolment of the second factor her role needs."""
    caller = await enrolling(request)
    if caller.must_enrol:
        raise EnrolmentRequired
    return caller


async def require_for_fragment(request: Request) -> Caller:
    """For the pieces the page's script fetches: a 401 it understands, not a login page."""
    caller = await caller_from(request)
    if caller is None or caller.via_token:
        raise AuthError(401, "not-authenticated")
    if caller.must_enrol:
        raise AuthError(403, "otp-enrolment-required")
    return caller


async def stream_caller(request: Request) -> Caller:
    """The panel's session, or a bearer token for a centre's own tool; else 401."""
    caller = await caller_from(request)
    if caller is None:
        raise AuthError(401, "not-authenticated", bearer=True)
    if caller.must_enrol:
        raise AuthError(403, "otp-enrolment-required")
    return caller


async def form_csrf(request: Request, csrf: Annotated[str, Form(max_length=200)] = "") -> None:
    """Every form posts the session's CSRF token in its ``csrf`` field."""
    check_csrf(request, csrf)


PageCaller = Annotated[Caller, Depends(require)]
EnrollingCaller = Annotated[Caller, Depends(enrolling)]
FragmentCaller = Annotated[Caller, Depends(require_for_fragment)]
StreamCaller = Annotated[Caller, Depends(stream_caller)]
ApiCaller = Annotated[Caller, Depends(api_caller)]
MaybeCaller = Annotated[Caller | None, Depends(caller_from)]
CsrfChecked = Annotated[None, Depends(form_csrf)]


async def form_caller(caller: PageCaller, _: CsrfChecked) -> Caller:
    """A change from a page's form: the visitor logged in first, then the form's token."""
    return caller


FormCaller = Annotated[Caller, Depends(form_caller)]


async def enrolling_form_caller(caller: EnrollingCaller, _: CsrfChecked) -> Caller:
    """A form of the enrolment page: logged in (enrolled or not), then the form's token."""
    return caller


EnrollingFormCaller = Annotated[Caller, Depends(enrolling_form_caller)]
