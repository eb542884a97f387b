"""The panel's forms over HTTP: login with CSRF, replies, the duty roster and who may edit it."""

from __future__ import annotations

import re

from core.services import duty
from tests.factories import PASSWORD, make_staff
from tests.integration.test_api import open_case


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF field on the page"
    return match.group(1)


async def log_in(client, login: str) -> str:
    page = await client.get("/login")
    token = csrf_of(page.text)
    response = await client.post(
        "/login", data={"username": login, "password": PASSWORD, "csrf": token}
    )
    assert response.status_code == 303 and response.headers["location"] == "/"
    return csrf_of((await client.get("/")).text)


async def test_pages_need_a_login(client):
    response = await client.get("/")
    assert response.status_code == 303 and response.headers["location"] == "/login"


async def test_a_form_without_its_csrf_token_changes_nothing(core, client, specialist):
    await client.get("/login")
    response = await client.post(
        "/login", data={"username": specialist.login, "password": PASSWORD}
    )
    assert response.status_code == 303
    assert (await client.get("/")).headers.get("location") == "/login"
    await log_in(client, specialist.login)
    case_id = await open_case(core)
    forged = await client.post(
        f"/cases/{case_id}/reply", data={"text": "подделка", "csrf": "wrong"}
    )
    assert forged.status_code == 303
    page = await client.get(f"/cases/{case_id}")
    assert "подделка" not in page.text


async def test_inbox_lists_the_case_and_the_reply_form_answers(core, client, specialist):
    case_id = await open_case(core, text="Нужен совет по уходу за малышом")
    csrf = await log_in(client, specialist.login)
    inbox = await client.get("/")
    assert "Нужен совет по уходу за малышом" in inbox.text and "Гость-" in inbox.text
    await client.post(
        f"/cases/{case_id}/reply", data={"text": "Расскажите подробнее", "csrf": csrf}
    )
    page = await client.get(f"/cases/{case_id}")
    assert "Расскажите подробнее" in page.text and "Ответ отправлен" in page.text
    empty = await client.post(f"/cases/{case_id}/reply", data={"text": "   ", "csrf": csrf})
    assert empty.status_code == 303
    assert "Ответ пустой" in (await client.get(f"/cases/{case_id}")).text


async def test_the_coordinator_sets_shifts_and_a_specialist_cannot(core, client, clock):
    coordinator = await make_staff(core, role="coordinator", name="Марина")
    specialist = await make_staff(core, name="Ольга")
    csrf = await log_in(client, coordinator.login)
    form = {
        "staff_id": str(specialist.id),
        "starts_at": "2026-11-24T09:00",
        "ends_at": "2026-11-24T21:00",
        "csrf": csrf,
    }
    assert (await client.post("/duty", data=form)).status_code == 303
    async with core.uow() as uow:
        [shift] = await duty.list_shifts(uow, since=clock.now().replace(hour=0))
        on_now = await duty.on_duty(uow, clock.now())
    assert shift.staff_id == specialist.id and [s.id for s in on_now] == [specialist.id]
    page = await client.get("/duty")
    assert "Ольга" in page.text and "на смене" in page.text

    await client.post("/logout", data={"csrf": csrf})
    csrf = await log_in(client, specialist.login)
    await client.post(f"/duty/{shift.id}/remove", data={"csrf": csrf})
    assert "Смены назначают координатор" in (await client.get("/duty")).text
    async with core.uow() as uow:
        assert len(await duty.list_shifts(uow, since=clock.now().replace(hour=0))) == 1


async def test_link_code_and_a_calendar_day_from_the_duty_page(core, client, clock):
    from core.calendar import load_calendar

    coordinator = await make_staff(core, role="coordinator")
    csrf = await log_in(client, coordinator.login)
    await client.post("/duty/link-code", data={"csrf": csrf})
    page = (await client.get("/duty")).text
    assert re.search(r"Ваш код: \d{6}", page)
    await client.post(
        "/duty/calendar",
        data={"day": "2026-11-25", "is_working": "0", "note": "указ", "csrf": csrf},
    )
    async with core.uow() as uow:
        calendar = await load_calendar(uow)
    assert not calendar.is_working_day(clock.now().date().replace(day=25))
