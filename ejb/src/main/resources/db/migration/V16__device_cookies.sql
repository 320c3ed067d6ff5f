-- Device cookies (OWASP "Slow down online guessing attacks with device cookies"): a browser that signed
-- in to an account before carries a random token for that account; only its SHA-256 is stored here. Such
-- a browser is not subject to the back-off its account's address shares with every unknown client, but
-- to one of its own, so an attacker who keeps the address backing off cannot lock the owner out.
create table app.user_device (
  id           uuid primary key,
  tenant_id    uuid not null references app.tenant (tenant_id),
  user_id      uuid not null references app.app_user (id),
  token_hash   text not null unique check (length(token_hash) = 64),
  created_at   timestamptz not null,
  last_used_at timestamptz not null      -- the token is replaced at every sign-in from the device
);
create index user_device_user on app.user_device (user_id, last_used_at desc);
grant select, insert, update, delete on app.user_device to custodia_app;
select app.isolate_tenant_table('app.user_device');

-- a trusted device's failures are counted in a row of their own (keyed by the device, not the address)
alter table app.sign_in_failure add column device_id uuid;
