-- Idempotency-Key records: written in the same transaction as the change they guard, kept 24 hours.
create table app.idempotency_key (
  tenant_id     uuid not null references app.tenant (tenant_id),
  key           text not null check (length(key) between 1 and 255),
  api_key_id    uuid not null,
  request_hash  text not null,
  status        integer not null,
  content_type  text,
  response_body text,
  created_at    timestamptz not null,
  expires_at    timestamptz not null,
  primary key (tenant_id, key)
);
create index idempotency_key_expiry on app.idempotency_key (expires_at);
grant select, insert, delete on app.idempotency_key to custodia_app;
select app.isolate_tenant_table('app.idempotency_key');
