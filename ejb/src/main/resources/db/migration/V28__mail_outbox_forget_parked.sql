-- Mail given up on (parked after MailRetryPolicy.MAX_ATTEMPTS failed tries: never due again) forgets its address
-- and text too, CUSTODIA_MAIL_KEEP_SENT after it was queued: it will never be sent, and a link in it is a secret.
-- Subject, times, attempts and the last error's kind stay for inspection.
alter table app.mail_outbox
  drop constraint mail_outbox_unsent_has_content,
  add constraint mail_outbox_unsent_has_content check (sent_at is not null
    or next_try_at >= timestamptz '9999-01-01 00:00:00+00' or (recipient is not null and body is not null));
