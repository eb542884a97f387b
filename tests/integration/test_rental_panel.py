"""The rental point from the staff side, over HTTP: the desk, confirm, decline with a reason,
issue, return, extend, the catalogue and who may change it, the item calendar, the booking
shown on her case, the API routes of docs/architecture.md, and no phone where it does not belong."""

from __future__ import annotations

from sqlalchemy import select

from core.models import AuditEntry, Booking, BookingStatus, ItemStatus, RentalItem
from core.services import rental
from core.services.cases import open_case
from core.services.clients import identify_client
from core.services.consent import give_consent
from tests.factories import make_item, make_staff, next_pickup_day
from tests.integration.conftest import token_for
from tests.integration.test_panel import csrf_of, log_in


async def booked(core, item_id: int, user: str = "501", with_case: bool = False) -> int:
    async with core.uow() as uow:
        client, _ = await identify_client(
            uow, channel="telegram", user_id=user, address=user, locale="ru"
        )
        await give_consent(uow, client_id=client.id, purpose="rental")
        if with_case:
            await open_case(uow, client, channel="telegram", topic="other")
        booking = await rental.book_item(
            uow,
            client=client,
            item_id=item_id,
            pickup_date=await next_pickup_day(uow),
            name="Мария",
            phone="+79001112233",
        )
        await uow.commit()
    return booking.id


async def status_of(core, booking_id: int) -> str:
    async with core.uow() as uow:
        return (await uow.session.get(Booking, booking_id)).status


async def test_desk_confirm_issue_extend_return(core, client, specialist):
    item = await make_item(core, "Кроватки", "Кроватка белая")
    booking_id = await booked(core, item.id)
    token = await log_in(client, specialist.login)

    desk = await client.get("/rental")
    assert desk.status_code == 200
    assert "Кроватка белая" in desk.text and "Гость-" in desk.text
    assert "+79001112233" not in desk.text  # no phone on the desk

    response = await client.post(
        f"/rental/bookings/{booking_id}/confirm", data={"csrf": token, "back": "desk"}
    )
    assert response.status_code == 303 and response.headers["location"] == "/rental"
    assert await status_of(core, booking_id) == BookingStatus.confirmed

    page = await client.get(f"/rental/bookings/{booking_id}")
    assert "+79001112233" in page.text and "Мария" in page.text
    await client.post(
        f"/rental/bookings/{booking_id}/issue", data={"csrf": token, "due_date": "2026-12-24"}
    )
    assert await status_of(core, booking_id) == BookingStatus.issued
    await client.post(
        f"/rental/bookings/{booking_id}/extend", data={"csrf": token, "due_date": "2027-01-10"}
    )
    async with core.uow() as uow:
        row = await uow.session.get(Booking, booking_id)
        assert row.due_date.isoformat() == "2027-01-10" and row.extensions == 1
    # An earlier date is refused with a message, nothing changes.
    await client.post(
        f"/rental/bookings/{booking_id}/extend", data={"csrf": token, "due_date": "2027-01-01"}
    )
    page = await client.get(f"/rental/bookings/{booking_id}")
    assert "позже прежней" in page.text

    await client.post(
        f"/rental/bookings/{booking_id}/return",
        data={"csrf": token, "condition": "царапина на боковине", "needs_repair": "1"},
    )
    assert await status_of(core, booking_id) == BookingStatus.returned
    async with core.uow() as uow:
        assert (await uow.session.get(RentalItem, item.id)).status == ItemStatus.in_repair
        actions = [
            a.action for a in await uow.session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]
    for action in (
        "rental.booking.confirm",
        "rental.contacts.view",
        "rental.booking.issue",
        "rental.booking.extend",
        "rental.booking.return",
    ):
        assert action in actions
    # A second "return" of the same booking: refused kindly, no 500.
    response = await client.post(
        f"/rental/bookings/{booking_id}/return", data={"csrf": token, "condition": ""}
    )
    assert response.status_code == 303
    page = await client.get(f"/rental/bookings/{booking_id}")
    assert "принять возврат нельзя" in page.text


