## Texts core writes into a case's thread (seen by staff).

case-accepted-by = Case taken: { $name }.
case-closed-by-staff = The case was closed by a specialist.
case-ended-by-person = The person ended the conversation.
outcome-ended-by-person = Ended by the person
case-level-corrected = Level changed ({ $name }): { $old } → { $new }. Reason: { $reason }
case-told-person = The bot answered: { $text }

level-emergency = emergency
level-crisis = crisis
level-basic = basic
level-adaptation = adaptation
escalation-shift = Escalation: the urgent case was not accepted within { $minutes } min. Everyone on shift and the coordinator were alerted.
escalation-coordinator = Escalation: the urgent case was not accepted within { $minutes } min. A message went to the coordinator's Telegram: { $names }.
escalation-coordinator-unlinked = Escalation: the urgent case was not accepted within { $minutes } min. No coordinator has linked Telegram — alert in the panel only.
escalation-telegram =
    ⚠️ Urgent case #{ $case_id } ({ $pseudonym }, level: { $level }) not accepted within { $minutes } min.
    Open the panel: { $link }
triage-alarm = Triage alarm ({ $level }): { $phrases }
case-outcome-forgotten = The person asked for their data to be deleted; the conversation is deleted.
