// The auditor's page: the chain's verification and latest signed checkpoint, the trail with a search over what is
// shown, exports (CSV, NDJSON, signed PDF) and the check of a signed report. Nothing here changes data.
import { api, Problem } from './api.js';
import { el, problemAlert, when } from './dom.js';
import { session } from './app.js';

const FILTERS = [['eventType', 'Event type', 'dsar.closed'], ['entityType', 'Entity type', 'dsar'], ['entityId', 'Entity id', ''], ['actor', 'Actor', '']];

export async function auditView({ page }) {
  const zone = session.me.timeZone;
  const can = (p) => session.me.permissions.includes(p);
  const sections = [];
  if (can('audit:verify')) {
    sections.push(await chainSection(zone, can('checkpoint:view')));
  }
  if (can('audit:view')) {
    sections.push(await trailSection(zone));
  }
  if (can('audit:export')) {
    sections.push(exportSection());
  }
  if (can('report:verify')) {
    sections.push(reportSection());
  }
  page('Audit trail', ...sections);
}

async function chainSection(zone, checkpoints) {
  const result = el('div', { role: 'status', id: 'chain-result' });
  const verify = el('button', { type: 'button', id: 'verify-chain' }, 'Verify the chain');
  verify.addEventListener('click', async () => {
    result.textContent = 'Verifying…';
    let v;
    try {
      v = await api('/audit/verify');
    } catch (e) {
      result.replaceChildren(problemAlert(e instanceof Problem ? e : new Problem(0, { title: 'Not verified', detail: String(e) })));
      return;
    }
    result.textContent = v.intact
      ? `Intact: ${v.eventCount} events, each linked to the one before; the last is number ${v.headSeq} (${v.headHash.slice(0, 16)}…).`
      : `Broken: the chain breaks at event ${v.firstBrokenSeq}. Export it and compare with your last export.`;
    result.className = v.intact ? 'ok-box' : 'problem';
  });
  const section = el('section', { 'aria-labelledby': 'chain-h' }, el('h2', { id: 'chain-h' }, 'Chain'),
    el('p', {}, 'Every event carries the SHA-256 hash of the one before; verifying recomputes them all.'), verify, result);
  if (checkpoints) {
    const list = await api('/audit/checkpoints');
    const latest = list.reduce((a, b) => (!a || b.headSeq > a.headSeq ? b : a), null);
    section.append(el('p', { id: 'checkpoint' }, latest
      ? `Latest signed checkpoint: event ${latest.headSeq}, signed ${when(latest.takenAt, zone)} with key ${latest.signingKeyId}.`
      : 'No signed checkpoint yet (one is taken every hour, and with every export).'));
  }
  return section;
}

async function trailSection(zone) {
  const events = await api('/audit/events?latest=true&limit=1000');
  const search = el('input', { id: 'search', type: 'search', 'aria-describedby': 'search-hint' });
  const body = el('tbody');
  const count = el('p', { role: 'status' });
  const show = () => {
    const term = search.value.trim().toLowerCase();
    const shown = events.filter((e) => !term || [e.eventType, e.entityType, e.entityId, e.actor].some((f) => (f || '').toLowerCase().includes(term)));
    body.replaceChildren(...shown.slice(-200).reverse().map((e) => el('tr', {},
      el('td', {}, String(e.seq)), el('td', {}, when(e.createdAt, zone)), el('td', {}, e.eventType),
      el('td', {}, `${e.entityType || ''} ${e.entityId || ''}`), el('td', {}, e.actor))));
    count.textContent = `${shown.length} of ${events.length} events${shown.length > 200 ? ' (the latest 200 shown)' : ''}.`;
  };
  search.addEventListener('input', show);
  show();
  return el('section', { 'aria-labelledby': 'trail-h' }, el('h2', { id: 'trail-h' }, 'Events'),
    el('p', {}, el('label', { for: 'search' }, 'Search the events below'), search,
      el('span', { id: 'search-hint', class: 'hint' }, 'By event type, entity or actor; the exports filter on the server.')),
    count,
    el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Audit events' }, el('table', {},
      el('caption', {}, 'Audit events, newest first'),
      el('thead', {}, el('tr', {}, ['#', 'When', 'Event', 'Entity', 'Actor'].map((h) => el('th', { scope: 'col' }, h)))),
      body)));
}

function exportSection() {
  const form = el('form', { class: 'card', id: 'export' },
    FILTERS.map(([name, label, example]) => el('p', {}, el('label', { for: `f-${name}` }, label),
      el('input', { id: `f-${name}`, name, placeholder: example }))),
    el('p', {}, 'Download: ',
      ['csv', 'ndjson', 'pdf'].map((format) => el('button', { type: 'submit', name: 'format', value: format, class: 'inline' },
        { csv: 'CSV', ndjson: 'NDJSON', pdf: 'Signed PDF' }[format]))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams({ format: event.submitter.value });
    for (const [name] of FILTERS) {
      const value = form.elements[name].value.trim();
      if (value) {
        query.set(name, value);
      }
    }
    location.assign(`/api/v1/audit/export?${query}`); // an attachment: the page stays
  });
  return el('section', { 'aria-labelledby': 'export-h' }, el('h2', { id: 'export-h' }, 'Export'),
    el('p', {}, 'Every export ends at a fresh signed checkpoint and is itself audited.'), form);
}

function reportSection() {
  const result = el('div', { role: 'status', id: 'report-result' });
  const file = el('input', { id: 'report-file', type: 'file', accept: 'application/pdf' });
  const form = el('form', { class: 'card' }, el('p', {}, el('label', { for: 'report-file' }, 'A report from this organisation (PDF)'), file),
    el('p', {}, el('button', { type: 'submit' }, 'Check its signature')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    result.replaceChildren();
    if (!file.files.length) {
      result.append(el('p', { class: 'problem' }, 'Choose a PDF first.'));
      return;
    }
    try {
      const v = await api('/reports/verify', { method: 'POST', raw: file.files[0], contentType: 'application/pdf' });
      result.append(el('p', { class: v.verified ? 'ok-box' : 'problem' }, v.verified
        ? 'Verified: signed by this organisation, unchanged since, and its checkpoint is in the chain.'
        : `Not verified: ${v.problem}`));
    } catch (e) {
      result.append(problemAlert(e instanceof Problem ? e : new Problem(0, { title: 'Not checked', detail: String(e) })));
    }
  });
  return el('section', { 'aria-labelledby': 'report-h' }, el('h2', { id: 'report-h' }, 'Check a signed report'), form, result);
}
