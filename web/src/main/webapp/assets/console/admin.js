// A tenant's administration: people and invitations, roles and their permissions, API keys (a new key's secret
// shown once), webhooks, and the tenant's settings. Every change goes through the same API and permission checks as any
// client; a role sees only the pages its permissions open, and the API refuses the rest.
import { api, Problem } from './api.js';
import { el, when, words } from './dom.js';
import { can, session } from './app.js';
import { BUILT_IN, PAGES, apiForm, field, roleNames, subNav } from './admin-forms.js';
import { settingsView } from './admin-settings.js';
import { webhooksView } from './admin-webhooks.js';


export async function adminView({ params: [page], page: show, query }) {
  const views = { users: usersView, roles: rolesView, 'api-keys': keysView, purposes: purposesView, webhooks: webhooksView, settings: settingsView };
  const first = PAGES.find(([, , p]) => can(p)); // the first page the caller may open
  const chosen = page || (first ? first[0] : 'users');
  const view = views[chosen];
  if (!view) {
    throw new Problem(404, { title: 'Not found', detail: 'There is no such administration page.' });
  }
  await view(show, chosen, query);
}

async function usersView(show, current) {
  const users = await api('/users');
  const roles = can('role:view') ? await roleNames() : BUILT_IN;
  const rows = users.map((u) => {
    const actions = el('td', {});
    if (u.id === session.me.principal.replace('user:', '')) { // one's own account: changed by another administrator
      return el('tr', {}, el('td', {}, u.email, ' (you)'), el('td', {}, u.role), el('td', {}, words(u.status)),
        el('td', {}, u.signIn === 'sso' ? 'Single sign-on' : u.mfa ? 'Password and authenticator' : 'Password'),
        el('td', {}, when(u.lastSignInAt, session.me.timeZone)), actions);
    }
    if (can('user:update')) {
      const select = el('select', { 'aria-label': `Role of ${u.email}` }, roles.map((r) => el('option', { value: r, selected: r === u.role }, r)));
      const [alertSlot, form] = apiForm({ class: 'inline-form' }, [select, el('button', { type: 'submit', class: 'inline' }, 'Change role')],
        () => api(`/users/${u.id}/role`, { method: 'PUT', body: { role: select.value } }));
      actions.append(alertSlot, form);
    }
    if (u.status === 'ACTIVE' && can('user:delete')) {
      const [alertSlot, form] = apiForm({ class: 'inline-form' }, [el('button', { type: 'submit', class: 'inline' }, 'Disable')],
        () => api(`/users/${u.id}`, { method: 'DELETE' }));
      actions.append(alertSlot, form);
    } else if (u.status === 'DISABLED' && can('user:update')) {
      const [alertSlot, form] = apiForm({ class: 'inline-form' }, [el('button', { type: 'submit', class: 'inline' }, 'Enable')],
        () => api(`/users/${u.id}/enable`, { method: 'POST', body: {} }));
      actions.append(alertSlot, form);
    }
    return el('tr', {}, el('td', {}, u.email), el('td', {}, u.role), el('td', {}, words(u.status)),
      el('td', {}, u.signIn === 'sso' ? 'Single sign-on' : u.mfa ? 'Password and authenticator' : 'Password'),
      el('td', {}, when(u.lastSignInAt, session.me.timeZone)), actions);
  });
  const content = [subNav(current),
    el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'People' }, el('table', {},
      el('caption', {}, 'The organisation\'s people'),
      el('thead', {}, el('tr', {}, ['Email', 'Role', 'Status', 'Signs in with', 'Last sign-in', 'Change'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows)))];
  if (can('user:invite')) {
    const email = el('input', { id: 'invite-email', name: 'email', type: 'email', required: true, autocomplete: 'off' });
    const role = el('select', { id: 'invite-role', name: 'role' }, roles.map((r) => el('option', { value: r }, r)));
    content.push(el('h2', {}, 'Invite someone'), ...apiForm({ id: 'invite' }, [
      field('invite-email', 'Email', email), field('invite-role', 'Role', role),
      el('p', {}, el('button', { type: 'submit' }, 'Send invitation'))],
    (data) => api('/users/invitations', { method: 'POST', body: { email: data.get('email'), role: data.get('role') } })));
  }
  show('People', ...content);
}

