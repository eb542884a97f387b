"""The panel's pages over HTTP: login with CSRF, the inbox, the case forms, attachments, the
duty roster and who may edit it, error pages, and the catalogue behind every word."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, update

from admin.app import create_app
from admin.auth import Caller
from admin.events import event_payload
from bot.channel import Attachment
from core.bootstrap import Core
from core.events import Event
from core.models import AuditEntry, Case, Message, Staff, SupportLevel
from core.services import cases, duty
from tests.factories import PASSWORD, make_staff
from tests.integration.test_api import open_case

ROOT = Path(__file__).resolve().parents[2]


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF field on the page"
    return match.group(1)


async def log_in(client: httpx.AsyncClient, login: str) -> str:
    page = await client.get("/login")
    token = csrf_of(page.text)
    response = await client.post(
        "/login", data={"username": login, "password": PASSWORD, "csrf": token}
    )
    assert response.status_code == 303 and response.headers["location"] == "/"
    return csrf_of((await client.get("/")).text)


# --- login, session, CSRF -------------------------------------------------------------------


async def test_pages_need_a_login_and_lead_back_after_it(core, client, specialist):
    case_id = await open_case(core)
    for path in ("/", "/closed", "/duty", f"/cases/{case_id}"):
        response = await client.get(path)
        assert response.status_code == 303 and response.headers["location"] == "/login", path
    # The last page asked for is where the login leads.
    token = csrf_of((await client.get("/login")).text)
    response = await client.post(
        "/login", data={"username": specialist.login, "password": PASSWORD, "csrf": token}
    )
    assert response.headers["location"] == f"/cases/{case_id}"
    # The fragments the page's script fetches answer 401, not a login page.
    client.cookies.clear()
    assert (await client.get("/inbox/rows")).status_code == 401
    assert (await client.get(f"/cases/{case_id}/thread")).status_code == 401
    assert (await client.get("/events")).status_code == 401


async def test_the_session_cookie_is_httponly_and_lax(client, specialist):
    page = await client.get("/login")
    cookie = page.headers["set-cookie"]
    assert cookie.startswith("aist_session=")
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()


async def test_a_form_without_its_csrf_token_changes_nothing(core, client, specialist):
    await client.get("/login")
    response = await client.post(
        "/login", data={"username": specialist.login, "password": PASSWORD}
    )
    assert response.status_code == 303
    assert (await client.get("/")).headers.get("location") == "/login"
    csrf = await log_in(client, specialist.login)
    case_id = await open_case(core)
    for data in ({"text": "подделка", "csrf": "wrong"}, {"text": "подделка"}):
        forged = await client.post(f"/cases/{case_id}/reply", data=data)
        assert forged.status_code == 303
    page = await client.get(f"/cases/{case_id}")
    assert "подделка" not in page.text and "Страница устарела" in page.text
    for action in ("accept", "close", "note"):
        await client.post(f"/cases/{case_id}/{action}", data={"outcome": "x", "text": "x"})
    async with core.uow() as uow:
        case = await uow.session.get_one(Case, case_id)
        assert case.assignee_id is None and case.status == "open"
    # Logout without the token does not log out either.
    await client.post("/logout")
    assert (await client.get("/")).status_code == 200
    assert csrf


async def test_a_refused_form_never_redirects_off_the_panel(client, specialist):
    await client.get("/login")
    response = await client.post(
        "/login",
        data={"username": specialist.login, "password": PASSWORD, "csrf": "wrong"},
        headers={"Referer": "https://evil.example/phish"},
    )
    assert response.status_code == 303 and response.headers["location"] == "/"


async def test_login_logout_and_failures_are_audited(core, client, specialist):
    token = csrf_of((await client.get("/login")).text)
    failed = await client.post(
        "/login", data={"username": specialist.login, "password": "wrong", "csrf": token}
    )
    assert failed.headers["location"] == "/login"
    assert "Неверный логин или пароль" in (await client.get("/login")).text
    csrf = await log_in(client, specialist.login)
    out = await client.post("/logout", data={"csrf": csrf})
    assert out.status_code == 303 and out.headers["location"] == "/login"
    assert "Вы вышли" in (await client.get("/login")).text
    assert (await client.get("/")).status_code == 303
    async with core.uow() as uow:
        rows = (
            await uow.session.execute(
                select(AuditEntry.action, AuditEntry.staff_id).order_by(AuditEntry.id)
            )
        ).all()
    assert [tuple(r) for r in rows if r[0].startswith("auth.")] == [
        ("auth.login-failed", None),
        ("auth.login", specialist.id),
        ("auth.logout", specialist.id),
    ]


async def test_a_deactivated_account_is_logged_out(core, client, specialist):
    await log_in(client, specialist.login)
    async with core.uow() as uow:
        await uow.session.execute(
            update(Staff).where(Staff.id == specialist.id).values(is_active=False)
        )
        await uow.commit()
    assert (await client.get("/")).headers.get("location") == "/login"


async def test_pages_are_not_cached_and_not_framed(core, client, specialist):
    await log_in(client, specialist.login)
    case_id = await open_case(core)
    page = await client.get(f"/cases/{case_id}")
    assert page.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    assert not re.search(r'(?:src|href)="https?://', page.text)


# --- inbox and case forms -------------------------------------------------------------------


async def test_inbox_lists_the_case_and_the_reply_form_answers(core, client, specialist):
    case_id = await open_case(core, text="Нужен совет по уходу за малышом")
    csrf = await log_in(client, specialist.login)
    inbox = await client.get("/")
    assert "Нужен совет по уходу за малышом" in inbox.text and "Гость-" in inbox.text
    assert ">TG<" in inbox.text and "только что" in inbox.text
    rows = await client.get("/inbox/rows")
    assert rows.status_code == 200 and f'data-case="{case_id}"' in rows.text
    await client.post(
        f"/cases/{case_id}/reply", data={"text": "Расскажите подробнее", "csrf": csrf}
    )
    page = await client.get(f"/cases/{case_id}")
    assert "Расскажите подробнее" in page.text and "Ответ отправлен" in page.text
    assert "отправляется" in page.text  # its delivery status, until the channel confirms
    empty = await client.post(f"/cases/{case_id}/reply", data={"text": "   ", "csrf": csrf})
    assert empty.status_code == 303
    assert "Ответ пустой" in (await client.get(f"/cases/{case_id}")).text
    thread = await client.get(f"/cases/{case_id}/thread")
    assert "Расскажите подробнее" in thread.text and "<html" not in thread.text


async def test_the_for_you_mark_waiting_time_and_urgency(core, client, specialist, clock):
    from tests.factories import put_on_duty

    await put_on_duty(core, specialist, clock.now())
    mine = await open_case(core, user_id="1", text="первое")
    clock.advance(minutes=12)
    await log_in(client, specialist.login)
    html = (await client.get("/")).text
    row = re.search(rf'<tr[^>]*data-case="{mine}".*?</tr>', html, re.S).group(0)
    assert "для вас" in row and "ждёт 12 мин" in row
    clock.advance(minutes=70)
    urgent = await open_case(core, user_id="2", text="второе", level=SupportLevel.emergency)
    await log_in(client, specialist.login)  # 70 idle minutes ended the first session
    html = (await client.get("/")).text
    assert html.index(f'data-case="{urgent}"') < html.index(f'data-case="{mine}"')
    assert "ждёт 1 ч 22 мин" in html and "экстренный" in html


async def test_accept_note_and_close_from_the_case_page(core, client, specialist):
    case_id = await open_case(core)
    csrf = await log_in(client, specialist.login)
    await client.post(f"/cases/{case_id}/accept", data={"csrf": csrf})
    page = (await client.get(f"/cases/{case_id}")).text
    assert "Обращение ваше" in page and "Куратор: Анна" in page
    assert f'action="/cases/{case_id}/accept"' not in page
    await client.post(f"/cases/{case_id}/note", data={"text": "Перезвонить в 15:00", "csrf": csrf})
    assert "Перезвонить в 15:00" in (await client.get(f"/cases/{case_id}")).text
    none = await client.post(f"/cases/{case_id}/close", data={"outcome": "", "csrf": csrf})
    assert none.status_code == 303
    assert "Укажите результат" in (await client.get(f"/cases/{case_id}")).text
    await client.post(f"/cases/{case_id}/close", data={"outcome": "Консультация", "csrf": csrf})
    page = (await client.get(f"/cases/{case_id}")).text
    assert "Обращение закрыто" in page and 'class="composer"' not in page
    assert f'href="/cases/{case_id}"' in (await client.get("/closed")).text
    assert f'data-case="{case_id}"' not in (await client.get("/")).text
    again = await client.post(f"/cases/{case_id}/reply", data={"text": "ещё", "csrf": csrf})
    assert again.status_code == 303
    assert "уже закрыто" in (await client.get(f"/cases/{case_id}")).text


async def test_a_taken_case_offers_no_accept_button_to_another_specialist(core, client):
    owner = await make_staff(core, name="Ольга")
    case_id = await open_case(core)
    async with core.uow() as uow:
        await cases.accept_case(uow, staff_id=owner.id, case_id=case_id)
        await uow.commit()
    other = await make_staff(core, name="Анна")
    await log_in(client, other.login)
    page = (await client.get(f"/cases/{case_id}")).text
    assert "Куратор: Ольга" in page and "Взять обращение" not in page
    # Only an explicit take-over, and nothing to answer, note or close until then.
    assert 'name="take_over" value="1"' in page and "Взять себе у коллеги" in page
    assert 'class="composer"' not in page and f'action="/cases/{case_id}/close"' not in page


async def test_the_unreachable_warning(core, client, specialist):
    case_id = await open_case(core)
    async with core.uow() as uow:
        await uow.session.execute(
            update(Case)
            .where(Case.id == case_id)
            .values(unreachable_reason="telegram 403: Forbidden: bot was blocked by the user")
        )
        await uow.commit()
    await log_in(client, specialist.login)
    assert "сообщения не доходят" in (await client.get("/")).text
    page = (await client.get(f"/cases/{case_id}")).text
    assert "Сообщения не доходят." in page and "заблокировал бота" in page


async def test_bad_addresses_and_forms_get_pages_not_500(core, client, specialist):
    csrf = await log_in(client, specialist.login)
    for path in ("/cases/999999", "/cases/abc", f"/cases/{2**70}", "/nope"):
        response = await client.get(path)
        assert response.status_code == 404, path
        assert "text/html" in response.headers["content-type"]
        assert "Что-то пошло не так" in response.text
    posted = await client.post("/cases/abc/reply", data={"text": "x", "csrf": csrf})
    assert posted.status_code == 303
    missing = await client.post("/cases/999999/reply", data={"text": "x", "csrf": csrf})
    assert missing.status_code == 303
    assert "Такого обращения нет" in (await client.get("/")).text


# --- attachments ----------------------------------------------------------------------------


@pytest.fixture
async def attachment_client(core: Core):
    files = {
        "photo-ref": Attachment(b"\x89PNG\r\n\x1a\nfake", "photo.png", "image/png"),
        "page-ref": Attachment(b"<script>alert(1)</script>", 'evil".html', "text/html"),
    }

    async def fetch(reference: str) -> Attachment:
        if reference not in files:
            raise RuntimeError("the channel is down")
        return files[reference]

    app = create_app(core.settings, core, attachment_fetchers={"telegram": fetch})
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://panel.test") as http:
        yield http


async def test_attachments_are_fetched_from_the_channel_and_served_safely(
    core, attachment_client, specialist
):
    client = attachment_client
    case_id = await open_case(core)
    ids = {}
    async with core.uow() as uow:
        case = await uow.session.get_one(Case, case_id)
        for kind, ref in (("photo", "photo-ref"), ("document", "page-ref"), ("voice", "gone")):
            message = await cases.add_client_message(uow, case, text="", kind=kind, attachment=ref)
            ids[kind] = message.id
        await uow.commit()
    other_case = await open_case(core, user_id="42")
    await log_in(client, specialist.login)
    page = (await client.get(f"/cases/{case_id}")).text
    assert f'href="/cases/{case_id}/attachments/{ids["photo"]}"' in page and "Фото" in page

    photo = await client.get(f"/cases/{case_id}/attachments/{ids['photo']}")
    assert photo.status_code == 200 and photo.headers["content-type"] == "image/png"
    assert photo.headers["content-disposition"].startswith("inline;")
    assert photo.headers["cache-control"] == "no-store"

    html = await client.get(f"/cases/{case_id}/attachments/{ids['document']}")
    assert html.status_code == 200
    assert html.headers["content-type"] == "application/octet-stream"
    assert html.headers["content-disposition"].startswith("attachment;")
    assert "sandbox" in html.headers["content-security-policy"]
    assert html.headers["x-content-type-options"] == "nosniff"

    broken = await client.get(f"/cases/{case_id}/attachments/{ids['voice']}")
    assert broken.status_code == 502 and "Не удалось получить файл" in broken.text
    elsewhere = await client.get(f"/cases/{other_case}/attachments/{ids['photo']}")
    assert elsewhere.status_code == 404
    async with core.uow() as uow:
        viewed = list(
            await uow.session.scalars(
                select(AuditEntry.id).where(AuditEntry.action == "case.attachment")
            )
        )
    assert len(viewed) == 3


async def test_an_attachment_from_an_unconnected_channel(core, client, specialist):
    case_id = await open_case(core)
    async with core.uow() as uow:
        case = await uow.session.get_one(Case, case_id)
        message = await cases.add_client_message(uow, case, text="", kind="photo", attachment="r")
        await uow.commit()
    await log_in(client, specialist.login)
    response = await client.get(f"/cases/{case_id}/attachments/{message.id}")
    assert response.status_code == 404 and "канал" in response.text
    async with core.uow() as uow:
        assert await uow.session.get(Message, message.id) is not None


# --- duty roster ----------------------------------------------------------------------------


async def test_the_coordinator_sets_and_removes_shifts_and_a_specialist_cannot(core, client, clock):
    coordinator = await make_staff(core, role="coordinator", name="Марина")
    specialist = await make_staff(core, name="Ольга")
    csrf = await log_in(client, coordinator.login)
    form = {
        "staff_id": str(specialist.id),
        "starts_at": "2026-11-24T09:00",  # Moscow time: 06:00 UTC, the clock is at 08:00 UTC
        "ends_at": "2026-11-24T21:00",
        "csrf": csrf,
    }
    assert (await client.post("/duty", data=form)).status_code == 303
    async with core.uow() as uow:
        [shift] = await duty.list_shifts(uow, since=clock.now().replace(hour=0))
        on_now = await duty.on_duty(uow, clock.now())
    assert shift.staff_id == specialist.id and [s.id for s in on_now] == [specialist.id]
    assert shift.starts_at.hour == 6  # read in the centre's zone, stored in UTC
    page = await client.get("/duty")
    assert "Ольга" in page.text and "на смене" in page.text and "Смена добавлена" in page.text
    assert "Сейчас на смене: Ольга" in page.text

    # A shift beyond the coming 14 days is not listed; bad input is a message, not an error.
    far = {**form, "starts_at": "2026-12-20T09:00", "ends_at": "2026-12-20T21:00"}
    await client.post("/duty", data=far)
    assert "20.12" not in (await client.get("/duty")).text
    for bad in (
        {**form, "ends_at": "2026-11-24T08:00"},
        {**form, "starts_at": "вчера"},
        {**form, "staff_id": "x"},
        {**form, "staff_id": "999999"},
        {**form, "ends_at": "2026-12-24T08:00"},
    ):
        response = await client.post("/duty", data=bad)
        assert response.status_code == 303
        assert 'class="flash error"' in (await client.get("/duty")).text

    await client.post("/logout", data={"csrf": csrf})
    csrf = await log_in(client, specialist.login)
    page = (await client.get("/duty")).text
    assert 'action="/duty"' not in page and "/remove" not in page
    await client.post(f"/duty/{shift.id}/remove", data={"csrf": csrf})
    assert "Смены назначают координатор" in (await client.get("/duty")).text
    await client.post("/duty", data={**form, "csrf": csrf})
    async with core.uow() as uow:
        assert len(await duty.list_shifts(uow, since=clock.now().replace(hour=0))) == 2

    await client.post("/logout", data={"csrf": csrf})
    csrf = await log_in(client, coordinator.login)
    await client.post(f"/duty/{shift.id}/remove", data={"csrf": csrf})
    assert "Смена удалена" in (await client.get("/duty")).text
    async with core.uow() as uow:
        left = await duty.list_shifts(uow, since=clock.now().replace(hour=0))
    assert shift.id not in [s.id for s in left]
    actions = [a for a in await _audit(core) if a.startswith("duty.")]
    assert actions == ["duty.add", "duty.add", "duty.remove"]


async def _audit(core: Core) -> list[str]:
    async with core.uow() as uow:
        return list(await uow.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


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
    await client.post("/duty/calendar", data={"day": "не дата", "csrf": csrf})
    assert "Укажите дату" in (await client.get("/duty")).text


# --- live events ----------------------------------------------------------------------------


def test_events_carry_no_text_and_alert_only_their_audience():
    anna = Caller(1, "anna", "Анна", "specialist", False)
    olga = Caller(2, "olga", "Ольга", "specialist", False)
    opened = Event(
        "case.opened",
        {"case_id": 7, "pseudonym": "Гость-1", "topic": "family", "level": "crisis", "text": "x"},
        audience=(1,),
    )
    assert event_payload(opened, anna) == {"case_id": 7, "level": "crisis", "alert": True}
    assert event_payload(opened, olga)["alert"] is False
    everyone = Event("case.message", {"case_id": 7, "direction": "in"})
    assert event_payload(everyone, olga) == {"case_id": 7, "direction": "in", "alert": True}


# --- words ----------------------------------------------------------------------------------


def _keys(path: Path) -> set[str]:
    return set(re.findall(r"^([a-zA-Z][\w-]*) =", path.read_text(), re.M))


def test_the_panel_catalogues_match_and_collide_with_nothing():
    ru, en = _keys(ROOT / "locales/ru/panel.ftl"), _keys(ROOT / "locales/en/panel.ftl")
    assert ru == en
    for other in (ROOT / "locales/ru").glob("*.ftl"):
        if other.name != "panel.ftl":
            assert not ru & _keys(other), other.name


def test_every_word_of_the_templates_is_in_the_catalogue(core: Core):
    used = set()
    sources = [*(ROOT / "admin/templates").glob("*.html"), *(ROOT / "admin").glob("*.py")]
    for source in sources:
        text = source.read_text()
        used |= set(re.findall(r'\bt\(\s*"([a-z][\w-]*)"', text))
        used |= set(re.findall(r'"(panel-[a-z-]+)"', text))
    missing = sorted(k for k in used if not core.i18n.has(k) and not k.endswith("-"))
    assert not missing


async def test_the_panel_speaks_english_when_the_centre_does(core, client, specialist):
    core.settings = core.settings.model_copy(update={"default_locale": "en"})
    await open_case(core)
    await log_in(client, specialist.login)
    page = (await client.get("/")).text
    assert '<html lang="en">' in page and "Open cases" in page and "for you" not in page
    assert "Обращения" not in page
    missing = await client.get("/api/v1/cases/999999")  # the session works on the API too
    assert missing.status_code == 404 and missing.json()["detail"] == "There is no such case."


async def test_a_long_inbox_shows_the_most_urgent_hundred_and_counts_them_all(
    core, client, specialist
):
    for n in range(104):
        await open_case(core, user_id=f"55{n:04d}")
    urgent = await open_case(core, user_id="559999", level=SupportLevel.emergency)
    await log_in(client, specialist.login)
    page = (await client.get("/")).text
    assert page.count("data-case=") == 100
    assert f'data-case="{urgent}"' in page  # the urgent one is never cut off
    assert "<strong>105</strong>" in page and "<strong>1</strong>" in page
    assert "Показаны 100 самых срочных из 105" in page
    everything = (await client.get("/?all=1")).text
    assert everything.count("data-case=") == 105
    assert 'data-refresh="/inbox/rows?all=1"' in everything
