// A new DPIA: the processing activity it assesses (from the register), its reference and title, the screening, an
// owner and a review date, and the questionnaire it will be answered against. The API screens it: the answer is
// the outcome with the rule that gave it, said on the assessment's page.
import { api, asProblem } from './api.js';
import { el } from './dom.js';
import { can, navigate } from './app.js';
import { choose, group, showProblems, tell, text } from './ropa-fields.js';
import { ownerChoice, section } from './pages.js';
import { OUTCOMES, screeningParts } from './dpia-screening.js';

/** The latest version of each questionnaire, by key. */
function latest(templates) {
  const byKey = new Map();
  templates.forEach((t) => {
    if (!byKey.has(t.key) || byKey.get(t.key).version < t.version) {
      byKey.set(t.key, t);
    }
  });
  return [...byKey.values()];
}

export async function dpiaNewView({ page }) {
  const activities = await api('/ropa/activities');
  const templates = latest(await api('/dpia-templates'));
  const users = can('user:view') ? await api('/users') : null;
  const slot = el('div');
  const screening = screeningParts();
  const parts = {
    activityId: choose('Processing activity assessed', activities.map((a) => [a.id, `${a.reference}: ${a.name}`]), null,
      { blank: 'Choose one', hint: 'One entry of the record of processing activities.' }),
    reference: text('Reference', null, { hint: 'Letters, digits, ".", "_" or "-", such as DPIA-001; it cannot change once saved.',
      attrs: { required: true, maxlength: 64, autocomplete: 'off' } }),
    title: text('Title', null, { attrs: { required: true, maxlength: 300 } }),
    ...screening,
    ownerId: ownerChoice(null, users),
    reviewDue: text('Review by', null, { type: 'date', hint: 'Its owner (else the APPROVERs) is reminded before this date.' }),
    template: choose('Questionnaire', templates.map((t) => [t.key, `${t.title} (${t.key}, version ${t.version})`]), 'art35',
      { blank: 'The shipped Art. 35(7) questionnaire', hint: 'Its latest version; the assessment keeps it when a newer one is written.' }),
  };
  const all = group(Object.entries(parts));
  const form = el('form', { id: 'dpia-form', novalidate: true }, slot,
    section('The assessment', parts.activityId.node, parts.reference.node, parts.title.node, parts.ownerId.node, parts.reviewDue.node, parts.template.node),
    section('Screening', el('p', {}, 'Tick what applies to the processing. A DPIA is required for any Art. 35(3) case, and likely required when ',
      'two or more of the criteria of the EDPB-endorsed WP248 rev.01 guidelines are met.'), parts.criteria.node, parts.article35Cases.node,
    parts.reasoning.node),
    el('p', { class: 'actions' }, el('button', { type: 'submit' }, 'Screen and create'), ' ', el('a', { href: '/console/dpias', 'data-nav': '' }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const view = await api('/dpias', { method: 'POST', body: all.read('') });
      const s = view.screening;
      tell(`${view.dpia.reference} created. Screening: ${OUTCOMES[s.outcome] || s.outcome}, because ${s.because}.`);
      await navigate(`/console/dpias/${view.dpia.id}`);
    } catch (e) {
      showProblems(form, slot, asProblem(e, 'Not created'));
    }
  });
  all.read(''); // every input marked with its field, for the problems shown next to them
  page('New DPIA', el('p', {}, 'The screening decides whether the assessment is needed (GDPR Art. 35(1), (3)); when it is, the ',
    'questionnaire is answered on the assessment\'s page, the risks found go to the risk register, and the DPO gives an opinion.'), form);
}
