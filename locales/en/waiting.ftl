## While she waits for a person: who reads her, the word at each step, the acknowledgement.

urgent-status-assignee = Your specialist already sees this message and will answer here as soon as they can. Write anything you want to say.
urgent-status-now = A specialist of the centre already has your message: they will read it first and answer here. Meanwhile, write anything you want to say — every word is kept.
urgent-status-after-hours =
    Nobody is on duty at the centre right now. Your message will be read first { $when }. Until then, please call the numbers above — they work around the clock. You can write here at any time: nothing gets lost.

wait-first-step =
    A specialist has not connected yet. We have called everyone on shift right now — you are not forgotten.
    Keep writing if you want to: every word will be read.
    If you need to talk right now, around the clock and free:
    { $numbers }
wait-next-step =
    We are sorry you have to wait. We have called the centre's coordinator — the next free person will answer you here.
    If waiting is hard or danger is close, call right now:
    { $numbers }
wait-after-hours =
    It is night or a day off, and nobody is on duty at the centre. The coordinator has been notified, and your message will be read first { $when }.
    Right now these numbers answer, around the clock and free:
    { $numbers }
    If danger is close — 112.

chat-ack-urgent = Received, thank you. A specialist has not connected yet — they will read your messages first. If danger is close, call 112.

chat-joined-name = { $name }, { $role }, is with you in this chat now. You can write everything as it is, even briefly.
chat-joined-role = A { $role } is with you now. You can write everything as it is, even briefly.
chat-joined-none = A person from the centre is with you now. You can write everything as it is, even briefly.
relay-from-name = { $name }, { $role }:
relay-from-role = { $Role }:
relay-from-none = The centre:
staff-shown-specialist = specialist of the centre
staff-shown-coordinator = coordinator of the centre
staff-shown-admin = member of the centre's staff

case-closed-early = Closed before its deadline. Reason: { $reason }
