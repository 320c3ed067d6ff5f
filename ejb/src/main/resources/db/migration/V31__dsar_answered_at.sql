-- When a request was answered (delivered, refused, or handed over to the erasure process): the DPO dashboard's
-- on-time rate per month compares it with the due date. Requests answered before this migration take the instant
-- of their audit event, read and written here as the owner, whom row-level security would otherwise show no rows.
alter table app.dsar_request add column answered_at timestamptz;

alter table app.dsar_request no force row level security;
alter table app.audit_event no force row level security;
update app.dsar_request r set answered_at = e.answered_at
  from (select tenant_id, entity_id, min(created_at) as answered_at from app.audit_event
        where entity_type = 'dsar' and event_type in ('dsar.delivered', 'dsar.refused', 'dsar.handed_over')
        group by tenant_id, entity_id) e
 where e.tenant_id = r.tenant_id and e.entity_id = r.id::text;
alter table app.dsar_request force row level security;
alter table app.audit_event force row level security;

create index dsar_request_answered_at on app.dsar_request (tenant_id, answered_at) where answered_at is not null;
