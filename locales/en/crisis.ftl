## The crisis path: numbers first, then a person.

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
