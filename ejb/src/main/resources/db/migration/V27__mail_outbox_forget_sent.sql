-- A sent mail's address and text (sealed; they may carry confirmation or download links, which are secrets) are
-- forgotten CUSTODIA_MAIL_KEEP_SENT after sending (default a day); the subject (labels and dates only) and the times
-- stay, for operations and as evidence that it left. Unsent mail keeps its content until it is sent.
alter table app.mail_outbox
  alter column recipient drop not null,
  alter column body drop not null,
  add constraint mail_outbox_unsent_has_content check (sent_at is not null or (recipient is not null and body is not null));
create index mail_outbox_sent_with_content on app.mail_outbox (sent_at) where recipient is not null and sent_at is not null;
