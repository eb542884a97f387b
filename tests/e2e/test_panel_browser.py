"""The panel in a real browser (Debian's headless Chromium): log in, a case appears without a
reload, open it, answer; the web chat shows the answer. Saves docs/panel.png."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from aist.runtime import Runtime, build_runtime
from core.bootstrap import Core
from core.models import SupportLevel
from core.services import cases
from core.services.clients import identify_client
from core.services.urgency import raise_case
from tests.factories import PASSWORD, make_staff, put_on_duty

CHROMIUM = os.environ.get("AIST_CHROMIUM", "/usr/bin/chromium")
# Screenshots go to docs/ only when asked (AIST_UPDATE_SCREENSHOTS=1), so a test run leaves
# the checkout clean.
DOCS = Path(__file__).resolve().parents[2] / "docs"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"no Chromium at {CHROMIUM}"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def panel(core: Core) -> AsyncIterator[tuple[str, Runtime]]:
    settings = core.settings.model_copy(update={"demo": True})
    core.settings = settings
    runtime = build_runtime(settings, core=core)
    port = free_port()
    task = asyncio.create_task(runtime.serve(host="127.0.0.1", port=port))
    await asyncio.sleep(0.5)
    yield f"http://127.0.0.1:{port}", runtime
    runtime.request_stop()
    await asyncio.wait_for(task, 20)


@pytest.fixture
async def browser():
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        chromium = await pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield chromium
        await chromium.close()


async def seed_case(
    core: Core,
    text: str,
    level: SupportLevel,
    topic: str,
    group: str | None = None,
    phrase: str | None = None,
) -> int:
    async with core.uow() as uow:
        client, _ = await identify_client(
            uow, channel="telegram", user_id=text[:12], address=text[:12], locale="ru"
        )
        signals = [{"group": group, "phrase": phrase, "level": level}] if group else []
        routing = await raise_case(
            uow, client, channel="telegram", level=level, signals=signals, topic=topic
        )
        await cases.add_client_message(uow, routing.case, text=text, signals=signals or None)
        await uow.commit()
    return routing.case.id


async def test_specialist_sees_a_new_case_live_and_answers_it(core, panel, browser, clock, tmp_path):
    base, _runtime = panel
    shots = DOCS if os.environ.get("AIST_UPDATE_SCREENSHOTS") == "1" else tmp_path
    specialist = await make_staff(core, name="Анна Петрова")
    await put_on_duty(core, specialist, clock.now())
    await seed_case(
        core, "Подскажите, какие документы нужны на пособие?", SupportLevel.basic, "money"
    )

    page = await browser.new_page(viewport={"width": 1280, "height": 800}, locale="ru-RU")
    await page.goto(f"{base}/login")
    await page.fill("input[name=username]", specialist.login)
    await page.fill("input[name=password]", PASSWORD)
    await page.click("button[type=submit]")
    await page.wait_for_selector("table.cases")
    await page.wait_for_selector("#live.on")

    chat = await browser.new_page(viewport={"width": 420, "height": 760}, locale="ru-RU")
    await chat.goto(f"{base}/chat")
    await chat.get_by_role("button", name="Поговорить со специалистом").click()
    await chat.get_by_role("button", name="Новорождённый малыш").click()
    await chat.wait_for_selector("text=Дежурный специалист уже знает о вас")
    await chat.fill("#text", "Малыш плачет всю ночь, я не справляюсь")
    await chat.press("#text", "Enter")

    # No reload: the row arrives through Server-Sent Events.
    row = page.locator("tr", has_text="Малыш плачет всю ночь")
    await row.wait_for(timeout=10_000)
    await seed_case(
        core,
        "Муж опять поднял руку, я с детьми у подруги",
        SupportLevel.emergency,
        "family",
        "violence",
        "поднял руку",
    )
    await page.locator("tr.level-emergency").wait_for(timeout=10_000)
    first_row_level = await page.locator("table.cases tbody tr").first.get_attribute("class")
    assert "level-emergency" in (first_row_level or "")
    shots.mkdir(exist_ok=True)
    await page.screenshot(path=str(shots / "panel.png"))

    await row.locator("a.person").click()
    await page.wait_for_selector(".thread")
    await page.fill("form.composer textarea", "Я с вами. Давайте разберёмся вместе.")
    await page.click("form.composer button")
    await page.wait_for_selector(".msg.out >> text=Давайте разберёмся вместе")
    await page.screenshot(path=str(shots / "case.png"))

    await chat.wait_for_selector("text=Давайте разберёмся вместе", timeout=10_000)
    await chat.screenshot(path=str(shots / "webchat.png"))
    assert "Анна Петрова, специалист центра" in await chat.inner_text("#log")


async def test_login_refuses_a_wrong_password_kindly(core, panel, browser):
    base, _ = panel
    specialist = await make_staff(core)
    page = await browser.new_page()
    await page.goto(f"{base}/login")
    await page.fill("input[name=username]", specialist.login)
    await page.fill("input[name=password]", "wrong-password")
    await page.click("button[type=submit]")
    await page.wait_for_selector(".flash.error >> text=Неверный логин или пароль")
