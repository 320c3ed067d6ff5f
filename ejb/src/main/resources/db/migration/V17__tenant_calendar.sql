-- The controller's calendar: where a tenant's legal deadlines are counted (time zone for "end of the day",
-- country and subdivision for public holidays). One row per tenant; none means UTC and no holidays.
create table app.tenant_calendar (
  tenant_id   uuid primary key references app.tenant (tenant_id),
  time_zone   text not null check (length(time_zone) between 1 and 64),
  country     text check (country ~ '^[A-Z]{2}$'),
  subdivision text check (subdivision ~ '^[A-Z0-9]{1,3}$' and country is not null),
  updated_at  timestamptz not null
);
grant select, insert, update on app.tenant_calendar to custodia_app;
select app.isolate_tenant_table('app.tenant_calendar');
