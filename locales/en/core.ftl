## Texts core writes into a case's thread (seen by staff).

case-accepted-by = { $name } took the case.
case-closed-by-staff = The case was closed by a specialist.
case-ended-by-person = The person ended the conversation.
outcome-ended-by-person = Ended by the person
case-told-person = The bot answered: { $text }
