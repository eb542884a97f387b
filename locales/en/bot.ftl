## What a person sees in the bot (every channel). English is the second language.

start-greeting =
    Hello! This is the chat of the family and children support centre. Here you can talk to a specialist — a psychologist or a social worker.
    You don't need to give your name: to us you are { $pseudonym }. We keep only the conversation, encrypted, and never see your name, number or account.
start-with-open-case =
    Hello, { $pseudonym }! Your conversation with a specialist is still open — just write here and they will see it.
menu-prompt = How can we help?
menu-with-open-case = Your conversation with a specialist is still open: they will see whatever you write. Or choose something else:
help-text =
    How this works:
    • "Talk to a specialist" — choose a topic and a real person from the centre will answer. No name needed.
    • "I need help now" — emergency numbers, free and around the clock.
    • /menu — main menu, /cancel — end the conversation, /help — this tip.
    You can write text and send photos, documents and voice messages.

btn-talk = 💬 Talk to a specialist
btn-talk-now = 💬 Reach a specialist
btn-help-now = 🆘 I need help now
btn-rental = 🧸 Rental point
btn-course = 🤰 Course for expectant mothers
btn-about = ℹ️ About the centre
btn-my-data = 🔒 My data
btn-menu = ☰ Menu
btn-back = ← Back
btn-end = End conversation
btn-end-yes = Yes, end it
btn-end-no = No, let's continue

topic-pregnancy = Pregnancy, doubts
topic-newborn = A newborn baby
topic-family = Family conflict
topic-money = Money or housing
topic-disability = A child with a disability
topic-other = Something else

talk-choose-topic = What would you like to talk about? It helps us find the right person sooner.
talk-already-open = Your conversation with a specialist is already open — just write here.
talk-opened-on-duty = Thank you for writing. The specialist on duty already knows you are here and will answer in this chat, usually within a few minutes.
talk-opened-working-hours = Thank you for writing. The centre's specialists have your request and will answer in this chat as soon as one is free — today, during working hours.
talk-opened-after-hours =
    Thank you for writing. The centre is closed now; a specialist will read your message { $when }. The answer will come to this chat.
    If you or a child are in danger, call 112 — free, day and night. To talk to a psychologist right now, call the helpline 8-800-2000-122 (free, 24/7).
talk-write-now = Tell us what has happened, in whatever words come. You can send a photo, a document or a voice message.
when-datetime = on { $weekday }, { $date }, from { $time }
weekday-0 = Monday
weekday-1 = Tuesday
weekday-2 = Wednesday
weekday-3 = Thursday
weekday-4 = Friday
weekday-5 = Saturday
weekday-6 = Sunday

chat-received = Message received. A specialist will see it and answer here.
chat-long-message-kept = Your message is long, and we kept all of it ({ $parts } parts). The specialist will read everything.
offer-specialist = Your message is saved. I am a bot and can't answer it, but I can pass it to a specialist — choose what it is about:

end-confirm = End the conversation? The specialist will stop receiving your messages. You can start a new one at any time.
end-done = The conversation is over. Thank you for reaching out. If you need us, we are here — just write.
end-cancelled = All right, let's continue. Write — the specialist is here.
end-nothing-open = You have no open conversation with a specialist right now.

coming-soon = The "{ $feature }" section is coming to this chat soon. Meanwhile a specialist of the centre can help with it — just write to a specialist.
feature-rental = Rental point
feature-course = Course for expectant mothers

about-centre =
    { $name }
    Phone: { $phone }
    Address: { $address }
    Specialists answer in this chat on weekdays, { $hours }. All services are free.
my-data =
    What we know about you: the pseudonym { $pseudonym } and your conversation with the centre. Your account id is stored encrypted — specialists never see it.
    { $details }
    The "Delete my data" button erases all of it with one tap.
my-data-nothing-else = We have no name, phone number or username.
my-data-rental = For a rental point booking you gave a name and a phone (consent of { $date }). Only the rental point staff see them, and we delete them after the item is returned.
my-data-course = For the course you gave a name for the group's roll (consent of { $date }). The session leaders see it; we delete it a month after the group ends.
btn-withdraw-course = Withdraw consent (course)
btn-forget = 🗑 Delete my data
btn-forget-yes = Yes, delete everything
btn-forget-no = No, keep it
forget-confirm = Delete everything we keep about you? Your conversation with specialists, the name and phone for the rental point, your course enrolment and reminders will be deleted, and an open case will be closed. This cannot be undone.
    If you write again, we will greet you as a new person.
forget-done = Done: your data and conversation are deleted. Take care. If you need help, just write — we are here.
    If you are ever in danger, call 112: free, around the clock, from any phone.
forget-clear-telegram = To leave no trace on the phone, delete this chat in Telegram too: in the chat list, press and hold it → "Delete" → tick "Also delete for the bot" → "Delete".
forget-clear-vk = To leave no trace on the phone, clear this conversation in VK too: open it → the "⋯" menu at the top → "Clear message history".
btn-withdraw-rental = Withdraw consent (rental)
my-data-rental-withdrawn = Consent withdrawn. The name and phone are deleted from all your bookings; bookings not yet handed over are cancelled. If you already have an item, just return it as agreed.

unknown-command = I don't know that command. Here is what I can do: /menu — menu, /help — tips, /cancel — end the conversation.
stale-button = That button is from an earlier conversation and no longer works. Here is the current menu:
sticker-reply = I can't pass stickers on, sorry. Please write in words or send a photo, a document or a voice message — the specialist will see it.
unsupported-reply = I can't pass this kind of message on. Please write text or send a photo, a document or a voice message.

# The specialist's own words follow on the next line, added in code: Fluent caps
# a placeable at 2,500 characters, and a reply may be longer.
relay-from-specialist = { $name }, specialist of the centre:
chat-closed-by-staff = The conversation with the specialist has ended. Thank you for reaching out. If you need help, write again — we are here.

error-generic = Sorry, something went wrong. Your message is saved. Please try again or press /menu.
error-case-topic-unknown = There is no such topic. Please choose one from the list.

## Staff: linking a chat for escalation alerts.
link-usage = To get urgent alerts, send /link and the code from the panel (Duty roster → "Telegram alerts").
link-done = Done: { $name }, urgent cases nobody has taken will be announced here.
error-link-code-invalid = The code did not fit or has expired. Get a new one in the panel: Duty roster → "Telegram alerts".
