-- A consent purpose belongs to the processing activity it serves: its legal basis and retention come from the
-- activity's record, and where they disagree the disagreement is listed.
alter table app.consent_purpose add column activity_id uuid references app.processing_activity (id) on delete set null;
create index consent_purpose_by_activity on app.consent_purpose (activity_id) where activity_id is not null;
