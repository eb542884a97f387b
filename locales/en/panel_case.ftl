## The case page: her own ending, closing before the deadline, the bot's lines in the thread.

panel-bot = Aist (bot) — the person saw this
panel-case-ended-note = The person ended the conversation. You may write one last message, and you need to record the outcome to close the case.
panel-reply-last-word = The person ended the conversation: you can send one last message.
panel-close-early-explain = This case is due { $when }. To close it earlier, give a reason: it is kept on the case and in the journal.
panel-close-early-reason = Reason for closing before the deadline
panel-close-early-placeholder = For example: moved to relatives, gets help there
panel-error-case-close-reason-required = An urgent case is closed before its deadline only with a reason. Please give one.
panel-error-case-close-reason-too-long = The reason is too long: at most { $limit } characters.
panel-error-case-ended-last-message-sent = The last message has been sent: the person ended the conversation. Record the outcome and close the case.
status-ended = ended by the person
panel-error-case-taken-by-colleague = A colleague has this case. To reply, note or close it, take it over first — your colleague will be told.
panel-take-over-colleague = Take it over from the colleague
panel-take-over-confirm = { $name } has this case. Take it over? Your colleague will be told.
case-taken-over = Taken over from a colleague ({ $previous }): { $name } has the case now.
panel-audit-action-case-take-over = Case taken over from a colleague
panel-audit-detail-early = before the deadline
panel-audit-detail-target_id = staff no.
panel-audit-detail-kind = kind of session
