-- What a purpose is: its names per language, legal basis (GDPR Art. 6(1)), data categories, retention,
-- whether it honours Global Privacy Control, and whether a changed notice needs consent again.
-- Names and categories are JSON in text columns (EclipseLink 4.0 binds strings as varchar, which jsonb refuses).
alter table app.consent_purpose
  add column names text not null default '{}' check (jsonb_typeof(names::jsonb) = 'object'),
  add column legal_basis text not null default 'CONSENT'
    check (legal_basis in ('CONSENT', 'CONTRACT', 'LEGAL_OBLIGATION', 'VITAL_INTERESTS', 'PUBLIC_TASK', 'LEGITIMATE_INTERESTS')),
  add column data_categories text not null default '[]' check (jsonb_typeof(data_categories::jsonb) = 'array'),
  add column retention text,
  add column honours_gpc boolean not null default false,
  add column reconsent_on_notice_change boolean not null default true;
