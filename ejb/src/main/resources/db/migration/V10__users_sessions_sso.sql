-- People: local accounts and single sign-on users, their sessions and single-use tokens; tenant
-- custom roles; per-tenant security settings (MFA enforcement, CORS allowlist) and OIDC issuers;
-- an outbox for mail, so a message written with a change is sent even if SMTP is down at commit.

-- ---- tenant custom roles (lower-case names; built-in roles are upper-case, so they never clash) ----
create table app.tenant_role (
  tenant_id   uuid not null references app.tenant (tenant_id),
  name        text not null check (name ~ '^[a-z][a-z0-9_-]{1,39}$'),
  description text not null check (length(description) <= 500),
  created_at  timestamptz not null,
  primary key (tenant_id, name)
);
create table app.tenant_role_permission (
  tenant_id  uuid not null,
  role       text not null,
  permission text not null references app.permission (key),
  primary key (tenant_id, role, permission),
  foreign key (tenant_id, role) references app.tenant_role (tenant_id, name) on delete cascade
);
grant select, insert, update, delete on app.tenant_role, app.tenant_role_permission to custodia_app;
select app.isolate_tenant_table('app.tenant_role');
select app.isolate_tenant_table('app.tenant_role_permission');
create policy role_resolution on app.tenant_role_permission for select to custodia_owner using (true);

-- A key or user holds a built-in role or one of its tenant's custom roles: no single foreign key fits.
alter table app.api_key drop constraint api_key_role_fkey;

-- The permissions of a role as one tenant defines it (built-in roles are the same everywhere).
create function app.role_permissions(p_tenant uuid, p_role text) returns text[]
language sql stable security definer
set search_path = pg_catalog, app
as $$
  select coalesce(array_agg(permission order by permission), '{}') from (
    select rp.permission from app.role_permission rp where rp.role = p_role
    union
    select tp.permission from app.tenant_role_permission tp where tp.tenant_id = p_tenant and tp.role = p_role
  ) p
$$;
revoke all on function app.role_permissions(uuid, text) from public;

drop function app.resolve_api_key(text);
create function app.resolve_api_key(p_secret_hash text)
returns table (key_id uuid, tenant_id uuid, prefix text, role text, permissions text[], expires_at timestamptz,
               revoked_at timestamptz)
language sql stable security definer
set search_path = pg_catalog, app
as $$
  select k.id, k.tenant_id, k.prefix, k.role, app.role_permissions(k.tenant_id, k.role), k.expires_at, k.revoked_at
  from app.api_key k where k.secret_hash = p_secret_hash
$$;
revoke all on function app.resolve_api_key(text) from public;
grant execute on function app.resolve_api_key(text) to custodia_app;

-- ---- per-tenant security settings ----
create table app.tenant_security (
  tenant_id    uuid primary key references app.tenant (tenant_id),
  mfa_required boolean not null default false,
  cors_origins text not null default '[]' check (cors_origins::jsonb is not null and jsonb_typeof(cors_origins::jsonb) = 'array'),
  updated_at   timestamptz not null
);
grant select, insert, update on app.tenant_security to custodia_app;
select app.isolate_tenant_table('app.tenant_security');
create policy cors_preflight on app.tenant_security for select to custodia_owner using (true);

-- A CORS preflight carries no credentials, so no tenant: it may proceed when some tenant allows the
-- origin; the response to the real request carries Access-Control-Allow-Origin only for the caller's tenant.
create function app.cors_origin_known(p_origin text) returns boolean
language sql stable security definer
set search_path = pg_catalog, app
as $$ select exists (select 1 from app.tenant_security s where s.cors_origins::jsonb ? p_origin) $$;
revoke all on function app.cors_origin_known(text) from public;
grant execute on function app.cors_origin_known(text) to custodia_app;

