-- Chains a transaction's audit events in one statement: locks the tenant's head, fills each event's previous hash
-- and sequence number into its canonical document (built by AuditEventHasher.documentParts), hashes it (SHA-256,
-- lower-case hex, as AuditEventHasher.hash), inserts the events and moves the head. The head stays locked from
-- here to the commit: one statement instead of a round trip per step (lock, insert, update), each of which waited
-- for a CPU on a loaded server while every other writer of the tenant waited for the lock (bench/README.md).
-- Security invoker: row-level security applies as to the statements it replaces.
create function app.chain_audit_events(p_tenant uuid, p_created_at timestamptz, p_event_type text[],
    p_entity_type text[], p_entity_id text[], p_actor text[], p_request_id text[], p_payload text[],
    p_before_previous_hash text[], p_before_seq text[], p_after_seq text[])
  returns bigint language plpgsql as $$
declare
  v_seq bigint;
  v_hash text;
  v_previous text;
begin
  select last_seq, last_hash into v_seq, v_hash from app.audit_chain_head where tenant_id = p_tenant for update;
  if not found then
    raise exception 'tenant % has no audit chain', p_tenant;
  end if;
  if v_hash !~ '^[0-9a-f]{64}$' then
    raise exception 'the audit chain head of tenant % is not a SHA-256 hex digest', p_tenant;
  end if;
  for i in 1 .. coalesce(array_length(p_event_type, 1), 0) loop
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
revoke all on function app.chain_audit_events(uuid, timestamptz, text[], text[], text[], text[], text[], text[], text[], text[], text[]) from public;
grant execute on function app.chain_audit_events(uuid, timestamptz, text[], text[], text[], text[], text[], text[], text[], text[], text[]) to custodia_app;
