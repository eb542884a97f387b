"""The demo's web chat over HTTP: the page, sending text, commands and buttons, long polling,
and a specialist's reply reaching the page. The delivery worker runs as in the runtime."""

from __future__ import annotations

import asyncio
import re
import socket
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from aist.runtime import build_runtime
from bot.web import COOKIE, WebMessenger, create_web_chat_router
from core.bootstrap import Core
from core.delivery import DeliveryWorker
from core.messages import Outgoing
from core.ports import DeliveryError
from core.services import cases
from tests.factories import make_staff

RU = {"Accept-Language": "ru-RU,ru;q=0.9"}


@dataclass
class Chat:
    """One person in the web chat: a cookie jar, the messages seen so far."""

    http: httpx.AsyncClient
    seen: list[dict[str, Any]]
    after: int = 0
    sent: int = 0

    async def open(self) -> httpx.Response:
        return await self.http.get("/chat", headers=RU)

    async def send(self, text: str = "", payload: str = "", id: str | None = None) -> dict:
        self.sent += 1
        body = {"id": id or f"m{self.sent}", "text": text, "payload": payload}
        response = await self.http.post("/chat/api/send", json=body, headers=RU)
        assert response.status_code == 200, response.text
        return response.json()

    async def wait_for(self, count: int, timeout: float = 10) -> list[dict[str, Any]]:
        """Long-polls until ``count`` messages have arrived in all; returns the new ones."""
        start = len(self.seen)
        deadline = time.monotonic() + timeout
        while len(self.seen) < count:
            assert time.monotonic() < deadline, [m["text"][:40] for m in self.seen]
            response = await self.http.get(
                "/chat/api/poll", params={"after": self.after, "wait": 2}, headers=RU
            )
            assert response.status_code == 200, response.text
            for message in response.json()["messages"]:
                assert message["seq"] > self.after
                self.after = message["seq"]
                self.seen.append(message)
        return self.seen[start:]

    def payloads(self, message: dict[str, Any]) -> list[str]:
        return [b["payload"] for row in message["buttons"] for b in row]

    def labels(self, message: dict[str, Any]) -> list[str]:
        return [b["text"] for row in message["buttons"] for b in row]


@pytest.fixture
async def messenger(core: Core) -> AsyncIterator[WebMessenger]:
    web = WebMessenger()
    worker = DeliveryWorker(core, {"web": web}, idle_poll_s=0.05)
    task = asyncio.create_task(worker.run())
    yield web
    await worker.stop()
    await asyncio.wait_for(task, 10)


@pytest.fixture
async def chat(core: Core, messenger: WebMessenger) -> AsyncIterator[Chat]:
    app = FastAPI()
    app.include_router(create_web_chat_router(core, messenger))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://chat.test", timeout=30
    ) as http:
        person = Chat(http, [])
        page = await person.open()
        assert page.status_code == 200
        yield person


async def only_case(core: Core) -> cases.CaseDetail:
    async with core.uow() as uow:
        [summary] = await cases.list_cases(uow)
        return await cases.get_case(uow, case_id=summary.id, staff_id=None)


async def test_page_is_self_contained_localised_and_sets_an_httponly_cookie(core, messenger):
    app = FastAPI()
    app.include_router(create_web_chat_router(core, messenger))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://chat.test") as http:
        ru = await http.get("/chat", headers=RU)
        en = await http.get("/chat", headers={"Accept-Language": "en-GB,en"})
    assert ru.status_code == 200 and ru.headers["content-type"].startswith("text/html")
    assert "Чат с центром помощи семье и детям" in ru.text
    assert '<html lang="ru">' in ru.text
    assert "Chat with the family and children support centre" in en.text
    assert 'name="viewport"' in ru.text
    # No CDN, no third-party files: no external script, style sheet or font.
    assert not re.search(r"""<(script|link)[^>]+(src|href)=["']?(https?:)?//""", ru.text)
    cookie = ru.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "httponly" in cookie.lower()
    assert "samesite=strict" in cookie.lower()


async def test_start_shows_the_greeting_and_the_menu_buttons(chat: Chat):
    await chat.send("/start")
    greeting, menu = await chat.wait_for(2)
    assert "Имя называть не нужно" in greeting["text"]
    assert menu["text"] == "Чем мы можем помочь?"
    assert chat.payloads(menu)[:2] == ["m:talk", "m:now"]
    assert "💬 Поговорить со специалистом" in chat.labels(menu)


