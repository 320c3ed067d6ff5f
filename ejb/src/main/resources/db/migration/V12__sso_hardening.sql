-- Single sign-on hardening (issue 10: items 4, 7, 12).

-- (7) A bearer token finds its tenant by (issuer, audience): the pair is unique across tenants, or one
-- tenant could make another's tokens ambiguous. Where an installation already holds duplicates, the
-- first registration (oldest updated_at) keeps the pair and the later ones lose their SSO settings
-- (their tokens were already refused as ambiguous); they register a client of their own.
alter table app.tenant_oidc no force row level security;
delete from app.tenant_oidc o
where exists (select 1 from app.tenant_oidc earlier
              where earlier.issuer = o.issuer and earlier.audience = o.audience
                and (earlier.updated_at, earlier.tenant_id) < (o.updated_at, o.tenant_id));
alter table app.tenant_oidc force row level security;
drop index app.tenant_oidc_issuer;
create unique index tenant_oidc_issuer_audience on app.tenant_oidc (issuer, audience);

-- (4) Account takeover through SSO linking.
-- Changing the single sign-on settings is a permission of its own, ADMIN only (settings:update no longer covers it).
insert into app.permission (key, module, action, description) values
  ('sso:configure', 'sso', 'configure', 'Change or remove the single sign-on settings');
insert into app.role_permission (role, permission) values ('ADMIN', 'sso:configure');

-- Whether the identity provider's role mapping governs the user's role: only for users it provisioned.
-- A local account linked to an SSO identity keeps the role Custodia gave it.
alter table app.app_user add column role_from_idp boolean not null default false;
alter table app.app_user no force row level security;
update app.app_user set role_from_idp = true where oidc_subject is not null and password_hash is null;
alter table app.app_user force row level security;

-- Linking an existing account to an SSO identity waits for the owner: a single-use link (24 hours) mailed
-- to the account's address; an account with TOTP also needs a current code to confirm.
create table app.sso_link (
  token_hash   text primary key,
  tenant_id    uuid not null references app.tenant (tenant_id),
  user_id      uuid not null references app.app_user (id),
  oidc_issuer  text not null,
  oidc_subject text not null,
  created_at   timestamptz not null,
  expires_at   timestamptz not null,
  used_at      timestamptz
);
create index sso_link_user on app.sso_link (user_id);
grant select, insert, update on app.sso_link to custodia_app;
select app.isolate_tenant_table('app.sso_link');
create policy link_resolution on app.sso_link for select to custodia_owner using (true);

-- The confirmation link carries no tenant: the hash finds it.
create function app.resolve_sso_link(p_token_hash text) returns uuid
language sql stable security definer
set search_path = pg_catalog, app
as $$ select l.tenant_id from app.sso_link l where l.token_hash = p_token_hash $$;
revoke all on function app.resolve_sso_link(text) from public;
grant execute on function app.resolve_sso_link(text) to custodia_app;
