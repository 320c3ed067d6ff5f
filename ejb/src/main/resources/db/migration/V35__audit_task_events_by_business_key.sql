-- A request's timeline with its tasks' events (claimed, delegated, completed), which name the request as businessKey.
create index audit_event_task_business_key on app.audit_event (tenant_id, (payload ->> 'businessKey'), seq)
  where entity_type = 'task';
