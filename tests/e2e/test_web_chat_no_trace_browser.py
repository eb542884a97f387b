"""The web chat leaves no trace on a shared phone (Debian's Chromium on a phone's screen).

She writes, then presses "delete my data" or the quick exit: the screen is wiped, the page
leaves for a neutral address (``about:blank`` here, so the test stays offline), and opening
the chat again, even with the old cookie put back, shows a new conversation with nothing of
the old one. The quick exit leaves her case for the specialist. On the phone the numbers in
the bot's messages can be tapped, and the send button stays in view with the keyboard open.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

import bot.web
from aist.runtime import build_runtime
from bot.web import COOKIE
from core.bootstrap import Core
from core.services import cases
from tests.e2e.conftest import wait_until
from tests.e2e.test_panel_browser import browser, free_port, pytestmark, sideways  # noqa: F401
from tests.e2e.test_web_chat import until_healthy
from tests.factories import make_staff

PHONE = {"width": 390, "height": 844}
MOBILE_UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Mobile Safari/537.36"
)
NEUTRAL = "about:blank"
WHAT_SHE_WROTE = ["Добрый день", "Хочу спросить про курс", "Спасибо за ответ"]


@dataclass
class Served:
    base: str
    core: Core


@pytest.fixture
async def served(core: Core, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Served]:
    """The demo runtime on a free port, its quick exit pointed at a page that needs no net."""
    monkeypatch.setattr(bot.web, "FAREWELL_SECONDS", 1.0)
    core.settings = core.settings.model_copy(update={"demo": True, "quick_exit_url": NEUTRAL})
    runtime = build_runtime(core.settings, core=core)
    port = free_port()
    serving = asyncio.create_task(runtime.serve(host="127.0.0.1", port=port, handle_signals=False))
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base) as http:
            await until_healthy(http)
        yield Served(base, core)
    finally:
        runtime.request_stop()
        await asyncio.wait_for(serving, 20)


async def phone(browser: Any) -> Any:
    return await browser.new_context(
        viewport=PHONE,
        user_agent=MOBILE_UA,
        locale="ru-RU",
        is_mobile=True,
        has_touch=True,
    )


def t(served: Served, key: str) -> str:
    return served.core.i18n("ru", key)


async def bot_count(page: Any) -> int:
    return int(await page.locator(".msg.bot").count())


async def write(page: Any, text: str) -> None:
    """Types and sends a message; waits for it on the screen and a moment for an answer (the
    bot need not answer every message: while she waits for a person it answers once)."""
    mine = await page.locator(".msg.me").count()
    before = await bot_count(page)
    await page.fill("#text", text)
    await page.tap("#send")
    assert await wait_until(page, f"document.querySelectorAll('.msg.me').length > {mine}")
    await wait_until(page, f"document.querySelectorAll('.msg.bot').length > {before}", 1.5)


async def tap_last(page: Any, label: str) -> None:
    await page.locator(".msg.bot button", has_text=label).last.tap()


async def start(page: Any, served: Served) -> str:
    """Opens the chat and waits for the menu; returns the pseudonym's greeting."""
    await page.goto(f"{served.base}/chat")
    await page.locator(".msg.bot button", has_text=t(served, "btn-my-data")).last.wait_for()
    return str(await page.locator(".msg.bot").first.inner_text())


async def chat_cookie(context: Any) -> dict[str, Any]:
    [cookie] = [c for c in await context.cookies() if c["name"] == COOKIE]
    return dict(cookie)


async def reopen_with(context: Any, page: Any, served: Served, old: dict[str, Any]) -> str:
    """Puts the old cookie back, as if the browser had kept it, and opens the chat again."""
    await context.add_cookies([old])
    greeting = await start(page, served)
    await asyncio.sleep(1.0)  # time for anything old to come back, if it could
    return greeting


async def assert_nothing_old(page: Any, old_texts: list[str], greeting: str) -> None:
    shown = await page.locator("#log").inner_text()
    for text in old_texts:
        assert text not in shown
    assert await page.locator(".msg.me").count() == 0
    assert await bot_count(page) == 2, shown  # the new greeting and the menu, nothing more
    assert greeting not in shown  # the old greeting named the old pseudonym
    assert await page.evaluate("window.localStorage.length") == 0
    assert await page.evaluate("document.cookie") == ""


