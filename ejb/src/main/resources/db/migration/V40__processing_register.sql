-- The record of processing activities (GDPR Art. 30): the systems personal data lives in, and the activities, each
-- a controller's (Art. 30(1)) or a processor's (Art. 30(2)) record with every version kept.

create table app.processing_system (
  id              uuid primary key,
  tenant_id       uuid not null references app.tenant (tenant_id),
  name            text not null check (length(name) between 1 and 200),
  description     text check (length(description) <= 4000),
  hosting_country text check (hosting_country ~ '^[A-Z]{2}$'),
  created_at      timestamptz not null,
  updated_at      timestamptz not null,
  unique (tenant_id, name)
);
grant select, insert, update, delete on app.processing_system to custodia_app;
select app.isolate_tenant_table('app.processing_system');

-- content: the activity as JSON (description, the Art. 30 record, systems and data flows), the current version's;
-- name, role and the gap count are copied out of it for lists and filters.
create table app.processing_activity (
  id               uuid primary key,
  tenant_id        uuid not null references app.tenant (tenant_id),
  reference        text not null check (reference ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
  name             text not null check (length(name) between 1 and 300),
  role             text not null check (role in ('CONTROLLER', 'PROCESSOR')),
  status           text not null check (status in ('DRAFT', 'IN_REVIEW', 'APPROVED')),
  version          integer not null check (version >= 1),
  content          text not null check (jsonb_typeof(content::jsonb) = 'object'),
  gaps             integer not null check (gaps >= 0),
  owner_id         uuid references app.app_user (id) on delete set null,
  review_due       date,
  -- the review date the owner was last reminded of, and told was missed (one mail each per date)
  reminded_for     date,
  overdue_for      date,
  review_process   text,
  approved_version integer,
  approved_by      text,
  approved_at      timestamptz,
  created_at       timestamptz not null,
  updated_at       timestamptz not null,
  unique (tenant_id, reference)
);
create index processing_activity_review on app.processing_activity (review_due) where review_due is not null;
grant select, insert, update, delete on app.processing_activity to custodia_app;
select app.isolate_tenant_table('app.processing_activity');

-- Every version as it was saved: what a diff compares and an auditor reads back.
create table app.processing_activity_version (
  tenant_id   uuid not null references app.tenant (tenant_id),
  activity_id uuid not null references app.processing_activity (id) on delete cascade,
  version     integer not null check (version >= 1),
  content     text not null check (jsonb_typeof(content::jsonb) = 'object'),
  changed_by  text not null,
  changed_at  timestamptz not null,
  primary key (activity_id, version)
);
grant select, insert, delete on app.processing_activity_version to custodia_app;
select app.isolate_tenant_table('app.processing_activity_version');

-- Importing a register (CSV/XLSX) creates and revises activities at once: its own permission.
insert into app.permission (key, module, action, description)
values ('ropa:import', 'ropa', 'import', 'Import processing activities from CSV or XLSX');
insert into app.role_permission values ('ADMIN', 'ropa:import'), ('APPROVER', 'ropa:import');
