"""What the edge lets in (issue #16): numbers and dates out of range are refused before they
reach the database or date arithmetic (422 in the API, the panel's message on a page), bodies
over the size limit get 413 before they are parsed, an upload is never read before the login
check, and the security headers are on the responses that need them."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import AsyncIterator
from datetime import date, datetime

import httpx
import pytest
from sqlalchemy import func, select

from admin.app import create_app
from admin.limits import BODY_LIMIT, UPLOAD_LIMIT, chat_csp
from bot.web import WebMessenger, create_web_chat_router
from core import date_window
from core.bootstrap import Core
from core.errors import InvalidInput
from core.models import AuditEntry, Booking, CourseSession, DutyShift
from core.services import courses, duty, rental
from core.services.courses import SessionSpec
from tests.factories import make_item, make_staff
from tests.integration.conftest import token_for
from tests.integration.test_course import THURSDAY_18_MSK, group_with
from tests.integration.test_panel import log_in
from tests.integration.test_rental_panel import booked

FAR = "9999-12-31"
TWENTY_DIGITS = "12345678901234567890"


@pytest.fixture
async def web(core: Core) -> AsyncIterator[httpx.AsyncClient]:
    """The app as the demo builds it (the panel, the API and the web chat), with a 500
    answered as a response, not raised: a test must see it as a status."""
    app = create_app(
        core.settings, core, extra_routers=[create_web_chat_router(core, WebMessenger())]
    )
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://panel.test") as http:
        yield http


async def issued_booking(core: Core, staff_id: int) -> int:
    item = await make_item(core, "Коляски")
    booking_id = await booked(core, item.id)
    async with core.uow() as uow:
        await rental.confirm_booking(uow, staff_id=staff_id, booking_id=booking_id)
        await rental.issue_item(uow, staff_id=staff_id, booking_id=booking_id)
        await uow.commit()
    return booking_id


async def first_session(core: Core, group_id: int) -> int:
    async with core.uow() as uow:
        return (await courses.sessions_of(uow, group_id))[0].id


def out_of_range(response: httpx.Response) -> None:
    assert response.status_code == 422, (response.status_code, response.text)
    body = response.json()
    assert body["code"] in ("invalid-input", "date-out-of-range"), body


# --- numbers and dates out of range ------------------------------------------------------


async def test_out_of_range_numbers_and_dates_in_the_api_are_422(core, web):
    coordinator = await make_staff(core, role="coordinator")
    auth = await token_for(web, coordinator.login)
    group_id = await group_with(core, capacity=3)
    session_id = await first_session(core, group_id)
    booking_id = await issued_booking(core, coordinator.id)

    for path in (
        f"/api/v1/cases?offset={TWENTY_DIGITS}",
        f"/api/v1/cases?limit={TWENTY_DIGITS}",
        f"/api/v1/audit?date_to={FAR}",
        "/api/v1/audit?date_from=0001-01-01",
        f"/api/v1/audit?before_id={TWENTY_DIGITS}",
        f"/api/v1/triage/corrections?date_to={FAR}",
        "/api/v1/triage/corrections?date_from=0001-01-01",
        f"/api/v1/rental/items?category_id={TWENTY_DIGITS}",
        f"/api/v1/cases/{2**53 + 1}",
    ):
        out_of_range(await web.get(path, headers=auth))

    session = {"starts_at": f"{FAR}T23:00:00+03:00", "topic": "Роды"}
    response = await web.post(
        "/api/v1/courses/groups",
        json={"title": "Далёкая", "capacity": 3, "sessions": [session]},
        headers=auth,
    )
    out_of_range(response)
    assert response.json()["code"] == "date-out-of-range"
    for starts_at in (f"{FAR}T23:00:00+03:00", "0001-01-01T00:00:00+03:00"):
        response = await web.patch(
            f"/api/v1/courses/sessions/{session_id}", json={"starts_at": starts_at}, headers=auth
        )
        out_of_range(response)
        assert response.json()["code"] == "date-out-of-range"
    for step in ("extend", "issue"):
        response = await web.post(
            f"/api/v1/rental/bookings/{booking_id}/{step}", json={"due_date": FAR}, headers=auth
        )
        out_of_range(response)
        assert response.json()["code"] == "date-out-of-range"
    async with core.uow() as uow:
        assert (await uow.session.get(Booking, booking_id)).extensions == 0
        assert await uow.session.scalar(select(func.count(CourseSession.id))) == 1


async def test_out_of_range_dates_in_the_panel_are_refused_with_a_message(core, web, clock):
    coordinator = await make_staff(core, role="coordinator")
    csrf = await log_in(web, coordinator.login)
    group_id = await group_with(core, capacity=3)
    session_id = await first_session(core, group_id)
    booking_id = await issued_booking(core, coordinator.id)
    # The message names the window (the words in locales/ follow core.date_window).
    words = f"между {date_window.FIRST_DAY.year} и {date_window.LAST_DAY.year} годом"

    page = await web.get(f"/audit?to={FAR}")
    assert page.status_code == 422 and words in page.text
    page = await web.get("/audit?from=0001-01-01")
    assert page.status_code == 422 and words in page.text

    for path, form, back in (
        (
            "/duty",
            {
                "staff_id": str(coordinator.id),
                "starts_at": "0001-01-01T00:00",
                "ends_at": "0001-01-01T08:00",
            },
            "/duty",
        ),
        (
            "/duty",
            {
                "staff_id": str(coordinator.id),
                "starts_at": f"{FAR}T20:00",
                "ends_at": f"{FAR}T23:59",
            },
            "/duty",
        ),
        ("/duty/calendar", {"day": FAR, "is_working": "0"}, "/duty"),
        (
            f"/courses/groups/{group_id}/sessions",
            {"starts_at": f"{FAR}T23:00", "minutes": "90"},
            f"/courses/groups/{group_id}",
        ),
        (
            f"/courses/sessions/{session_id}/edit",
            {"date": FAR, "time": "23:00"},
            f"/courses/groups/{group_id}",
        ),
        (
            f"/rental/bookings/{booking_id}/extend",
            {"due_date": FAR},
            f"/rental/bookings/{booking_id}",
        ),
        (
            f"/rental/bookings/{booking_id}/extend",
            {"due_date": "0001-01-01"},
            f"/rental/bookings/{booking_id}",
        ),
    ):
        response = await web.post(path, data={**form, "csrf": csrf})
        assert response.status_code == 303, (path, form, response.status_code, response.text)
        page = await web.get(back)
        assert words in page.text, (path, form)
        assert "Не получилось" not in page.text
    async with core.uow() as uow:
        assert await uow.session.scalar(select(func.count(DutyShift.id))) == 0
        assert await uow.session.scalar(select(func.count(CourseSession.id))) == 1
        assert (await uow.session.get(Booking, booking_id)).extensions == 0


async def test_the_services_refuse_dates_out_of_the_window_themselves(core):
    """The CLI and the tests call the services directly: they refuse as the edge does."""
    coordinator = await make_staff(core, role="coordinator")
    group_id = await group_with(core, capacity=3)
    session_id = await first_session(core, group_id)
    booking_id = await issued_booking(core, coordinator.id)
    year_1 = datetime(1, 1, 1, 0, 0, tzinfo=THURSDAY_18_MSK.tzinfo)
    year_9999 = datetime(9999, 12, 31, 23, 0, tzinfo=THURSDAY_18_MSK.tzinfo)
    attempts = (
        lambda uow: duty.schedule_shift(
            uow,
            staff_id=coordinator.id,
            starts_at=year_1,
            ends_at=year_1.replace(hour=8),
            by_staff_id=coordinator.id,
        ),
        lambda uow: duty.set_working_day(
            uow, day=date.max, is_working=False, note="", by_staff_id=coordinator.id
        ),
        lambda uow: courses.add_session(
            uow,
            staff_id=coordinator.id,
            group_id=group_id,
            spec=SessionSpec(starts_at=year_9999),
        ),
        lambda uow: courses.create_group(
            uow,
            staff_id=coordinator.id,
            title="Далёкая",
            capacity=3,
            sessions=[SessionSpec(starts_at=year_9999)],
        ),
        lambda uow: courses.change_session(
            uow, staff_id=coordinator.id, session_id=session_id, starts_at=year_9999
        ),
        lambda uow: rental.extend_booking(
            uow, staff_id=coordinator.id, booking_id=booking_id, due_date=date.max
        ),
    )
    for attempt in attempts:
        async with core.uow() as uow:
            with pytest.raises(InvalidInput) as refused:
                await attempt(uow)
            assert refused.value.code == "date-out-of-range"


# --- the size of a body ------------------------------------------------------------------


PHOTO_PART = (
    b"--x\r\n"
    b'Content-Disposition: form-data; name="photo"; filename="p.png"\r\n'
    b"Content-Type: image/png\r\n\r\n"
)


class Counted:
    """A body sent in chunks without a Content-Length (chunked), counting what was read."""

    def __init__(self, total: int, chunk: int = 64 * 1024, head: bytes = b"") -> None:
        self.total, self.chunk, self.head, self.sent = total, chunk, head, 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        if self.head:
            self.sent += len(self.head)
            yield self.head
        while self.sent < self.total:
            piece = b"x" * min(self.chunk, self.total - self.sent)
            self.sent += len(piece)
            yield piece


def too_large(response: httpx.Response) -> None:
    assert response.status_code == 413, (response.status_code, response.text[:200])
    assert response.json() == {
        "detail": "Слишком большой запрос. Сократите текст или выберите файл поменьше.",
        "code": "body-too-large",
    }


async def test_a_body_over_the_limit_is_413_before_it_is_parsed(core, web):
    await web.get("/chat")  # her cookie
    auth = await token_for(web, (await make_staff(core)).login)
    json_type = {"Content-Type": "application/json"}
    over = b'{"id": "1", "text": "' + b"a" * BODY_LIMIT + b'"}'
    too_large(await web.post("/chat/api/send", content=over, headers=json_type))
    too_large(
        await web.post("/api/v1/cases/1/messages", content=over, headers={**auth, **json_type})
    )
    # A hundred megabytes announced: refused by the header, nothing of the body read.
    body = Counted(100 * 1024 * 1024)
    response = await web.post(
        "/chat/api/send",
        content=body,
        headers={**json_type, "Content-Length": str(body.total)},
    )
    too_large(response)
    assert body.sent <= body.chunk
    # Chunked, with no length: counted as it is read, refused once past the limit.
    body = Counted(10 * 1024 * 1024, head=b'{"id": "1", "text": "')
    too_large(await web.post("/chat/api/send", content=body, headers=json_type))
    assert body.sent <= BODY_LIMIT + 2 * body.chunk
    async with core.uow() as uow:
        assert await uow.session.scalar(select(func.count(AuditEntry.id))) >= 0  # still answers


async def test_the_largest_legitimate_bodies_fit(core, web, clock):
    """Every letter escaped (Python's json default) and every field at its longest: the limit
    leaves room for what the routes accept."""
    coordinator = await make_staff(core, role="coordinator")
    auth = await token_for(web, coordinator.login)
    sessions = [
        {
            "starts_at": f"2027-{1 + n // 28:02d}-{1 + n % 28:02d}T18:00:00+03:00",
            "place": "Ж" * courses.MAX_PLACE,
            "topic": "Ж" * courses.MAX_TOPIC,
        }
        for n in range(courses.MAX_SESSIONS)
    ]
    group = {
        "title": "Ж" * courses.MAX_TITLE,
        "audience": "Ж" * courses.MAX_TITLE,
        "place": "Ж" * courses.MAX_PLACE,
        "capacity": 10,
        "sessions": sessions,
    }
    body = json.dumps(group).encode()
    assert len(body) > 200_000  # every letter as \u0416
    response = await web.post(
        "/api/v1/courses/groups",
        content=body,
        headers={**auth, "Content-Type": "application/json"},
    )
    assert response.status_code == 201, response.text[:300]
    assert len(response.json()["sessions"]) == courses.MAX_SESSIONS

    await web.get("/chat")
    longest = json.dumps({"id": "long-1", "text": "Ж" * 20_000}).encode()
    response = await web.post(
        "/chat/api/send", content=longest, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 200, response.text[:300]


async def test_an_upload_over_the_limit_is_413_before_the_route_runs(core, web):
    coordinator = await make_staff(core, role="coordinator")
    item = await make_item(core, "Кроватки", by=coordinator)
    csrf = await log_in(web, coordinator.login)
    huge = b"\x89PNG" + b"\x00" * UPLOAD_LIMIT
    response = await web.post(
        f"/rental/items/{item.id}/photo",
        data={"csrf": csrf},
        files={"photo": ("big.png", huge, "image/png")},
    )
    too_large(response)
    # Chunked: counted as it is read, cut short past the limit.
    body = Counted(UPLOAD_LIMIT + 4 * 1024 * 1024, head=PHOTO_PART)
    response = await web.post(
        f"/rental/items/{item.id}/photo",
        content=body,
        headers={"Content-Type": "multipart/form-data; boundary=x"},
    )
    too_large(response)
    assert body.sent <= UPLOAD_LIMIT + 2 * body.chunk
    # A photo under the upload limit but over the JSON and form limit is no 413 there.
    async with core.uow() as uow:
        assert (await rental.get_item(uow, item.id)).photo_url is None
    fits = b"\x89PNG" + b"\x00" * (BODY_LIMIT * 2)
    response = await web.post(
        f"/rental/items/{item.id}/photo",
        data={"csrf": csrf},
        files={"photo": ("p.png", fits, "image/png")},
    )
    assert response.status_code == 303  # the core's own refusal, as a message on the page
    # The limit of the upload routes is theirs alone.
    too_large(
        await web.post(
            f"/rental/items/{item.id}/status",
            data={"csrf": csrf, "status": "x" * (BODY_LIMIT + 1)},
        )
    )


async def test_an_upload_is_not_read_before_the_login_check(core, web):
    coordinator = await make_staff(core, role="coordinator")
    item = await make_item(core, "Кроватки", by=coordinator)
    for path in (f"/rental/items/{item.id}/photo", "/rental/items"):
        body = Counted(4 * 1024 * 1024, head=PHOTO_PART)  # under the upload limit
        response = await web.post(
            path, content=body, headers={"Content-Type": "multipart/form-data; boundary=x"}
        )
        assert response.status_code == 303 and response.headers["location"] == "/login"
        assert body.sent <= body.chunk, (path, body.sent)
    # Logged in, a form without its CSRF token is refused too, and nothing is stored.
    await log_in(web, coordinator.login)
    response = await web.post(
        f"/rental/items/{item.id}/photo", files={"photo": ("p.png", b"\x89PNG", "image/png")}
    )
    assert response.status_code == 303
    async with core.uow() as uow:
        assert (await rental.get_item(uow, item.id)).photo_url is None


# --- headers ------------------------------------------------------------------------------


def no_store(response: httpx.Response) -> None:
    assert response.headers.get("cache-control") == "no-store", (
        response.request.url,
        response.headers,
    )


async def test_authenticated_answers_are_never_stored_and_pages_never_framed(core, web):
    coordinator = await make_staff(core, role="coordinator")
    auth = await token_for(web, coordinator.login)
    item = await make_item(core, "Кроватки", by=coordinator)
    booking_id = await booked(core, item.id)
    for path in (
        "/api/v1/cases",
        f"/api/v1/rental/bookings/{booking_id}",
        "/api/v1/audit",
        "/api/v1/cases/999999",  # an error, too
    ):
        response = await web.get(path, headers=auth)
        assert response.status_code in (200, 404), (path, response.status_code)
        no_store(response)
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert "+7" in (await web.get(f"/api/v1/rental/bookings/{booking_id}", headers=auth)).text

    await log_in(web, coordinator.login)
    for path in ("/", "/audit", "/rental", f"/rental/bookings/{booking_id}", "/duty"):
        response = await web.get(path)
        assert response.status_code == 200, path
        no_store(response)
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    web.cookies.clear()
    redirect = await web.get("/rental")
    assert redirect.status_code == 303
    no_store(redirect)
    assert redirect.headers["x-frame-options"] == "DENY"

    # What holds nothing of anyone may be kept.
    health = await web.get("/api/v1/health")
    assert health.status_code == 200 and "cache-control" not in health.headers
    static = await web.get("/static/favicon.svg")
    assert static.status_code == 200 and "no-store" not in static.headers.get("cache-control", "")


def inline_hashes(html: str, tag: str) -> list[str]:
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(block.encode()).digest()).decode() + "'"
        for block in re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.S)
    ]


async def test_the_web_chat_page_has_a_policy_that_allows_only_its_own_inline_code(web):
    page = await web.get("/chat")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert policy == chat_csp()
    directives = {
        name: value
        for name, _, value in (part.strip().partition(" ") for part in policy.split(";"))
    }
    for name, value in {
        "default-src": "'self'",
        "frame-ancestors": "'none'",
        "base-uri": "'none'",
        "form-action": "'self'",
        "object-src": "'none'",
    }.items():
        assert directives[name] == value, name
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    # The page's own script and style, as served, are exactly the ones the policy allows.
    scripts, styles = inline_hashes(page.text, "script"), inline_hashes(page.text, "style")
    assert scripts and styles
    assert directives["script-src"].split() == ["'self'", *scripts]
    assert directives["style-src"].split() == ["'self'", *styles]
    assert not re.search(r"<script[^>]*\bsrc=|\son[a-z]+=|\sstyle=", page.text)
    for response in (page, await web.post("/chat/api/send", json={"id": "h1", "text": "привет"})):
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["content-security-policy"] == policy
        no_store(response)
