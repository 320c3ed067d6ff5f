-- The tenant's retention policies (GDPR Art. 5(1)(e), Art. 30(1)(f)): how long a kind of record is kept, counted from
-- which event, and what happens then. Register entries link a data category's retention to a policy by its key.
create table app.retention_policy (
  id              uuid primary key,
  tenant_id       uuid not null references app.tenant (tenant_id),
  key             text not null check (key ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
  name            text not null check (length(name) between 1 and 200),
  period          text not null check (period ~ '^P([0-9]+Y)?([0-9]+M)?([0-9]+D)?$' and period <> 'P'),
  starts_at       text not null check (starts_at in ('COLLECTION', 'LAST_ACTIVITY', 'END_OF_RELATIONSHIP', 'CASE_CLOSED',
                                                     'CONSENT_WITHDRAWN', 'END_OF_YEAR')),
  action          text not null check (action in ('ERASE', 'ANONYMISE', 'REVIEW')),
  legal_reference text check (length(legal_reference) <= 500),
  description     text check (length(description) <= 4000),
  created_at      timestamptz not null,
  updated_at      timestamptz not null,
  unique (tenant_id, key)
);
grant select, insert, update, delete on app.retention_policy to custodia_app;
select app.isolate_tenant_table('app.retention_policy');
