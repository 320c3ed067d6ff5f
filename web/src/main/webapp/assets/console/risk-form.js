// A risk's form, new (POST) or changed (PUT): likelihood and impact picked by the scale's words, the residual pair,
// the status, the processing activities it concerns (picked from the register) and incident references. The same
// form adds a risk a DPIA found (ropa-fields.js parts; the API's problems shown next to their inputs).
import { api, asProblem } from './api.js';
import { el } from './dom.js';
import { can, navigate } from './app.js';
import { choose, group, rows, showProblems, tell, text, ticks } from './ropa-fields.js';
import { ownerChoice } from './pages.js';
import { IMPACT, LIKELIHOOD } from './risk-map.js';

const STATUS_WORDS = [['TREATED', 'Treated (needs the residual rating)'], ['ACCEPTED', 'Accepted (needs an owner)'], ['CLOSED', 'Closed']];

const scale = (label, names, value) => choose(label, names.map((w, i) => [i + 1, `${i + 1} – ${w}`]), value, { number: true });

/** The activities a risk may concern: the register's for those who may read it, else only those linked already. */
function activityChoice(activities, chosen) {
  const known = activities || [];
  const options = [...known.map((a) => [a.id, `${a.reference}: ${a.name}`]),
    ...chosen.filter((id) => !known.some((a) => a.id === id)).map((id) => [id, `Activity ${id.slice(0, 8)}`,
      activities ? 'no longer in the register' : 'you cannot read the register; untick to unlink'])];
  return ticks('Processing activities concerned', options, chosen, { none: el('p', { class: 'hint' },
    activities ? 'The register has no entries yet.' : 'You cannot read the record of processing, so no activity can be picked here.') });
}

/**
 * The form: {@code save(body)} answers the saved risk; problems are shown next to their inputs. {@code withActivities}
 * false leaves the activities out (a DPIA's risk is linked to the assessed activity by the API).
 */
export function riskForm({ risk = null, activities = null, users = null, withActivities = true, id, submit = 'Save', save }) {
  const r = risk || {};
  const slot = el('div');
  const parts = {
    reference: text('Reference', r.reference, { hint: 'Letters, digits, ".", "_" or "-", such as R-001; it cannot change once saved.',
      attrs: { required: true, readonly: Boolean(risk), maxlength: 64, autocomplete: 'off' } }),
    title: text('Title', r.title, { attrs: { required: true, maxlength: 300 } }),
    description: text('Description', r.description, { multiline: true }),
    category: text('Category', r.category, { hint: 'Such as security, retention, transfer.', attrs: { maxlength: 100 } }),
    ownerId: ownerChoice(r.ownerId, users),
    inherentLikelihood: scale('Likelihood', LIKELIHOOD, r.inherent?.likelihood),
    inherentImpact: scale('Impact', IMPACT, r.inherent?.impact),
    residualLikelihood: scale('Likelihood', LIKELIHOOD, r.residual?.likelihood),
    residualImpact: scale('Impact', IMPACT, r.residual?.impact),
    status: choose('Status', STATUS_WORDS, r.status, { blank: 'Open' }), // left open, the API's default
    incidentRefs: rows('Incident references', 'Incident reference', (v) => text('Incident reference', v, { attrs: { maxlength: 100 } }),
      r.incidentRefs || [], { simple: true, hint: 'Incidents that realised or showed this risk, by their reference.' }),
  };
  if (withActivities) {
    parts.activityIds = activityChoice(activities, r.activityIds || []);
  }
  const all = group(Object.entries(parts));
  const fieldset = (legend, hint, ...nodes) => el('fieldset', {}, el('legend', {}, legend), hint ? el('p', { class: 'hint' }, hint) : null, ...nodes);
  const form = el('form', { id, novalidate: true, class: 'risk-form' }, slot,
    parts.reference.node, parts.title.node, parts.description.node, parts.category.node, parts.ownerId.node,
    fieldset('Inherent rating (before treatment)', null, parts.inherentLikelihood.node, parts.inherentImpact.node),
    fieldset('Residual rating (after treatment)', 'Both or neither; a treated risk needs it.', parts.residualLikelihood.node, parts.residualImpact.node),
    parts.status.node, withActivities ? parts.activityIds.node : null, parts.incidentRefs.node,
    el('p', { class: 'actions' }, el('button', { type: 'submit' }, submit)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await save(all.read(''));
    } catch (e) {
      showProblems(form, slot, asProblem(e, 'Not saved'));
    }
  });
  all.read(''); // every input marked with its field, for the problems shown next to them
  return form;
}

/** /console/risks/new and /console/risks/{id}/edit. */
export async function riskFormView({ params: [id], page }) {
  const risk = id ? await api(`/risks/${id}`) : null;
  const activities = can('ropa:view') ? await api('/ropa/activities') : null;
  const users = can('user:view') ? await api('/users') : null;
  const back = risk ? `/console/risks/${id}` : '/console/risks';
  const form = riskForm({ risk, activities, users, id: 'risk-form', save: async (body) => {
    const saved = risk ? await api(`/risks/${id}`, { method: 'PUT', body }) : await api('/risks', { method: 'POST', body });
    tell(`${saved.reference} saved.`);
    await navigate(`/console/risks/${saved.id}`);
  } });
  form.append(el('p', {}, el('a', { href: back, 'data-nav': '' }, 'Cancel')));
  page(risk ? `Change ${risk.reference}` : 'New risk', el('p', {}, 'Likelihood and impact are each rated 1 to 5; their product is the score, ',
    'which the organisation\'s ', el('a', { href: '/console/risks/bands', 'data-nav': '' }, 'risk bands'), ' name.'), form);
}
