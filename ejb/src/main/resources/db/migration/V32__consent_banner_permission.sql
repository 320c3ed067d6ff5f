-- The consent banner's publishable key: check and record one website visitor's choices, nothing else
-- (ConsentBannerResource). Held by the roles that manage consent, so they can give it to a key's role.
insert into app.permission (key, module, action, description) values
  ('consent:banner', 'consent', 'banner', 'Check and record a website visitor''s choices (publishable banner keys)');
insert into app.role_permission values ('ADMIN', 'consent:banner'), ('MANAGER', 'consent:banner');
