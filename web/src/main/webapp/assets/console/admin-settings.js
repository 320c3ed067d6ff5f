// The tenant's settings: security, single sign-on, the calendar deadlines count in, service levels, mail language
// and the rate limits in force. Read by whoever may view settings; changed only with the permission for each.
import { api, Problem } from './api.js';
import { el } from './dom.js';
import { can } from './app.js';
import { BUILT_IN, apiForm, field, roleNames, subNav } from './admin-forms.js';

export async function settingsView(show, current) {
  const security = await api('/settings/security');
  const calendar = await api('/settings/calendar');
  const editable = can('settings:update');
  const mfa = el('input', { type: 'checkbox', id: 'mfa', name: 'mfaRequired', checked: security.mfaRequired, disabled: !editable });
  const origins = el('textarea', { id: 'origins', name: 'corsOrigins', rows: 3, disabled: !editable, 'aria-describedby': 'origins-hint' },
    (security.corsOrigins || []).join('\n'));
  const idle = el('input', { id: 'idle', name: 'sessionIdleMinutes', type: 'number', min: 5, max: 480, value: security.sessionIdleMinutes, disabled: !editable });
  const zone = el('input', { id: 'zone', name: 'timeZone', value: calendar.timeZone || '', disabled: !editable });
  const country = el('input', { id: 'country', name: 'country', value: calendar.country || '', disabled: !editable, maxlength: 2 });
  const region = el('input', { id: 'region', name: 'subdivision', value: calendar.subdivision || '', disabled: !editable });
  const button = (text) => (editable ? el('p', {}, el('button', { type: 'submit' }, text)) : null);
  show('Settings', subNav(current),
    el('h2', {}, 'Security'),
    ...apiForm({ id: 'security' }, [
      el('div', { class: 'choice' }, mfa, el('label', { for: 'mfa' }, 'Everyone signs in with an authenticator app too')),
      field('origins', 'Sites allowed to use console sessions (one origin a line)', origins),
      el('span', { id: 'origins-hint', class: 'hint' }, 'Only your own applications; a website with the consent banner needs no place here.'),
      field('idle', 'Sign out after this many idle minutes', idle), button('Save security settings')],
    (data) => api('/settings/security', { method: 'PUT', body: {
      mfaRequired: data.get('mfaRequired') === 'on', corsOrigins: String(data.get('corsOrigins') || '').split('\n').map((o) => o.trim()).filter(Boolean),
      sessionIdleMinutes: data.get('sessionIdleMinutes') ? Number(data.get('sessionIdleMinutes')) : null } })),
    ...(await singleSignOn()),
    el('h2', {}, 'Calendar'),
    el('p', {}, 'Legal deadlines are counted in this time zone and skip the public holidays of this country and region.'),
    ...apiForm({ id: 'calendar' }, [field('zone', 'Time zone (IANA, such as Europe/Berlin)', zone),
      field('country', 'Country (ISO 3166, such as DE)', country), field('region', 'Region (such as BY for Bavaria)', region), button('Save calendar')],
    (data) => api('/settings/calendar', { method: 'PUT', body: {
      timeZone: data.get('timeZone') || null, country: String(data.get('country') || '').toUpperCase() || null,
      subdivision: String(data.get('subdivision') || '').toUpperCase() || null,
      publishedResponseDays: calendar.publishedResponseDays, stopTheClockWhereLawIsSilent: calendar.stopTheClockWhereLawIsSilent } })),
    ...(await serviceLevels(editable)), ...(await mailLanguage(editable)), ...(await rateLimits()));
}

