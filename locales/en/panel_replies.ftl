## Canned replies (/replies and the pick in a case's composer) and the same person's earlier
## cases on the case page.

panel-nav-replies = Canned replies

panel-replies-title = Canned replies
panel-replies-hint = Texts that get typed again and again: the documents for a benefit, the address and hours, the helplines. A specialist picks one on the case page and may edit it before sending.
panel-replies-empty = No canned replies yet. Add the first one below.
panel-replies-field-title = Title
panel-replies-field-text = Text
panel-replies-updated = Changed { $when }
panel-replies-save = Save
panel-replies-delete = Delete
panel-replies-delete-confirm = Delete this canned reply? It cannot be brought back.
panel-replies-add-title = New canned reply
panel-replies-add = Add
panel-replies-created = Canned reply added.
panel-replies-saved = Canned reply saved.
panel-replies-deleted = Canned reply deleted.

panel-replies-pick = Canned reply
panel-replies-pick-none = — pick one to insert its text —
panel-replies-replace-confirm = Replace the text typed so far with the canned reply?

panel-error-replies-manage-forbidden = Coordinators and administrators add, change and delete canned replies.
panel-error-reply-not-found = There is no such canned reply: it may have been deleted.
panel-error-reply-title-empty = Give the canned reply a title.
panel-error-reply-title-too-long = The title may be at most { $max } characters.
panel-error-reply-text-empty = Write the canned reply's text.
panel-error-reply-text-too-long = The text may be at most { $max } characters.

panel-audit-group-replies = Canned replies
panel-audit-action-replies-create = Canned reply added
panel-audit-action-replies-update = Canned reply changed
panel-audit-action-replies-delete = Canned reply deleted
panel-audit-detail-reply_id = canned reply no.

panel-history-title = Earlier cases
panel-history-status-open = open
panel-history-status-ended = conversation ended
panel-history-status-closed = closed
