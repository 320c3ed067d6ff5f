// One risk (the treatment reminder mails link here): its facts, both ratings, the processing activities and incidents
// it concerns, the DPIA that found it and its treatment plans; edit and delete for those who may.
import { api } from './api.js';
import { el, when, words } from './dom.js';
import { can, navigate, session } from './app.js';
import { tell, told } from './ropa-fields.js';
import { deleteControl, facts, personNamer, section } from './pages.js';
import { rating } from './risk-map.js';
import { coloursOf, source } from './risks.js';
import { treatmentsSection } from './risk-treatments.js';

export async function riskView({ params: [id], page }) {
  const zone = session.me.timeZone;
  const risk = await api(`/risks/${id}`);
  const [treatments, bands] = await Promise.all([api(`/risks/${id}/treatments`), api('/settings/risk-bands')]);
  const activities = can('ropa:view') ? await api('/ropa/activities') : null;
  const users = can('user:view') ? await api('/users') : null;
  const dpias = risk.dpiaId && can('dpia:view') ? await api('/dpias') : [];
  const person = personNamer(users || []);
  const colours = coloursOf(bands);

  const summary = facts(['Reference', risk.reference], ['Status', el('span', { id: 'risk-status' }, words(risk.status))],
    ['Category', risk.category || '—'], ['Owner', person(risk.ownerId)], ['Source', source(risk, dpias)],
    ['Description', risk.description || '—'], ['Recorded', when(risk.createdAt, zone)], ['Last change', when(risk.updatedAt, zone)]);
  summary.id = 'risk-facts';
  const ratings = section('Ratings', facts(['Inherent (before treatment)', el('span', { id: 'risk-inherent' }, rating(risk.inherent, colours))],
    ['Residual (after treatment)', el('span', { id: 'risk-residual' }, rating(risk.residual, colours, 'not treated yet'))]));
  const linked = section('Processing activities concerned', risk.activityIds.length ? el('ul', { id: 'risk-activities' }, risk.activityIds.map((a) => {
    const known = activities?.find((x) => x.id === a);
    return el('li', {}, known ? el('a', { href: `/console/ropa/activities/${a}`, 'data-nav': '' }, `${known.reference}: ${known.name}`)
      : `Activity ${a.slice(0, 8)}${activities ? ' (no longer in the register)' : ''}`);
  })) : el('p', {}, 'None linked.'));
  const incidents = section('Incidents', risk.incidentRefs.length ? el('ul', {}, risk.incidentRefs.map((r) => el('li', {}, r)))
    : el('p', {}, 'No incident referenced.'));
  page(`${risk.reference}: ${risk.title}`, ...[told(), summary, actions(risk), ratings, linked, incidents,
    treatmentsSection(risk, treatments, { users, person, zone }),
    el('p', {}, el('a', { href: '/console/risks', 'data-nav': '' }, 'Back to the risk register'))].filter(Boolean)); // page() would print a null
}

function actions(risk) {
  const tools = el('p', { class: 'toolbar' });
  const parts = [tools];
  if (can('risk:update')) {
    tools.append(el('a', { href: `/console/risks/${risk.id}/edit`, 'data-nav': '', class: 'button', id: 'edit-risk' }, 'Edit'));
  }
  if (can('risk:delete')) {
    const { button, confirm } = deleteControl({ id: 'delete-risk', yes: `Yes, delete ${risk.reference}`,
      question: `Delete ${risk.reference} and its treatment plans? This cannot be undone.`,
      call: () => api(`/risks/${risk.id}`, { method: 'DELETE' }),
      done: () => {
        tell(`${risk.reference} deleted.`);
        return navigate('/console/risks');
      } });
    tools.append(button);
    parts.push(confirm);
  }
  return tools.children.length ? el('div', { id: 'risk-actions' }, parts) : null;
}
