"""One definition of the conversation scenarios, run on Telegram and on VK: the dialogs are
written once, so a person can do in VK everything she can do in Telegram."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import httpx
import pytest

from admin.app import create_app
from core.services import cases
from tests.e2e.test_vk import fake, vk  # noqa: F401 - fixtures
from tests.factories import PASSWORD, make_item, make_staff

HER = 777001


@dataclass
class Seen:
    text: str
    labels: list[str]
    raw: Any


class Person(Protocol):
    channel: str

    async def start(self) -> None: ...
    async def says(self, text: str) -> None: ...
    async def sticker(self) -> None: ...
    async def presses(self, seen: Seen, label: str) -> None: ...
    async def presses_stale(self) -> None: ...
    async def sees(self, count: int) -> list[Seen]: ...


class TelegramPerson:
    channel = "telegram"

    def __init__(self, rig: Any) -> None:
        self.emu = rig.emulator

    async def start(self) -> None:
        await self.emu.user_sends_text(HER, "/start")

    async def says(self, text: str) -> None:
        await self.emu.user_sends_text(HER, text)

    async def sticker(self) -> None:
        await self.emu.user_sends_sticker(HER)

    async def presses(self, seen: Seen, label: str) -> None:
        await self.emu.user_presses(HER, seen.raw.payload_of(label))

    async def presses_stale(self) -> None:
        await self.emu.user_presses(HER, "rental:item:999")

    async def sees(self, count: int) -> list[Seen]:
        return [Seen(m.text, m.labels, m) for m in await self.emu.wait_for_messages(HER, count)]


class VkPerson:
    channel = "vk"

    def __init__(self, rig: Any) -> None:
        self.fake = rig.fake

    async def start(self) -> None:
        await self.fake.user_starts(HER)

    async def says(self, text: str) -> None:
        await self.fake.user_sends_text(HER, text)

    async def sticker(self) -> None:
        await self.fake.user_sends_sticker(HER)

    async def presses(self, seen: Seen, label: str) -> None:
        await self.fake.user_presses(HER, seen.raw.payload_of(label))

    async def presses_stale(self) -> None:
        await self.fake.user_presses(HER, {"p": "rental:item:999"})

    async def sees(self, count: int) -> list[Seen]:
        return [Seen(m.text, m.labels, m) for m in await self.fake.wait_for_messages(HER, count)]


@pytest.fixture(params=["telegram", "vk"])
def person(request: pytest.FixtureRequest, core: Any) -> Person:
    if request.param == "telegram":
        return TelegramPerson(request.getfixturevalue("telegram"))
    return VkPerson(request.getfixturevalue("vk"))


MENU = [
    "Поговорить со специалистом",
    "Мне нужна помощь сейчас",
    "Пункт проката",
    "Курс для будущих мам",
    "О центре",
    "Мои данные",
]


async def test_start_greets_and_shows_the_whole_menu(person: Person):
    await person.start()
    greeting, menu = await person.sees(2)
    assert "Имя называть не нужно" in greeting.text
    assert all(any(item in label for label in menu.labels) for item in MENU)


async def test_hand_off_with_a_reply_from_the_panel(core, person: Person):
    specialist = await make_staff(core, name="Анна")
    await person.start()
    menu = (await person.sees(2))[-1]
    await person.presses(menu, "Поговорить со специалистом")
    topics = (await person.sees(3))[-1]
    await person.presses(topics, "Новорождённый малыш")
    await person.sees(5)
    await person.says("Малыш плачет всю ночь")
    await person.sees(6)

    app = create_app(core.settings, core)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://panel"
    ) as http:
        token = (
            await http.post(
                "/api/v1/auth/token", data={"username": specialist.login, "password": PASSWORD}
            )
        ).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        [case] = (await http.get("/api/v1/cases", headers=auth)).json()
        assert case["channel"] == person.channel and case["last_message"] == "Малыш плачет всю ночь"
        sent = await http.post(
            f"/api/v1/cases/{case['id']}/messages", json={"text": "Я с вами."}, headers=auth
        )
        assert sent.status_code == 201
    seen = await person.sees(7)
    assert seen[-1].text == "Анна, специалист центра:\nЯ с вами."
    assert sum("Я с вами." in s.text for s in seen) == 1


async def test_sticker_and_a_button_from_before_a_restart(person: Person):
    await person.sticker()
    assert "Стикеры" in (await person.sees(1))[-1].text
    await person.presses_stale()
    stale = (await person.sees(2))[-1]
    assert "из прошлого разговора" in stale.text
    assert any("Поговорить со специалистом" in label for label in stale.labels)


async def test_the_crisis_path(core, person: Person):
    await person.says("муж бьёт меня прямо сейчас")
    [reply] = await person.sees(1)
    assert "небезопасно" in reply.text and "ближе к выходу" in reply.text
    assert "112" in reply.text and "8-800-7000-600" in reply.text
    async with core.uow() as uow:
        [summary] = await cases.list_cases(uow)
    assert summary.level == "emergency" and summary.channel == person.channel


async def test_rental_booking_from_catalogue_to_handover(core, person: Person):
    coordinator = await make_staff(core, role="coordinator")
    await make_item(core, "Кроватки", "Кроватка белая", by=coordinator)
    await person.start()
    menu = (await person.sees(2))[-1]
    await person.presses(menu, "Пункт проката")
    catalogue = (await person.sees(3))[-1]
    await person.presses(catalogue, "Кроватки")
    items = (await person.sees(4))[-1]
    await person.presses(items, "Кроватка белая")
    card = (await person.sees(5))[-1]
    await person.presses(card, "Забронировать")
    days = (await person.sees(6))[-1]
    await person.presses(days, days.labels[1])
    consent = (await person.sees(7))[-1]
    assert "152-ФЗ" in consent.text
    await person.presses(consent, "Даю согласие")
    await person.sees(8)
    await person.says("Маша")
    await person.sees(9)
    await person.says("+7 900 123-45-67")
    done = (await person.sees(10))[-1]
    assert "Заявка принята" in done.text

    app = create_app(core.settings, core)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://panel"
    ) as http:
        token = (
            await http.post(
                "/api/v1/auth/token", data={"username": coordinator.login, "password": PASSWORD}
            )
        ).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        [booking] = (await http.get("/api/v1/rental/bookings", headers=auth)).json()
        issued = await http.post(
            f"/api/v1/rental/bookings/{booking['id']}/issue", json={}, headers=auth
        )
        assert issued.json()["status"] == "issued"
    handed = (await person.sees(11))[-1]
    assert "теперь у вас" in handed.text
    await person.presses(handed, "Мои брони")
    mine = (await person.sees(12))[-1]
    assert "Кроватка белая" in mine.text and "вернуть до" in mine.text
