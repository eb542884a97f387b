## The crisis path: numbers first, then a person.

urgent-numbers-emergency =
    You are in danger — please call right now:
    { $numbers }
    Calls are free, from any phone.
urgent-numbers-crisis =
    You are not alone. Here is where you can get help right now, for free:
    { $numbers }
urgent-connecting-now =
    If you can, take a slow breath in and out. You have written to us, and that is an important step.
    I am connecting you with a specialist of the centre — they will see your message first and answer here. Write whatever you want to say.
urgent-connecting-assignee =
    If you can, take a slow breath in and out. Your specialist already sees this message and will answer here as soon as possible.
urgent-after-hours =
    If you can, take a slow breath in and out. You have written to us, and that is an important step.
    The centre is closed now: a specialist will read your message { $when }, first of all. Meanwhile, please call the numbers above: they work day and night.

## "Not sure": distress without a clear danger gets one question.
safety-check =
    Thank you for writing. I'm here and want to understand how to help.
    Are you safe right now?
    If you or a child are in danger right now, call 112: it is free, from any phone.
btn-safe-no = No, I need help now
btn-safe-yes = Yes, I'm safe
safety-glad =
    I'm glad you're safe. I've kept what you wrote for a specialist, who will read it first.
    What would you like to talk about?
safety-glad-case = I'm glad you're safe. A specialist will read your message and answer here. Write at any moment if it gets worse.
