## Texts core writes into a case's thread (seen by staff).

case-accepted-by = Обращение взято в работу: { $name }.
case-closed-by-staff = Обращение закрыто специалистом.
case-ended-by-person = Человек завершил разговор.
outcome-ended-by-person = Завершено самим человеком
case-level-corrected = Уровень изменён ({ $name }): { $old } → { $new }. Причина: { $reason }
case-told-person = Бот ответил: { $text }

level-emergency = экстренный
level-crisis = кризисный
level-basic = базовый
level-adaptation = адаптационный
escalation-shift = Эскалация: срочное обращение не принято за { $minutes } мин. Оповещены все специалисты на смене и координатор.
escalation-coordinator = Эскалация: срочное обращение не принято за { $minutes } мин. Сообщение отправлено координатору в Telegram: { $names }.
escalation-coordinator-unlinked = Эскалация: срочное обращение не принято за { $minutes } мин. Telegram не привязан ни у одного координатора — оповещение только в панели.
escalation-telegram =
    ⚠️ Срочное обращение №{ $case_id } ({ $pseudonym }, уровень: { $level }) не принято за { $minutes } мин.
    Откройте панель: { $link }
triage-alarm = Тревога триажа ({ $level }): { $phrases }
case-outcome-forgotten = Человек попросил удалить свои данные; переписка удалена.
