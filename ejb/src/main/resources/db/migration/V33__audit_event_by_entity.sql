-- One entity's events in order (the console's timeline of a request: GET /audit/events?entityType=&entityId=).
create index audit_event_entity on app.audit_event (tenant_id, entity_type, entity_id, seq);
