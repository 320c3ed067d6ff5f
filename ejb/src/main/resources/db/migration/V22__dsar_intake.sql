-- DSAR intake (issue 12, item 6): the public per-tenant intake with email confirmation, contact data sealed with a
-- blind index, duplicates linked, staff intake for authorised agents, and the tenant's intake settings.

-- Public intake leaves subject_id empty: its subject is known only by the sealed contact below.
alter table app.dsar_request alter column subject_id drop not null;

-- When an email link expires, when the identity was confirmed (the legal deadline still counts from receipt),
-- and the earlier request of the same subject and type this one repeats (linked, not merged).
alter table app.dsar_request
  add column identity_expires_at timestamptz,
  add column identity_confirmed_at timestamptz,
  add column duplicate_of uuid references app.dsar_request (id);

-- Contact data of a request, sealed per value (SealedSecrets, bound to tenant and purpose); email_index is the
-- HMAC-SHA256 of the normalised address under the tenant's own key, so duplicates are found without decrypting.
create table app.dsar_contact (
  dsar_id                uuid primary key references app.dsar_request (id),
  tenant_id              uuid not null references app.tenant (tenant_id),
  email_sealed           bytea,
  email_index            text check (email_index ~ '^[0-9a-f]{64}$'),
  name_sealed            bytea,
  details_sealed         bytea,
  language               text check (language ~ '^[a-z]{2,3}$'),
  agent_name_sealed      bytea,
  agent_email_sealed     bytea,
  agent_evidence_sealed  bytea,
  created_at             timestamptz not null,
  check ((email_sealed is null) = (email_index is null))
);
create index dsar_contact_email_index on app.dsar_contact (tenant_id, email_index);
grant select, insert on app.dsar_contact to custodia_app;
select app.isolate_tenant_table('app.dsar_contact');

-- Single-use email confirmation links: only the SHA-256 of the token is stored; found by hash before a tenant is bound.
create table app.dsar_identity_token (
  token_hash text primary key check (token_hash ~ '^[0-9a-f]{64}$'),
  tenant_id  uuid not null references app.tenant (tenant_id),
  dsar_id    uuid not null references app.dsar_request (id),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at    timestamptz
);
create index dsar_identity_token_request on app.dsar_identity_token (dsar_id);
grant select, insert, update on app.dsar_identity_token to custodia_app;
select app.isolate_tenant_table('app.dsar_identity_token');
create policy token_resolution on app.dsar_identity_token for select to custodia_owner using (true);

create function app.resolve_dsar_identity_token(p_token_hash text) returns uuid
language sql stable security definer
set search_path = pg_catalog, app
as $$ select t.tenant_id from app.dsar_identity_token t where t.token_hash = p_token_hash $$;
revoke all on function app.resolve_dsar_identity_token(text) from public;
grant execute on function app.resolve_dsar_identity_token(text) to custodia_app;

-- The tenant's intake settings (ISO-8601 durations as given): how long an email confirmation link works, and how far
-- back a request from the same subject and of the same type counts as a duplicate. No row: P7D and P30D.
create table app.dsar_intake_setting (
  tenant_id              uuid primary key references app.tenant (tenant_id),
  identity_link_validity text not null check (length(identity_link_validity) between 2 and 64),
  duplicate_window       text not null check (length(duplicate_window) between 2 and 64),
  updated_at             timestamptz not null
);
grant select, insert, update on app.dsar_intake_setting to custodia_app;
select app.isolate_tenant_table('app.dsar_intake_setting');
