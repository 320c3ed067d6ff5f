-- What consent receipts state beyond the ledger: whether a purpose discloses personal data to third
-- parties (Kantara thirdPartyDisclosure), and the jurisdiction the tenant as controller works under.
alter table app.consent_purpose add column third_party_disclosure boolean not null default false;

create table app.tenant_privacy (
  tenant_id    uuid primary key references app.tenant (tenant_id),
  jurisdiction text not null default '' check (length(jurisdiction) <= 100),
  updated_at   timestamptz not null
);
grant select, insert, update on app.tenant_privacy to custodia_app;
select app.isolate_tenant_table('app.tenant_privacy');
