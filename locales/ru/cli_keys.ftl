## aist keys rotate: every encrypted field under the current key.

cli-help-keys = ключи шифрования
cli-help-keys-rotate = перешифровать все поля текущим ключом AIST_SECRET_KEY (старые ключи — в AIST_PREVIOUS_SECRET_KEYS); можно прервать и запустить снова
cli-help-keys-batch = сколько строк в одной транзакции
cli-keys-nothing-to-rotate = AIST_PREVIOUS_SECRET_KEYS пуст: проверяю, что всё зашифровано текущим ключом.
cli-keys-table = { $table }: перешифровано строк — { $count }
cli-keys-rotated = Готово: перешифровано { $count }; осталось под старыми ключами — { $left }. Когда осталось 0, старый ключ можно убрать из AIST_PREVIOUS_SECRET_KEYS (люди, которые давно не писали, найдутся по старому ключу, пока он там есть).
