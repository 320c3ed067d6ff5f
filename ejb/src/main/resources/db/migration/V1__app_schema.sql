-- Custodia application schema. Runs as custodia_owner; the server connects as custodia_app.
-- Flyway creates the schemas "app" and "engine" before this script.

grant usage on schema app to custodia_app;
grant usage on schema engine to custodia_app;

-- Rejects UPDATE, DELETE and TRUNCATE on append-only tables, for every role (the owner included;
-- only disabling the trigger, which needs ownership, gets around it).
create function app.reject_change() returns trigger
language plpgsql as $$
begin
  raise exception 'app.% is append-only: % is not allowed', tg_table_name, tg_op
    using errcode = 'insufficient_privilege';
end
$$;

create table app.tenant (
  tenant_id  uuid primary key,
  slug       text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name       text not null check (length(name) between 1 and 200),
  created_at timestamptz not null
);

create table app.api_key (
  id           uuid primary key,
  tenant_id    uuid not null references app.tenant (tenant_id),
  name         text not null,
  prefix       text not null unique,
  secret_hash  text not null unique,   -- hex SHA-256 of the whole presented key
  last4        text not null,
  scopes       text[] not null default '{*}',
  created_at   timestamptz not null,
  created_by   text not null,
  expires_at   timestamptz,
  revoked_at   timestamptz
);
create index api_key_tenant on app.api_key (tenant_id);

create table app.audit_chain_head (
  tenant_id  uuid primary key references app.tenant (tenant_id),
  last_seq   bigint not null,
  last_hash  text not null
);

create table app.audit_event (
  tenant_id     uuid not null references app.tenant (tenant_id),
  seq           bigint not null,
  event_type    text not null,
  entity_type   text not null,
  entity_id     text not null,
  actor         text not null,
  request_id    text,
  payload       jsonb not null,
  previous_hash text not null,
  event_hash    text not null,
  created_at    timestamptz not null,
  primary key (tenant_id, seq)
);
create trigger audit_event_append_only before update or delete on app.audit_event
  for each row execute function app.reject_change();
create trigger audit_event_no_truncate before truncate on app.audit_event
  for each statement execute function app.reject_change();

create table app.consent_purpose (
  id          uuid primary key,
  tenant_id   uuid not null references app.tenant (tenant_id),
  purpose_key text not null,
  name        text not null,
  description text,
  version     integer not null,
  created_at  timestamptz not null,
  updated_at  timestamptz not null,
  unique (tenant_id, purpose_key)
);

create table app.consent_event (
  id              uuid primary key,
  tenant_id       uuid not null references app.tenant (tenant_id),
  subject_id      text not null,
  purpose_id      uuid not null references app.consent_purpose (id),
  purpose_version integer not null,
  decision        text not null check (decision in ('GRANTED', 'WITHDRAWN')),
  source          text not null,
  actor           text not null,
  request_id      text,
  recorded_at     timestamptz not null
);
create index consent_event_subject on app.consent_event (tenant_id, subject_id, recorded_at);
create trigger consent_event_append_only before update or delete on app.consent_event
  for each row execute function app.reject_change();
create trigger consent_event_no_truncate before truncate on app.consent_event
  for each statement execute function app.reject_change();

create table app.consent_state (
  tenant_id       uuid not null references app.tenant (tenant_id),
  subject_id      text not null,
  purpose_id      uuid not null references app.consent_purpose (id),
  decision        text not null check (decision in ('GRANTED', 'WITHDRAWN')),
  purpose_version integer not null,
  last_event_id   uuid not null references app.consent_event (id),
  recorded_at     timestamptz not null,
  primary key (tenant_id, subject_id, purpose_id)
);

create table app.dsar_request (
  id                  uuid primary key,
  tenant_id           uuid not null references app.tenant (tenant_id),
  request_type        text not null,
  jurisdiction        text not null,
  subject_id          text not null,
  received_at         timestamptz not null,
  due_at              timestamptz not null,
  warning_at          timestamptz not null,
  status              text not null,
  process_instance_id text,
  created_at          timestamptz not null
);
create index dsar_request_tenant on app.dsar_request (tenant_id, received_at);

-- Privileges of the application role: no ownership, no UPDATE/DELETE on the append-only tables.
grant select, insert on app.tenant to custodia_app;
grant select, insert, update on app.api_key to custodia_app;
grant select, insert, update on app.audit_chain_head to custodia_app;
grant select, insert on app.audit_event to custodia_app;
grant select, insert, update on app.consent_purpose to custodia_app;
grant select, insert on app.consent_event to custodia_app;
grant select, insert, update, delete on app.consent_state to custodia_app;
grant select, insert, update on app.dsar_request to custodia_app;

-- Row-level security on every table holding tenant data, enforced for the owner too.
do $$
declare t record;
begin
  for t in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
           join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
           where n.nspname = 'app' and c.relkind = 'r'
  loop
    execute format('alter table app.%I enable row level security', t.relname);
    execute format('alter table app.%I force row level security', t.relname);
    execute format($p$create policy tenant_isolation on app.%I
      using (tenant_id = nullif(current_setting('app.current_tenant_id', true), '')::uuid)
      with check (tenant_id = nullif(current_setting('app.current_tenant_id', true), '')::uuid)$p$, t.relname);
  end loop;
end
$$;

-- Finding the caller happens before a tenant is bound: one narrow SECURITY DEFINER function returns
-- the fields needed for one key hash. Only the owner (whose function this is) may read across tenants.
create policy api_key_resolution on app.api_key for select to custodia_owner using (true);

create function app.resolve_api_key(p_secret_hash text)
returns table (key_id uuid, tenant_id uuid, prefix text, scopes text[], expires_at timestamptz, revoked_at timestamptz)
language sql stable security definer
set search_path = pg_catalog, app
as $$
  select k.id, k.tenant_id, k.prefix, k.scopes, k.expires_at, k.revoked_at
  from app.api_key k where k.secret_hash = p_secret_hash
$$;
revoke all on function app.resolve_api_key(text) from public;
grant execute on function app.resolve_api_key(text) to custodia_app;
