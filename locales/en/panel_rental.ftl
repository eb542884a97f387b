## Panel: the rental point

panel-rental-title = Rental point
panel-rental-hint = Requests, pickups, returns and waiting lists. Every action is written to the audit log.
panel-rental-fresh = Something changed: a new request or an answer.
panel-rental-reload = Reload
panel-rental-catalogue = Catalogue
panel-rental-stat-requested = to confirm
panel-rental-stat-pickup = to hand over
panel-rental-stat-issued = on loan
panel-rental-stat-overdue = overdue
panel-rental-requests = New requests
panel-rental-requests-empty = No new requests.
panel-rental-pickups = Confirmed, waiting for pickup
panel-rental-pickups-empty = Nobody is waiting for a pickup.
panel-rental-overdue = Overdue returns
panel-rental-issued-list = On loan
panel-rental-issued-empty = Nothing on loan.
panel-rental-offered = Offered from the waiting list (waiting for an answer)
panel-rental-waiting = Waiting lists
panel-rental-waiting-empty = Nobody is waiting.
panel-rental-free-of = { $free } of { $total } free
panel-rental-urgent = urgent
panel-rental-offered-now = offered
panel-rental-put-first = Put first
panel-rental-photo-saved = Photo saved — the person will see it on the item card.
panel-rental-col-item = Item
panel-rental-col-person = Who
panel-rental-col-when = Dates
panel-rental-col-inventory = Inv. no.
panel-rental-col-status = Status
panel-rental-col-condition = Condition
panel-rental-col-branch = Kept at
panel-rental-open-case = case →
panel-rental-due = due { $day }
panel-rental-overdue-days = { $days } days overdue
panel-rental-offer-until = answer expected by { $when }
panel-rental-pickup = pickup { $day }
panel-rental-confirm = Confirm
panel-rental-decline-or-more = Decline…
panel-rental-issue = Hand over
panel-rental-return-or-extend = Return / extend…
panel-rental-catalogue-empty = The catalogue is empty. Add the first item.
panel-rental-loan-days = loan { $days } days
panel-rental-add-item = Add an item
panel-rental-field-category = Section
panel-rental-field-name = Name
panel-rental-field-inventory = Inventory number
panel-rental-field-condition = Condition
panel-rental-field-branch = Kept at (branch)
panel-rental-field-photo = Photo link
panel-rental-field-description = Description
panel-rental-add = Add
panel-rental-view-only = Coordinators and administrators change the catalogue.
panel-rental-photo = Photo
panel-rental-photo-file = Photo of the item (JPEG, PNG or WebP, up to 5 MB)
panel-rental-photo-alt = Photo: { $name }
panel-rental-photo-upload = Upload photo
panel-rental-photo-replace = Replace photo
panel-rental-save-status = Save status
panel-rental-calendar = Calendar for 8 weeks
panel-rental-history = Loan history
panel-rental-history-empty = Nobody has borrowed it yet.
panel-rental-status-available = available
panel-rental-status-booked = booked
panel-rental-status-issued = on loan
panel-rental-status-in_repair = in repair
panel-rental-status-written_off = written off
panel-rental-bstatus-offered = offered from the waiting list
panel-rental-bstatus-requested = to confirm
panel-rental-bstatus-confirmed = confirmed
panel-rental-bstatus-issued = on loan
panel-rental-bstatus-returned = returned
panel-rental-bstatus-cancelled = cancelled
panel-rental-bstatus-declined = declined
panel-rental-bstatus-expired = offer expired
panel-rental-contact-name = Name for pickup
panel-rental-contact-phone = Phone
panel-rental-pickup-label = Pickup
panel-rental-issued-label = Handed over
panel-rental-due-label = Due
panel-rental-returned-label = Returned
panel-rental-reason = Reason
panel-rental-extended-times = { $n ->
        [one] extended { $n } time
       *[other] extended { $n } times
    }
panel-rental-contacts-audited = The name and phone were given with consent, only for the pickup; every view is audited. They are deleted after the return.
panel-rental-decline-reason = Reason (the person will see it)
panel-rental-decline = Decline
panel-rental-return-condition = Condition on return
panel-rental-needs-repair = Needs repair
panel-rental-return = Take back
panel-rental-extend-to = Extend to
panel-rental-extend = Extend
panel-rental-cancel-reason = Reason (the person will see it)
panel-rental-cancel = Cancel booking
panel-rental-on-case = Rental point
panel-rental-confirmed = Booking confirmed; the person was told.
panel-rental-declined = The refusal and its reason were sent to the person.
panel-rental-issued = Handover recorded. Return reminders are scheduled.
panel-rental-returned = Return recorded. If there was a waiting list for the item, it was offered to the next person on it.
panel-rental-extended = Extended; the person was told.
panel-rental-cancelled = Booking cancelled.
panel-rental-item-added = Item added to the catalogue.
panel-rental-item-status = Item status saved.
panel-rental-put-first = Put first in the waiting list.

panel-error-rental-manage-forbidden = Coordinators and administrators change the catalogue and the waiting lists.
panel-error-rental-category-not-found = There is no such section.
panel-error-rental-item-not-found = There is no such item.
panel-error-rental-booking-not-found = There is no such booking.
panel-error-rental-waiter-not-found = This person is no longer in the waiting list.
panel-error-rental-bad-category = Give a section (up to 80 characters).
panel-error-rental-bad-name = Give a name (up to 120 characters).
panel-error-rental-bad-inventory-no = Give an inventory number (up to 40 characters).
panel-error-rental-inventory-taken = Inventory number { $number } is already in the catalogue.
panel-error-rental-bad-loan-days = The loan period is 1 to 365 days.
panel-error-rental-bad-photo = A photo link must start with https://
panel-error-rental-photo-empty = Choose a photo file.
panel-error-rental-photo-too-big = The photo is too large: up to { $megabytes } MB.
panel-error-rental-photo-not-image = This is not a photo: only JPEG, PNG and WebP will do.
panel-error-rental-bad-text = The text is too long.
panel-error-rental-bad-status = There is no such status.
panel-error-rental-bad-date = The date could not be read.
panel-error-rental-item-in-use = The item is booked or on loan — its status cannot change now.
panel-error-rental-item-written-off = A written-off item cannot return to service — add it again.
panel-error-rental-cannot-confirm = Cannot confirm: the booking is already { panel-rental-booking-now }.
panel-error-rental-cannot-decline = Cannot decline: the booking is already { panel-rental-booking-now }.
panel-error-rental-cannot-issue = Cannot hand over: the booking is already { panel-rental-booking-now } — it may have just been handed over.
panel-error-rental-cannot-cancel = Cannot cancel: the booking is already { panel-rental-booking-now }.
panel-error-rental-not-issued = This booking was never handed over — a return cannot be taken.
panel-error-rental-reason-needed = Write a reason — the person will see it.
panel-error-rental-due-past = The due date must be after today.
panel-error-rental-extend-earlier = The new date must be later than the old one.
# The state a booking is already in: the status word of the core ($status) turned into
# words here, at the edge.
panel-rental-booking-now = { $status ->
        [offered] offered from the waiting list
        [requested] waiting for confirmation
        [confirmed] confirmed
        [issued] handed over
        [returned] returned
        [cancelled] cancelled
        [declined] declined
        [expired] expired
       *[other] in another state
    }
