## The rental point: what a person sees in the chat

rental-intro = 🧸 The centre's rental point. Everything is free, on loan, without a pile of paperwork.
    Choose what you need — next to each you can see how many are free right now.
rental-empty = The rental point's catalogue is empty for now. A specialist can tell you what is available — just write to a specialist.
rental-btn-category = { $name } — { $free } free
rental-btn-category-none = { $name } — all out
rental-btn-catalogue = 🧸 Catalogue
rental-btn-my = 📋 My bookings
rental-btn-item = { $name }
rental-btn-book = ✅ Book it
rental-btn-back-category = ← Back to the list
rental-btn-wait = 🕒 Join the waiting list
rental-btn-wait-again = 🕒 Join the waiting list again
rental-btn-stop = Stop booking
rental-btn-consent-yes = I agree, continue
rental-btn-consent-no = No, not now
rental-btn-cancel = Cancel booking: { $name }
rental-btn-cancel-yes = Yes, cancel
rental-btn-cancel-no = No, keep it
rental-btn-leave-wait = Leave the waiting list: { $name }
rental-btn-offer-yes = ✅ Yes, book it
rental-btn-offer-no = No, I don't need it now
rental-btn-offer-yes-named = ✅ Take: { $name }

rental-category = { $name }
    { $description }
    Loan period: up to { $days } days. Free right now: { $free }. Choose one:
rental-none-free = All "{ $name }" are with other families right now.
    Join the waiting list — as soon as one comes back we will write to you and hold it for you.
rental-item = { $name }
    Condition: { $condition }
    Loan period: up to { $days } days
    Where to pick it up: { $branch }
rental-item-just-taken = This one was booked a moment ago. Here is what else is free:
rental-wd-0 = Mon
rental-wd-1 = Tue
rental-wd-2 = Wed
rental-wd-3 = Thu
rental-wd-4 = Fri
rental-wd-5 = Sat
rental-wd-6 = Sun
rental-day-label = { $weekday }, { $date }
rental-ask-day = When would you like to pick up "{ $name }"? Choose a day the point is open, or type a date such as 28.11.
rental-consent = To hand the item over, the rental point needs to know who the booking is for: a name and a phone number.
    
    Why: only to hand over and take back the item and to reach you about the booking.
    What we keep: the name and the phone, encrypted. Only the staff of the rental point ({ $centre }) see them.
    For how long: until the item is returned or the booking is cancelled — then we delete them.
    How to withdraw: press "My data" in the menu or write to a specialist; the booking is then cancelled.
    
    Do you agree to the processing of this data (Russian law 152-FZ)?
rental-consent-refused = We understand. Without a name and a phone we cannot hand over an item, but a specialist can help you anonymously — just write to a specialist.
rental-flow-lost = This button seems to be from an earlier booking. Let's start from the catalogue:
rental-ask-name = What name should we use at pickup? A first name is enough.
rental-ask-phone = Thank you! Please write a phone number to reach you, for example +7 900 123-45-67.
rental-booked = Request received: "{ $name }", pickup on { $day }.
    The rental point will confirm it here in the chat. We will remind you the day before.
    
    Please bring:
    { $documents }
rental-documents-default = • a passport or another identity document;
    • the child's birth certificate or a pregnancy certificate;
    • for rehabilitation equipment — the child's certificate or rehabilitation plan, if you have one.
    If some documents are missing, come anyway — we will sort it out together.
rental-stopped = All right, the booking is stopped. Nothing was saved.
rental-free-now = Good news: one is free right now.
rental-waiting = You are on the waiting list for "{ $name }", number { $position }.
    When one is free we will write to you and hold it for you for { $hours } hours.
rental-left-wait = You have left the waiting list.
rental-offer-declined = All right, we will offer it to the next family. Thank you for answering!
rental-my-none = You have no bookings yet.
rental-my = Your bookings:
    { $lines }