-- ---- per-tenant OpenID Connect issuer ----
create table app.tenant_oidc (
  tenant_id            uuid primary key references app.tenant (tenant_id),
  issuer               text not null check (issuer ~ '^https?://'),
  client_id            text not null,
  client_secret_sealed bytea,               -- envelope-encrypted; null for a public client (PKCE only)
  audience             text not null,       -- the aud bearer tokens must carry (often the client id)
  role_claim           text not null,
  role_mapping         text not null check (role_mapping::jsonb is not null and jsonb_typeof(role_mapping::jsonb) = 'object'),
  default_role         text,
  scopes               text not null default 'openid email profile',
  updated_at           timestamptz not null
);
create index tenant_oidc_issuer on app.tenant_oidc (issuer);
grant select, insert, update, delete on app.tenant_oidc to custodia_app;
select app.isolate_tenant_table('app.tenant_oidc');
create policy issuer_resolution on app.tenant_oidc for select to custodia_owner using (true);

-- A bearer token names its issuer and audience, not its tenant: find the tenant that trusts both.
create function app.resolve_oidc_issuer(p_issuer text, p_audiences text[])
returns table (tenant_id uuid)
language sql stable security definer
set search_path = pg_catalog, app
as $$ select o.tenant_id from app.tenant_oidc o where o.issuer = p_issuer and o.audience = any (p_audiences) $$;
revoke all on function app.resolve_oidc_issuer(text, text[]) from public;
grant execute on function app.resolve_oidc_issuer(text, text[]) to custodia_app;

-- ---- users ----
create table app.app_user (
  id                uuid primary key,
  tenant_id         uuid not null references app.tenant (tenant_id),
  email             text not null check (email = lower(email) and length(email) <= 254),
  display_name      text check (length(display_name) <= 200),
  role              text not null,
  status            text not null check (status in ('INVITED', 'ACTIVE', 'DISABLED')),
  password_hash     text,                  -- Argon2id (PHC string); null for SSO-only and invited users
  email_verified_at timestamptz,
  failed_logins     integer not null default 0,
  locked_until      timestamptz,
  totp_secret       bytea,                 -- envelope-encrypted
  totp_enabled_at   timestamptz,
  totp_last_step    bigint,                -- a code is accepted once
  oidc_issuer       text,
  oidc_subject      text,
  created_at        timestamptz not null,
  last_login_at     timestamptz,
  unique (tenant_id, email)
);
create unique index app_user_oidc_subject on app.app_user (tenant_id, oidc_issuer, oidc_subject) where oidc_subject is not null;
grant select, insert, update on app.app_user to custodia_app;
select app.isolate_tenant_table('app.app_user');
create policy session_resolution on app.app_user for select to custodia_owner using (true);

create table app.user_recovery_code (
  tenant_id  uuid not null references app.tenant (tenant_id),
  user_id    uuid not null references app.app_user (id),
  code_hash  text not null,
  used_at    timestamptz,
  primary key (user_id, code_hash)
);
grant select, insert, update, delete on app.user_recovery_code to custodia_app;
select app.isolate_tenant_table('app.user_recovery_code');

-- Single-use tokens sent by mail: invitation (7 days), password reset (1 hour), email verification (24 hours).
create table app.user_token (
  token_hash text primary key,
  tenant_id  uuid not null references app.tenant (tenant_id),
  user_id    uuid not null references app.app_user (id),
  purpose    text not null check (purpose in ('INVITATION', 'PASSWORD_RESET', 'EMAIL_VERIFICATION')),
  new_email  text,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at    timestamptz
);
create index user_token_user on app.user_token (user_id);
grant select, insert, update on app.user_token to custodia_app;
select app.isolate_tenant_table('app.user_token');
create policy token_resolution on app.user_token for select to custodia_owner using (true);

-- A token link carries no tenant: the hash finds it.
create function app.resolve_user_token(p_token_hash text) returns uuid
language sql stable security definer
set search_path = pg_catalog, app
as $$ select t.tenant_id from app.user_token t where t.token_hash = p_token_hash $$;
revoke all on function app.resolve_user_token(text) from public;
grant execute on function app.resolve_user_token(text) to custodia_app;

