"""The steps a conversation can be at (``Client.dialog_state``), named once.

The values are stored with the person, so they never change: a conversation left at a step
before a restart goes on from it.
"""

from __future__ import annotations

from enum import StrEnum


class Step(StrEnum):
    MENU = "menu"
    TOPIC = "topic"  # choosing what to talk about; her first messages wait as "pending"
    CHAT = "chat"  # talking with the specialist
    RENTAL_DATE = "rental_date"
    RENTAL_NAME = "rental_name"
    RENTAL_PHONE = "rental_phone"
    COURSE_CONSENT = "course_consent"
    COURSE_NAME = "course_name"
    COURSE_DUE = "course_due"
    COURSE_FULL = "course_full"


RENTAL_STEPS = (Step.RENTAL_DATE, Step.RENTAL_NAME, Step.RENTAL_PHONE)
COURSE_STEPS = (Step.COURSE_CONSENT, Step.COURSE_NAME, Step.COURSE_DUE, Step.COURSE_FULL)