async def test_decline_needs_a_reason_she_then_sees(core, client, specialist):
    item = await make_item(core, "Коляски", "Коляска")
    booking_id = await booked(core, item.id)
    token = await log_in(client, specialist.login)
    await client.post(f"/rental/bookings/{booking_id}/decline", data={"csrf": token})
    assert await status_of(core, booking_id) == BookingStatus.requested
    await client.post(
        f"/rental/bookings/{booking_id}/decline",
        data={"csrf": token, "reason": "коляска оказалась сломана"},
    )
    assert await status_of(core, booking_id) == BookingStatus.declined
    async with core.uow() as uow:
        assert (await uow.session.get(RentalItem, item.id)).status == ItemStatus.available


async def test_catalogue_is_changed_by_coordinators_only(core, client, specialist):
    coordinator = await make_staff(core, role="coordinator")
    token = await log_in(client, specialist.login)
    page = await client.get("/rental/catalogue")
    assert 'action="/rental/items"' not in page.text
    await client.post(
        "/rental/items",
        data={"csrf": token, "category": "Манежи", "name": "Манеж", "inventory_no": "M-1"},
    )
    async with core.uow() as uow:
        assert await rental.list_items(uow) == []

    client.cookies.clear()
    token = await log_in(client, coordinator.login)
    page = await client.get("/rental/catalogue")
    token = csrf_of(page.text)
    await client.post(
        "/rental/items",
        data={"csrf": token, "category": "Манежи", "name": "Манеж", "inventory_no": "M-1"},
    )
    await client.post(
        "/rental/items",
        data={"csrf": token, "category": "Манежи", "name": "Манеж 2", "inventory_no": "M-1"},
    )
    page = await client.get("/rental/catalogue")
    assert "Инвентарный номер M-1 уже есть" in page.text
    async with core.uow() as uow:
        [item] = await rental.list_items(uow)
    page = await client.get(f"/rental/items/{item.id}")
    assert page.status_code == 200 and "Календарь" in page.text
    await client.post(
        f"/rental/items/{item.id}/status", data={"csrf": token, "status": "in_repair"}
    )
    async with core.uow() as uow:
        assert (await rental.get_item(uow, item.id)).status == ItemStatus.in_repair


async def test_booking_shows_on_her_case_and_the_case_on_the_booking(core, client, specialist):
    item = await make_item(core, "Кроватки", "Кроватка белая")
    booking_id = await booked(core, item.id, with_case=True)
    await log_in(client, specialist.login)
    async with core.uow() as uow:
        view = await rental.get_booking(uow, booking_id)
    assert view.case_id is not None
    case_page = await client.get(f"/cases/{view.case_id}")
    assert f"/rental/bookings/{booking_id}" in case_page.text
    assert "Заявка в пункт проката" in case_page.text  # written on the thread too
    booking_page = await client.get(f"/rental/bookings/{booking_id}")
    assert f"/cases/{view.case_id}" in booking_page.text


async def test_waiting_list_urgent_first(core, client, specialist):
    coordinator = await make_staff(core, role="coordinator")
    item = await make_item(core, "Кроватки", by=coordinator)
    await booked(core, item.id, user="700")
    waiters = []
    async with core.uow() as uow:
        for user in ("701", "702"):
            person, _ = await identify_client(
                uow, channel="telegram", user_id=user, address=user, locale="ru"
            )
            waiter, _ = await rental.join_waiting_list(
                uow, client=person, category_id=item.category_id
            )
            waiters.append(waiter.id)
        await uow.commit()
    token = await log_in(client, specialist.login)
    await client.post(f"/rental/waiters/{waiters[1]}/urgent", data={"csrf": token})
    async with core.uow() as uow:
        line = await rental.waiting_list(uow, item.category_id)
    assert [w.id for w in line] == waiters  # a specialist may not reorder
    client.cookies.clear()
    token = await log_in(client, coordinator.login)
    await client.post(f"/rental/waiters/{waiters[1]}/urgent", data={"csrf": token})
    async with core.uow() as uow:
        line = await rental.waiting_list(uow, item.category_id)
    assert [w.id for w in line] == [waiters[1], waiters[0]]
    assert "срочно" in (await client.get("/rental")).text


