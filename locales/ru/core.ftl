## Texts core writes into a case's thread (seen by staff).

case-accepted-by = { $name } взял(а) обращение.
case-closed-by-staff = Обращение закрыто специалистом.
case-ended-by-person = Человек завершил разговор.
outcome-ended-by-person = Завершено самим обратившимся
case-told-person = Бот ответил: { $text }
