-- An HTTP connector may answer a search with 202 and call back later, signed like Standard Webhooks: the step waits
-- AWAITING its callback.
alter table app.dsar_discovery_step drop constraint dsar_discovery_step_status_check;
alter table app.dsar_discovery_step add constraint dsar_discovery_step_status_check
  check (status in ('PENDING', 'AWAITING', 'DONE', 'FAILED', 'SKIPPED'));

-- Each callback's webhook-id, once: a delivery the connector sends again (it did not see our answer) changes nothing.
-- Kept a day (callbacks older than five minutes are refused by their timestamp anyway).
create table app.connector_callback (
  tenant_id    uuid not null references app.tenant (tenant_id),
  connector_id uuid not null references app.connector (id) on delete cascade,
  webhook_id   text not null check (length(webhook_id) between 1 and 255),
  dsar_id      uuid not null,
  received_at  timestamptz not null,
  primary key (connector_id, webhook_id)
);
create index connector_callback_received on app.connector_callback (received_at);
grant select, insert, delete on app.connector_callback to custodia_app;
select app.isolate_tenant_table('app.connector_callback');

-- A callback names its connector in the URL, before any tenant is bound: the connector's tenant, for an enabled HTTP
-- connector only.
create policy callback_resolution on app.connector for select to custodia_owner using (true);
create function app.resolve_callback_connector(p_connector uuid) returns uuid
language sql stable security definer
set search_path = pg_catalog, app
as $$ select c.tenant_id from app.connector c where c.id = p_connector and c.kind = 'HTTP' and c.enabled $$;
revoke all on function app.resolve_callback_connector(uuid) from public;
grant execute on function app.resolve_callback_connector(uuid) to custodia_app;
