-- The risk register (ISO 31000 process, 5 × 5 matrix): each risk rated before (inherent) and after (residual) its
-- treatment, linked to processing activities, treated by plans with owners and due dates. The tenant's bands say
-- which scores are low, medium, high (or its own names).

create table app.risk_settings (
  tenant_id  uuid primary key references app.tenant (tenant_id),
  bands      text not null check (jsonb_typeof(bands::jsonb) = 'array'),
  updated_at timestamptz not null
);
grant select, insert, update on app.risk_settings to custodia_app;
select app.isolate_tenant_table('app.risk_settings');

create table app.risk (
  id                  uuid primary key,
  tenant_id           uuid not null references app.tenant (tenant_id),
  reference           text not null check (reference ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
  title               text not null check (length(title) between 1 and 300),
  description         text check (length(description) <= 4000),
  category            text check (length(category) <= 100),
  owner_id            uuid references app.app_user (id) on delete set null,
  inherent_likelihood integer not null check (inherent_likelihood between 1 and 5),
  inherent_impact     integer not null check (inherent_impact between 1 and 5),
  residual_likelihood integer check (residual_likelihood between 1 and 5),
  residual_impact     integer check (residual_impact between 1 and 5),
  status              text not null check (status in ('OPEN', 'TREATED', 'ACCEPTED', 'CLOSED')),
  source              text not null check (length(source) between 1 and 100),
  incident_refs       text not null default '[]' check (jsonb_typeof(incident_refs::jsonb) = 'array'),
  created_at          timestamptz not null,
  updated_at          timestamptz not null,
  unique (tenant_id, reference),
  check ((residual_likelihood is null) = (residual_impact is null))
);
grant select, insert, update, delete on app.risk to custodia_app;
select app.isolate_tenant_table('app.risk');

-- which processing activities a risk concerns
create table app.risk_activity (
  tenant_id   uuid not null references app.tenant (tenant_id),
  risk_id     uuid not null references app.risk (id) on delete cascade,
  activity_id uuid not null references app.processing_activity (id) on delete cascade,
  primary key (risk_id, activity_id)
);
create index risk_activity_by_activity on app.risk_activity (activity_id);
grant select, insert, delete on app.risk_activity to custodia_app;
select app.isolate_tenant_table('app.risk_activity');

create table app.risk_treatment (
  id           uuid primary key,
  tenant_id    uuid not null references app.tenant (tenant_id),
  risk_id      uuid not null references app.risk (id) on delete cascade,
  strategy     text not null check (strategy in ('MITIGATE', 'ACCEPT', 'TRANSFER', 'AVOID')),
  description  text not null check (length(description) between 1 and 4000),
  owner_id     uuid references app.app_user (id) on delete set null,
  due_date     date,
  status       text not null check (status in ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
  -- the due date the owner was last reminded of, and told was missed (one mail each per date)
  reminded_for date,
  overdue_for  date,
  created_at   timestamptz not null,
  updated_at   timestamptz not null
);
create index risk_treatment_due on app.risk_treatment (due_date) where due_date is not null and status in ('PLANNED', 'IN_PROGRESS');
grant select, insert, update, delete on app.risk_treatment to custodia_app;
select app.isolate_tenant_table('app.risk_treatment');
