-- What health checks and metrics read across every tenant, as counts and ages only (never a row's content): open
-- requests by status and overdue, the mail and webhook outboxes' backlog and the age of their oldest waiting item,
-- the engine's due jobs. Runs before any tenant is bound (SECURITY DEFINER), like webhook_due_tenants.
create policy operations_gauges on app.dsar_request for select to custodia_owner using (true);
create policy operations_gauges on app.mail_outbox for select to custodia_owner using (true);

create function app.operations_gauges()
returns table (series text, label text, value double precision)
language sql stable security definer
set search_path = pg_catalog, app
as $$
  select 'dsar_open', r.status, count(*)::float8 from app.dsar_request r
  where r.status not in ('CLOSED', 'REFUSED', 'HANDED_OVER_TO_ERASURE', 'IDENTITY_NOT_CONFIRMED') group by r.status
  union all
  select 'dsar_overdue', '', count(*)::float8 from app.dsar_request r
  where r.status not in ('CLOSED', 'REFUSED', 'HANDED_OVER_TO_ERASURE', 'IDENTITY_NOT_CONFIRMED') and r.due_at < now()
  union all
  -- waiting to be sent (parked messages, 9999-01-01, wait for an address and are counted apart)
  select 'mail_backlog', '', count(*)::float8 from app.mail_outbox m where m.sent_at is null and m.next_try_at < '9999-01-01'
  union all
  select 'mail_oldest_seconds', '', coalesce(extract(epoch from now() - min(m.created_at)), 0)::float8
  from app.mail_outbox m where m.sent_at is null and m.next_try_at < '9999-01-01'
  union all
  select 'mail_parked', '', count(*)::float8 from app.mail_outbox m where m.sent_at is null and m.next_try_at >= '9999-01-01'
  union all
  select 'webhook_backlog', '', count(*)::float8 from app.webhook_delivery d where d.status = 'PENDING'
  union all
  select 'webhook_oldest_seconds', '', coalesce(extract(epoch from now() - min(d.created_at)), 0)::float8
  from app.webhook_delivery d where d.status = 'PENDING'
  union all
  -- the engine writes its times without a zone, in the server's (the session's, as JDBC sets it): localtimestamp
  select 'jobs_due', '', count(*)::float8 from engine.act_ru_job j
  where j.retries_ > 0 and (j.duedate_ is null or j.duedate_ <= localtimestamp) and j.suspension_state_ = 1
  union all
  select 'jobs_oldest_due_seconds', '', coalesce(extract(epoch from localtimestamp - min(coalesce(j.duedate_, j.create_time_))), 0)::float8
  from engine.act_ru_job j where j.retries_ > 0 and (j.duedate_ is null or j.duedate_ <= localtimestamp) and j.suspension_state_ = 1
  union all
  select 'jobs_failed', '', count(*)::float8 from engine.act_ru_job j where j.retries_ = 0
$$;
revoke all on function app.operations_gauges() from public;
grant execute on function app.operations_gauges() to custodia_app;
