-- Account hardening (issue 10): idempotency records per caller and without secrets; sign-in failures
-- counted per address (known or not) outside the audit chain; session idle and absolute limits; undoing
-- an email change.

-- ---- Idempotency-Key records belong to the caller (API key or user) that sent them ----
alter table app.idempotency_key rename column api_key_id to caller_id;
alter table app.idempotency_key drop constraint idempotency_key_pkey;
alter table app.idempotency_key add primary key (tenant_id, caller_id, key);
-- a secret-bearing response is never stored: only that the request succeeded (a replay answers 409)
alter table app.idempotency_key add column secret_withheld boolean not null default false;
-- responses stored before this migration may hold API key secrets, TOTP seeds or recovery codes
delete from app.idempotency_key
where response_body ~ '"key"\s*:\s*"cus_' or response_body ~ '"(secret|otpauthUri|recoveryCodes|password)"\s*:';

-- ---- Sign-in failures per (tenant, address): the back-off counter and the not yet summarised log ----
-- One row per address tried, whether or not a user has it, so an unknown address backs off like a
-- known one. The address is kept only as a SHA-256 of tenant and normalised address. Failures reach
-- the audit chain as a periodic per-tenant summary, never synchronously from unauthenticated traffic.
create table app.sign_in_failure (
  tenant_id        uuid not null references app.tenant (tenant_id),
  address_hash     text not null check (length(address_hash) = 64),
  user_id          uuid,                  -- the account at this address at the last failure, if any
  failures         integer not null default 0,  -- consecutive; a successful sign-in or a reset clears them
  locked_until     timestamptz,
  pending_failures integer not null default 0,  -- not yet in an auth.failed_signins_summary event
  pending_refusals integer not null default 0,  -- attempts refused while backing off, not yet summarised
  last_failure_at  timestamptz not null,
  primary key (tenant_id, address_hash)
);
create index sign_in_failure_pending on app.sign_in_failure (tenant_id) where pending_failures > 0 or pending_refusals > 0;
grant select, insert, update, delete on app.sign_in_failure to custodia_app;
select app.isolate_tenant_table('app.sign_in_failure');

-- the counter lives in app.sign_in_failure now (it was lost under concurrent failures here)
alter table app.app_user drop column failed_logins, drop column locked_until;

-- ---- Sessions: an idle limit per tenant and an absolute limit from sign-in ----
alter table app.tenant_security add column session_idle_minutes integer not null default 30
  check (session_idle_minutes between 5 and 480);
alter table app.user_session add column last_seen_at timestamptz;

drop function app.resolve_session(text);
create function app.resolve_session(p_token_hash text)
returns table (session_id uuid, tenant_id uuid, user_id uuid, role text, permissions text[], expires_at timestamptz,
               revoked_at timestamptz, mfa_satisfied boolean, user_status text, created_at timestamptz,
               last_seen_at timestamptz, idle_minutes integer)
language sql stable security definer
set search_path = pg_catalog, app
as $$
  select s.id, s.tenant_id, s.user_id, u.role, app.role_permissions(s.tenant_id, u.role), s.expires_at, s.revoked_at,
         s.mfa_satisfied, u.status, s.created_at, coalesce(s.last_seen_at, s.created_at),
         coalesce((select ts.session_idle_minutes from app.tenant_security ts where ts.tenant_id = s.tenant_id), 30)
  from app.user_session s join app.app_user u on u.id = s.user_id
  where s.token_hash = p_token_hash
$$;
revoke all on function app.resolve_session(text) from public;
grant execute on function app.resolve_session(text) to custodia_app;

-- ---- Email change: the old address gets a single-use link that undoes it (new_email holds the old address) ----
alter table app.user_token drop constraint user_token_purpose_check;
alter table app.user_token add constraint user_token_purpose_check
  check (purpose in ('INVITATION', 'PASSWORD_RESET', 'EMAIL_VERIFICATION', 'EMAIL_CHANGE_UNDO'));
