-- Issue 12 review: an ADMIN takes back a review held by someone who left. task:reassign lets a holder of a
-- process's permission see, release and delegate that process's tasks though no candidate (never from or to
-- someone with permissions beyond its own); claiming and completing stay with candidates.
insert into app.permission (key, module, action, description) values
  ('task:reassign', 'task', 'reassign', 'Release or hand over any task of a process whose permission one holds, from and to no one above oneself');
insert into app.role_permission values ('ADMIN', 'task:reassign');

-- The language a tenant's mail is written in when its reader has none (reviewers, invitations): one row or none
-- (English). Checked by the application against the languages the templates exist in.
create table app.tenant_mail_setting (
  tenant_id        uuid primary key references app.tenant (tenant_id),
  default_language text not null check (default_language ~ '^[a-z]{2,3}$'),
  updated_at       timestamptz not null
);
grant select, insert, update, delete on app.tenant_mail_setting to custodia_app;
select app.isolate_tenant_table('app.tenant_mail_setting');
