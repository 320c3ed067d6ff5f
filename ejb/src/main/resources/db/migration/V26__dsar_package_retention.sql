-- Storage limitation (GDPR Art. 5(1)(e)): the copy of a subject's data compiled for an answer is not kept for ever.
-- Once the request has ended and no download link of it is open, its package's contents and the rows discovery found
-- are purged a tenant-set time (default 30 days) after the later of compilation and the last link's use or expiry;
-- hashes, sizes and row counts stay, as evidence of what was answered.
alter table app.dsar_package
  alter column json_sealed drop not null,
  alter column pdf_sealed drop not null,
  add column purged_at timestamptz,
  add constraint dsar_package_content_or_purged
    check ((purged_at is null and json_sealed is not null and pdf_sealed is not null)
        or (purged_at is not null and json_sealed is null and pdf_sealed is null));

alter table app.dsar_discovery_result alter column sealed_data drop not null;

-- How long after compilation an ended request's package is kept (ISO-8601 as given); null: the default, P30D.
alter table app.dsar_intake_setting add column package_retention text check (length(package_retention) between 2 and 64);
