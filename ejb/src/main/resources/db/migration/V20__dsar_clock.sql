-- The DSAR clock (issue 12, items 5 and 7): request types as the laws name them, the facts a deadline moves by
-- (one extension, pauses), the dates the timers fire at, and the tenant's settings for both.

-- Stored rows are rewritten below as the owner, whom row-level security would otherwise show no tenant's rows.
alter table app.dsar_request no force row level security;
alter table app.tenant_calendar no force row level security;

-- Request types renamed to the laws' words (GDPR Art. 16 rectification; US state laws' opt-out of sale/sharing).
update app.dsar_request set request_type = 'RECTIFICATION' where request_type = 'CORRECTION';
update app.dsar_request set request_type = 'OPT_OUT_OF_SALE_OR_SHARING' where request_type = 'OPT_OUT';

-- The last day in the controller's zone, the escalation, and the acknowledgement the law asks for (CCPA).
alter table app.dsar_request
  add column last_day date,
  add column escalate_at timestamptz,
  add column acknowledge_by timestamptz;
update app.dsar_request r set
  last_day = (r.due_at at time zone coalesce((select c.time_zone from app.tenant_calendar c where c.tenant_id = r.tenant_id), 'UTC'))::date,
  escalate_at = r.due_at + interval '2 days';
alter table app.dsar_request force row level security;
alter table app.tenant_calendar force row level security;

-- One extension per request (the primary key says so): why, when the subject was told, who decided, the move.
create table app.dsar_extension (
  dsar_id        uuid primary key references app.dsar_request (id),
  tenant_id      uuid not null references app.tenant (tenant_id),
  reason         text not null check (length(reason) between 1 and 2000),
  notice_sent_at timestamptz not null,
  decided_by     text not null,
  decided_at     timestamptz not null,
  due_before     timestamptz not null,
  due_after      timestamptz not null
);
grant select, insert on app.dsar_extension to custodia_app;
select app.isolate_tenant_table('app.dsar_extension');

-- The times the clock stood still: from the day the controller asked until the day the information arrived.
create table app.dsar_pause (
  id          uuid primary key,
  tenant_id   uuid not null references app.tenant (tenant_id),
  dsar_id     uuid not null references app.dsar_request (id),
  asked_on    date not null,
  arrived_on  date not null check (arrived_on >= asked_on),
  recorded_by text not null,
  recorded_at timestamptz not null,
  due_before  timestamptz not null,
  due_after   timestamptz not null
);
create index dsar_pause_request on app.dsar_pause (dsar_id, asked_on);
grant select, insert on app.dsar_pause to custodia_app;
select app.isolate_tenant_table('app.dsar_pause');

-- V17's subdivision check was false, not null, for a calendar with neither country nor subdivision
-- (null and false), so a tenant could not state a time zone alone: a subdivision still needs a country.
alter table app.tenant_calendar drop constraint tenant_calendar_check;
alter table app.tenant_calendar add constraint tenant_calendar_subdivision_needs_country
  check (subdivision is null or (subdivision ~ '^[A-Z0-9]{1,3}$' and country is not null));

-- The controller's choices the deadline rules leave to it: India's published period (DPDP Rules 2025, Rule 14:
-- at most 90 days) and stopping the clock where the law is silent (EU GDPR; off unless chosen).
alter table app.tenant_calendar
  add column published_response_days integer not null default 90 check (published_response_days between 1 and 90),
  add column stop_the_clock_where_law_is_silent boolean not null default false;

-- Service levels per process and request type ('*': every type without a row): warning lead and escalation
-- delay as ISO-8601 durations, as the tenant gave them.
create table app.sla_timing (
  tenant_id        uuid not null references app.tenant (tenant_id),
  process          text not null check (length(process) between 1 and 64),
  request_type     text not null check (length(request_type) between 1 and 64),
  warning_before   text not null check (length(warning_before) between 2 and 64),
  escalation_after text not null check (length(escalation_after) between 2 and 64),
  updated_at       timestamptz not null,
  primary key (tenant_id, process, request_type)
);
grant select, insert, update, delete on app.sla_timing to custodia_app;
select app.isolate_tenant_table('app.sla_timing');
