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
