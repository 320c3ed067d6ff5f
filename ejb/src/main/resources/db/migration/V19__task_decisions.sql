-- The task API (issue 12): decisions on completed user tasks of any process, and the permissions to see and
-- work tasks. Which tasks a caller may see is still decided per process (dsar:approve for DSAR reviews) and
-- by candidacy; these two only open the endpoints.
create table app.task_decision (
  id                  uuid primary key,
  tenant_id           uuid not null references app.tenant (tenant_id),
  task_id             text not null check (length(task_id) between 1 and 64),
  process_instance_id text not null check (length(process_instance_id) between 1 and 64),
  process_key         text not null check (length(process_key) between 1 and 255),
  business_key        text check (length(business_key) <= 255),
  decision            text not null check (decision in ('APPROVE', 'REJECT', 'REQUEST_CHANGES')),
  reason              text check (length(reason) between 1 and 2000),
  comment             text check (length(comment) between 1 and 4000),
  decided_by          text not null check (length(decided_by) between 1 and 200),
  decided_at          timestamptz not null,
  unique (tenant_id, task_id),
  check (decision <> 'REJECT' or reason is not null),
  check (decision <> 'REQUEST_CHANGES' or comment is not null)
);
create index task_decision_business_key on app.task_decision (tenant_id, process_key, business_key);
-- append-only: a decision is never changed or removed
grant select, insert on app.task_decision to custodia_app;
select app.isolate_tenant_table('app.task_decision');

insert into app.permission (key, module, action, description) values
  ('task:view', 'task', 'view', 'See the user tasks of processes whose permission one holds and for which one is a candidate or the assignee'),
  ('task:work', 'task', 'work', 'Claim, release, delegate and complete such tasks');
-- the roles that approve something in some process
insert into app.role_permission values ('ADMIN', 'task:view'), ('ADMIN', 'task:work'),
  ('MANAGER', 'task:view'), ('MANAGER', 'task:work'),
  ('APPROVER', 'task:view'), ('APPROVER', 'task:work');
