"""Every button payload is written and read by one definition, and the strings already on
people's screens keep answering after a release."""

from __future__ import annotations

from datetime import date

import pytest

from bot.dialogs import callbacks as cb

ALL = [value for value in vars(cb).values() if isinstance(value, cb.Callback)]


def sample(kind: object) -> object:
    if isinstance(kind, tuple):
        return kind[-1]
    return {int: 42, date: date(2027, 2, 28)}[kind]  # type: ignore[index]


@pytest.mark.parametrize("callback", ALL, ids=lambda c: c.head)
def test_every_payload_reads_back_what_it_wrote(callback: cb.Callback) -> None:
    values = tuple(sample(kind) for kind in callback.args)
    payload = callback(*values)
    routes = cb.Routes({callback: lambda ctx, *args: None})
    found = routes.find(payload)
    assert found is not None and found[1] == values
    # Telegram carries at most 64 bytes of callback data.
    assert len(payload.encode()) <= 64


def test_no_two_callbacks_share_a_shape() -> None:
    shapes = [(c.head, len(c.args)) for c in ALL]
    assert len(shapes) == len(set(shapes))


# Payloads as the bot wrote them before the codec existed: a button pressed after the release
# must reach the same screen with the same arguments.
OLD = [
    ("r:my", cb.R_MINE, ()),
    ("r:oy:17", cb.R_OFFER_YES, (17,)),
    ("r:d:5:20261130", cb.R_DAY, (5, date(2026, 11, 30))),
    ("c:ok:12:w", cb.C_CONSENT, (12, "w")),
    ("c:my:7", cb.C_MINE_OF, (7,)),
    ("c:yes:3:9", cb.C_YES, (3, 9)),
    ("c:drop:3:9", cb.C_DROP_IN, (3, 9)),
    ("menu", cb.MENU, ()),
    ("pd:forget:yes", cb.FORGET_YES, ()),
]


@pytest.mark.parametrize(("payload", "callback", "values"), OLD)
def test_old_buttons_still_answer(payload: str, callback: cb.Callback, values: tuple) -> None:
    routes = cb.Routes({c: lambda ctx, *args: None for c in ALL})
    found = routes.find(payload)
    assert found is not None
    assert found[1] == values
    assert callback(*values) == payload


@pytest.mark.parametrize(
    "payload", ["r:oy:x", "r:d:5:20261331", "c:ok:12:z", "c:yes:3", "r:oy:" + "9" * 19, "r:zz"]
)
def test_a_payload_that_does_not_fit_is_not_routed(payload: str) -> None:
    routes = cb.Routes({c: lambda ctx, *args: None for c in ALL})
    assert routes.find(payload) is None
