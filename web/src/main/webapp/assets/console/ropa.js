// The record of processing activities (GDPR Art. 30) as a list: every entry with its status, version, what Art. 30
// still asks of it and its review date (overdue ones marked with a word and a shape, not the colour alone); the
// register's exports and, for those who may, a new entry and the all-or-nothing import of a spreadsheet.
import { api, Problem } from './api.js';
import { el, problemAlert, words } from './dom.js';
import { can, session } from './app.js';
import { today, told } from './ropa-fields.js';
import { personNamer, reviewDate } from './pages.js';

const STATUSES = ['DRAFT', 'IN_REVIEW', 'APPROVED'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function ropaListView({ page, query }) {
  const zone = session.me.timeZone;
  const person = personNamer(can('user:view') ? await api('/users') : []);
  let entries = await api('/ropa/activities');

  const status = el('select', { id: 'filter-status' }, el('option', { value: '' }, 'Any'),
    STATUSES.map((s) => el('option', { value: s, selected: query.get('status') === s }, words(s))));
  const gaps = el('input', { type: 'checkbox', id: 'filter-gaps', checked: query.get('gaps') === 'yes' });
  const count = el('p', { role: 'status', id: 'register-count' });
  const body = el('tbody');
  const show = () => {
    const shown = entries.filter((a) => (!status.value || a.status === status.value) && (!gaps.checked || a.gaps > 0));
    body.replaceChildren(...shown.map((a) => el('tr', { class: a.reviewDue && a.reviewDue < today(zone) ? 'overdue' : null },
      el('th', { scope: 'row' }, el('a', { href: `/console/ropa/activities/${a.id}`, 'data-nav': '' }, a.reference)),
      el('td', {}, a.name), el('td', {}, words(a.role)), el('td', {}, words(a.status)),
      el('td', {}, String(a.version), a.approvedVersion && a.approvedVersion !== a.version ? ` (approved: ${a.approvedVersion})` : ''),
      el('td', {}, a.gaps ? String(a.gaps) : 'none'),
      el('td', {}, reviewDate(a.reviewDue, zone)), el('td', {}, person(a.ownerId)))));
    count.textContent = `${shown.length} of ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} shown.`;
    const filters = new URLSearchParams();
    if (status.value) {
      filters.set('status', status.value);
    }
    if (gaps.checked) {
      filters.set('gaps', 'yes');
    }
    history.replaceState(null, '', `/console/ropa${filters.toString() ? `?${filters}` : ''}`); // a reload keeps the filter
  };
  status.addEventListener('change', show);
  gaps.addEventListener('change', show);
  show();

  const tools = el('ul', { class: 'toolbar' },
    can('ropa:create') ? el('li', {}, el('a', { href: '/console/ropa/new', 'data-nav': '', class: 'button', id: 'new-entry' }, 'New entry')) : null,
    can('ropa:export') ? [
      el('li', {}, el('a', { href: '/api/v1/ropa/register?format=csv', class: 'button secondary', id: 'export-csv' }, 'Export CSV')),
      el('li', {}, el('a', { href: '/api/v1/ropa/register?format=xlsx', class: 'button secondary', id: 'export-xlsx' }, 'Export XLSX')),
      el('li', {}, el('a', { href: '/api/v1/reports/processing-register', class: 'button secondary', id: 'export-pdf' }, 'Signed PDF'))] : null,
    el('li', {}, el('a', { href: '/console/ropa/systems', 'data-nav': '' }, 'Systems')),
    can('retention:view') ? el('li', {}, el('a', { href: '/console/retention', 'data-nav': '' }, 'Retention policies')) : null);
  const sections = [told(), tools,
    el('div', { class: 'inline-form filters' },
      el('p', {}, el('label', { for: 'filter-status' }, 'Status'), status),
      el('div', { class: 'choice' }, gaps, el('label', { for: 'filter-gaps' }, 'Only entries Art. 30 still asks something of'))),
    count,
    el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Register entries' }, el('table', { id: 'register' },
      el('caption', {}, 'One row per processing activity'),
      el('thead', {}, el('tr', {}, ['Reference', 'Name', 'Role', 'Status', 'Version', 'Missing points', 'Review by', 'Owner']
        .map((h) => el('th', { scope: 'col' }, h)))),
      body))];
  if (can('ropa:import')) {
    sections.push(importSection(async () => {
      entries = await api('/ropa/activities');
      show();
    }));
  }
  page('Record of processing activities', ...sections.filter(Boolean)); // page() would print a null
}

/** Uploads a CSV or XLSX register: the counts, or every problem with its line; nothing is imported then. */
function importSection(reload) {
  const result = el('div', { id: 'import-result', role: 'status' });
  const file = el('input', { id: 'import-file', type: 'file', accept: `.csv,text/csv,.xlsx,${XLSX}`, 'aria-describedby': 'import-hint' });
  const form = el('form', { class: 'card', id: 'import' },
    el('p', {}, el('label', { for: 'import-file' }, 'Register file (CSV or XLSX)'), file,
      el('span', { class: 'hint', id: 'import-hint' }, 'With the export\'s columns: each row creates the entry with its reference or changes it. '
        + 'Any problem refuses the whole file.')),
    el('p', {}, el('button', { type: 'submit' }, 'Import')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    result.replaceChildren();
    const chosen = file.files[0];
    if (!chosen) {
      result.append(el('p', { class: 'problem' }, 'Choose a file first.'));
      return;
    }
    const csv = chosen.name.toLowerCase().endsWith('.csv') || chosen.type === 'text/csv';
    result.textContent = 'Importing…';
    try {
      const done = await api('/ropa/register/imports', { method: 'POST', raw: chosen, contentType: csv ? 'text/csv' : XLSX });
      result.replaceChildren(el('div', { class: 'ok-box' }, el('p', {},
        `Imported ${done.rows} row${done.rows === 1 ? '' : 's'}: ${done.created} created, ${done.changed} changed, ${done.unchanged} unchanged.`),
      done.systemsAdded.length ? el('p', {}, `Systems added: ${done.systemsAdded.join(', ')}.`) : null));
      await reload();
    } catch (e) {
      if (!(e instanceof Problem) || !e.errors.length) {
        result.replaceChildren(problemAlert(e instanceof Problem ? e : new Problem(0, { title: 'Not imported', detail: String(e) })));
        return;
      }
      result.replaceChildren(el('div', { class: 'problem' }, el('p', {}, el('strong', {}, 'Nothing was imported. '), e.message),
        el('ul', { id: 'import-problems' }, e.errors.map((p) => el('li', {}, `${p.line ? `line ${p.line}, ` : ''}${p.field}: ${p.reason}`)))));
    }
  });
  return el('section', { 'aria-labelledby': 'import-h' }, el('h2', { id: 'import-h' }, 'Import'), form, result);
}
