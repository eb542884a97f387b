"""Sending a file from the web chat on a phone (Debian's Chromium, 390×844).

The paper clip sits beside "send", in view and on the same row, also with the keyboard open;
a tap opens the file picker, the file picked goes at once with what she typed as its caption
and shows in her bubble as "📎 фото"; on the server it is on her case as a photo. A file of
another kind shows the kind refusal under her bubble.
"""

from __future__ import annotations

import asyncio
from typing import Any

from core.models import Message
from core.services import uploads
from tests.e2e.test_panel_browser import browser, pytestmark, sideways  # noqa: F401
from tests.e2e.test_web_chat_attach import PICTURE, REFUSAL, case_messages
from tests.e2e.test_web_chat_no_trace_browser import (  # noqa: F401
    PHONE,
    Served,
    phone,
    served,
    start,
    t,
    tap_last,
)


async def beside(page: Any) -> tuple[dict[str, float], dict[str, float]]:
    """The boxes of the paper clip and "send", checked to be side by side on screen."""
    clip = await page.locator("#attach").bounding_box()
    send = await page.locator("#send").bounding_box()
    assert clip is not None and send is not None
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    for box in (clip, send):
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, box
        assert box["width"] >= 40 and box["height"] >= 40, box  # a finger's size
    # One row: they overlap vertically, the clip just left of "send".
    assert clip["y"] < send["y"] + send["height"] and send["y"] < clip["y"] + clip["height"]
    assert clip["x"] + clip["width"] <= send["x"] <= clip["x"] + clip["width"] + 24
    return clip, send


async def wait_for_photo_on_case(served: Served) -> list[Message]:
    for _ in range(100):
        messages = await case_messages(served.core)
        if messages:
            return messages
        await asyncio.sleep(0.05)
    return []


async def test_the_paper_clip_is_beside_send_on_a_phone_and_a_picked_photo_is_sent(
    served: Served, browser: Any
) -> None:
    context = await phone(browser)
    page = await context.new_page()
    await start(page, served)
    assert page.viewport_size == PHONE
    clip = page.locator("#attach")
    assert await clip.is_visible()
    assert await clip.get_attribute("aria-label") == t(served, "webchat-attach")
    picker = page.locator("#file")
    assert await picker.get_attribute("type") == "file"
    assert await picker.get_attribute("accept") == (
        "image/jpeg,image/png,image/webp,application/pdf"
    )
    assert not await picker.is_visible()
    await beside(page)
    assert await sideways(page) <= 0

    await tap_last(page, t(served, "btn-talk"))
    await tap_last(page, t(served, "topic-other"))
    await page.wait_for_timeout(300)
    await page.fill("#text", "Вот справка")
    async with page.expect_file_chooser() as chosen:
        await clip.tap()
    chooser = await chosen.value
    await chooser.set_files({"name": "IMG_0001.png", "mimeType": "image/png", "buffer": PICTURE})

    mine = page.locator(".msg.me.file")
    await mine.wait_for()
    assert await mine.inner_text() == "📎 фото\nВот справка"
    assert await page.input_value("#text") == ""
    assert await page.locator(".msg.me.refused").count() == 0
    [message] = await wait_for_photo_on_case(served)
    assert message.kind == "photo"
    assert len(list(uploads.uploads_dir(served.core.settings).iterdir())) == 1

    # A GIF is not taken: her bubble is marked and the kind refusal shows under it.
    await page.set_input_files(
        "#file",
        files=[{"name": "cat.gif", "mimeType": "image/gif", "buffer": b"GIF89a" + bytes(40)}],
    )
    await page.locator(".note.refusal").wait_for()
    assert await page.locator(".note.refusal").inner_text() == REFUSAL
    assert await page.locator(".msg.me.refused").count() == 1
    assert len(await case_messages(served.core)) == 1

    # The keyboard open (a shorter screen): both buttons still in view, side by side.
    await page.set_viewport_size({"width": 390, "height": 420})
    await page.locator("#text").focus()
    await beside(page)
    assert await sideways(page) <= 0
    await context.close()
