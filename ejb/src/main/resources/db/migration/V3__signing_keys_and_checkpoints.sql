-- Per-tenant report signing keys (envelope-encrypted) and signed audit-chain checkpoints.

-- Row-level security for one tenant table: enable, force, and the tenant policy (as V1 did for its tables).
create function app.isolate_tenant_table(p_table regclass) returns void
language plpgsql as $$
begin
  execute format('alter table %s enable row level security', p_table);
  execute format('alter table %s force row level security', p_table);
  execute format($p$create policy tenant_isolation on %s
    using (tenant_id = nullif(current_setting('app.current_tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.current_tenant_id', true), '')::uuid)$p$, p_table);
end
$$;
revoke all on function app.isolate_tenant_table(regclass) from public;

create table app.tenant_signing_key (
  id                    uuid primary key,
  tenant_id             uuid not null references app.tenant (tenant_id),
  kek_id                text not null,          -- which key-encryption key wrapped the data key
  wrapped_data_key      bytea not null,         -- AES-256 data key, wrapped by the KEK (AES-GCM)
  encrypted_private_key bytea not null,         -- PKCS#8 private key, AES-GCM under the data key
  key_algorithm         text not null,
  certificate           bytea not null,         -- DER X.509
  created_at            timestamptz not null,
  retired_at            timestamptz
);
create unique index tenant_signing_key_active on app.tenant_signing_key (tenant_id) where retired_at is null;

create table app.audit_checkpoint (
  id             uuid primary key,
  tenant_id      uuid not null references app.tenant (tenant_id),
  head_seq       bigint not null,
  head_hash      text not null,
  taken_at       timestamptz not null,
  signing_key_id uuid not null references app.tenant_signing_key (id),
  signature      bytea not null               -- over the checkpoint's canonical JSON
);
create index audit_checkpoint_tenant on app.audit_checkpoint (tenant_id, taken_at);
create trigger audit_checkpoint_append_only before update or delete on app.audit_checkpoint
  for each row execute function app.reject_change();

grant select, insert, update on app.tenant_signing_key to custodia_app;
grant select, insert on app.audit_checkpoint to custodia_app;
select app.isolate_tenant_table('app.tenant_signing_key');
select app.isolate_tenant_table('app.audit_checkpoint');