async def test_talk_then_topic_opens_a_case_and_the_specialists_reply_arrives(core, chat: Chat):
    staff = await make_staff(core, name="Анна Петрова")
    await chat.send("/start")
    await chat.wait_for(2)
    await chat.send(payload="m:talk")
    [topics] = await chat.wait_for(3)
    assert "t:other" in chat.payloads(topics)
    await chat.send(payload="t:other")
    await chat.wait_for(4)

    detail = await only_case(core)
    assert detail.summary.channel == "web"
    assert detail.summary.topic == "other"
    assert detail.summary.status == "open"

    await chat.send("Мне страшно, не знаю, что делать")
    for _ in range(100):
        detail = await only_case(core)
        if any(m.direction == "in" for m in detail.messages):
            break
        await asyncio.sleep(0.05)
    assert [m.text for m in detail.messages if m.direction == "in"] == [
        "Мне страшно, не знаю, что делать"
    ]

    seen = len(chat.seen)
    async with core.uow() as uow:
        await cases.reply_to_case(
            uow, staff_id=staff.id, case_id=detail.summary.id, text="Я здесь, давайте поговорим."
        )
        await uow.commit()
    for _ in range(3):  # the acknowledgement of her message may come first
        await chat.wait_for(len(chat.seen) + 1)
        if chat.seen[-1]["text"].endswith("Я здесь, давайте поговорим."):
            break
    # She sees the first word of the shown name and the role (specialist_shown_as="name").
    assert chat.seen[-1]["text"] == "Анна, специалист центра:\nЯ здесь, давайте поговорим."
    assert len(chat.seen) > seen


async def test_a_retried_post_with_the_same_id_is_handled_once(chat: Chat):
    first = await chat.send("/start", id="same-id")
    again = await chat.send("/start", id="same-id")
    assert first == {"ok": True, "duplicate": False}
    assert again == {"ok": True, "duplicate": True}
    await chat.wait_for(2)
    await asyncio.sleep(0.3)
    response = await chat.http.get("/chat/api/poll", params={"after": chat.after, "wait": 0})
    assert response.json()["messages"] == []


async def test_a_poll_waits_and_wakes_when_a_message_comes(chat: Chat):
    poll = asyncio.create_task(chat.http.get("/chat/api/poll", params={"after": 0, "wait": 10}))
    await asyncio.sleep(0.2)
    assert not poll.done()
    started = time.monotonic()
    await chat.send("/start")
    response = await asyncio.wait_for(poll, 10)
    assert time.monotonic() - started < 5
    assert response.json()["messages"][0]["seq"] == 1
    empty = await chat.http.get("/chat/api/poll", params={"after": 10**6, "wait": 0.1})
    assert empty.json() == {"messages": []}


async def test_two_people_do_not_see_each_other(core, messenger, chat: Chat):
    app = FastAPI()
    app.include_router(create_web_chat_router(core, messenger))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://chat.test") as http:
        other = Chat(http, [])
        await other.open()
        await other.send("/start")
        await other.wait_for(2)
    response = await chat.http.get("/chat/api/poll", params={"after": 0, "wait": 0.2})
    assert response.json()["messages"] == []


async def test_kind_errors_without_a_cookie_or_with_an_empty_message(core, messenger, chat: Chat):
    app = FastAPI()
    app.include_router(create_web_chat_router(core, messenger))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://chat.test") as stranger:
        no_cookie = await stranger.post(
            "/chat/api/send", json={"id": "1", "text": "hi"}, headers=RU
        )
        assert no_cookie.status_code == 400
        assert "/chat" in no_cookie.json()["detail"]
        assert (await stranger.get("/chat/api/poll")).status_code == 400
    empty = await chat.http.post("/chat/api/send", json={"id": "2", "text": "  "}, headers=RU)
    assert empty.status_code == 422
    assert empty.json() == {"detail": "Пустое сообщение."}
    no_id = await chat.http.post("/chat/api/send", json={"text": "hi"})
    assert no_id.status_code == 422


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def until_healthy(http: httpx.AsyncClient) -> None:
    """Waits (up to about 10 s) for a process just started to answer its health check."""
    for _ in range(200):
        try:
            if (await http.get("/api/v1/health")).status_code == 200:
                return
        except httpx.TransportError:
            await asyncio.sleep(0.05)


