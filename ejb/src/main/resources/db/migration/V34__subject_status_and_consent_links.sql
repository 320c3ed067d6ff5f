-- Links a data subject opens from mail, without an account: only the SHA-256 of each token is stored, and a
-- SECURITY DEFINER function finds its tenant before any tenant is bound (as for the confirmation and download links).

-- The status link of the acknowledgement mail: opens the request's status page as often as wanted until it expires.
-- used_at stays null (the table has the single-use links' shape so one repository serves all three).
create table app.dsar_status_token (
  token_hash text primary key check (token_hash ~ '^[0-9a-f]{64}$'),
  tenant_id  uuid not null references app.tenant (tenant_id),
  dsar_id    uuid not null references app.dsar_request (id),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at    timestamptz
);
create index dsar_status_token_request on app.dsar_status_token (dsar_id);
grant select, insert, update on app.dsar_status_token to custodia_app;
select app.isolate_tenant_table('app.dsar_status_token');
create policy token_resolution on app.dsar_status_token for select to custodia_owner using (true);

create function app.resolve_dsar_status_token(p_token_hash text) returns uuid
language sql stable security definer
set search_path = pg_catalog, app
as $$ select t.tenant_id from app.dsar_status_token t where t.token_hash = p_token_hash $$;
revoke all on function app.resolve_dsar_status_token(text) from public;
grant execute on function app.resolve_dsar_status_token(text) to custodia_app;

-- The consent link a subject asks the privacy center for: their consents, found by the blind index of the address
-- (the tenant's HMAC, as app.consent_subject keeps it), never the address itself.
create table app.consent_manage_token (
  token_hash  text primary key check (token_hash ~ '^[0-9a-f]{64}$'),
  tenant_id   uuid not null references app.tenant (tenant_id),
  email_index text not null check (length(email_index) between 16 and 128),
  created_at  timestamptz not null,
  expires_at  timestamptz not null
);
create index consent_manage_token_expiry on app.consent_manage_token (expires_at);
grant select, insert, delete on app.consent_manage_token to custodia_app;
select app.isolate_tenant_table('app.consent_manage_token');
create policy token_resolution on app.consent_manage_token for select to custodia_owner using (true);

create function app.resolve_consent_manage_token(p_token_hash text) returns uuid
language sql stable security definer
set search_path = pg_catalog, app
as $$ select t.tenant_id from app.consent_manage_token t where t.token_hash = p_token_hash $$;
revoke all on function app.resolve_consent_manage_token(text) from public;
grant execute on function app.resolve_consent_manage_token(text) to custodia_app;
