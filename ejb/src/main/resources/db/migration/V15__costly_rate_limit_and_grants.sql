-- A tenant's own budget for costly operations (chain verification, exports, summaries, report
-- verification); null means the installation's default.
alter table app.tenant_rate_limit add column costly_per_minute integer check (costly_per_minute > 0);

-- Unused by the application: bearer tokens find their user with a tenant-bound query (SsoUsers.provision)
-- once the issuer fixed the tenant, so this SECURITY DEFINER lookup needs no grant; and CORS preflights
-- no longer ask whether some tenant allows an origin (that answer told anyone which origins tenants use).
revoke execute on function app.resolve_oidc_user(uuid, text, text) from custodia_app;
revoke execute on function app.cors_origin_known(text) from custodia_app;
