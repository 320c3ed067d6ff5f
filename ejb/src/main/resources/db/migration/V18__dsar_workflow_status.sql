-- The DSAR workflow (dsar.bpmn with identity, acknowledgement, discovery, review, delivery): a request's status
-- names the step it is in, the deadline breach becomes a flag (breached, breached_at) instead of a status, and an
-- escalation is recorded (escalated_at). How the subject's identity is checked is kept with the request.
alter table app.dsar_request
  add column identity_check text not null default 'VERIFIED',
  add column breached boolean not null default false,
  add column breached_at timestamptz,
  add column escalated_at timestamptz;

-- Existing rows (the first-cut process): OPEN waited for the DPO's response, OVERDUE had passed its deadline
-- while waiting, CLOSED stays closed. Staff-submitted, so their identity counts as attested.
alter table app.dsar_request no force row level security;
update app.dsar_request set breached = true, breached_at = due_at where status = 'OVERDUE';
update app.dsar_request set status = 'IN_REVIEW' where status in ('OPEN', 'OVERDUE');
alter table app.dsar_request force row level security;

alter table app.dsar_request
  add constraint dsar_request_status check (status in ('RECEIVED', 'AWAITING_IDENTITY', 'IN_PROGRESS', 'IN_REVIEW',
    'DELIVERED', 'CLOSED', 'REFUSED', 'HANDED_OVER_TO_ERASURE', 'IDENTITY_NOT_CONFIRMED')),
  add constraint dsar_request_identity_check check (identity_check in ('VERIFIED', 'EMAIL_LINK', 'DOCUMENTS')),
  add constraint dsar_request_breach check (breached = (breached_at is not null));
