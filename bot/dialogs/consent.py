"""The one consent step, for every section that needs her name or phone: asked once per
purpose before anything personal, with a "yes" and a "not now"; recorded (with the text's
version and time) when she agrees. Rental and course use it; whatever asks next does too."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.dialogs.context import DialogContext
from core.services.consent import give_consent, has_consent


@dataclass(frozen=True)
class Consent:
    purpose: str  # what the data is for: "rental", "course"
    text: str  # the locale key of what she agrees to
    yes: str  # the locale keys of the two buttons
    no: str


RENTAL = Consent("rental", "rental-consent", "rental-btn-consent-yes", "rental-btn-consent-no")
COURSE = Consent("course", "course-consent", "course-btn-consent-yes", "course-btn-consent-no")


async def already_given(ctx: DialogContext, consent: Consent) -> bool:
    return await has_consent(ctx.uow, client_id=ctx.client.id, purpose=consent.purpose)


def ask(ctx: DialogContext, consent: Consent, yes: str, no: str, **args: Any) -> None:
    """The consent screen: what she agrees to, for which centre, and the two buttons."""
    ctx.say(
        consent.text,
        [ctx.button(consent.yes, yes)],
        [ctx.button(consent.no, no)],
        centre=ctx.uow.settings.centre_name,
        **args,
    )


async def record(ctx: DialogContext, consent: Consent) -> None:
    await give_consent(ctx.uow, client_id=ctx.client.id, purpose=consent.purpose)
