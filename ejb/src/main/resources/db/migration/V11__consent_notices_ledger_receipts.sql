-- Consent management: notices (versioned texts per language, hashed), the full ledger (granted, withdrawn,
-- expired, superseded; source web/api/import/gpc; notice hash; hashed IP; expiry), subjects' sealed
-- email addresses with a blind index, withdrawal links, and bulk import jobs.

-- Languages a notice may be written in: data, not code. English, the 22 languages of the Eighth
-- Schedule that DPDPA notices may be requested in (s. 5(3)) most used first, and the EU's most common.
create table app.notice_language (
  code         text primary key check (code ~ '^[a-z]{2,3}$'),
  english_name text not null,
  native_name  text not null,
  script       text not null check (script ~ '^[A-Z][a-z]{3}$')
);
grant select on app.notice_language to custodia_app;
insert into app.notice_language values
  ('en', 'English', 'English', 'Latn'),
  ('hi', 'Hindi', 'हिन्दी', 'Deva'),
  ('bn', 'Bengali', 'বাংলা', 'Beng'),
  ('mr', 'Marathi', 'मराठी', 'Deva'),
  ('te', 'Telugu', 'తెలుగు', 'Telu'),
  ('ta', 'Tamil', 'தமிழ்', 'Taml'),
  ('gu', 'Gujarati', 'ગુજરાતી', 'Gujr'),
  ('kn', 'Kannada', 'ಕನ್ನಡ', 'Knda'),
  ('ml', 'Malayalam', 'മലയാളം', 'Mlym'),
  ('ur', 'Urdu', 'اردو', 'Arab'),
  ('or', 'Odia', 'ଓଡ଼ିଆ', 'Orya'),
  ('pa', 'Punjabi', 'ਪੰਜਾਬੀ', 'Guru'),
  ('as', 'Assamese', 'অসমীয়া', 'Beng'),
  ('de', 'German', 'Deutsch', 'Latn'),
  ('fr', 'French', 'Français', 'Latn'),
  ('es', 'Spanish', 'Español', 'Latn'),
  ('it', 'Italian', 'Italiano', 'Latn'),
  ('pt', 'Portuguese', 'Português', 'Latn'),
  ('nl', 'Dutch', 'Nederlands', 'Latn'),
  ('pl', 'Polish', 'Polski', 'Latn');

-- A notice version: the texts shown, per language, and the SHA-256 of their canonical JSON. Never changed.
create table app.consent_notice (
  id           uuid primary key,
  tenant_id    uuid not null references app.tenant (tenant_id),
  purpose_id   uuid not null references app.consent_purpose (id),
  version      integer not null check (version >= 1),
  texts        text not null check (jsonb_typeof(texts::jsonb) = 'object'),
  content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
  published_at timestamptz not null,
  published_by text not null,
  unique (tenant_id, purpose_id, version)
);
create trigger consent_notice_append_only before update or delete on app.consent_notice
  for each row execute function app.reject_change();
grant select, insert on app.consent_notice to custodia_app;
select app.isolate_tenant_table('app.consent_notice');

alter table app.consent_purpose add column notice_version integer;

-- The ledger's new fields
alter table app.consent_event drop constraint consent_event_decision_check;
alter table app.consent_event add constraint consent_event_decision_check
  check (decision in ('GRANTED', 'WITHDRAWN', 'EXPIRED', 'SUPERSEDED'));
alter table app.consent_event
  add column notice_version integer,
  add column notice_hash    text check (notice_hash ~ '^[0-9a-f]{64}$'),
  add column ip_hash        text,          -- HMAC-SHA256 of the client address under the tenant's key
  add column expires_at     timestamptz,   -- a grant's end of validity
  add column related_event  text;          -- the grant an EXPIRED or SUPERSEDED event ends (text: see V8)
alter table app.consent_event add constraint consent_event_source_check check (source in ('api', 'web', 'import', 'gpc'));

alter table app.consent_state drop constraint consent_state_decision_check;
alter table app.consent_state add constraint consent_state_decision_check check (decision in ('GRANTED', 'WITHDRAWN', 'EXPIRED'));
alter table app.consent_state
  add column source         text not null default 'api',
  add column notice_version integer,
  add column expires_at     timestamptz;
create index consent_state_expiring on app.consent_state (expires_at) where decision = 'GRANTED' and expires_at is not null;

-- Per-tenant secrets (the blind-index and IP-hash key), sealed by the KEK.
create table app.tenant_secret (
  tenant_id  uuid not null references app.tenant (tenant_id),
  name       text not null,
  sealed     bytea not null,
  created_at timestamptz not null,
  primary key (tenant_id, name)
);
grant select, insert on app.tenant_secret to custodia_app;
select app.isolate_tenant_table('app.tenant_secret');

-- A subject's email address, sealed; found by an HMAC of the normalised address (blind index).
create table app.consent_subject (
  tenant_id    uuid not null references app.tenant (tenant_id),
  subject_id   text not null,
  email_sealed bytea not null,
  email_index  text not null,
  updated_at   timestamptz not null,
  primary key (tenant_id, subject_id)
);
create index consent_subject_email on app.consent_subject (tenant_id, email_index);
grant select, insert, update, delete on app.consent_subject to custodia_app;
select app.isolate_tenant_table('app.consent_subject');

-- One-click withdrawal links (in receipt mail): single-use, found by hash before any tenant is bound.
create table app.consent_withdrawal_link (
  token_hash text primary key,
  tenant_id  uuid not null references app.tenant (tenant_id),
  subject_id text not null,
  purpose_id uuid not null references app.consent_purpose (id),
  created_at timestamptz not null,
  used_at    timestamptz
);
grant select, insert, update on app.consent_withdrawal_link to custodia_app;
select app.isolate_tenant_table('app.consent_withdrawal_link');
create policy link_resolution on app.consent_withdrawal_link for select to custodia_owner using (true);
create function app.resolve_withdrawal_link(p_token_hash text) returns uuid
language sql stable security definer
set search_path = pg_catalog, app
as $$ select l.tenant_id from app.consent_withdrawal_link l where l.token_hash = p_token_hash $$;
revoke all on function app.resolve_withdrawal_link(text) from public;
grant execute on function app.resolve_withdrawal_link(text) to custodia_app;

-- Bulk imports: one row per job, progress written after every committed batch.
create table app.consent_import (
  id           uuid primary key,
  tenant_id    uuid not null references app.tenant (tenant_id),
  format       text not null check (format in ('csv', 'ndjson')),
  status       text not null check (status in ('RUNNING', 'COMPLETED', 'FAILED')),
  lines_read   bigint not null default 0,
  imported     bigint not null default 0,
  rejected     bigint not null default 0,
  errors       text not null default '[]',   -- the first 1,000 per-line errors, JSON
  input_sha256 text,
  started_at   timestamptz not null,
  finished_at  timestamptz,
  started_by   text not null,
  failure      text
);
grant select, insert, update on app.consent_import to custodia_app;
select app.isolate_tenant_table('app.consent_import');

-- bulk import is its own permission (an import writes many decisions at once)
insert into app.permission (key, module, action, description) values ('consent:import', 'consent', 'import', 'Import consent records in bulk');
insert into app.role_permission values ('ADMIN', 'consent:import'), ('MANAGER', 'consent:import');