-- Console sessions (cookie); the cookie holds a random token, the table its SHA-256.
create table app.user_session (
  id                   uuid primary key,
  tenant_id            uuid not null references app.tenant (tenant_id),
  user_id              uuid not null references app.app_user (id),
  token_hash           text not null unique,
  method               text not null check (method in ('PASSWORD', 'OIDC')),
  mfa_satisfied        boolean not null,
  created_at           timestamptz not null,
  expires_at           timestamptz not null,
  revoked_at           timestamptz,
  oidc_refresh_sealed  bytea,              -- envelope-encrypted refresh token
  oidc_id_token_sealed bytea               -- for the provider's logout (id_token_hint)
);
create index user_session_user on app.user_session (user_id);
grant select, insert, update on app.user_session to custodia_app;
select app.isolate_tenant_table('app.user_session');
create policy session_resolution on app.user_session for select to custodia_owner using (true);

create function app.resolve_session(p_token_hash text)
returns table (session_id uuid, tenant_id uuid, user_id uuid, role text, permissions text[], expires_at timestamptz,
               revoked_at timestamptz, mfa_satisfied boolean, user_status text)
language sql stable security definer
set search_path = pg_catalog, app
as $$
  select s.id, s.tenant_id, s.user_id, u.role, app.role_permissions(s.tenant_id, u.role), s.expires_at, s.revoked_at,
         s.mfa_satisfied, u.status
  from app.user_session s join app.app_user u on u.id = s.user_id
  where s.token_hash = p_token_hash
$$;
revoke all on function app.resolve_session(text) from public;
grant execute on function app.resolve_session(text) to custodia_app;

-- Bearer tokens from a tenant's issuer: the permissions of the provisioned user's role.
create function app.resolve_oidc_user(p_tenant uuid, p_issuer text, p_subject text)
returns table (user_id uuid, role text, permissions text[], user_status text)
language sql stable security definer
set search_path = pg_catalog, app
as $$
  select u.id, u.role, app.role_permissions(u.tenant_id, u.role), u.status
  from app.app_user u where u.tenant_id = p_tenant and u.oidc_issuer = p_issuer and u.oidc_subject = p_subject
$$;
revoke all on function app.resolve_oidc_user(uuid, text, text) from public;
grant execute on function app.resolve_oidc_user(uuid, text, text) to custodia_app;

-- Authorization-code logins in flight: state → PKCE verifier and nonce, for ten minutes.
create table app.oidc_login (
  state_hash    text primary key,
  tenant_id     uuid not null references app.tenant (tenant_id),
  code_verifier bytea not null,            -- envelope-encrypted
  nonce         text not null,
  return_to     text not null,
  created_at    timestamptz not null,
  expires_at    timestamptz not null,
  used_at       timestamptz
);
grant select, insert, update on app.oidc_login to custodia_app;
select app.isolate_tenant_table('app.oidc_login');

-- ---- mail outbox ----
create table app.mail_outbox (
  id          uuid primary key,
  tenant_id   uuid not null references app.tenant (tenant_id),
  recipient   bytea not null,              -- envelope-encrypted, like the body: links in mail are secrets
  subject     text not null,
  body        bytea not null,
  created_at  timestamptz not null,
  sent_at     timestamptz,
  attempts    integer not null default 0,
  next_try_at timestamptz not null,
  last_error  text
);
create index mail_outbox_due on app.mail_outbox (next_try_at) where sent_at is null;
grant select, insert, update on app.mail_outbox to custodia_app;
select app.isolate_tenant_table('app.mail_outbox');

-- Sign-in forms and SSO links name the tenant by its slug, before any tenant is bound.
create function app.resolve_tenant_slug(p_slug text) returns uuid
language sql stable security definer
set search_path = pg_catalog, app
as $$ select t.tenant_id from app.tenant t where t.slug = p_slug $$;
revoke all on function app.resolve_tenant_slug(text) from public;
grant execute on function app.resolve_tenant_slug(text) to custodia_app;