async function rolesView(show, current) {
  const catalogue = await api('/roles');
  const columns = [...BUILT_IN.map((r) => [r, new Set(catalogue.roles[r] || [])]),
    ...catalogue.customRoles.map((r) => [r.name, new Set(r.permissions)])];
  const matrix = el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Permission matrix' }, el('table', { class: 'matrix' },
    el('caption', {}, 'Which role holds which permission (✓ holds, — does not)'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Permission'), columns.map(([name]) => el('th', { scope: 'col' }, name)))),
    el('tbody', {}, catalogue.permissions.map((p) => el('tr', {}, el('th', { scope: 'row' }, el('code', {}, p.key), ' ', el('span', { class: 'hint' }, p.description)),
      columns.map(([, held]) => el('td', {}, held.has(p.key) ? '✓' : '—')))))));
  const content = [subNav(current), matrix];
  if (can('role:create')) {
    const mine = new Set(session.me.permissions);
    const modules = [...new Set(catalogue.permissions.map((p) => p.module))];
    const boxes = modules.map((m) => el('fieldset', { class: 'module' }, el('legend', {}, m),
      catalogue.permissions.filter((p) => p.module === m).map((p) => el('div', { class: 'choice' },
        el('input', { type: 'checkbox', name: 'permission', value: p.key, id: `perm-${p.key}`, disabled: !mine.has(p.key) }),
        el('label', { for: `perm-${p.key}` }, p.action)))));
    content.push(el('h2', {}, 'Define a role'), el('p', {}, 'A role can hold only permissions you hold yourself.'),
      ...apiForm({ id: 'new-role' }, [
        field('role-name', 'Name (lower case)', el('input', { id: 'role-name', name: 'name', required: true, pattern: '[a-z][a-z0-9-]*' })),
        field('role-description', 'What it is for', el('input', { id: 'role-description', name: 'description' })),
        ...boxes, el('p', {}, el('button', { type: 'submit' }, 'Define role'))],
      (data) => api('/roles', { method: 'POST', body: { name: data.get('name'), description: data.get('description'), permissions: data.getAll('permission') } })));
  }
  show('Roles', ...content);
}

async function keysView(show, current) {
  const keys = await api('/api-keys');
  const roles = can('role:view') ? await roleNames() : BUILT_IN;
  const rows = keys.map((k) => {
    const actions = el('td', {});
    if (!k.revokedAt && can('api_key:revoke')) {
      const [alertSlot, form] = apiForm({ class: 'inline-form' }, [el('button', { type: 'submit', class: 'inline' }, `Revoke ${k.name}`)],
        () => api(`/api-keys/${k.id}`, { method: 'DELETE' }));
      actions.append(alertSlot, form);
    }
    return el('tr', {}, el('td', {}, k.name), el('td', {}, k.role), el('td', {}, el('code', {}, k.masked)),
      el('td', {}, when(k.lastUsedAt, session.me.timeZone)), el('td', {}, k.revokedAt ? `Revoked ${when(k.revokedAt, session.me.timeZone)}` : 'Active'), actions);
  });
  const content = [subNav(current), el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'API keys' }, el('table', {},
    el('caption', {}, 'API keys (the secret is never shown again after creation)'),
    el('thead', {}, el('tr', {}, ['Name', 'Role', 'Key', 'Last used', 'State', 'Change'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows)))];
  if (can('api_key:create')) {
    const secret = el('div', { id: 'new-key', role: 'status' });
    const name = el('input', { id: 'key-name', name: 'name', required: true });
    const role = el('select', { id: 'key-role', name: 'role' }, roles.map((r) => el('option', { value: r }, r)));
    content.push(el('h2', {}, 'Create a key'), secret, ...apiForm({ id: 'create-key' },
      [field('key-name', 'Name', name), field('key-role', 'Role', role), el('p', {}, el('button', { type: 'submit' }, 'Create key'))],
      (data) => api('/api-keys', { method: 'POST', body: { name: data.get('name'), role: data.get('role') } }),
      (issued) => {
        // shown once, here; the list is not drawn again so the secret stays on screen until the admin leaves
        secret.replaceChildren(el('div', { class: 'ok-box' }, el('p', {}, `Key "${issued.name}" created. Copy it now: it is never shown again.`),
          el('p', {}, el('code', { id: 'new-key-secret' }, issued.key))));
        secret.setAttribute('tabindex', '-1');
        secret.focus();
      }));
  }
  show('API keys', ...content);
}