async def test_api_routes_of_the_contract(core, client, specialist):
    coordinator = await make_staff(core, role="coordinator")
    admin_auth = await token_for(client, coordinator.login)
    auth = await token_for(client, specialist.login)
    response = await client.post(
        "/api/v1/rental/items",
        json={"category": "Кроватки", "name": "Кроватка", "inventory_no": "K-1"},
        headers=admin_auth,
    )
    assert response.status_code == 201, response.text
    item = response.json()
    assert item["status"] == "available" and item["category"] == "Кроватки"
    response = await client.post(
        "/api/v1/rental/items",
        json={"category": "Кроватки", "name": "Ещё", "inventory_no": "K-2"},
        headers=auth,
    )
    assert response.status_code == 403 and response.json()["code"] == "rental-manage-forbidden"
    response = await client.post(
        "/api/v1/rental/items",
        json={"category": "Кроватки", "name": "Дубль", "inventory_no": "K-1"},
        headers=admin_auth,
    )
    assert response.status_code == 409

    listed = (await client.get("/api/v1/rental/items", headers=auth)).json()
    assert [i["inventory_no"] for i in listed] == ["K-1"]

    booking_id = await booked(core, item["id"])
    rows = (await client.get("/api/v1/rental/bookings", headers=auth)).json()
    assert rows[0]["id"] == booking_id and rows[0]["status"] == "requested"
    assert set(rows[0]) >= {"id", "item_id", "pseudonym", "status", "pickup_date", "due_date"}
    assert "phone" not in rows[0] and "+7900" not in str(rows)
    one = (await client.get(f"/api/v1/rental/bookings/{booking_id}", headers=auth)).json()
    assert one["phone"] == "+79001112233"

    response = await client.post(
        f"/api/v1/rental/bookings/{booking_id}/issue", json={}, headers=auth
    )
    assert response.json()["status"] == "issued"
    response = await client.post(
        f"/api/v1/rental/bookings/{booking_id}/issue", json={}, headers=auth
    )
    assert response.status_code == 409
    response = await client.post(
        f"/api/v1/rental/bookings/{booking_id}/return",
        json={"condition": "хорошее"},
        headers=auth,
    )
    assert response.json()["status"] == "returned"
    assert (
        await client.get("/api/v1/rental/bookings/999999999999", headers=auth)
    ).status_code == 404
    assert (await client.get("/api/v1/rental/items?status=bogus", headers=auth)).status_code == 422


async def test_a_refusal_names_the_booking_state_in_words(core, client, specialist):
    item = await make_item(core, "Кроватки", "Кроватка белая")
    booking_id = await booked(core, item.id)
    token = await log_in(client, specialist.login)
    for _ in range(2):  # a colleague handed it over a moment ago
        await client.post(
            f"/rental/bookings/{booking_id}/issue", data={"csrf": token, "due_date": "2026-12-24"}
        )
    page = await client.get(f"/rental/bookings/{booking_id}")
    assert "Выдать нельзя: бронь уже выдана" in page.text
    assert "issued" not in page.text.split("Выдать нельзя", 1)[1][:80]
    await client.post(f"/rental/bookings/{booking_id}/confirm", data={"csrf": token})
    page = await client.get(f"/rental/bookings/{booking_id}")
    assert "Подтвердить нельзя: бронь уже выдана." in page.text
    auth = await token_for(client, specialist.login)
    response = await client.post(
        f"/api/v1/rental/bookings/{booking_id}/issue", json={}, headers=auth
    )
    assert response.status_code == 409 and "бронь уже выдана" in response.json()["detail"]
