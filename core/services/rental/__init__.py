"""The rental point "Умная аренда": catalogue, bookings, issue and return, the waiting list.

An item is held by at most one active booking at a time (offered, requested, confirmed or
issued). The database enforces it twice: the item's status changes only by a conditional
``UPDATE … WHERE status = 'available'`` whose row count decides who got it, and a partial
unique index allows one active booking per item. Two people pressing "Book" on the last crib
in the same second, or two staff pressing "Issue", end with one winner and one kind refusal.

The modules, from the bottom up: ``common`` (limits, lookups, messages), ``views`` (reading),
``dates`` (pickup dates and contacts), ``transitions`` (conditional status changes),
``reminders`` (booking reminders), ``waiting`` (the line and its offers), ``catalogue``
(staff: items), ``photos`` (items' uploaded photos), ``bookings`` (hers) and ``staff_bookings`` (staff on a booking). Every name
is importable from ``core.services.rental`` as before.
"""

from core.services.rental.bookings import book_item, cancel_booking, withdraw_rental_consent
from core.services.rental.catalogue import (
    STAFF_STATUSES,
    add_category,
    add_item,
    set_item_status,
)
from core.services.rental.common import MAX_NAME, MAX_TEXT
from core.services.rental.dates import (
    check_contact_name,
    check_pickup_date,
    normalize_phone,
    parse_day,
    pickup_days,
)
from core.services.rental.photos import (
    MAX_PHOTO_BYTES,
    PHOTO_CONTENT_TYPES,
    photo_file,
    photo_name,
    set_item_photo,
    stored_photo,
)
from core.services.rental.reminders import REMINDER_HANDLERS, RETURN_STEPS
from core.services.rental.staff_bookings import (
    confirm_booking,
    decline_booking,
    extend_booking,
    issue_item,
    return_item,
)
from core.services.rental.views import (
    BookingView,
    CategoryView,
    WaiterView,
    booking_contacts,
    bookings_for_case,
    free_items,
    get_booking,
    get_category,
    get_item,
    list_bookings,
    list_categories,
    list_items,
    loan_days,
    local_today,
    my_waits,
    waiting_list,
)
from core.services.rental.waiting import (
    decline_offer,
    expire_offers,
    join_waiting_list,
    leave_waiting_list,
    offer_next,
    put_first,
)

__all__ = [
    "MAX_NAME",
    "MAX_PHOTO_BYTES",
    "MAX_TEXT",
    "PHOTO_CONTENT_TYPES",
    "REMINDER_HANDLERS",
    "RETURN_STEPS",
    "STAFF_STATUSES",
    "BookingView",
    "CategoryView",
    "WaiterView",
    "add_category",
    "add_item",
    "book_item",
    "booking_contacts",
    "bookings_for_case",
    "cancel_booking",
    "check_contact_name",
    "check_pickup_date",
    "confirm_booking",
    "decline_booking",
    "decline_offer",
    "expire_offers",
    "extend_booking",
    "free_items",
    "get_booking",
    "get_category",
    "get_item",
    "issue_item",
    "join_waiting_list",
    "leave_waiting_list",
    "list_bookings",
    "list_categories",
    "list_items",
    "loan_days",
    "local_today",
    "my_waits",
    "normalize_phone",
    "offer_next",
    "parse_day",
    "photo_file",
    "photo_name",
    "pickup_days",
    "put_first",
    "return_item",
    "set_item_photo",
    "set_item_status",
    "stored_photo",
    "waiting_list",
    "withdraw_rental_consent",
]
