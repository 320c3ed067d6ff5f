-- Connectors and discovery (issue 12, items 9 and 10): the systems a tenant's requests are searched in, each
-- step's outcome per request, and what was found, sealed.

-- A connector: a customer PostgreSQL database (JDBC URL, user, queries per data category) or an HTTP endpoint.
-- The password or signing secret is sealed (SealedSecrets, bound to the connector id) and never leaves the server.
create table app.connector (
  id            uuid primary key,
  tenant_id     uuid not null references app.tenant (tenant_id),
  name          text not null check (length(name) between 1 and 200),
  kind          text not null check (kind in ('JDBC', 'HTTP')),
  enabled       boolean not null,
  jdbc_url      text,
  jdbc_user     text,
  endpoint_url  text,
  queries       jsonb not null default '[]',
  sealed_secret bytea,
  created_at    timestamptz not null,
  updated_at    timestamptz not null,
  check ((kind = 'JDBC' and jdbc_url is not null and jdbc_user is not null) or (kind = 'HTTP' and endpoint_url is not null))
);
create unique index connector_name on app.connector (tenant_id, name);
grant select, insert, update, delete on app.connector to custodia_app;
select app.isolate_tenant_table('app.connector');

-- One discovery step per request and connector: PENDING until it ran, DONE, FAILED (cause without secrets or
-- personal data), or SKIPPED by a reviewer with a reason. Written beside the engine's job: the job's incident
-- carries the same cause.
create table app.dsar_discovery_step (
  tenant_id    uuid not null references app.tenant (tenant_id),
  dsar_id      uuid not null references app.dsar_request (id),
  connector_id uuid not null,
  status       text not null check (status in ('PENDING', 'DONE', 'FAILED', 'SKIPPED')),
  attempts     int not null default 0,
  cause        text check (length(cause) <= 1000),
  skip_reason  text check (length(skip_reason) <= 2000),
  decided_by   text,
  updated_at   timestamptz not null,
  primary key (dsar_id, connector_id)
);
grant select, insert, update on app.dsar_discovery_step to custodia_app;
select app.isolate_tenant_table('app.dsar_discovery_step');

-- What one connector found for one request in one data category: JSON rows, sealed per value. A retry replaces
-- the connector's rows (the key makes it idempotent).
create table app.dsar_discovery_result (
  tenant_id    uuid not null references app.tenant (tenant_id),
  dsar_id      uuid not null references app.dsar_request (id),
  connector_id uuid not null,
  category     text not null,
  row_count    int not null,
  sealed_data  bytea not null,
  found_at     timestamptz not null,
  primary key (dsar_id, connector_id, category)
);
grant select, insert, update, delete on app.dsar_discovery_result to custodia_app;
select app.isolate_tenant_table('app.dsar_discovery_result');
