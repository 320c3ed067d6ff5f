-- Templated mail is sent as multipart/alternative: the HTML part, sealed like the text body. Null for the
-- plain-text mail queued before (and still queued) by callers without a template.
alter table app.mail_outbox add column html bytea;
