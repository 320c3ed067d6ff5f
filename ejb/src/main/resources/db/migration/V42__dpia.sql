-- Data protection impact assessments (GDPR Art. 35): each of one processing activity, screened (WP248's nine criteria,
-- the Art. 35(3) cases, the controller's reasoning when it concludes none is needed), answered against a questionnaire
-- template the tenant versions, with the risks it finds in the risk register, and the DPO's opinion and sign-off.

create table app.dpia_template (
  id           uuid primary key,
  tenant_id    uuid not null references app.tenant (tenant_id),
  template_key text not null check (template_key ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  version      integer not null check (version >= 1),
  title        text not null check (length(title) between 1 and 300),
  questions    text not null check (jsonb_typeof(questions::jsonb) = 'array'),
  created_at   timestamptz not null,
  created_by   text not null,
  unique (tenant_id, template_key, version)
);
grant select, insert on app.dpia_template to custodia_app;
select app.isolate_tenant_table('app.dpia_template');

create table app.dpia (
  id                  uuid primary key,
  tenant_id           uuid not null references app.tenant (tenant_id),
  reference           text not null check (reference ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
  activity_id         uuid not null references app.processing_activity (id),
  title               text not null check (length(title) between 1 and 300),
  status              text not null check (status in ('NOT_REQUIRED', 'IN_PROGRESS', 'IN_REVIEW', 'APPROVED')),
  criteria            text not null check (jsonb_typeof(criteria::jsonb) = 'array'),
  article35_cases     text not null check (jsonb_typeof(article35_cases::jsonb) = 'array'),
  screening_reasoning text check (length(screening_reasoning) <= 8000),
  screening_outcome   text not null check (screening_outcome in ('REQUIRED', 'NOT_REQUIRED_WITH_REASONING', 'NOT_REQUIRED')),
  screening_because   text not null,
  template_key        text not null,
  template_version    integer not null,
  answers             text not null check (jsonb_typeof(answers::jsonb) = 'object'),
  owner_id            uuid references app.app_user (id) on delete set null,
  review_due          date,
  reminded_for        date,
  overdue_for         date,
  review_process      text,
  dpo_decision        text check (dpo_decision in ('APPROVE', 'REJECT', 'REQUEST_CHANGES')),
  dpo_opinion         text,
  decided_by          text,
  decided_at          timestamptz,
  created_at          timestamptz not null,
  updated_at          timestamptz not null,
  unique (tenant_id, reference)
);
create index dpia_by_activity on app.dpia (activity_id);
grant select, insert, update, delete on app.dpia to custodia_app;
select app.isolate_tenant_table('app.dpia');

-- risks a DPIA found
alter table app.risk add column dpia_id uuid references app.dpia (id) on delete set null;
create index risk_by_dpia on app.risk (dpia_id) where dpia_id is not null;
