-- Permissions as data: <module>:<action>, the five built-in roles and what each may do.
-- A global catalogue (no tenant data): the application reads it, only migrations change it.

create table app.permission (
  key         text primary key check (key ~ '^[a-z_]+:[a-z_]+$'),
  module      text not null,
  action      text not null,
  description text not null
);

create table app.role (
  name        text primary key,
  description text not null
);

create table app.role_permission (
  role       text not null references app.role (name),
  permission text not null references app.permission (key),
  primary key (role, permission)
);

grant select on app.permission, app.role, app.role_permission to custodia_app;

-- every module has view/create/update/delete; some have more
insert into app.permission (key, module, action, description)
select m || ':' || a, m, a, initcap(a) || ' ' || replace(m, '_', ' ')
from unnest(array['consent', 'dsar', 'erasure', 'legal_hold', 'retention', 'incident', 'grievance', 'ropa',
                  'dpia', 'risk', 'audit', 'report', 'integration', 'webhook', 'api_key', 'user', 'tenant',
                  'settings', 'role', 'purpose', 'notice', 'connector', 'checkpoint', 'signing_key']) m
cross join unnest(array['view', 'create', 'update', 'delete']) a;

insert into app.permission (key, module, action, description) values
  ('consent:export', 'consent', 'export', 'Export consent records'),
  ('consent:check', 'consent', 'check', 'Ask whether a subject consented to a purpose'),
  ('dsar:approve', 'dsar', 'approve', 'Approve a DSAR response'),
  ('dsar:assign', 'dsar', 'assign', 'Assign a DSAR to a reviewer'),
  ('dsar:export', 'dsar', 'export', 'Export DSARs'),
  ('dsar:extend', 'dsar', 'extend', 'Extend a DSAR deadline'),
  ('erasure:approve', 'erasure', 'approve', 'Approve an erasure job'),
  ('erasure:execute', 'erasure', 'execute', 'Run an approved erasure job'),
  ('legal_hold:approve', 'legal_hold', 'approve', 'Approve a legal hold'),
  ('legal_hold:release', 'legal_hold', 'release', 'Release a legal hold'),
  ('retention:approve', 'retention', 'approve', 'Approve a retention sweep'),
  ('retention:execute', 'retention', 'execute', 'Run a retention sweep'),
  ('incident:approve', 'incident', 'approve', 'Approve a breach notification'),
  ('incident:assign', 'incident', 'assign', 'Assign an incident'),
  ('incident:export', 'incident', 'export', 'Export incidents'),
  ('grievance:assign', 'grievance', 'assign', 'Assign a grievance'),
  ('grievance:export', 'grievance', 'export', 'Export grievances'),
  ('ropa:approve', 'ropa', 'approve', 'Approve a processing record'),
  ('ropa:export', 'ropa', 'export', 'Export the record of processing activities'),
  ('dpia:approve', 'dpia', 'approve', 'Approve a DPIA'),
  ('dpia:export', 'dpia', 'export', 'Export DPIAs'),
  ('risk:approve', 'risk', 'approve', 'Approve a risk treatment'),
  ('risk:assign', 'risk', 'assign', 'Assign a risk owner'),
  ('risk:export', 'risk', 'export', 'Export the risk register'),
  ('audit:export', 'audit', 'export', 'Export the audit log'),
  ('audit:verify', 'audit', 'verify', 'Verify the audit chain'),
  ('report:export', 'report', 'export', 'Generate and download reports'),
  ('report:verify', 'report', 'verify', 'Verify a report PDF'),
  ('api_key:rotate', 'api_key', 'rotate', 'Rotate an API key'),
  ('api_key:revoke', 'api_key', 'revoke', 'Revoke an API key'),
  ('user:invite', 'user', 'invite', 'Invite a user'),
  ('webhook:test', 'webhook', 'test', 'Send a test webhook'),
  ('integration:test', 'integration', 'test', 'Test an integration'),
  ('checkpoint:run', 'checkpoint', 'run', 'Take a signed audit checkpoint');

insert into app.role (name, description) values
  ('ADMIN', 'Everything'),
  ('MANAGER', 'Consents, purposes and notices, grievances, risks'),
  ('APPROVER', 'The DPO: DSAR responses, assessments, erasure jobs, legal holds, approvals'),
  ('IT', 'Integrations, webhooks, API keys, users; no compliance content'),
  ('AUDITOR', 'Views compliance records; exports and verifies audit logs and reports; changes nothing');

insert into app.role_permission select 'ADMIN', key from app.permission;

insert into app.role_permission select 'MANAGER', key from app.permission
where module in ('consent', 'purpose', 'notice', 'grievance', 'risk')
   or key in ('report:view', 'report:export', 'report:verify', 'audit:view', 'audit:verify');

insert into app.role_permission select 'APPROVER', key from app.permission
where module in ('dsar', 'erasure', 'legal_hold', 'dpia', 'ropa', 'retention', 'incident')
   or action = 'approve'
   or key in ('consent:view', 'consent:check', 'purpose:view', 'notice:view', 'risk:view', 'grievance:view',
              'report:view', 'report:export', 'report:verify', 'audit:view', 'audit:verify', 'checkpoint:view',
              'checkpoint:create');

insert into app.role_permission select 'IT', key from app.permission
where module in ('integration', 'webhook', 'api_key', 'user', 'connector', 'settings', 'signing_key')
   or key in ('tenant:view', 'role:view');

insert into app.role_permission select 'AUDITOR', key from app.permission
where (action = 'view' and module not in ('api_key', 'user', 'settings', 'integration', 'webhook', 'connector'))
   or key in ('audit:export', 'audit:verify', 'report:export', 'report:verify', 'consent:export', 'dsar:export',
              'incident:export', 'grievance:export', 'ropa:export', 'dpia:export', 'risk:export');

-- API keys carry a role; their permissions are that role's (ADMIN for the first key of a tenant)
alter table app.api_key add column role text not null default 'ADMIN' references app.role (name);
alter table app.api_key alter column role drop default;

drop function app.resolve_api_key(text);
create function app.resolve_api_key(p_secret_hash text)
returns table (key_id uuid, tenant_id uuid, prefix text, role text, permissions text[], expires_at timestamptz,
               revoked_at timestamptz)
language sql stable security definer
set search_path = pg_catalog, app
as $$
  select k.id, k.tenant_id, k.prefix, k.role,
         array(select rp.permission from app.role_permission rp where rp.role = k.role order by 1),
         k.expires_at, k.revoked_at
  from app.api_key k where k.secret_hash = p_secret_hash
$$;
revoke all on function app.resolve_api_key(text) from public;
grant execute on function app.resolve_api_key(text) to custodia_app;

-- superseded by role
alter table app.api_key drop column scopes;