async def test_the_demo_runtime_serves_panel_and_chat_and_stops_cleanly(core: Core):
    """The composed process on a real port: health, the chat, a long poll cut short by stop."""
    settings = core.settings.model_copy(update={"demo": True})
    core.settings = settings
    runtime = build_runtime(settings, core=core)
    assert runtime.channels == ["web"] and runtime.adapters == []
    port = free_port()
    serving = asyncio.create_task(runtime.serve(host="127.0.0.1", port=port, handle_signals=False))
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
        await until_healthy(http)
        person = Chat(http, [])
        await person.open()
        await person.send("/start")
        await person.wait_for(2)
        hanging = asyncio.create_task(
            http.get("/chat/api/poll", params={"after": person.after, "wait": 25})
        )
        await asyncio.sleep(0.2)
        started = time.monotonic()
        runtime.request_stop()
        assert await asyncio.wait_for(serving, 20) == 0
        assert time.monotonic() - started < 8  # the long poll did not hold the stop for 25 s
        response = await hanging
        assert response.status_code == 200


async def test_the_crisis_path_on_the_web_channel(core, chat):
    await chat.send("/start")
    await chat.wait_for(2)
    await chat.send("не хочу жить, наглоталась таблеток")
    [reply] = await chat.wait_for(3)  # one message: what to do now, the numbers, who reads
    assert "112" in reply["text"] and "8-800-2000-122" in reply["text"]
    detail = await only_case(core)
    assert detail.summary.level == "emergency"
    assert detail.summary.signals[0]["group"] == "suicide_selfharm"

    await chat.send(payload="m:now")  # the button works the same with a case already open
    again = await chat.wait_for(4)
    assert "112" in again[0]["text"]
    async with core.uow() as uow:
        assert len(await cases.list_cases(uow)) == 1


async def test_an_items_photo_shows_in_the_web_chat_and_only_to_a_chat(core, chat: Chat):
    from tests.e2e.test_rental_photo_channels import PICTURE, upload_in_panel
    from tests.factories import make_item

    coordinator = await make_staff(core, role="coordinator")
    item = await make_item(core, "Коляски", "Коляска синяя", by=coordinator)
    reference = await upload_in_panel(core, coordinator.login, item.id, PICTURE)
    await chat.send("/start")
    menu = (await chat.wait_for(2))[-1]
    press = {
        label: payload
        for label, payload in zip(chat.labels(menu), chat.payloads(menu), strict=True)
    }
    await chat.send(payload=next(p for label, p in press.items() if "прокат" in label.lower()))
    catalogue = (await chat.wait_for(3))[-1]
    assert catalogue["photo"] is None
    await chat.send(payload=chat.payloads(catalogue)[0])
    items = (await chat.wait_for(4))[-1]
    await chat.send(payload=chat.payloads(items)[0])
    card = (await chat.wait_for(5))[-1]
    name = reference.rsplit("/", 1)[-1]
    assert card["photo"] == f"/chat/media/{name}" and "Коляска синяя" in card["text"]
    picture = await chat.http.get(card["photo"])
    assert picture.status_code == 200 and picture.content == PICTURE
    assert picture.headers["content-type"] == "image/png"
    assert (await chat.http.get("/chat/media/../../aist.sqlite3")).status_code == 404
    assert (await chat.http.get(f"/chat/media/{'0' * 32}.png")).status_code == 404
    chat.http.cookies.clear()
    assert (await chat.http.get(card["photo"])).status_code == 400


async def test_help_now_is_in_the_page_header_whatever_the_screen(core, chat):
    page = await chat.open()
    header = re.search(r"<header>.*?</header>", page.text, re.S)
    assert header is not None
    assert 'id="help-now" data-payload="m:now"' in header.group(0)
    assert "Мне нужна помощь сейчас" in header.group(0)
    await chat.send("/start")
    await chat.wait_for(2)
    await chat.send(payload="m:now")  # what the header button posts
    [numbers] = await chat.wait_for(3)
    assert "112" in numbers["text"]
    assert (await only_case(core)).summary.signals[0]["group"] == "help_button"


