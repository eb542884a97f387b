## Replies that fit the danger: the bot sends one of these at once, then the code appends
## its own sentence about the specialist. { $numbers } is filled with lines such as
## "• 112 — the single emergency number". Short enough for a phone.

danger-violence =
    You are not alone. If calling is not safe now and you could be overheard, write here, quietly.
    If you can:
    — stay close to a way out, away from the kitchen and rooms with knives or no second exit;
    — keep your phone with you, with sound and vibration off;
    — if you can safely go to neighbours or a public place, go, and take the children with you.
    When you can talk, call 112. Numbers where you can get help, including with domestic violence:
    { $numbers }

danger-suicide =
    Thank you for writing. You are not alone right now.
    Write here whatever you want to say — a real person will read your messages.
    If there is something near you that you could hurt yourself with, please put it away from you.
    If there is someone you trust nearby, ask them to stay with you.
    You can talk to someone on a helpline — for adults and for young people, free of charge:
    { $numbers }
    If you feel you may not get through this moment, call 112.

danger-child-medical =
    Call 103 or 112 right now — it is free, from any phone.
    { $numbers }
    While you wait for the doctors:
    — if the child swallowed something, do not make them vomit and do not give them food or drink;
    — keep the packaging, the bottle or the battery to show the doctors;
    — if the child is drowsy or limp, lay them on their side;
    — stay close, do not leave the child alone.
    After the call, write here — we are here.

danger-child-abuse =
    You did the right thing by writing. What matters most now is the child's safety.
    If the child is in danger right now, call 112.
    If it is safe for you, stay with the child and keep them away from whoever is hurting them.
    The children's helpline helps children and the adults who are worried about them:
    { $numbers }
    Write here what is happening, however you can.

danger-pregnancy =
    Call 103 or 112 right now — it is free, from any phone.
    { $numbers }
    While you wait for the doctors:
    — if you can, open the front door or ask a neighbour to open it;
    — put your passport and your exchange card (pregnancy record) next to you;
    — lie down on your left side;
    — do not eat or drink, and do not take any pills without a doctor.
    After the call, write here — we are here.

danger-abandonment =
    Thank you for writing about this. Nobody here will judge you.
    Whatever you decide, there is time to think — and there is help.
    The centre can help with things for the baby, money, housing and documents.
    You do not have to decide everything today.
    If the baby is already born and has been left somewhere, call 112 right now.
    You can also talk to someone now, for free:
    { $numbers }

danger-basic-needs =
    Thank you for writing. The centre gives emergency help: food, baby formula, things, a temporary place to sleep.
    The centre's phone: { $centre_phone }
    { $shelters }
    Write here what you need most right now.
    If the children are cold or in danger, call 112.
    { $numbers }

danger-minor =
    You are not alone, and none of this is your fault.
    There is a helpline for children and teenagers — free and anonymous. They talk about pregnancy too:
    { $numbers }
    Write here whenever you want and as much as you want.
    If someone is threatening you right now, call 112.

danger-general =
    You are not alone. Write here what is happening — a few words are enough.
    Or call, it is free:
    { $numbers }
