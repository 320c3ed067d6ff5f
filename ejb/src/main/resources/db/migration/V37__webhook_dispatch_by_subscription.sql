-- The dispatcher looks for due work by subscription (active, not leased, its next delivery in order due), not over
-- every pending delivery: events behind a backed-off head, or of a disabled subscription, cost nothing per round.
drop function app.webhook_due_tenants(timestamptz);
create policy due_tenants on app.webhook_subscription for select to custodia_owner using (true);

create function app.webhook_due_tenants() returns setof uuid
language sql stable security definer
set search_path = pg_catalog, app
as $$
  select distinct s.tenant_id from app.webhook_subscription s
  where s.status = 'ACTIVE' and (s.lease_until is null or s.lease_until < now())
    and (select h.next_attempt_at from app.webhook_delivery h
         where h.subscription_id = s.id and h.status = 'PENDING' order by h.seq limit 1) <= now()
$$;
revoke all on function app.webhook_due_tenants() from public;
grant execute on function app.webhook_due_tenants() to custodia_app;

-- the log reads a subscription's deliveries by seq, and deleting a subscription cascades by subscription_id
drop index app.webhook_delivery_due;
drop index app.webhook_delivery_log;
create index webhook_delivery_by_subscription on app.webhook_delivery (subscription_id, seq);
