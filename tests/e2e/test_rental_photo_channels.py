"""A rental item's photo reaches her as a real photo, on Telegram and on VK: uploaded by staff
in the panel, sent by the real adapters to the Bot API emulator and the fake VK API. A photo
is never a reason to lose the text: a file gone or a photo refused still lets the text out."""

# The fixtures imported from the channel tests are "redefined" by the test arguments.
# ruff: noqa: F811

from __future__ import annotations

import httpx

from admin.app import create_app
from core.messages import Button, Outgoing
from core.services import rental
from tests.e2e.test_both_channels import HER, Person, person  # noqa: F401 - fixtures
from tests.e2e.test_vk import fake, vk  # noqa: F401 - fixtures
from tests.factories import make_item, make_staff
from tests.integration.test_panel import log_in
from tests.integration.test_rental_photo_panel import png

PICTURE = png(3, 2)


async def upload_in_panel(core, login: str, item_id: int, picture: bytes) -> str:
    """What a coordinator does on the item page: choose the file, press upload."""
    app = create_app(core.settings, core)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://panel"
    ) as http:
        token = await log_in(http, login)
        response = await http.post(
            f"/rental/items/{item_id}/photo",
            data={"csrf": token},
            files={"photo": ("IMG_2041.png", picture, "image/png")},
        )
        assert response.status_code == 303
    async with core.uow() as uow:
        reference = (await rental.get_item(uow, item_id)).photo_url
    assert reference and reference.startswith("media:rental/")
    return reference


async def test_she_opens_an_item_and_sees_its_photo_with_the_text(core, person: Person):
    coordinator = await make_staff(core, role="coordinator")
    item = await make_item(
        core, "Коляски", "Коляска синяя", by=coordinator, description="Лёгкая, для лета"
    )
    await upload_in_panel(core, coordinator.login, item.id, PICTURE)

    await person.start()
    menu = (await person.sees(2))[-1]
    await person.presses(menu, "Пункт проката")
    catalogue = (await person.sees(3))[-1]
    assert catalogue.raw.photo is None
    await person.presses(catalogue, "Коляски")
    items = (await person.sees(4))[-1]
    await person.presses(items, "Коляска синяя")
    card = (await person.sees(5))[-1]
    assert card.raw.photo == PICTURE
    assert "Коляска синяя" in card.text and "Лёгкая, для лета" in card.text
    assert "media:" not in card.text
    assert any("Забронировать" in label for label in card.labels)
    if person.channel == "vk":
        assert card.raw.attachment.startswith("photo-")
    # Booking goes on from the photo's buttons as from any card.
    await person.presses(card, "Забронировать")
    days = (await person.sees(6))[-1]
    assert days.raw.photo is None and len(days.labels) > 1


async def test_telegram_a_long_text_follows_the_photo(core, telegram):
    coordinator = await make_staff(core, role="coordinator")
    item = await make_item(core, "Коляски", "Коляска", by=coordinator)
    reference = await upload_in_panel(core, coordinator.login, item.id, PICTURE)
    await telegram.emulator.user_sends_text(HER, "/start")
    await telegram.emulator.wait_for_messages(HER, 2)
    text = "Подробное описание коляски. " * 60  # over the 1024 of a caption
    await telegram.adapter.messenger.send(
        str(HER), Outgoing(text, [[Button("Меню", "menu")]], photo=reference)
    )
    photo, after = (await telegram.emulator.wait_for_messages(HER, 4))[-2:]
    assert photo.photo == PICTURE and photo.text == "" and photo.buttons == []
    assert after.photo is None and after.text == text and after.labels == ["Меню"]


async def test_telegram_an_address_goes_as_is_and_a_refused_photo_leaves_the_text(core, telegram):
    emu = telegram.emulator
    await emu.user_sends_text(HER, "/start")
    await emu.wait_for_messages(HER, 2)
    url = "https://example.org/crib.jpg"
    await telegram.adapter.messenger.send(str(HER), Outgoing("Кроватка", photo=url))
    sent = (await emu.wait_for_messages(HER, 3))[-1]
    assert sent.photo == url and sent.text == "Кроватка"

    emu.refuse_next_photos(description="Bad Request: wrong type of the web page content")
    await telegram.adapter.messenger.send(str(HER), Outgoing("Манеж", photo=url))
    sent = (await emu.wait_for_messages(HER, 4))[-1]
    assert sent.photo is None and sent.text == "Манеж"

    gone = "media:rental/" + "0" * 32 + ".jpg"
    await telegram.adapter.messenger.send(
        str(HER), Outgoing("Стульчик", [[Button("Меню", "menu")]], photo=gone)
    )
    sent = (await emu.wait_for_messages(HER, 5))[-1]
    assert sent.photo is None and sent.text == "Стульчик" and sent.labels == ["Меню"]


async def test_vk_a_photo_vk_refuses_or_a_file_gone_leaves_the_text(core, vk):
    fake = vk.fake
    coordinator = await make_staff(core, role="coordinator")
    item = await make_item(core, "Коляски", "Коляска", by=coordinator)
    reference = await upload_in_panel(core, coordinator.login, item.id, PICTURE)

    fake.photo_faults.append({"code": 100, "msg": "photo is undefined"})
    await vk.adapter.messenger.send(str(HER), Outgoing("Коляска", photo=reference))
    [sent] = await fake.wait_for_messages(HER, 1)
    assert sent.text == "Коляска" and sent.attachment == "" and sent.photo is None

    gone = "media:rental/" + "0" * 32 + ".png"
    await vk.adapter.messenger.send(
        str(HER), Outgoing("Манеж", [[Button("Меню", "menu")]], photo=gone)
    )
    sent = (await fake.wait_for_messages(HER, 2))[-1]
    assert sent.text == "Манеж" and sent.photo is None and sent.labels == ["Меню"]

    await vk.adapter.messenger.send(str(HER), Outgoing("Коляска снова", photo=reference))
    sent = (await fake.wait_for_messages(HER, 3))[-1]
    assert sent.text == "Коляска снова" and sent.photo == PICTURE
