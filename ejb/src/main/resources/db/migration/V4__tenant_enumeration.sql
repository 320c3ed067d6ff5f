-- Scheduled work (periodic checkpoints) runs for every tenant. It learns their ids before any tenant is
-- bound through one narrow SECURITY DEFINER function, never by exempting the table from RLS for the app.
create policy tenant_enumeration on app.tenant for select to custodia_owner using (true);

create function app.tenant_ids() returns setof uuid
language sql stable security definer
set search_path = pg_catalog, app
as $$ select tenant_id from app.tenant order by created_at $$;
revoke all on function app.tenant_ids() from public;
grant execute on function app.tenant_ids() to custodia_app;
