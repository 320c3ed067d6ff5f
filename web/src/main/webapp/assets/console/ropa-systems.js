// The systems personal data is kept in, which register entries pick by name: added, described (the name stays, as
// entries refer to it), and removed once no entry lists them (the API names the entries that still do).
import { api, Problem } from './api.js';
import { el, problemAlert, when } from './dom.js';
import { can, render, session } from './app.js';
import { tell, text, told } from './ropa-fields.js';
import { partsForm } from './pages.js';

/** Description and hosting country (and the name, for a new system), read as the API's body. */
function systemParts(s) {
  const parts = [
    ['description', text('Description', s?.description, { multiline: true })],
    ['hostingCountry', text('Hosting country', s?.hostingCountry, { hint: 'ISO 3166-1 alpha-2 code, such as DE or US.',
      attrs: { maxlength: 2, autocomplete: 'off', class: 'short' } })]];
  return s ? parts : [['name', text('Name', null, { attrs: { required: true, maxlength: 200 } })], ...parts];
}

/** A system's form: the hosting country goes as the API keeps it, upper case. */
function systemForm(attributes, parts, label, call, message) {
  return partsForm({ class: 'card', ...attributes }, parts, label,
    (body) => call({ ...body, hostingCountry: body.hostingCountry ? body.hostingCountry.toUpperCase() : null }), message);
}

export async function ropaSystemsView({ page }) {
  const systems = await api('/ropa/systems');
  const zone = session.me.timeZone;
  const writes = can('ropa:update') || can('ropa:delete');
  const rows = systems.map((s) => {
    const actions = el('td', {});
    if (can('ropa:update')) {
      actions.append(el('details', {}, el('summary', {}, `Change ${s.name}`),
        systemForm({ class: 'card edit-system' }, systemParts(s), 'Save',
          (body) => api(`/ropa/systems/${s.id}`, { method: 'PUT', body: { ...body, name: s.name } }), () => `${s.name} saved.`)));
    }
    if (can('ropa:delete')) {
      const slot = el('div');
      const remove = el('button', { type: 'button', class: 'secondary', 'aria-label': `Delete ${s.name}` }, 'Delete');
      remove.addEventListener('click', async () => {
        slot.replaceChildren();
        try {
          await api(`/ropa/systems/${s.id}`, { method: 'DELETE' });
          tell(`${s.name} deleted.`);
          await render();
        } catch (e) {
          slot.append(problemAlert(e instanceof Problem ? e : new Problem(0, { title: 'Not deleted', detail: String(e) })));
        }
      });
      actions.append(remove, slot);
    }
    return el('tr', {}, el('th', { scope: 'row' }, s.name), el('td', {}, s.description || '—'), el('td', {}, s.hostingCountry || '—'),
      el('td', {}, when(s.updatedAt, zone)), writes ? actions : null);
  });
  const content = [told(), el('p', {}, el('a', { href: '/console/ropa', 'data-nav': '' }, 'Back to the register')),
    systems.length ? el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Systems' }, el('table', { id: 'systems' },
      el('caption', {}, 'The systems register entries can name'),
      el('thead', {}, el('tr', {}, ['Name', 'Description', 'Hosted in', 'Last change', writes ? 'Change' : null].filter(Boolean)
        .map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows)))
      : el('p', {}, 'No systems yet.')];
  if (can('ropa:create')) {
    content.push(el('h2', {}, 'Add a system'), systemForm({ id: 'new-system' }, systemParts(null), 'Add system',
      (body) => api('/ropa/systems', { method: 'POST', body }), (body) => `${body.name} added.`));
  }
  page('Systems', ...content.filter(Boolean)); // page() would print a null
}
