"""Core's notices in words: the text of each kind in her language and its buttons.

``core`` records what happened (``core.notices.Notice``); this module, given to the core at
bootstrap (``bot.bootstrap``), writes the message in the same transaction, so a notice is
queued in the durable outbox like any reply.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.dialogs import callbacks as cb
from bot.dialogs import words
from bot.dialogs.steps import Step
from core.i18n import Translator
from core.messages import Button, Outgoing
from core.models import Client
from core.notices import Notice
from core.services.rental.reminders import RETURN_STEPS
from core.settings import Settings

# A notice of these kinds is a line of text (a note on a case, an outcome, a default title):
# kind -> locale key; the data are the key's arguments.
LINES = {
    "case.accepted": "case-accepted-by",
    "case.taken-over": "case-taken-over",
    "case.transferred": "case-transferred",
    "case.closed-by-staff": "case-closed-by-staff",
    "case.closed-early": "case-closed-early",
    "case.ended-by-person": "case-ended-by-person",
    "case.outcome-ended-by-person": "outcome-ended-by-person",
    "case.outcome-forgotten": "case-outcome-forgotten",
    "escalation.shift": "escalation-shift",
    "escalation.coordinator": "escalation-coordinator",
    "escalation.coordinator-unlinked": "escalation-coordinator-unlinked",
    "course.default-title": "course-default-title",
    "course.default-description": "course-default-description",
    "course.ics-summary": "course-ics-summary",
}
# Booking events written on her case: their days in words.
BOOKING_LINES = {
    "rental.requested": "rental-case-requested",
    "rental.cancelled": "rental-case-cancelled",
}


class NoticeWords:
    """Implements ``core.ports.Dialogs``."""

    def __init__(self, i18n: Translator, settings: Settings) -> None:
        self.i18n = i18n
        self.settings = settings
        self._messages: dict[str, Callable[[str, dict[str, Any]], Outgoing]] = {
            "case.reply": self._reply,
            "case.specialist-joined": self._joined,
            "case.waiting": self._waiting,
            "chat.closed-by-staff": self._chat_closed,
            "escalation.alert": self._escalation_alert,
            "rental.cancelled-by-staff": self._rental("rental-msg-cancelled-by-staff"),
            "rental.confirmed": self._rental("rental-msg-confirmed", visit=True),
            "rental.declined": self._rental("rental-msg-declined"),
            "rental.issued": self._rental("rental-msg-issued"),
            "rental.returned": self._rental("rental-msg-returned"),
            "rental.extended": self._rental("rental-msg-extended"),
            "rental.offer": self._rental_offer,
            "rental.offer-expired": self._rental_offer_expired,
            "rental.remind-pickup": self._rental("rental-remind-pickup", visit=True),
            **{
                f"rental.remind-{step}": self._rental_return(f"rental-remind-{step}")
                for step in RETURN_STEPS
            },
            "course.seat-offered": self._course_seat_offered,
            "course.offer-expired": self._course_offer_expired,
            "course.session-cancelled": self._course_session_cancelled,
            "course.group-message": self._course_group_message,
            "course.drop-in-offered": self._course_drop_in,
            "course.session-changed": self._course_session_changed,
            "course.reminder-eve": self._course_reminder("course-reminder-eve"),
            "course.reminder-soon": self._course_reminder("course-reminder-soon"),
        }

    # --- core.ports.Dialogs --------------------------------------------------------------------

    def message(self, notice: Notice, locale: str) -> Outgoing:
        return self._messages[notice.kind](locale, dict(notice.data))

    def words(self, notice: Notice, locale: str) -> str:
        data = dict(notice.data)
        if notice.kind == "case.level-corrected":
            data["old"] = self.i18n(locale, f"level-{data['old']}")
            data["new"] = self.i18n(locale, f"level-{data['new']}")
            return self.i18n(locale, "case-level-corrected", **data)
        if notice.kind in BOOKING_LINES:
            return self._t(locale, BOOKING_LINES[notice.kind], data)
        return self.i18n(locale, LINES[notice.kind], **data)

    def case_closed(self, client: Client) -> None:
        if client.dialog_state == Step.CHAT:
            self.start_over(client)

    def start_over(self, client: Client) -> None:
        client.dialog_state = Step.MENU
        client.dialog_data = {}

    # --- helpers -------------------------------------------------------------------------------

    def _t(self, locale: str, key: str, data: dict[str, Any]) -> str:
        """The key's text with dates and moments in words and "—" for what is not known."""
        args = {}
        for name, value in data.items():
            if name in ("day", "due"):
                args[name] = words.day_text(value)
            elif name == "until":
                args[name] = words.moment_text(self.settings, value)
            else:
                args[name] = words.or_dash(value)
        return self.i18n(locale, key, **args)

    def _button(self, locale: str, key: str, payload: str) -> Button:
        return Button(self.i18n(locale, key), payload)

    def _when(self, locale: str, value: Any) -> str:
        return words.course_when(self.i18n, self.settings, locale, value)

    # --- cases ---------------------------------------------------------------------------------

    def _reply(self, locale: str, data: dict[str, Any]) -> Outgoing:
        head = self.i18n(locale, f"relay-from-{self._shown(data)}", **self._who(locale, data))
        return Outgoing(head + "\n" + data["text"])

    def _joined(self, locale: str, data: dict[str, Any]) -> Outgoing:
        key = f"chat-joined-{self._shown(data)}"
        return Outgoing(self.i18n(locale, key, **self._who(locale, data)), [[self._end(locale)]])

    def _shown(self, data: dict[str, Any]) -> str:
        shown = self.settings.specialist_shown_as
        return "role" if shown == "name" and not str(data.get("name", "")).strip() else shown

    def _who(self, locale: str, data: dict[str, Any]) -> dict[str, str]:
        name = str(data.get("name", "")).split()
        role = self.i18n(locale, f"staff-shown-{data.get('role') or 'specialist'}")
        return {"name": name[0] if name else "", "role": role, "Role": role[:1].upper() + role[1:]}

    def _waiting(self, locale: str, data: dict[str, Any]) -> Outgoing:
        """The word she gets at each step of the ladder while nobody has taken her case."""
        lines = words.round_the_clock(self.settings, data.get("groups", ()))
        numbers = words.numbers_text(lines, locale)
        if data.get("after_hours"):
            when = words.when_text(self.i18n, self.settings, locale, data["when"])
            text = self.i18n(locale, "wait-after-hours", when=when, numbers=numbers)
        elif data.get("step", 1) <= 1:
            text = self.i18n(locale, "wait-first-step", numbers=numbers)
        else:
            text = self.i18n(locale, "wait-next-step", numbers=numbers)
        return Outgoing(text, [[self._end(locale)]])

    def _end(self, locale: str) -> Button:
        return self._button(locale, "btn-end", cb.END())

    def _chat_closed(self, locale: str, data: dict[str, Any]) -> Outgoing:
        menu = self._button(locale, "btn-menu", cb.MENU())
        return Outgoing(self.i18n(locale, "chat-closed-by-staff"), [[menu]])

    def _escalation_alert(self, locale: str, data: dict[str, Any]) -> Outgoing:
        level = self.i18n(locale, f"level-{data['level']}")
        return Outgoing(self.i18n(locale, "escalation-telegram", **{**data, "level": level}))

    # --- the rental point ----------------------------------------------------------------------

    def _rental(
        self, key: str, *, visit: bool = False
    ) -> Callable[[str, dict[str, Any]], Outgoing]:
        """A message about her booking with the "my bookings" button; ``visit``: it also says
        where to come and what to bring."""

        def build(locale: str, data: dict[str, Any]) -> Outgoing:
            if visit:
                data["address"] = self.settings.centre_address
                data["documents"] = words.documents_text(self.i18n, self.settings, locale)
            mine = self._button(locale, "rental-btn-my", cb.R_MINE())
            return Outgoing(self._t(locale, key, data), [[mine]])

        return build

    def _rental_return(self, key: str) -> Callable[[str, dict[str, Any]], Outgoing]:
        def build(locale: str, data: dict[str, Any]) -> Outgoing:
            return Outgoing(
                self._t(locale, key, data),
                [
                    [self._button(locale, "rental-btn-my", cb.R_MINE())],
                    [self._button(locale, "btn-talk", cb.TALK())],
                ],
            )

        return build

    def _rental_offer(self, locale: str, data: dict[str, Any]) -> Outgoing:
        booking = data.pop("booking_id")
        return Outgoing(
            self._t(locale, "rental-msg-offer", data),
            [
                [self._button(locale, "rental-btn-offer-yes", cb.R_OFFER_YES(booking))],
                [self._button(locale, "rental-btn-offer-no", cb.R_OFFER_NO(booking))],
            ],
        )

    def _rental_offer_expired(self, locale: str, data: dict[str, Any]) -> Outgoing:
        category = data.pop("category_id")
        return Outgoing(
            self._t(locale, "rental-msg-offer-expired", data),
            [
                [self._button(locale, "rental-btn-wait-again", cb.R_WAIT(category))],
                [self._button(locale, "btn-menu", cb.MENU())],
            ],
        )

    # --- the course ----------------------------------------------------------------------------

    def _course_seat_offered(self, locale: str, data: dict[str, Any]) -> Outgoing:
        enrollment = data["enrollment_id"]
        until = self._when(locale, data["until"])
        return Outgoing(
            self.i18n(locale, "course-offer", group=data["group"], until=until),
            [
                [self._button(locale, "course-btn-take", cb.C_TAKE(enrollment))],
                [self._button(locale, "course-btn-pass", cb.C_PASS(enrollment))],
            ],
        )

    def _course_offer_expired(self, locale: str, data: dict[str, Any]) -> Outgoing:
        again = self._button(locale, "course-btn-join-again", cb.C_GROUP(data["group_id"]))
        return Outgoing(self.i18n(locale, "course-offer-expired", group=data["group"]), [[again]])

    def _course_session_cancelled(self, locale: str, data: dict[str, Any]) -> Outgoing:
        text = self.i18n(
            locale,
            "course-session-cancelled-note",
            group=data["group"],
            topic=words.or_dash(data["topic"]),
            when=self._when(locale, data["starts_at"]),
            reason=words.or_dash(data["reason"]),
        )
        mine = self._button(locale, "course-btn-my", cb.C_MINE_OF(data["enrollment_id"]))
        return Outgoing(text, [[mine]])

    def _course_group_message(self, locale: str, data: dict[str, Any]) -> Outgoing:
        return Outgoing(
            self.i18n(locale, "course-group-message", group=data["group"], text=data["text"])
        )

    def _course_drop_in(self, locale: str, data: dict[str, Any]) -> Outgoing:
        text = self.i18n(
            locale,
            "course-drop-in-offer",
            group=data["group"],
            topic=words.or_dash(data["topic"]),
            when=self._when(locale, data["starts_at"]),
            place=words.or_dash(data["place"]),
        )
        payload = cb.C_DROP_IN(data["enrollment_id"], data["session_id"])
        return Outgoing(text, [[self._button(locale, "course-btn-drop-in", payload)]])

    def _course_session_changed(self, locale: str, data: dict[str, Any]) -> Outgoing:
        lines = []
        if data["new_when"] is not None:
            lines.append(
                self.i18n(
                    locale,
                    "course-session-changed-when",
                    old=self._when(locale, data["old_when"]),
                    new=self._when(locale, data["new_when"]),
                )
            )
        if data["place_changed"]:
            lines.append(
                self.i18n(
                    locale,
                    "course-session-changed-place",
                    old=words.or_dash(data["old_place"]),
                    new=words.or_dash(data["new_place"]),
                )
            )
        text = self.i18n(
            locale,
            "course-session-changed-note",
            group=data["group"],
            topic=words.or_dash(data["topic"]),
            changes="\n".join(lines),
        )
        return Outgoing(text, [self._yes_no(locale, data)])

    def _yes_no(self, locale: str, data: dict[str, Any]) -> list[Button]:
        ids = (data["enrollment_id"], data["session_id"])
        return [
            self._button(locale, "course-btn-yes", cb.C_YES(*ids)),
            self._button(locale, "course-btn-no", cb.C_NO(*ids)),
        ]

    def _course_reminder(self, key: str) -> Callable[[str, dict[str, Any]], Outgoing]:
        def build(locale: str, data: dict[str, Any]) -> Outgoing:
            text = self.i18n(
                locale,
                key,
                group=data["group"],
                topic=words.or_dash(data["topic"]),
                when=self._when(locale, data["starts_at"]),
                time=words.clock_time(self.settings, data["starts_at"]),
                place=words.or_dash(data["place"]),
            )
            return Outgoing(text, [self._yes_no(locale, data)])

        return build
