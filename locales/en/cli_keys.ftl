## aist keys rotate: every encrypted field under the current key.

cli-help-keys = encryption keys
cli-help-keys-rotate = re-encrypt every field under the current AIST_SECRET_KEY (old keys in AIST_PREVIOUS_SECRET_KEYS); may be stopped and run again
cli-help-keys-batch = rows in one transaction
cli-keys-nothing-to-rotate = AIST_PREVIOUS_SECRET_KEYS is empty: checking that everything is under the current key.
cli-keys-table = { $table }: rows re-encrypted — { $count }
cli-keys-rotated = Done: { $count } re-encrypted; left under old keys — { $left }. When 0 are left, the old key can go from AIST_PREVIOUS_SECRET_KEYS (people who have not written for a long time are found by the old key while it is there).
