-- A tenant's own budget for costly operations (chain verification, exports, summaries, report
-- verification); null means the installation's default.
alter table app.tenant_rate_limit add column costly_per_minute integer check (costly_per_minute > 0);
