// Data protection impact assessments (GDPR Art. 35) as a list: each with its processing activity, status, screening
// outcome, review date (overdue ones marked) and whether prior consultation of the supervisory authority is required
// (Art. 36(1)); a new assessment and the questionnaires for those who may.
import { api } from './api.js';
import { el, words } from './dom.js';
import { can, session } from './app.js';
import { told } from './ropa-fields.js';
import { overdue, reviewDate, scrollTable } from './pages.js';
import { OUTCOMES } from './dpia-screening.js';

/** An activity by its reference and name, linked, for those who may read the register. */
export function activityLink(id, activities) {
  const a = activities?.find((x) => x.id === id);
  if (!a) {
    return `Activity ${id.slice(0, 8)}`;
  }
  return el('a', { href: `/console/ropa/activities/${id}`, 'data-nav': '' }, `${a.reference}: ${a.name}`);
}

export async function dpiaListView({ page }) {
  const zone = session.me.timeZone;
  const dpias = await api('/dpias');
  const activities = can('ropa:view') ? await api('/ropa/activities') : null;
  // the list's summaries do not say it: each assessment's own view does, with the API's reason
  const views = await Promise.all(dpias.map((d) => api(`/dpias/${d.id}`).catch(() => null)));
  const prior = (i) => {
    if (!views[i]) {
      return '—';
    }
    return views[i].priorConsultation ? el('span', { class: 'urgency overdue' }, el('span', { 'aria-hidden': 'true' }, '■'), ' Required')
      : 'No';
  };
  const rows = dpias.map((d, i) => el('tr', { class: overdue(d.reviewDue, zone) ? 'overdue' : null },
    el('th', { scope: 'row' }, el('a', { href: `/console/dpias/${d.id}`, 'data-nav': '' }, d.reference)),
    el('td', {}, d.title), el('td', {}, activityLink(d.activityId, activities)), el('td', {}, words(d.status)),
    el('td', {}, OUTCOMES[d.screening] || d.screening), el('td', {}, reviewDate(d.reviewDue, zone)), el('td', {}, prior(i))));
  const tools = el('ul', { class: 'toolbar' },
    can('dpia:create') ? el('li', {}, el('a', { href: '/console/dpias/new', 'data-nav': '', class: 'button', id: 'new-dpia' }, 'New DPIA')) : null,
    el('li', {}, el('a', { href: '/console/dpias/templates', 'data-nav': '' }, 'Questionnaires')));
  page('Data protection impact assessments', ...[told(), tools,
    dpias.length ? scrollTable({ id: 'dpias', label: 'DPIAs', caption: 'One row per assessment',
      headers: ['Reference', 'Title', 'Processing activity', 'Status', 'Screening', 'Review by', 'Prior consultation (Art. 36(1))'], rows })
      : el('p', {}, 'No assessment yet. A DPIA screens one processing activity of the register.')].filter(Boolean)); // page() would print a null
}