rental-my-wait = 🕒 waiting list for "{ $name }": your number is { $position }
rental-line-offered = 🎁 "{ $name }" is waiting for you — answer by { $until }
rental-line-requested = ⏳ "{ $name }": request for { $pickup }, waiting for confirmation
rental-line-confirmed = ✅ "{ $name }": confirmed, pickup on { $pickup }
rental-line-issued = 🧸 "{ $name }" is with you, return by { $due }
rental-line-returned = ✔️ "{ $name }": returned, thank you
rental-line-cancelled = ✖️ "{ $name }": booking cancelled
rental-line-declined = ✖️ "{ $name }": could not be handed over — { $reason }
rental-line-expired = ✖️ "{ $name }": the offer expired
rental-nothing-to-cancel = This booking can no longer be cancelled here: it was handed over or closed.
rental-cancel-confirm = Cancel the booking of "{ $name }"? We will offer it to the next family at once.
rental-cancelled = The booking is cancelled. If you need it again, the catalogue is always here.

## Messages from the rental point (they arrive on their own)

rental-msg-offer = 🎁 Now free: "{ $item }"! We are holding it for you until { $until }.
    Book it?
rental-msg-offer-expired = The offer of "{ $item }" has expired and it went to the next family. If you still need one, you can join the waiting list again.
rental-msg-confirmed = ✅ Booking confirmed: "{ $item }", we expect you on { $day }.
    Address: { $address }
    Please bring:
    { $documents }
rental-msg-declined = Sorry, we cannot hand over "{ $item }". The reason: { $reason }
    If you want to talk it over, write to a specialist — they will help find another way.
rental-msg-cancelled-by-staff = The rental point cancelled the booking. The reason: { $reason }
rental-msg-issued = 🧸 "{ $item }" is yours for now. Please return it by { $due }. We hope it helps!
rental-msg-returned = Thank you for returning "{ $item }"! It will help the next family.
rental-msg-extended = Extended: you can return "{ $item }" by { $due }.
rental-remind-pickup = A reminder: tomorrow, { $day }, you can pick up "{ $item }".
    Address: { $address }
    Please bring:
    { $documents }
    If your plans changed, cancel the booking in "My bookings" so another family can have it.
rental-remind-due-3 = In three days, on { $due }, the loan of "{ $item }" ends. If you need it longer, write to a specialist and we will extend it.
rental-remind-due-0 = Today, { $due }, is the last day of the loan of "{ $item }". If you cannot return it in time, that's all right — just write to us.
rental-remind-late-1 = It is time to return "{ $item }" (it was due on { $due }). When would suit you to bring it? If something happened, write to us and we will figure it out together.
rental-remind-late-7 = We are still waiting for "{ $item }" (it was due on { $due }) — another family needs it. Write to a specialist if you need help returning it or an extension.

## Written on the case (the specialist sees it)

rental-case-requested = Rental point request: "{ $item }", pickup on { $day }.
rental-case-cancelled = Rental point booking cancelled: "{ $item }".

## Errors

error-rental-category-not-found = That section is no longer in the catalogue. Here is what there is now:
error-rental-item-not-found = That item is no longer in the catalogue. Here is what there is now:
error-rental-item-taken = Another family booked this one a moment ago. See what else is free, or join the waiting list.
error-rental-item-taken-race = { error-rental-item-taken }
error-rental-date-past = That day has passed. Please choose another:
error-rental-date-too-far = Bookings can be made at most { $days } days ahead. Please choose a nearer day:
error-rental-date-closed = The rental point is closed that day. Please choose a day from the list:
error-rental-date-unreadable = We could not read the date. Write it like this: 28.11 — or choose a day with a button.
error-rental-bad-phone = The number seems to have a mistake. Please write it in full, for example +7 900 123-45-67.
error-rental-bad-contact-name = Please write a shorter name — one word is enough.
error-rental-consent-needed = A booking needs your consent to the processing of a name and a phone. Please start again from the catalogue.
error-rental-too-many = { $limit ->
        [one] You already have { $limit } active booking — that is the limit. When you return the item, you can take another.
       *[other] You already have { $limit } active bookings — that is the limit. When you return something, you can take more.
    }
error-rental-offer-gone = This offer is no longer open: the time ran out or the item went to someone else. Here are your bookings:
error-rental-cannot-cancel = This booking can no longer be cancelled: it was handed over or closed.
error-rental-booking-not-found = There is no such booking. See your bookings in the rental point menu.
