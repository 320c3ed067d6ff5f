// Changing an assessment on its page: its title, owner, review date and screening (the activity and reference stay).
// A change of title or screening puts a signed-off DPIA in progress again (the API decides and says so); the answers
// go with it as saved (a screening that no longer requires a DPIA drops them, once confirmed). Not while the DPO reviews it.
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
  const answered = Object.keys(view.answers).length;
  let dropConfirmed = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = all.read('');
    // the API keeps no answers for an assessment its screening does not require (DpiaScreening's rule, as screeningParts says it)
    const required = body.article35Cases.length > 0 || (body.criteria.length >= 2 && !body.reasoning);
    if (!required && answered && !dropConfirmed) {
      dropConfirmed = true;
      slot.replaceChildren(el('p', { role: 'alert', class: 'problem' }, `The new screening requires no DPIA, so its ${answered}`
        + ` answer${answered === 1 ? '' : 's'} will be dropped. Save changes again to confirm.`));
      return;
    }
    try {
      const saved = await api(`/dpias/${d.id}`, { method: 'PUT', body: { ...body, reference: d.reference,
        activityId: d.activityId, answers: required ? view.answers : {} } });
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
