-- app.chain_audit_events (V29) with its execution context spelled out: security invoker (row-level security applies
-- as to the statements it replaced; the default, now explicit), a fixed search path (a schema the caller puts first
-- cannot lend it a function or operator of the same name), and its arrays checked to be as long as each other (a
-- caller's mistake raises instead of chaining events with missing parts).
create or replace function app.chain_audit_events(p_tenant uuid, p_created_at timestamptz, p_event_type text[],
    p_entity_type text[], p_entity_id text[], p_actor text[], p_request_id text[], p_payload text[],
    p_before_previous_hash text[], p_before_seq text[], p_after_seq text[])
  returns bigint language plpgsql security invoker set search_path = pg_catalog, app as $$
declare
  v_seq bigint;
  v_hash text;
  v_previous text;
  v_count integer := coalesce(array_length(p_event_type, 1), 0);
begin
  if coalesce(array_length(p_entity_type, 1), 0) <> v_count or coalesce(array_length(p_entity_id, 1), 0) <> v_count
     or coalesce(array_length(p_actor, 1), 0) <> v_count or coalesce(array_length(p_request_id, 1), 0) <> v_count
     or coalesce(array_length(p_payload, 1), 0) <> v_count
     or coalesce(array_length(p_before_previous_hash, 1), 0) <> v_count
     or coalesce(array_length(p_before_seq, 1), 0) <> v_count or coalesce(array_length(p_after_seq, 1), 0) <> v_count then
    raise exception 'chain_audit_events: every array must hold % elements', v_count;
  end if;
  select last_seq, last_hash into v_seq, v_hash from app.audit_chain_head where tenant_id = p_tenant for update;
  if not found then
    raise exception 'tenant % has no audit chain', p_tenant;
  end if;
  if v_hash !~ '^[0-9a-f]{64}$' then
    raise exception 'the audit chain head of tenant % is not a SHA-256 hex digest', p_tenant;
  end if;
  for i in 1 .. v_count loop
    v_seq := v_seq + 1;
    v_previous := v_hash;
    v_hash := encode(sha256(convert_to(p_before_previous_hash[i] || '"' || v_previous || '"' || p_before_seq[i]
                                       || v_seq::text || p_after_seq[i], 'UTF8')), 'hex');
    insert into app.audit_event (tenant_id, seq, event_type, entity_type, entity_id, actor, request_id, payload,
                                 previous_hash, event_hash, created_at)
    values (p_tenant, v_seq, p_event_type[i], p_entity_type[i], p_entity_id[i], p_actor[i], p_request_id[i],
            p_payload[i]::jsonb, v_previous, v_hash, p_created_at);
  end loop;
  update app.audit_chain_head set last_seq = v_seq, last_hash = v_hash where tenant_id = p_tenant;
  return v_seq;
end
$$;