# --- no trace on a shared phone: the quick exit, "delete my data", nothing cached ----------


def press(chat: Chat, message: dict[str, Any], label: str) -> str:
    """The payload of the button whose label holds ``label``."""
    pairs = zip(chat.labels(message), chat.payloads(message), strict=True)
    return next(payload for text, payload in pairs if label in text)


def token_of(chat: Chat) -> str:
    return chat.http.cookies[COOKIE]


async def test_the_page_and_every_json_answer_are_no_store_and_the_cookie_is_a_sessions(
    chat: Chat,
):
    page = await chat.open()
    assert page.headers["cache-control"] == "no-store"
    assert "set-cookie" not in page.headers  # she has one already
    fresh = httpx.AsyncClient(transport=chat.http._transport, base_url="http://chat.test")
    async with fresh:
        first = await fresh.get("/chat", headers=RU)
        refused = await fresh.post("/chat/api/send", json={"id": "1", "text": " "}, headers=RU)
    cookie = first.headers["set-cookie"].lower()
    assert cookie.startswith(f"{COOKIE}=") and "httponly" in cookie and "samesite=strict" in cookie
    assert "max-age" not in cookie and "expires" not in cookie
    assert refused.status_code == 422 and refused.headers["cache-control"] == "no-store"
    sent = await chat.http.post("/chat/api/send", json={"id": "a", "text": "/start"}, headers=RU)
    polled = await chat.http.get("/chat/api/poll", params={"after": 0, "wait": 0})
    left = await chat.http.post("/chat/api/exit")
    for response in (sent, polled, left):
        assert response.status_code == 200
        assert response.headers["cache-control"] == "no-store"
    # The page keeps nothing in the browser's long-lived storage.
    assert "localStorage.setItem" not in page.text and "localStorage.getItem" not in page.text


async def test_the_page_has_a_quick_exit_with_a_title_and_a_configurable_address(core, chat):
    core.settings = core.settings.model_copy(update={"quick_exit_url": "https://example.org/x"})
    page = await chat.open()
    header = re.search(r"<header>.*?</header>", page.text, re.S)
    assert header is not None
    button = re.search(r'<button[^>]*id="quick-exit"[^>]*>([^<]*)</button>', header.group(0))
    assert button is not None and button.group(1) == "Быстрый выход"
    assert 'data-href="https://example.org/x"' in button.group(0)
    assert 'title="Сразу стереть переписку' in button.group(0)
    async with httpx.AsyncClient(
        transport=chat.http._transport, base_url="http://chat.test"
    ) as english:
        en = await english.get("/chat", headers={"Accept-Language": "en"})
    assert ">Quick exit</button>" in en.text


async def test_the_quick_exit_drops_the_mailbox_and_keeps_her_case(
    core, messenger: WebMessenger, chat: Chat
):
    await chat.send("/start")
    menu = (await chat.wait_for(2))[-1]
    await chat.send(payload=press(chat, menu, "Поговорить"))
    topics = (await chat.wait_for(3))[-1]
    await chat.send(payload="t:other")
    await chat.wait_for(4)
    await chat.send("Муж забрал мой паспорт")
    for _ in range(100):
        if any(m.direction == "in" for m in (await only_case(core)).messages):
            break
        await asyncio.sleep(0.05)
    assert topics["buttons"]
    old = token_of(chat)
    assert messenger.messages(old)

    left = await chat.http.post("/chat/api/exit")
    assert left.status_code == 200 and left.json() == {"ok": True}
    expired = left.headers["set-cookie"].lower()
    assert expired.startswith(f'{COOKIE}=""') and "max-age=0" in expired
    assert messenger.messages(old) == []

    # The old cookie, kept by someone, brings nothing back and cannot write as her.
    chat.http.cookies.set(COOKIE, old)
    assert (await chat.http.get("/chat/api/poll", params={"wait": 0})).status_code == 400
    again = await chat.http.post("/chat/api/send", json={"id": "z", "text": "hi"}, headers=RU)
    assert again.status_code == 400
    with pytest.raises(DeliveryError) as refused:
        await messenger.send(old, Outgoing("Ответ специалиста"))
    assert refused.value.permanent
    assert messenger.messages(old) == []
    page = await chat.open()
    assert page.cookies[COOKIE] != old  # a new person in this browser

    # Her case stays for the specialist, with what she wrote.
    detail = await only_case(core)
    assert detail.summary.status == "open"
    assert [m.text for m in detail.messages if m.direction == "in"] == ["Муж забрал мой паспорт"]


