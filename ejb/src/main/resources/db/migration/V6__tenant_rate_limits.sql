-- Per-tenant rate limits; a tenant without a row gets the installation's defaults.
create table app.tenant_rate_limit (
  tenant_id            uuid primary key references app.tenant (tenant_id),
  checks_per_minute    integer not null check (checks_per_minute > 0),
  mutations_per_minute integer not null check (mutations_per_minute > 0),
  updated_at           timestamptz not null
);
grant select, insert, update on app.tenant_rate_limit to custodia_app;
select app.isolate_tenant_table('app.tenant_rate_limit');
