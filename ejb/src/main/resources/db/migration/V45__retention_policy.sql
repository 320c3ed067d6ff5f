-- The tenant's retention policies (GDPR Art. 5(1)(e), Art. 30(1)(f)): how long a kind of record is kept, counted from
-- which event, and what happens then. Register entries link a data category's retention to a policy by its key.
-- Rows are updated in place (the audit chain keeps each change with the terms before it) and never deleted.
create table app.retention_policy (
  id              uuid primary key,
  tenant_id       uuid not null references app.tenant (tenant_id),
  key             text not null check (key ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
  name            text not null check (length(name) between 1 and 200),
  -- as RetentionPeriods accepts it: years, months, days, not all zero
  period          text not null check (period ~ '^P([0-9]{1,4}Y)?([0-9]{1,4}M)?([0-9]{1,5}D)?$' and period ~ '[1-9]'),
  starts_at       text not null check (starts_at in ('COLLECTION', 'LAST_ACTIVITY', 'END_OF_RELATIONSHIP', 'CASE_CLOSED',
                                                     'CONSENT_WITHDRAWN', 'END_OF_YEAR')),
  action          text not null check (action in ('ERASE', 'ANONYMISE', 'REVIEW')),
  legal_reference text check (length(legal_reference) <= 500),
  description     text check (length(description) <= 4000),
  created_at      timestamptz not null,
  updated_at      timestamptz not null,
  -- a removed policy keeps its row and its key: older register versions name it, so the key never means other terms
  removed_at      timestamptz,
  unique (tenant_id, key)
);
grant select, insert, update on app.retention_policy to custodia_app;
select app.isolate_tenant_table('app.retention_policy');
