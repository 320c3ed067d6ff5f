-- Account hardening (issue 10): idempotency records per caller and without secrets; sign-in failures
-- counted per address (known or not) outside the audit chain; session idle and absolute limits; undoing
-- an email change.

-- ---- Idempotency-Key records belong to the caller (API key or user) that sent them ----
alter table app.idempotency_key rename column api_key_id to caller_id;
alter table app.idempotency_key drop constraint idempotency_key_pkey;
alter table app.idempotency_key add primary key (tenant_id, caller_id, key);
-- a secret-bearing response is never stored: only that the request succeeded (a replay answers 409)
alter table app.idempotency_key add column secret_withheld boolean not null default false;
-- responses stored before this migration may hold API key secrets, TOTP seeds or recovery codes
delete from app.idempotency_key
where response_body ~ '"key"\s*:\s*"cus_' or response_body ~ '"(secret|otpauthUri|recoveryCodes|password)"\s*:';

