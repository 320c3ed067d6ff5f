// Changing an assessment on its page: its title, owner, review date and screening (the activity and reference stay).
// A change of title or screening puts a signed-off DPIA in progress again (the API decides and says so); the answers
// go with it as saved. Not while the DPO reviews it.
import { api, asProblem } from './api.js';
import { el } from './dom.js';
import { render } from './app.js';
import { group, showProblems, tell, text } from './ropa-fields.js';
import { ownerChoice } from './pages.js';
import { OUTCOMES, screeningParts } from './dpia-screening.js';

export function dpiaChangeForm(view, users) {
  const { dpia: d, screening: s } = view;
  const screening = screeningParts(s);
  const parts = {
    title: text('Title', d.title, { attrs: { required: true, maxlength: 300 } }),
    ownerId: ownerChoice(d.ownerId, users),
    reviewDue: text('Review by', d.reviewDue, { type: 'date', hint: 'Its owner (else the APPROVERs) is reminded before this date.' }),
    ...screening,
  };
  const all = group(Object.entries(parts));
  const slot = el('div');
  const form = el('form', { id: 'dpia-change', novalidate: true }, slot,
    parts.title.node, parts.ownerId.node, parts.reviewDue.node,
    el('fieldset', {}, el('legend', {}, 'Screening'), parts.criteria.node, parts.article35Cases.node, parts.reasoning.node),
    el('p', { class: 'hint' }, d.status === 'APPROVED' ? 'A new title or screening puts the signed-off assessment in progress again:'
      + ' the DPO reviews it anew. A new owner or review date alone does not.' : 'The answers stay as saved.'),
    el('p', { class: 'actions' }, el('button', { type: 'submit' }, 'Save changes')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const saved = await api(`/dpias/${d.id}`, { method: 'PUT', body: { ...all.read(''), reference: d.reference,
        activityId: d.activityId, answers: view.answers } });
      const outcome = saved.screening;
      tell(`Saved. Screening: ${OUTCOMES[outcome.outcome] || outcome.outcome}, because ${outcome.because}.`);
      await render();
    } catch (e) {
      showProblems(form, slot, asProblem(e, 'Not saved'));
    }
  });
  all.read(''); // every input marked with its field, for the problems shown next to them
  return el('details', { id: 'change-dpia' }, el('summary', {}, 'Change title, owner, review date or screening'), form);
}