/** Consent purposes and their notice versions (never changed once published; a new version is a new text). */
async function purposesView(show, current) {
  const purposes = await api('/purposes');
  const languages = can('notice:view') ? await api('/notice-languages') : [];
  const sections = [];
  for (const p of purposes) {
    const versions = can('notice:view') ? await api(`/purposes/${encodeURIComponent(p.key)}/notices`) : [];
    const section = el('section', { 'aria-labelledby': `purpose-${p.key}` }, el('h2', { id: `purpose-${p.key}` }, `${p.name} (${p.key})`),
      el('p', {}, `${words(p.legalBasis)}; current notice version: ${p.noticeVersion || 'none yet'}${p.honoursGpc ? '; honours Global Privacy Control' : ''}.`));
    if (versions.length) {
      section.append(el('ul', {}, versions.map((v) => el('li', {}, `Version ${v.version}, published ${when(v.publishedAt, session.me.timeZone)}: `,
        Object.keys(v.texts).map((code, i) => [i ? ', ' : '', el('span', { lang: code }, (languages.find((l) => l.code === code) || { nativeName: code }).nativeName)])))));
    }
    if (can('notice:create')) {
      const language = el('select', { id: `lang-${p.key}`, name: 'language' }, languages.map((l) => el('option', { value: l.code, lang: l.code }, `${l.nativeName} (${l.englishName})`)));
      const text = el('textarea', { id: `text-${p.key}`, name: 'text', rows: 3, required: true });
      const latest = versions.find((v) => v.version === p.noticeVersion);
      section.append(...apiForm({ class: 'card' }, [el('h3', {}, 'Publish a new version'),
        el('p', { class: 'hint' }, 'The texts of the current version in other languages are carried over; this one is added or replaced.'),
        field(`lang-${p.key}`, 'Language', language), field(`text-${p.key}`, 'Notice text', text),
        el('p', {}, el('button', { type: 'submit' }, 'Publish'))],
      (data) => api(`/purposes/${encodeURIComponent(p.key)}/notices`, { method: 'POST',
        body: { texts: { ...(latest ? latest.texts : {}), [data.get('language')]: data.get('text') } } })));
    }
    sections.push(section);
  }
  if (!purposes.length) {
    sections.push(el('p', {}, 'No purposes yet.'));
  }
  if (can('purpose:create')) {
    sections.push(el('h2', {}, 'Define a purpose'), ...apiForm({ id: 'new-purpose' }, [
      field('purpose-key', 'Key (used by your systems, such as newsletter)', el('input', { id: 'purpose-key', name: 'key', required: true })),
      field('purpose-name', 'Name', el('input', { id: 'purpose-name', name: 'name', required: true })),
      field('purpose-description', 'Description', el('input', { id: 'purpose-description', name: 'description' })),
      el('div', { class: 'choice' }, el('input', { type: 'checkbox', id: 'purpose-gpc', name: 'honoursGpc' }),
        el('label', { for: 'purpose-gpc' }, 'Global Privacy Control opts out of it')),
      el('p', {}, el('button', { type: 'submit' }, 'Define purpose'))],
    (data) => api('/purposes', { method: 'POST', body: { key: data.get('key'), name: data.get('name'),
      description: data.get('description') || null, honoursGpc: data.get('honoursGpc') === 'on' } })));
  }
  show('Purposes and notices', subNav(current), ...sections);
}