async def test_after_delete_my_data_the_goodbye_is_the_last_thing_the_mailbox_holds(
    core, messenger: WebMessenger, chat: Chat
):
    await chat.send("/start")
    menu = (await chat.wait_for(2))[-1]
    await chat.send(payload=press(chat, menu, "Мои данные"))
    my_data = (await chat.wait_for(3))[-1]
    await chat.send(payload=press(chat, my_data, "Удалить мои данные"))
    confirm = (await chat.wait_for(4))[-1]
    assert not any(m.get("last") for m in chat.seen)
    token = token_of(chat)
    await chat.send(payload=press(chat, confirm, "Да, удалить"))

    # Already before the goodbye is fetched, nothing she saw earlier is left to fetch.
    response = await chat.http.get("/chat/api/poll", params={"after": 0, "wait": 10})
    goodbye = response.json()["messages"]
    assert goodbye and all(m["last"] is True for m in goodbye)
    assert goodbye[0]["text"] == core.i18n("ru", "forget-done")
    # Fetched once, the goodbye is gone too, and so is the token.
    assert messenger.messages(token) == []
    assert (await chat.http.get("/chat/api/poll", params={"wait": 0})).status_code == 400
    page = await chat.open()
    assert page.cookies[COOKIE] != token
    left = await chat.http.post("/chat/api/exit")  # what the page does last: harmless
    assert left.status_code == 200


def test_the_quick_exit_address_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    from core.settings import Settings

    monkeypatch.setenv("AIST_QUICK_EXIT_URL", "https://example.org/weather")
    assert Settings(demo=True).quick_exit_url == "https://example.org/weather"
    monkeypatch.delenv("AIST_QUICK_EXIT_URL")
    assert Settings(demo=True, _env_file=None).quick_exit_url == "https://ya.ru/"


async def test_a_goodbye_in_two_messages_is_fetched_whole_and_then_the_box_goes():
    web = WebMessenger()
    address = "p" * 24
    await web.send(address, Outgoing("Что было раньше"))
    web.seal(address, after=web.last_seq)
    assert web.messages(address) == []
    waiting = asyncio.create_task(web.poll(address, 0, 5))
    await asyncio.sleep(0.05)
    await web.send(address, Outgoing("Готово: ваши данные удалены."))
    await asyncio.sleep(0.1)
    await web.send(address, Outgoing("И как стереть чат."))
    found = await asyncio.wait_for(waiting, 5)
    assert [m["text"] for m in found] == ["Готово: ваши данные удалены.", "И как стереть чат."]
    assert all(m["last"] for m in found)
    assert web.messages(address) == [] and web.is_retired(address)
    with pytest.raises(DeliveryError):
        await web.send(address, Outgoing("Поздно"))


async def test_the_composer_has_a_paper_clip_with_a_label_and_a_hidden_file_input(chat: Chat):
    page = (await chat.open()).text
    composer = re.search(r'<form id="composer"[^>]*>(.*?)</form>', page, re.S)
    assert composer is not None
    inside = composer.group(1)
    clip = re.search(r'<button type="button" id="attach"[^>]*>', inside)
    assert clip is not None and 'aria-label="Прикрепить фото или документ"' in clip.group(0)
    picker = re.search(r'<input type="file" id="file"[^>]*>', inside)
    assert picker is not None and " hidden" in picker.group(0)
    assert 'accept="image/jpeg,image/png,image/webp,application/pdf"' in picker.group(0)
    # The text, then the paper clip, then "send": on one row.
    assert inside.index('id="text"') < inside.index('id="attach"') < inside.index('id="send"')
    assert 'data-max-bytes="10485760"' in page and "data-refused=" in page
    async with httpx.AsyncClient(
        transport=chat.http._transport, base_url="http://chat.test"
    ) as english:
        en = await english.get("/chat", headers={"Accept-Language": "en"})
    assert 'aria-label="Attach a photo or a document"' in en.text