/** When a request is warned before its legal deadline and escalated after it, per type (else the "*" row). */
async function serviceLevels(editable) {
  const sla = await api('/settings/sla');
  const rows = [...sla.rows, { process: 'dsar', type: '', warningBefore: '', escalationAfter: '' }];
  const lines = rows.map((r, i) => el('tr', {},
    el('td', {}, el('input', { 'aria-label': `Request type, line ${i + 1}`, name: `type-${i}`, value: r.type, placeholder: '* or ACCESS', disabled: !editable })),
    el('td', {}, el('input', { 'aria-label': `Warn before, line ${i + 1}`, name: `warn-${i}`, value: r.warningBefore, placeholder: 'P7D', disabled: !editable })),
    el('td', {}, el('input', { 'aria-label': `Escalate after, line ${i + 1}`, name: `esc-${i}`, value: r.escalationAfter, placeholder: 'P2D', disabled: !editable }))));
  return [el('h2', {}, 'Service levels'),
    el('p', {}, `Durations in ISO 8601 (P7D: seven days; PT12H: twelve hours). Without a row: warned ${sla.defaults.warningBefore} before, escalated ${sla.defaults.escalationAfter} after. An empty line is left out.`),
    ...apiForm({ id: 'sla' }, [el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Service levels' },
      el('table', {}, el('caption', {}, 'Data subject requests'),
        el('thead', {}, el('tr', {}, ['Request type', 'Warn before the deadline', 'Escalate after it'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, lines))), editable ? el('p', {}, el('button', { type: 'submit' }, 'Save service levels')) : null],
    (data) => api('/settings/sla', { method: 'PUT', body: { rows: rows.map((r, i) => ({
      process: r.process || 'dsar', type: String(data.get(`type-${i}`) || '').trim(), warningBefore: String(data.get(`warn-${i}`) || '').trim(),
      escalationAfter: String(data.get(`esc-${i}`) || '').trim() })).filter((r) => r.type) } }))];
}

/** The language of mail whose reader has none (reviewers' mail, invitations). */
async function mailLanguage(editable) {
  const mail = await api('/settings/mail');
  const languages = can('notice:view') ? await api('/notice-languages') : [];
  const select = el('select', { id: 'mail-language', name: 'defaultLanguage', disabled: !editable },
    el('option', { value: '' }, 'English (none set)'),
    mail.defaultLanguage && !languages.some((l) => l.code === mail.defaultLanguage)
      ? el('option', { value: mail.defaultLanguage, selected: true }, mail.defaultLanguage) : null, // kept when the list cannot be read
    languages.map((l) => el('option', { value: l.code, lang: l.code, selected: l.code === mail.defaultLanguage }, `${l.nativeName} (${l.englishName})`)));
  return [el('h2', {}, 'Mail'), ...apiForm({ id: 'mail' }, [field('mail-language', 'Language of mail whose reader has none', select),
    editable ? el('p', {}, el('button', { type: 'submit' }, 'Save mail language')) : null],
  (data) => api('/settings/mail', { method: 'PUT', body: { defaultLanguage: data.get('defaultLanguage') || null } }))];
}

async function rateLimits() {
  const limits = await api('/settings/rate-limits');
  return [el('h2', {}, 'Rate limits'), el('p', {}, 'Per minute, for the organisation and for each key alike; set by whoever runs this installation.'),
    el('dl', { class: 'facts', id: 'rate-limits' }, el('dt', {}, 'Consent checks'), el('dd', {}, String(limits.checksPerMinute)),
      el('dt', {}, 'Changes'), el('dd', {}, String(limits.mutationsPerMinute)), el('dt', {}, 'Costly calls (exports, imports)'),
      el('dd', {}, String(limits.costlyPerMinute)))];
}

/** "claim value = ROLE" lines, as the provider's groups map to Custodia's roles. */
function mappingLines(mapping) {
  return Object.entries(mapping || {}).map(([value, role]) => `${value} = ${role}`).join('\n');
}

function parseMapping(text) {
  const mapping = {};
  for (const line of String(text || '').split('\n').map((l) => l.trim()).filter(Boolean)) {
    const at = line.lastIndexOf('=');
    mapping[at < 0 ? line : line.slice(0, at).trim()] = at < 0 ? '' : line.slice(at + 1).trim(); // the API names a bad line
  }
  return mapping;
}

/**
 * The OpenID Connect provider people sign in with. The client secret is never shown back: left empty, the stored one
 * is kept (the API refuses that when the provider or client changes, since the secret goes to its token endpoint).
 */
async function singleSignOn() {
  let sso = null;
  try {
    sso = await api('/settings/sso');
  } catch (e) {
    if (!(e instanceof Problem) || e.status !== 404) {
      throw e;
    }
  }
  const editable = can('sso:configure');
  const roles = can('role:view') ? await roleNames() : BUILT_IN;
  const addresses = await api('/settings/sso/addresses');
  const input = (id, name, value, attributes = {}) => el('input', { id, name, value: value || '', disabled: !editable, ...attributes });
  const publicClient = el('input', { type: 'checkbox', id: 'sso-public', name: 'publicClient', checked: sso ? !sso.confidentialClient : false, disabled: !editable });
  const defaultRole = el('select', { id: 'sso-default-role', name: 'defaultRole', disabled: !editable },
    el('option', { value: '' }, 'None: people without a mapped group cannot sign in'),
    roles.map((r) => el('option', { value: r, selected: sso && sso.defaultRole === r }, r)));
  const fields = [
    sso ? null : el('p', {}, 'Not set up: people sign in with a password.'),
    el('p', {}, 'Register this redirect address with the provider: ', el('code', { id: 'sso-redirect' }, addresses.redirectUri)),
    field('sso-issuer', 'Issuer (https://...)', input('sso-issuer', 'issuer', sso && sso.issuer, { type: 'url', autocomplete: 'off' })),
    field('sso-client', 'Client id', input('sso-client', 'clientId', sso && sso.clientId, { autocomplete: 'off' })),
    field('sso-secret', 'Client secret', input('sso-secret', 'clientSecret', '', { type: 'password', autocomplete: 'new-password', 'aria-describedby': 'sso-secret-hint' })),
    el('span', { id: 'sso-secret-hint', class: 'hint' }, sso && sso.confidentialClient
      ? 'A secret is stored; it is never shown. Leave empty to keep it.' : 'None stored.'),
    el('div', { class: 'choice' }, publicClient, el('label', { for: 'sso-public' }, 'Public client: no secret (PKCE only)')),
    field('sso-audience', 'Audience tokens carry (empty: the client id)', input('sso-audience', 'audience',
      sso && sso.audience !== sso.clientId ? sso.audience : '', { autocomplete: 'off' })),
    field('sso-claim', 'Claim that names the groups', input('sso-claim', 'roleClaim', sso ? sso.roleClaim : 'groups')),
    field('sso-mapping', 'Groups and their roles (one "group = ROLE" a line)', el('textarea', { id: 'sso-mapping', name: 'roleMapping', rows: 4, disabled: !editable },
      mappingLines(sso && sso.roleMapping))),
    field('sso-default-role', 'Role of people in no mapped group', defaultRole),
    field('sso-scopes', 'Scopes', input('sso-scopes', 'scopes', sso ? sso.scopes : 'openid email profile')),
    editable ? el('p', {}, el('button', { type: 'submit' }, 'Save single sign-on')) : null];
  return [el('h2', {}, 'Single sign-on'),
    el('p', {}, 'Whoever picks the provider picks who may sign in as whom, so saving needs a recent sign-in (sign out and in again if yours was long ago).'),
    ...apiForm({ id: 'sso-settings' }, fields, (data) => {
      const secret = String(data.get('clientSecret') || '');
      const body = { issuer: String(data.get('issuer') || '').trim(), clientId: String(data.get('clientId') || '').trim(),
        audience: String(data.get('audience') || '').trim() || null,
        roleClaim: String(data.get('roleClaim') || '').trim(), roleMapping: parseMapping(data.get('roleMapping')),
        defaultRole: data.get('defaultRole') || null, scopes: String(data.get('scopes') || '').trim() || null };
      const confidential = data.get('publicClient') !== 'on';
      if (confidential && secret) {
        body.clientSecret = secret;
      } else if (confidential && sso && sso.confidentialClient) {
        body.keepClientSecret = true;
      }
      return api('/settings/sso', { method: 'PUT', body });
    })];
}
