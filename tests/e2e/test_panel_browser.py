"""The panel in a real browser (Debian's headless Chromium, driven by Playwright).

The app is served by uvicorn on a free 127.0.0.1 port inside the test's event loop, with a
delivery worker (started through ``create_app``'s ``lifespan_hooks``) sending replies to a
recording messenger. A specialist logs in; a case opened through the core services appears
in the inbox without a reload (Server-Sent Events), with a tone and a notification that does
not carry the text; she opens it, answers, and sees her answer delivered in the thread.

``AIST_UPDATE_SCREENSHOTS=1`` writes docs/panel.png and docs/case.png (1280x800); otherwise
the screenshots go to the test's temporary directory and the checkout stays clean.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import shutil
import socket
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI

from admin.app import create_app
from core.bootstrap import Core
from core.delivery import DeliveryWorker
from core.messages import Outgoing
from core.models import SupportLevel
from core.services import cases
from core.services.clients import identify_client
from core.services.urgency import raise_case
from tests.e2e.conftest import wait_until
from tests.factories import PASSWORD, make_staff, put_on_duty

CHROMIUM = os.environ.get("AIST_CHROMIUM", "/usr/bin/chromium")
DOCS = Path(__file__).resolve().parents[2] / "docs"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM),
        reason=f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)",
    ),
]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# Records what the page's script would show as a browser notification, and makes the page
# look unfocused so that it does.
WATCH_NOTIFICATIONS = """
window.__notes = [];
class FakeNotification {
  constructor(title, options) { window.__notes.push({title, body: (options || {}).body || ""}); }
  close() {}
}
FakeNotification.permission = "granted";
FakeNotification.requestPermission = async () => "granted";
window.Notification = FakeNotification;
document.hasFocus = () => false;
"""


class RecordingMessenger:
    def __init__(self, channel: str) -> None:
        self.channel = channel
        self.sent: list[tuple[str, str]] = []

    async def send(self, address: str, message: Outgoing) -> None:
        self.sent.append((address, message.text))


@dataclasses.dataclass
class Panel:
    base: str
    messengers: dict[str, RecordingMessenger]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def panel(core: Core) -> AsyncIterator[Panel]:
    messengers = {name: RecordingMessenger(name) for name in ("telegram", "vk", "web")}

    @contextlib.asynccontextmanager
    async def delivery(app: FastAPI) -> AsyncIterator[None]:
        worker = DeliveryWorker(core, dict(messengers), idle_poll_s=0.1)
        task = asyncio.create_task(worker.run())
        yield
        await worker.stop()
        await asyncio.wait_for(task, 10)

    app = create_app(core.settings, core, lifespan_hooks=[delivery])
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            lifespan="on",
            timeout_graceful_shutdown=2,
        )
    )
    serving = asyncio.create_task(server.serve())
    for _ in range(200):
        if server.started or serving.done():
            break
        await asyncio.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield Panel(f"http://127.0.0.1:{port}", messengers)
    server.should_exit = True
    await asyncio.wait_for(serving, 20)


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        chromium = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        await chromium.close()


class FixedClock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at


def at_time(core: Core, at: datetime) -> Core:
    """The same core (database, bus, keys), with a clock stopped at ``at``."""
    return dataclasses.replace(core, clock=FixedClock(at))


async def person_writes(
    core: Core,
    *,
    user: str,
    text: str,
    channel: str = "telegram",
    topic: str = "other",
    level: SupportLevel = SupportLevel.basic,
    signal: tuple[str, str] | None = None,
) -> int:
    """A person writes: she is identified, her case opened (or raised), her message stored."""
    signals = [{"group": signal[0], "phrase": signal[1], "level": level}] if signal else []
    async with core.uow() as uow:
        client, _ = await identify_client(
            uow, channel=channel, user_id=user, address=user, locale="ru"
        )
        if signals or level != SupportLevel.basic:
            routing = await raise_case(
                uow, client, channel=channel, level=level, signals=signals, topic=topic
            )
        else:
            routing = await cases.open_case(uow, client, channel=channel, topic=topic)
        await cases.add_client_message(uow, routing.case, text=text, signals=signals or None)
        await uow.commit()
    return routing.case.id


async def seed_inbox(core: Core, colleague_id: int) -> None:
    """A few realistic open cases, opened at different times before now."""
    now = core.clock.now()

    def ago(minutes: int) -> Core:
        return at_time(core, now - timedelta(minutes=minutes))

    await person_writes(
        ago(72),
        user="1001",
        channel="vk",
        topic="disability",
        text="Сыну 4 года, поставили аутизм. Куда обратиться за реабилитацией?",
    )
    answered = await person_writes(
        ago(55),
        user="1002",
        topic="money",
        text="Подскажите, какие документы нужны на единое пособие?",
    )
    async with ago(50).uow() as uow:
        await cases.reply_to_case(
            uow,
            staff_id=colleague_id,
            case_id=answered,
            text="Паспорт, СНИЛС и справка о доходах. Могу записать вас на приём.",
        )
        await uow.commit()
    await person_writes(
        ago(19),
        user="1003",
        channel="vk",
        topic="pregnancy",
        level=SupportLevel.crisis,
        signal=("abandonment", "не знаю, оставлять ли"),
        text="Срок 9 недель, не знаю, оставлять ли. Родители не знают, парень ушёл.",
    )
    await person_writes(
        ago(7),
        user="1004",
        channel="web",
        topic="newborn",
        text="Малышу две недели, плохо берёт грудь. К кому можно обратиться?",
    )
    await person_writes(
        ago(4),
        user="1005",
        topic="family",
        level=SupportLevel.emergency,
        signal=("violence", "поднял руку"),
        text="Муж опять поднял руку, я с детьми у подруги. Что мне делать?",
    )


async def test_specialist_sees_a_new_case_live_and_answers_it(
    core: Core, panel: Panel, browser: Any, tmp_path: Path
) -> None:
    shots = DOCS if os.environ.get("AIST_UPDATE_SCREENSHOTS") == "1" else tmp_path
    specialist = await make_staff(core, name="Анна Петрова")
    colleague = await make_staff(core, name="Ольга Смирнова")
    await put_on_duty(core, specialist, core.clock.now() - timedelta(hours=3), hours=12)
    await seed_inbox(core, colleague.id)

    context = await browser.new_context(viewport={"width": 1280, "height": 800}, locale="ru-RU")
    await context.add_init_script(WATCH_NOTIFICATIONS)
    page = await context.new_page()
    await page.goto(f"{panel.base}/login")
    await page.fill("input[name=username]", specialist.login)
    await page.fill("input[name=password]", PASSWORD)
    await page.click("button[type=submit]")
    await page.wait_for_selector("table.cases")
    await page.wait_for_selector("#live.on")
    rows = page.locator("table.cases tbody tr")
    assert await rows.count() == 5
    assert "level-emergency" in (await rows.nth(0).get_attribute("class") or "")
    assert "level-crisis" in (await rows.nth(1).get_attribute("class") or "")
    assert "ждёт 1 ч 12 мин" in await rows.nth(2).inner_text()
    assert "ждёт" in await page.locator("tr.level-emergency .since").inner_text()

    # A person writes now; the page is not reloaded: the row arrives by Server-Sent Events.
    await page.evaluate("window.__stayed = true")
    text = "Малыш плачет всю ночь, я не справляюсь"
    case_id = await person_writes(core, user="2001", topic="newborn", text=text)
    row = page.locator(f"tr[data-case='{case_id}']")
    await row.wait_for(timeout=10_000)
    assert await page.evaluate("window.__stayed") is True
    assert text in await row.inner_text()
    assert "для вас" in await row.inner_text()
    assert await page.locator("#waiting-count").inner_text() == "5"
    notes = await page.evaluate("window.__notes")
    assert notes and notes[-1]["title"] == "Новое обращение"
    assert all(text not in n["title"] + n["body"] for n in notes)
    await page.wait_for_timeout(3200)  # the fresh-row highlight fades before the picture
    shots.mkdir(exist_ok=True)
    await page.screenshot(path=str(shots / "panel.png"))

    await row.locator("a.person").click()
    await page.wait_for_selector(".thread")
    await page.fill("form.composer textarea", "Я с вами. Давайте разберёмся вместе.")
    await page.click("form.composer button[type=submit]")
    mine = page.locator(".msg.out", has_text="Давайте разберёмся вместе")
    await mine.wait_for()
    # The delivery worker sends it; the thread hears of it and shows it delivered.
    await mine.locator(".delivery.sent").wait_for(timeout=10_000)
    assert any("Давайте разберёмся вместе" in t for _, t in panel.messengers["telegram"].sent)
    assert "Анна Петрова" in await page.locator("#case-head").inner_text()

    # She writes again while the case is open: it appears in the thread without a reload.
    await page.evaluate("window.__stayed = true")
    await person_writes(core, user="2001", topic="newborn", text="Спасибо, мне уже легче")
    await page.locator(".msg.in", has_text="мне уже легче").wait_for(timeout=10_000)
    assert await page.evaluate("window.__stayed") is True
    await page.screenshot(path=str(shots / "case.png"))
    await context.close()


async def test_login_refuses_a_wrong_password_kindly(
    core: Core, panel: Panel, browser: Any
) -> None:
    specialist = await make_staff(core)
    page = await browser.new_page()
    await page.goto(f"{panel.base}/")
    assert page.url.endswith("/login")
    await page.fill("input[name=username]", specialist.login)
    await page.fill("input[name=password]", "wrong-password")
    await page.click("button[type=submit]")
    await page.wait_for_selector(".flash.error >> text=Неверный логин или пароль")
    await page.fill("input[name=username]", specialist.login)
    await page.fill("input[name=password]", PASSWORD)
    await page.click("button[type=submit]")
    await page.wait_for_selector("text=Открытых обращений нет")


async def sideways(page: Any) -> int:
    """How far the page scrolls sideways once its layout has settled. Measured at once, a page
    still loading its thread can show a scrollbar's width (16 px, seen once in CI) that is gone
    a moment later; an overflow that stays for two seconds is real."""
    measure = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    await wait_until(page, f"{measure} <= 0", timeout=2.0)
    return int(await page.evaluate(measure))


async def test_the_panel_fits_a_phone(core: Core, panel: Panel, browser: Any) -> None:
    specialist = await make_staff(core, name="Анна Петрова")
    await person_writes(core, user="3001", topic="money", text="Где получить детское питание?")
    context = await browser.new_context(
        viewport={"width": 390, "height": 800}, locale="ru-RU", is_mobile=True, has_touch=True
    )
    page = await context.new_page()
    await page.goto(f"{panel.base}/login")
    await page.fill("input[name=username]", specialist.login)
    await page.fill("input[name=password]", PASSWORD)
    await page.click("button[type=submit]")
    await page.wait_for_selector("table.cases")
    overflow = await sideways(page)
    assert overflow <= 0, f"the inbox scrolls sideways on a phone by {overflow}px"
    await page.locator("a.person").first.click()
    await page.wait_for_selector("form.composer textarea")
    overflow = await sideways(page)
    assert overflow <= 0, f"the case page scrolls sideways on a phone by {overflow}px"
    await context.close()


async def test_a_coordinator_deletes_her_data_only_after_saying_yes(
    core: Core, panel: Panel, browser: Any
) -> None:
    coordinator = await make_staff(core, role="coordinator", name="Вера Координатор")
    case_id = await person_writes(core, user="4001", topic="family", text="Меня зовут Оля")
    page = await browser.new_page()
    await page.goto(f"{panel.base}/login")
    await page.fill("input[name=username]", coordinator.login)
    await page.fill("input[name=password]", PASSWORD)
    await page.click("button[type=submit]")
    await page.goto(f"{panel.base}/cases/{case_id}")
    await page.click("#case-forget summary")
    await page.fill("#case-forget input[name=reason]", "Позвонила 25.11, назвала кодовое слово")
    answers = iter([False, True])
    asked: list[str] = []

    async def on_dialog(dialog: Any) -> None:
        asked.append(dialog.message)
        await (dialog.accept() if next(answers) else dialog.dismiss())

    page.on("dialog", on_dialog)
    await page.click("#case-forget button[type=submit]")
    await page.wait_for_timeout(300)
    assert asked and "Отменить нельзя" in asked[0]
    assert await page.locator(".msg.in", has_text="Меня зовут Оля").count() == 1  # said no
    await page.click("#case-forget button[type=submit]")
    await page.wait_for_selector(".flash >> text=Данные человека удалены")
    assert await page.locator(".msg.in", has_text="Меня зовут Оля").count() == 0
    assert len(asked) == 2
