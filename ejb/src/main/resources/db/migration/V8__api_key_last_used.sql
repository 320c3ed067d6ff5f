-- When a key was last used (written at most once a minute per key per node) and which key replaced it.
alter table app.api_key add column last_used_at timestamptz;
-- text, not uuid: EclipseLink 4.0 cannot read a null uuid column into a UUID field
alter table app.api_key add column replaced_by text;