async def test_delete_my_data_wipes_the_page_and_a_reload_shows_nothing_of_it(
    served: Served, browser: Any
) -> None:
    context = await phone(browser)
    page = await context.new_page()
    greeting = await start(page, served)
    for text in WHAT_SHE_WROTE:
        await write(page, text)
    replies = await page.locator(".msg.bot").all_inner_texts()
    old = await chat_cookie(context)
    assert "expires" not in old or old["expires"] == -1  # a session cookie
    assert old["httpOnly"] and old["sameSite"] == "Strict"

    await tap_last(page, t(served, "btn-my-data"))
    await tap_last(page, t(served, "btn-forget"))
    await tap_last(page, t(served, "btn-forget-yes"))
    goodbye = t(served, "forget-done")
    await page.locator(".msg.bot", has_text=goodbye[:40]).wait_for()
    # The goodbye alone on a wiped screen, then the page leaves for the neutral address.
    assert await page.locator(".msg.me").count() == 0
    assert await page.locator(".msg.bot").first.inner_text() == goodbye
    shown = await page.locator("#log").inner_text()
    assert greeting not in shown and not any(text in shown for text in WHAT_SHE_WROTE)
    await page.wait_for_url(NEUTRAL, timeout=10_000)

    new_greeting = await reopen_with(context, page, served, old)
    assert new_greeting != greeting
    await assert_nothing_old(page, [*WHAT_SHE_WROTE, goodbye, greeting], greeting)
    assert (await chat_cookie(context))["value"] != old["value"]
    assert len(replies) > 2  # she did get answers, and they are gone with the rest
    await context.close()


async def test_quick_exit_leaves_for_a_neutral_page_and_keeps_her_case(
    served: Served, browser: Any
) -> None:
    context = await phone(browser)
    page = await context.new_page()
    await page.goto(f"{served.base}/api/v1/health")  # where she was before the chat
    greeting = await start(page, served)
    quick_exit = page.locator("#quick-exit")
    assert await quick_exit.is_visible()
    assert (await quick_exit.inner_text()).strip() == "Быстрый выход"
    assert "нейтральный сайт" in (await quick_exit.get_attribute("title") or "")
    await tap_last(page, t(served, "btn-talk"))
    await tap_last(page, t(served, "topic-other"))
    await page.wait_for_timeout(300)
    for text in WHAT_SHE_WROTE:
        await write(page, text)
    old = await chat_cookie(context)

    await quick_exit.tap()
    await page.wait_for_url(NEUTRAL, timeout=5_000)
    await page.go_back()
    assert "/chat" not in page.url  # Back does not return to the chat

    greeting_again = await reopen_with(context, page, served, old)
    assert greeting_again != greeting
    await assert_nothing_old(page, WHAT_SHE_WROTE, greeting)
    await context.close()

    # On the server her case is still there, with her words, for the specialist.
    async with served.core.uow() as uow:
        [summary, *_] = await cases.list_cases(uow)
        detail = await cases.get_case(uow, case_id=summary.id, staff_id=None)
    assert [m.text for m in detail.messages if m.direction == "in"] == WHAT_SHE_WROTE


async def test_esc_twice_exits_and_numbers_are_links_and_send_stays_in_view(
    served: Served, browser: Any
) -> None:
    context = await phone(browser)
    page = await context.new_page()
    await start(page, served)
    await page.locator("#help-now").tap()
    await page.locator('.msg.bot a[href="tel:112"]').first.wait_for()
    assert await page.locator('.msg.bot a[href="tel:88002000122"]').count() >= 1

    # A specialist's reply with markup in it shows as text; its number is still a link.
    staff = await make_staff(served.core, name="Анна Петрова")
    async with served.core.uow() as uow:
        [summary] = await cases.list_cases(uow)
        await cases.reply_to_case(
            uow,
            staff_id=staff.id,
            case_id=summary.id,
            text='<img src=x onerror="window.__owned=1"> Звоните нам +7 (812) 123-45-67',
        )
        await uow.commit()
    reply = page.locator(".msg.bot", has_text="Звоните нам")
    await reply.wait_for()
    link = reply.locator('a[href="tel:+78121234567"]')
    assert await link.inner_text() == "+7 (812) 123-45-67"
    assert await page.locator(".msg img:not(.photo)").count() == 0
    assert await page.evaluate("window.__owned") is None
    shown = await page.locator("#log").inner_text()
    assert "<img src=x onerror=" in shown, shown[-300:]

    # The keyboard open: a shorter screen. The input row stays on it, the focus in the text.
    await page.set_viewport_size({"width": 390, "height": 420})
    await page.fill("#text", "спасибо")
    await page.tap("#send")
    assert await page.evaluate("document.activeElement.id") == "text"
    box = await page.locator("#send").bounding_box()
    assert box is not None and box["y"] + box["height"] <= 420
    assert await sideways(page) <= 0

    await page.keyboard.press("Escape")
    await page.keyboard.press("Escape")
    await page.wait_for_url(NEUTRAL, timeout=5_000)
    await context.close()
