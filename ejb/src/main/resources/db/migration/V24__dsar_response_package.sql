-- The response package (issue 12, item 11): what a request's answer holds, sealed, and the single-use link that
-- delivers it to the subject.

-- One package per request: the machine-readable JSON and the PAdES-signed PDF/A summary, each sealed (SealedSecrets,
-- purpose bound to the request id) with its SHA-256 and size. A recompile (the reviewer asked for changes) replaces it.
create table app.dsar_package (
  dsar_id       uuid primary key references app.dsar_request (id),
  tenant_id     uuid not null references app.tenant (tenant_id),
  json_sealed   bytea not null,
  json_sha256   text not null check (json_sha256 ~ '^[0-9a-f]{64}$'),
  json_size     int not null check (json_size > 0),
  pdf_sealed    bytea not null,
  pdf_sha256    text not null check (pdf_sha256 ~ '^[0-9a-f]{64}$'),
  pdf_size      int not null check (pdf_size > 0),
  connectors    int not null check (connectors >= 0),
  row_count     int not null check (row_count >= 0),
  carries_data  boolean not null,
  compilations  int not null check (compilations >= 1),
  compiled_at   timestamptz not null
);
grant select, insert, update on app.dsar_package to custodia_app;
select app.isolate_tenant_table('app.dsar_package');

-- Single-use download links of packages: only the SHA-256 of the token is stored; found by hash before a tenant is bound.
create table app.dsar_download_token (
  token_hash text primary key check (token_hash ~ '^[0-9a-f]{64}$'),
  tenant_id  uuid not null references app.tenant (tenant_id),
  dsar_id    uuid not null references app.dsar_request (id),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at    timestamptz
);
create index dsar_download_token_request on app.dsar_download_token (dsar_id);
grant select, insert, update on app.dsar_download_token to custodia_app;
select app.isolate_tenant_table('app.dsar_download_token');
create policy token_resolution on app.dsar_download_token for select to custodia_owner using (true);

create function app.resolve_dsar_download_token(p_token_hash text) returns uuid
language sql stable security definer
set search_path = pg_catalog, app
as $$ select t.tenant_id from app.dsar_download_token t where t.token_hash = p_token_hash $$;
revoke all on function app.resolve_dsar_download_token(text) from public;
grant execute on function app.resolve_dsar_download_token(text) to custodia_app;

-- How long a download link works (ISO-8601 as given); null: the default, P14D.
alter table app.dsar_intake_setting add column download_link_validity text check (length(download_link_validity) between 2 and 64);
